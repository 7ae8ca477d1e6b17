"""The association's profile, letterhead, holidays and data exports, for its admins."""

from __future__ import annotations

from flask import abort, current_app, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from wasl.accounts import access
from wasl.administration import services
from wasl.administration.blueprint import bp
from wasl.administration.forms import EmptyForm, HolidayForm, LetterheadForm, ProfileForm
from wasl.administration.refusals import HolidayTaken, LogoError
from wasl.archive.downloads import send_export


def notification_settings_url() -> str | None:
    """The notifications feature's settings page, when it is installed."""
    for endpoint in ("notifications.settings", "notifications.providers", "notifications.index"):
        if endpoint in current_app.view_functions:
            return url_for(endpoint)
    return None


def _profile_form() -> ProfileForm:
    tenant = g.tenant
    terms = tenant.terminology or {}
    contacts = tenant.contacts or {}
    data = {field: getattr(tenant, field) for field in services.PROFILE_FIELDS}
    data |= {key: contacts.get(key) for key in services.CONTACT_KEYS}
    for key in ("beneficiary", "beneficiaries"):
        data[f"{key}_ar"], data[f"{key}_en"] = terms.get(key, {}).get("ar"), terms.get(key, {}).get("en")
    return ProfileForm(data=data)


@bp.route("/profile", methods=["GET", "POST"])
@access.requires("tenant.admin")
def profile_page():
    form = _profile_form() if not EmptyForm().is_submitted() else ProfileForm()
    if form.validate_on_submit():
        services.update_profile(g.tenant, _changes(form))
        flash(_("The association's profile was saved."), "success")
        return redirect(url_for("administration.profile_page"))
    tagline = (g.tenant.letterhead or {}).get("tagline") or {}
    letterhead_form = LetterheadForm(data={"tagline_ar": tagline.get("ar"), "tagline_en": tagline.get("en")})
    return render_template("administration/profile.html", form=form, letterhead_form=letterhead_form,
                           notifications_url=notification_settings_url()), 422 if form.errors else 200


def _changes(form: ProfileForm) -> dict:
    changes = {field: (getattr(form, field).data or None) for field in services.PROFILE_FIELDS}
    changes["name_ar"], changes["name_en"] = form.name_ar.data.strip(), form.name_en.data.strip()
    changes["default_locale"] = form.default_locale.data
    contacts = dict(g.tenant.contacts or {})
    for key in services.CONTACT_KEYS:
        value = getattr(form, key).data
        contacts.pop(key, None) if not value else contacts.__setitem__(key, value.strip())
    changes["contacts"] = contacts
    words = {key: {"ar": getattr(form, f"{key}_ar").data.strip(), "en": getattr(form, f"{key}_en").data.strip()}
             for key in ("beneficiary", "beneficiaries")}
    stored = dict(g.tenant.terminology or {})
    if stored.get("beneficiaries") != words["beneficiaries"]:
        stored.pop("beneficiaries_heading", None)  # a new plural: its heading form is not known
    changes["terminology"] = {**stored, **words}
    return changes


@bp.route("/letterhead", methods=["POST"])
@access.requires("tenant.admin")
def letterhead():
    form = LetterheadForm()
    if not form.validate_on_submit():
        abort(400)
    tagline = {"ar": (form.tagline_ar.data or "").strip(), "en": (form.tagline_en.data or "").strip()}
    try:
        services.update_letterhead(g.tenant, tagline=tagline if any(tagline.values()) else None,
                                   logo=form.logo.data.read() if form.logo.data else None)
    except LogoError as refused:  # the logo is checked before anything is written
        flash(refused.detail, "danger")
        return redirect(url_for("administration.profile_page"))
    flash(_("The letterhead was saved."), "success")
    return redirect(url_for("administration.profile_page"))


@bp.route("/holidays", methods=["GET", "POST"])
@access.requires("tenant.admin")
def holiday_list():
    form = HolidayForm()
    if form.validate_on_submit():
        try:
            services.add_holiday(form.on.data, form.name_ar.data, form.name_en.data)
        except HolidayTaken as refused:
            form.on.errors = [refused.detail]
        else:
            flash(_("The holiday was added."), "success")
            return redirect(url_for("administration.holiday_list"))
    return render_template("administration/holidays.html", form=form, holidays=services.holiday_list(),
                           button=EmptyForm()), 422 if form.errors else 200


@bp.route("/holidays/<int:holiday_id>/delete", methods=["POST"])
@access.requires("tenant.admin")
def delete_holiday(holiday_id: int):
    holiday = services.holiday(holiday_id)
    EmptyForm().validate_on_submit() or abort(400)
    services.remove_holiday(holiday)
    flash(_("The holiday was removed."), "success")
    return redirect(url_for("administration.holiday_list"))


@bp.route("/exports", methods=["GET", "POST"])
@access.requires("tenant.admin")
def export_list():
    form = EmptyForm()
    if form.validate_on_submit():
        services.start_export(g.tenant, g.actor)
        flash(_("The export is being prepared."), "info")
        return redirect(url_for("administration.export_list"))
    items = services.export_list(g.tenant)
    return render_template("administration/exports.html", exports=items, button=form,
                           refresh=any(not e.is_finished for e in items))


@bp.route("/exports/<int:export_id>/download")
@access.requires("tenant.admin")
def download_export(export_id: int):
    return send_export(g.tenant, export_id)
