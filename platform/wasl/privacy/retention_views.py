"""The admin's page for the retention period: choose it, see who is due, apply it now."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_babel import ngettext
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField
from wtforms.validators import DataRequired

from wasl.accounts import access
from wasl.db import utcnow
from wasl.i18n.dates import local_date
from wasl.privacy import services
from wasl.privacy.models import KEEP_CHOICES
from wasl.privacy.views import bp

KEEP_LABELS = {
    None: _l("Until an admin erases it"),
    12: _l("One year after the person's last request was closed"),
    24: _l("Two years after the person's last request was closed"),
    36: _l("Three years after the person's last request was closed"),
    60: _l("Five years after the person's last request was closed"),
    120: _l("Ten years after the person's last request was closed"),
}


def _months(value):
    return int(value) if value not in (None, "", "None") else None


class RetentionForm(FlaskForm):
    keep_months = SelectField(_l("Keep personal data"), coerce=_months, validate_choice=True,
                              choices=[(months, KEEP_LABELS[months]) for months in (None, *KEEP_CHOICES)])


class ApplyForm(FlaskForm):
    confirm = BooleanField(_l("I understand that the erased people's names, IDs, mobiles and documents cannot be "
                              "brought back."),
                           validators=[DataRequired(_l("Confirm that you understand the erasure cannot be undone."))])


@bp.route("/retention", methods=["GET", "POST"])
@access.requires("tenant.admin")
def retention_page():
    state = services.retention_state(local_date(utcnow()))
    form = RetentionForm(data={"keep_months": state.keep_months})
    if form.validate_on_submit():
        services.choose_retention(g.tenant, form.keep_months.data, g.actor)
        flash(_("The retention period was saved."), "success")
        return redirect(url_for("privacy.retention_page"))
    return _page(state, form, ApplyForm(formdata=None), 422 if form.errors else 200)


@bp.route("/retention/apply", methods=["POST"])
@access.requires("tenant.admin")
def apply_retention_now():
    apply_form = ApplyForm()
    if not apply_form.validate_on_submit():
        state = services.retention_state(local_date(utcnow()))
        return _page(state, RetentionForm(formdata=None, data={"keep_months": state.keep_months}), apply_form, 422)
    report = services.apply_retention(g.tenant, local_date(utcnow()), g.actor)
    flash(ngettext("Retention applied: %(num)s person's data was erased.",
                   "Retention applied: %(num)s people's data was erased.", report.erased), "success")
    return redirect(url_for("privacy.retention_page"))


def _page(state, form, apply_form, status: int):
    return render_template("privacy/retention.html", form=form, apply_form=apply_form, state=state,
                           keep_label=KEEP_LABELS.get(state.keep_months)), status
