"""The onboarding wizard: a few short steps kept in the session, then the onboarding service, once.

Text answers live in the signed session cookie; the logo and an uploaded
policy file wait in a per-draft folder under the instance folder until the
final step hands everything to ``onboard_association``.
"""

from __future__ import annotations

import base64
import secrets
import shutil
from dataclasses import replace
from pathlib import Path

from flask import abort, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from wasl.accounts import access
from wasl.administration.letterhead import LogoError
from wasl.administration.mailer import can_email
from wasl.errors import NotFound
from wasl.operator import forms, policy_start, services
from wasl.operator.blueprint import bp
from wasl.operator.wizard_payload import STEP_OF_FIELD, payload_from

DRAFT_KEY = "wasl.onboarding"
STEPS = (
    ("identity", _l("Identity"), forms.IdentityStep),
    ("contacts", _l("Contacts"), forms.ContactsStep),
    ("letterhead", _l("Letterhead and terms"), forms.LetterheadStep),
    ("policy", _l("Policy"), forms.PolicyStep),
    ("admin", _l("First admin"), forms.AdminStep),
    ("confirm", _l("Confirm"), forms.ConfirmStep),
)
STEP_NAMES = [name for name, _label, _form in STEPS]
FILE_FIELDS = {"logo", "policy_file"}


def _draft() -> dict:
    draft = session.get(DRAFT_KEY)
    if not draft:
        draft = {"id": secrets.token_hex(12), "data": {}}
        session[DRAFT_KEY] = draft
    return draft


def _draft_folder(draft: dict) -> Path:
    return Path(current_app.instance_path) / "onboarding" / str(g.actor.id) / draft["id"]


@bp.route("/onboarding/")
@access.operator_only
def wizard_start():
    return redirect(url_for("operator.wizard_step", step=STEP_NAMES[0]))


@bp.route("/onboarding/<step>", methods=["GET", "POST"])
@access.operator_only
def wizard_step(step: str):
    if step not in STEP_NAMES:
        raise NotFound()
    if step == "confirm":
        return _confirm()
    draft = _draft()
    form_class = dict((n, f) for n, _label, f in STEPS)[step]
    saved = {k: v for k, v in draft["data"].get(step, {}).items() if k not in FILE_FIELDS}
    form = form_class(data=saved) if request.method == "GET" else form_class()
    if step == "policy":
        form.copy_from.choices = [(c["slug"], c["name"].get("ar") or c["slug"]) for c in services.copyable_policies()]
    if form.validate_on_submit() and _keep_files(step, form, draft):
        fields = {k: v for k, v in form.data.items() if k not in FILE_FIELDS | {"csrf_token"}}
        draft["data"][step] = fields | _file_flags(step, draft)
        session[DRAFT_KEY] = draft
        session.modified = True
        return redirect(url_for("operator.wizard_step", step=STEP_NAMES[STEP_NAMES.index(step) + 1]))
    status = 200 if request.method == "GET" else 422
    return render_template("operator/wizard.html", steps=STEPS, step=step, form=form, draft=draft), status


def _keep_files(step: str, form, draft: dict) -> bool:
    """Check and park the uploaded logo or policy file; False (with the error on the field) if refused."""
    folder = _draft_folder(draft)
    if step == "letterhead" and form.logo.data:
        data = form.logo.data.read()
        try:
            services.check_logo(data)
        except LogoError as error:
            form.logo.errors = [str(error)]
            return False
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "logo").write_bytes(data)
    if step == "policy" and form.source.data == policy_start.UPLOAD:
        return _keep_policy_file(form, folder)
    return True


def _keep_policy_file(form, folder: Path) -> bool:
    if not form.policy_file.data:
        if (folder / "policy.yaml").is_file():
            return True
        form.policy_file.errors = [_("Policy file: choose a policy.yaml to upload.")]
        return False
    text = form.policy_file.data.read(1024 * 1024 + 1)
    try:
        if len(text) > 1024 * 1024:
            raise ValidationError({"policy": [_("Policy file: larger than 1 MB.")]})
        services.check_policy_upload(text)
    except ValidationError as error:
        form.policy_file.errors = list(error.messages["policy"])
        return False
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "policy.yaml").write_bytes(text)
    return True


def _file_flags(step: str, draft: dict) -> dict:
    folder = _draft_folder(draft)
    if step == "letterhead":
        return {"has_logo": (folder / "logo").is_file()}
    return {}


def _confirm():
    draft = _draft()
    missing = [name for name in STEP_NAMES[:-1] if name not in draft["data"]]
    if missing:
        return redirect(url_for("operator.wizard_step", step=missing[0]))
    form = forms.ConfirmStep()
    errors = {}
    if form.validate_on_submit():
        try:
            return _create(draft)
        except ValidationError as error:
            errors = _errors_by_step(error.normalized_messages())
    status = 422 if errors else 200
    return render_template("operator/wizard.html", steps=STEPS, step="confirm", form=form, draft=draft,
                           errors=errors, email_on=can_email()), status


def _create(draft: dict):
    folder = _draft_folder(draft)
    req = services.request_from_payload(payload_from(draft["data"], _read(folder / "policy.yaml")))
    logo = _read(folder / "logo")
    if logo:
        req = replace(req, logo=logo)
    result = services.onboard(req, actor=g.actor, via="wizard")
    shutil.rmtree(folder, ignore_errors=True)
    session.pop(DRAFT_KEY, None)
    outcome = result.invitation
    flash(_("The association {name} was created.").format(name=result.tenant.name_ar), "success")
    if outcome.membership is None and not (outcome.emailed and can_email()):
        flash(_("Send this single-use invitation link to the admin: {url}").format(url=outcome.url), "info")
    elif outcome.membership is None:
        flash(_("The invitation was sent by e-mail to {email}.").format(email=req.admin_email), "success")
    return redirect(url_for("operator.association_page", association=result.tenant.slug))


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def _errors_by_step(messages: dict) -> dict:
    out: dict = {}
    for field, problems in messages.items():
        out.setdefault(STEP_OF_FIELD.get(field, "identity"), []).append((field, problems))
    return out


@bp.route("/onboarding/cancel", methods=["POST"])
@access.operator_only
def wizard_cancel():
    forms.ConfirmStep().validate_on_submit() or abort(400)
    draft = session.pop(DRAFT_KEY, None)
    if draft:
        shutil.rmtree(_draft_folder(draft), ignore_errors=True)
    return redirect(url_for("operator.console"))


def logo_preview(draft: dict) -> str | None:
    """A data URI of the parked logo for the confirmation step."""
    data = _read(_draft_folder(draft) / "logo")
    if not data:
        return None
    media = "image/png" if data.startswith(b"\x89PNG") else "image/svg+xml"
    return f"data:{media};base64," + base64.b64encode(data).decode()
