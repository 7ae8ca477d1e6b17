"""The admin's page for recording who reads personal data: on or off (off by default)."""

from __future__ import annotations

from flask import flash, g, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField

from wasl.accounts import access
from wasl.privacy import services
from wasl.privacy.views import bp


class ReadAuditForm(FlaskForm):
    enabled = BooleanField(_l("Record who reads personal data, and why"))


@bp.route("/read-audit", methods=["GET", "POST"])
@access.requires("tenant.admin")
def read_audit_page():
    form = ReadAuditForm(data={"enabled": services.read_audit_enabled()})
    if form.validate_on_submit():
        enabled = services.choose_read_audit(g.tenant, form.enabled.data, g.actor)
        flash(_("Reads of personal data are now recorded.") if enabled
              else _("Reads of personal data are no longer recorded."), "success")
        return redirect(url_for("privacy.read_audit_page"))
    return render_template("privacy/read_audit.html", form=form, reasons=services.REASONS.values(),
                           enabled=services.read_audit_enabled())
