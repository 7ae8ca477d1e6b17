"""``completeness_check``: the service's required documents, supplied and valid on the submission date."""

from __future__ import annotations

from flask_babel import gettext as _
from marshmallow import ValidationError, fields, validate

from wasl.cases import notify
from wasl.cases.required_documents import document_problems, supplied_documents
from wasl.cases.workflow.steps.base import (
    NoteOnly,
    Payload,
    Result,
    StepAction,
    StepContext,
    note_details,
    text,
)
from wasl.i18n import current_language
from wasl.kernel.bilingual import pick


class Confirmation(Payload):
    checklist = fields.List(fields.String(validate=validate.Length(max=64)), required=True,
                            validate=validate.Length(max=60))
    note = text(required=False)


def request_documents(ctx: StepContext) -> Result:
    """Tell the beneficiary which documents are missing, undated or expired."""
    service = ctx.flow.catalogue.service(ctx.case.service_key)
    problems = document_problems(ctx.case, service)
    listed = [{"key": p.key, "name": p.name, "reason": p.reason} for p in problems]
    notify.announce(notify.DOCUMENTS_MISSING, ctx.case, documents=listed,
                    missing_documents=[dict(p.name) for p in problems])
    return Result("documents_requested", {"documents": listed, **note_details(ctx.data)})


def confirm_complete(ctx: StepContext) -> Result:
    """Staff confirm they matched each required document; the workflow already checked validity."""
    service = ctx.flow.catalogue.service(ctx.case.service_key)
    unconfirmed = [d for d in service.documents if d.key not in set(ctx.data["checklist"])]
    if unconfirmed:
        language = current_language()
        raise ValidationError({"checklist": [
            _("Confirm that you checked the document “{document}”.").format(document=pick(d.name, language))
            for d in unconfirmed]})
    keys = {d.key for d in service.documents}
    supplied = [{"key": d.kind, "document_id": d.id, "sha256": d.sha256,
                 "expires_on": d.expires_on.isoformat() if d.expires_on else None}
                for d in supplied_documents(ctx.case) if d.kind in keys]
    return Result("documents_confirmed", {"documents": supplied, **note_details(ctx.data)}, advance=True)


ACTIONS = {
    "request_documents": StepAction(NoteOnly, request_documents),
    "confirm_complete": StepAction(Confirmation, confirm_complete),
}
