"""The case page and what is done from it: the current step's actions and the completeness uploads.

Every action posts to the case's own address with the form's prefix in
``form``; the case is loaded first (a foreign id is a 404 before any form is
read), then ``services.perform_transition`` checks and does it. A refused
action shows the page again with the reason beside the form, nothing written.
"""

from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from wasl.accounts import access
from wasl.cases import services
from wasl.cases.catalogue import catalogue_of
from wasl.cases.errors import ConcurrentChange, TransitionNotAllowed
from wasl.cases.web.action_forms import PageForms, build_forms, check_named, prepare
from wasl.cases.web.forms import ACTION_FORMS, DocumentsForm, action_of, fields_prefix
from wasl.cases.web.views import bp, render
from wasl.documents.errors import UploadRefused
from wasl.documents.expiry import ExpiryError, parse_expiry
from wasl.errors import Refused
from wasl.i18n import current_language
from wasl.i18n.dates import date_phrase
from wasl.i18n.validation import translate_errors
from wasl.kernel.bilingual import pick
from wasl.kernel.form_errors import attach_errors


def case_page(case, submitted=None, errors=(), status: int = 200, upload_errors=None):
    """The case with its history, the current step's forms and the policy's references beside them."""
    language = current_language()
    page = services.case_page(case, g.membership, g.tenant, language)
    catalogue = page.catalogue
    forms = build_forms(case, page.details, catalogue, language, submitted)
    return render("show.html", status, case=case, details=page.details, catalogue=catalogue, forms=forms,
                  step=catalogue.step(case.step), service=catalogue.service(case.service_key),
                  references=page.references, errors=list(errors), upload_form=DocumentsForm(formdata=None),
                  upload_errors=upload_errors or {}, pick=pick, language=language, signed_pledge=page.signed_pledge)


@bp.route("/<int:case_id>", methods=["POST"])
@access.requires("cases.view")
def act(case_id: int):
    case = services.require_case(case_id)
    prefix = request.form.get("form", "")
    action = action_of(prefix)
    if action not in ACTION_FORMS:
        raise Refused(_("The form does not name an action of this case."), 400)
    form = ACTION_FORMS[action](prefix=fields_prefix(prefix))
    prepare(form, case, catalogue_of(case.policy_version), current_language(), check=check_named(prefix, case))
    if not form.validate_on_submit():
        return _again(case_id, PageForms.submitted(fields_prefix(prefix), form), [], 400)
    try:
        services.perform_transition(case, action, form.payload(), g.actor)
    except ValidationError as invalid:
        general = _attach(form, translate_errors(invalid.normalized_messages()))
        return _again(case_id, PageForms.submitted(fields_prefix(prefix), form), general, 422)
    except ConcurrentChange as conflict:
        return _again(case_id, None, [conflict.detail], conflict.status)
    except TransitionNotAllowed as refused:
        return _again(case_id, PageForms.submitted(fields_prefix(prefix), form), [refused.detail], refused.status)
    flash(_("Done: {action}.").format(action=action_label(action)), "success")
    return redirect(url_for("cases.show", case_id=case_id))


def action_label(action: str) -> str:
    from wasl.cases.workflow import RULES_BY_NAME

    rule = RULES_BY_NAME.get(action)
    return str(rule.label) if rule else action


def _again(case_id: int, submitted, errors, status: int, upload_errors=None):
    return case_page(services.require_case(case_id), submitted, errors, status, upload_errors)


def _attach(form, messages: dict) -> list[str]:
    """Put each message beside its field; returns those that belong to no field the page shows."""
    return attach_errors(form, messages, {field.short_name: None for field in form if field.type == "HiddenField"})


# --- completeness check: uploads ----------------------------------------------------------------------


@bp.route("/<int:case_id>/documents", methods=["POST"])
@access.requires("cases.handle")
def upload_documents(case_id: int):
    """Store the files chosen for the service's required documents, each with its expiry date."""
    case = services.require_case(case_id)
    language = current_language()
    service = catalogue_of(case.policy_version).service(case.service_key)
    if not DocumentsForm().validate_on_submit():
        raise Refused(_("The form expired or was sent from elsewhere. Reload the page and try again."), 400)
    if not case.is_active:
        return _again(case_id, None, [_("Documents can only be added while the case is open.")], 409)
    chosen, errors = _chosen_uploads(service, language)
    if not chosen and not errors:
        errors["documents"] = _("Choose at least one file to upload.")
    if errors:
        return _again(case_id, None, [], 422, errors)
    try:
        services.add_documents(case, chosen, g.actor, language)
    except UploadRefused as refused:
        return _again(case_id, None, [], refused.status, {refused.field: refused.message})
    flash(_("Uploaded: {count} document(s).").format(count=len(chosen)), "success")
    for spec, _upload, expires_on in chosen:
        if expires_on is not None:  # typed in one calendar: read back in both
            flash(_("“{document}” expires on {date}.").format(document=pick(spec.name, language),
                                                             date=date_phrase(expires_on)), "info")
    return redirect(url_for("cases.show", case_id=case_id, _anchor="documents"))


def _chosen_uploads(service, language: str):
    """The (document spec, file, expiry date) triples chosen, and an error per field that is wrong."""
    chosen, errors = [], {}
    for spec in service.documents if service else ():
        upload = request.files.get(f"file-{spec.key}")
        if upload is None or not upload.filename:
            continue
        name = pick(spec.name, language)
        raw = (request.form.get(f"expires-{spec.key}") or "").strip()
        expires_on = None
        if raw:
            try:
                expires_on = parse_expiry(raw).day  # Hijri as on Saudi IDs, or Gregorian
            except ExpiryError as invalid:
                errors[f"expires-{spec.key}"] = _("The expiry date of “{document}”: {reason}").format(
                    document=name, reason=invalid.reason)
                continue
        elif spec.has_expiry:
            errors[f"expires-{spec.key}"] = _("Enter the expiry date of “{document}”.").format(document=name)
            continue
        chosen.append((spec, upload, expires_on))
    return chosen, errors
