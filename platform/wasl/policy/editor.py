"""The section-by-section editor of a draft, with its live preview (pages on the policy blueprint).

Every form carries the draft's ``lock_version``: when someone else saved in
between, nothing is written and the form comes back with the person's input
and a message. The service's field-path errors are shown on the fields.
"""

from __future__ import annotations

import contextlib

from flask import flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from wasl.accounts import access
from wasl.accounts.permissions import ROLE_TEMPLATES
from wasl.db import db
from wasl.documents.errors import UploadRefused
from wasl.i18n import current_language
from wasl.i18n.validation import translate_errors
from wasl.policy import services, vocabulary
from wasl.policy.errors import PolicyConflict, StaleDraft
from wasl.policy.forms import attach_errors
from wasl.policy.section_forms import SECTION_FORMS, chosen_file
from wasl.policy.services import REFERENCE_FILE_PREFIX


def choices(language: str) -> dict:
    """The vocabulary the section templates offer in their drop-downs, in the page language."""
    # A step names one of the standard roles (the policy is shared across associations); the association's
    # own name for that role is shown.
    names = {**{k: t["name"] for k, t in ROLE_TEMPLATES.items()}, **services.role_names(g.tenant)}
    return {
        "step_types": [(k, str(v)) for k, v in vocabulary.STEP_TYPES.items()],
        "roles": [(k, names[k].get(language) or k) for k in ROLE_TEMPLATES],
        "reference_kinds": [(k, str(v)) for k, v in vocabulary.REFERENCE_KINDS.items()],
        "mechanisms": [(k, str(v)) for k, v in vocabulary.MECHANISMS.items()],
        "criterion_kinds": [(k, str(v)) for k, v in vocabulary.CRITERION_KINDS.items()],
        "measures": [(k, str(v)) for k, v in vocabulary.MEASURES.items()],
        "counting": [(k, str(v)) for k, v in vocabulary.COUNTING.items()],
        "scales": [(str(n), str(n)) for n in range(2, 6)],
        "channel_names": {k: v.get(language) for k, v in vocabulary.CANONICAL_CHANNELS.items()},
    }


def _page(version, section: str, form, *, status: int = 200, summary=(), notice: str | None = None):
    language = current_language()
    return render_template(
        "policy/edit_section.html", version=version, section=section, form=form, summary=list(summary),
        notice=notice, choices=choices(language), sections=vocabulary.SECTION_TITLES,
        document=services.document(g.tenant, version, language),
    ), status


def read_only(version):
    flash(_("Version {number} is no longer a draft: it is shown read-only. Start a new draft to change the policy.")
          .format(number=version.number), "info")
    return redirect(url_for("policy.version_page", policy_version_id=version.id))


def edit_section(section: str, policy_version_id: int):
    """GET: the section's form; POST: save it (or, for the procedure, move a step and show the result)."""
    version = services.get_version(policy_version_id)
    if not version.is_draft:
        return read_only(version)
    form_class = SECTION_FORMS[section]
    if request.method == "GET":
        return _page(version, section, form_class.from_content(version.content, version.lock_version))
    form = form_class()
    if not form.validate_on_submit():
        return _page(version, section, form, status=422, summary=_form_errors(form))
    if request.form.get("move") and hasattr(form, "move"):
        form.move(request.form["move"])
        return _page(version, section, form, notice=_("The order changed. Save to keep it."))
    return _save(version, section, form)


def _form_errors(form) -> list[str]:
    return [f"{form[name].label.text}: {message}" for name, messages in form.errors.items()
            if name != "csrf_token" and isinstance(messages, list) for message in messages
            if isinstance(message, str)]


def _save(version, section: str, form):
    lock = form.expected_lock()
    data = form.to_data()
    try:
        with db.session.begin_nested():
            if section == "references":
                data = _store_reference_files(form, data)
            services.update_draft(version, section, data, lock, g.actor)
    except UploadRefused as refused:
        return _page(services.get_version(version.id), section, form, status=refused.status, summary=[refused.message])
    except StaleDraft as conflict:
        return _stale(version.id, section, form, conflict)
    except PolicyConflict:
        return read_only(services.get_version(version.id))
    except ValidationError as error:
        shown = type(form).from_data(data, lock)
        summary = attach_errors(shown, translate_errors(error.messages))
        return _page(services.get_version(version.id), section, shown, status=422, summary=summary)
    flash(_("“{section}” was saved.").format(section=vocabulary.SECTION_TITLES[section]), "success")
    return redirect(url_for(f"policy.edit_{section}", policy_version_id=version.id))


def _stale(version_id: int, section: str, form, conflict: StaleDraft):
    """Keep the person's input; the next save is theirs to make, knowing the draft changed under them."""
    version = services.get_version(version_id)
    form.lock_version.data = str(version.lock_version)
    form.lock_version.raw_data = None
    notice = _("{reason} Your changes are below and were NOT saved. The preview shows the draft as it is now; "
               "check it, then save again to replace this section with your version.").format(
        reason=conflict.detail)
    return _page(version, section, form, status=409, notice=notice)


def _store_reference_files(form, data: dict) -> dict:
    """Store each PDF chosen for a reference (checked by its content) and point the reference at it."""
    for position, row in enumerate(form.kept_rows()):
        upload = chosen_file(row)
        if upload is None:
            continue
        label = _("Upload a PDF")
        if upload.stream.read(5) != b"%PDF-":
            row.upload.errors = [_("“{field}” must be a PDF file; files are checked by their content, not their "
                                   "name.").format(field=label)]
            raise UploadRefused(415, row.upload.name, row.upload.errors[0])
        upload.stream.seek(0)
        try:
            document = services.store_reference_file(upload, g.actor, label)
        except UploadRefused as refused:
            row.upload.errors = [refused.message]
            raise
        item = data["items"][position]
        item.pop("url", None)
        item["file"] = f"{REFERENCE_FILE_PREFIX}{document.id}"
    return data


def preview_section(section: str, policy_version_id: int):
    """The draft as it would read with this section's unsaved input (for the editor's live preview)."""
    version = services.get_version(policy_version_id)
    form = SECTION_FORMS[section]()
    content = version.content
    if form.validate_on_submit() and version.is_draft:
        # Until the input makes sense as a section, the preview keeps showing the saved draft.
        with contextlib.suppress(ValidationError):
            content = services.with_section(version.content, section, form.to_data())
    document = services.preview_document(g.tenant, content, version, current_language())
    return render_template("policy/_preview.html", document=document)


def register_routes(bp) -> None:
    """One URL per section (``…/<id>/channels``), so no free-form argument reaches the routes."""
    for section in SECTION_FORMS:
        def edit(policy_version_id: int, _section=section):
            return edit_section(_section, policy_version_id)

        def preview(policy_version_id: int, _section=section):
            return preview_section(_section, policy_version_id)

        bp.add_url_rule(f"/<slug>/admin/policy/<int:policy_version_id>/{section}", f"edit_{section}",
                        access.requires("policy.edit")(edit), methods=["GET", "POST"])
        bp.add_url_rule(f"/<slug>/admin/policy/<int:policy_version_id>/{section}/preview", f"preview_{section}",
                        access.requires("policy.edit")(preview), methods=["POST"])
