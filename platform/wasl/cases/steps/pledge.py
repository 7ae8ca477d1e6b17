"""``pledge``: the beneficiary declares their data true and signs (typed name and drawn signature).

The pledge is bound to the hash of the beneficiary's attested data; a new
signature replaces (voids) the previous one. Submitting needs a pledge that
still holds — the workflow checks that for every step the pledge guards.
"""

from __future__ import annotations

import hashlib

from wasl.cases import notify
from wasl.cases.attestation import attested_hash, latest_pledge
from wasl.cases.models import Pledge
from wasl.cases.signatures import SignatureField
from wasl.cases.steps.base import NoteOnly, Payload, Result, StepAction, StepContext, note_details, text
from wasl.cases.timeline import log
from wasl.db import db, utcnow


class Signature(Payload):
    signed_name = text(200)
    signature = SignatureField(required=True)


def declaration_of(ctx: StepContext) -> dict:
    step = ctx.flow.step("pledge")
    return dict(step.declaration or {}) if step else {}


def enter(ctx: StepContext) -> None:
    """The case reached the pledge step: ask the beneficiary to sign."""
    declaration = declaration_of(ctx)
    log(ctx.case, "pledge_requested", ctx.actor)
    notify.announce(notify.PLEDGE_REQUESTED, ctx.case, declaration=declaration)


def sign_pledge(ctx: StepContext) -> Result:
    case, png = ctx.case, ctx.data["signature"]
    previous = latest_pledge(case)
    if previous is not None and not previous.is_void:
        previous.voided_at, previous.void_reason = utcnow(), "signed_again"
    pledge = Pledge(case_id=case.id, tenant_id=case.tenant_id, declaration=declaration_of(ctx),
                    signed_name=ctx.data["signed_name"].strip(), signature_png=png,
                    signature_sha256=hashlib.sha256(png).hexdigest(),
                    attested_hash=attested_hash(case.beneficiary), taken_by_id=ctx.actor.id)
    db.session.add(pledge)
    db.session.flush()
    return Result("pledge_signed", {"pledge_id": pledge.id, "signed_name": pledge.signed_name,
                                    "attested_hash": pledge.attested_hash,
                                    "signature_sha256": pledge.signature_sha256})


def submit(ctx: StepContext) -> Result:
    return Result("pledge_step_completed", note_details(ctx.data), advance=True)


ACTIONS = {
    "sign_pledge": StepAction(Signature, sign_pledge),
    "submit": StepAction(NoteOnly, submit),
}
