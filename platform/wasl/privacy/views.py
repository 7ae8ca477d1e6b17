"""Pages for an admin: what is held about one person (page, JSON, PDF), and erasing it."""

from __future__ import annotations

import json

from flask import Blueprint, Response, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, TextAreaField
from wtforms.validators import DataRequired, Length

from wasl.accounts import access
from wasl.i18n import current_language
from wasl.privacy import services
from wasl.privacy.pdf import render_personal_data_pdf
from wasl.unit_of_work import keep_writes

bp = Blueprint("privacy", __name__, url_prefix="/<slug>/admin/personal-data")  # behind the second factor


class ErasureForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[DataRequired(_l("Reason: say why this person's data is erased.")),
                                                    Length(max=500)])
    confirm = BooleanField(_l("I understand that the person's name, ID, mobile and documents cannot be brought back."),
                           validators=[DataRequired(_l("Confirm that you understand the erasure cannot be undone."))])


def _person(beneficiary_id: int):
    return services.person(beneficiary_id)


def _reason(beneficiary):
    """The reason given for reading this person's data (asked first while reads are recorded)."""
    return services.reason_to_open(beneficiary, "personal_data")


@bp.route("/<int:beneficiary_id>")
@access.requires("tenant.admin")
def personal_data(beneficiary_id: int, form: ErasureForm | None = None, status: int = 200):
    beneficiary = _person(beneficiary_id)
    data = services.export_personal_data(beneficiary, "page", _reason(beneficiary))
    keep_writes()  # the read is audited even when the page shows a refused erasure
    return render_template("privacy/personal_data.html", beneficiary=beneficiary, data=data,
                           erased=services.is_erased(beneficiary), form=form or ErasureForm()), status


@bp.route("/<int:beneficiary_id>.json")
@access.requires("tenant.admin")
def personal_data_json(beneficiary_id: int):
    beneficiary = _person(beneficiary_id)
    data = services.export_personal_data(beneficiary, "json", _reason(beneficiary))
    body = json.dumps(data, ensure_ascii=False, indent=2)
    return Response(body, mimetype="application/json", headers={
        "Content-Disposition": f'attachment; filename="personal-data-{beneficiary_id}.json"'})


@bp.route("/<int:beneficiary_id>.pdf")
@access.requires("tenant.admin")
def personal_data_pdf(beneficiary_id: int):
    beneficiary = _person(beneficiary_id)
    data = services.export_personal_data(beneficiary, "pdf", _reason(beneficiary))
    pdf = render_personal_data_pdf(g.tenant, data, current_language())
    return Response(pdf, mimetype="application/pdf", headers={
        "Content-Disposition": f'attachment; filename="personal-data-{beneficiary_id}.pdf"'})


@bp.route("/<int:beneficiary_id>/erase", methods=["POST"])
@access.requires("tenant.admin")
def erase(beneficiary_id: int):
    beneficiary = _person(beneficiary_id)
    form = ErasureForm()
    if not form.validate_on_submit():
        return personal_data(beneficiary_id, form=form, status=422)
    try:
        services.erase_person(beneficiary, form.reason.data, g.actor)
    except services.ErasureRefused as refusal:
        form.reason.errors = [str(refusal)]
        return personal_data(beneficiary_id, form=form, status=409)
    flash(_("The person's data was erased. Their closed requests are kept without their identity."), "success")
    return redirect(url_for("privacy.personal_data", beneficiary_id=beneficiary_id))
