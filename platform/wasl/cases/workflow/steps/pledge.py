"""``pledge``: the beneficiary declares their data true and signs (typed name and drawn signature).

The pledge is bound to the hash of the beneficiary's attested data; a new
signature replaces (voids) the previous one. Submitting needs a pledge that
still holds — the workflow checks that for every step the pledge guards.
"""

from __future__ import annotations

import hashlib

from wasl.cases import notify
from wasl.cases.attestation import attested_hash, latest_pledge, pledge_state
from wasl.cases.models import Pledge
from wasl.cases.signatures import SignatureField
from wasl.cases.timeline import log
from wasl.cases.workflow.steps.base import (
    NoteOnly,
    Payload,
    Result,
    StepAction,
    StepContext,
    note_details,
    text,
)
from wasl.db import db, utcnow


class Signature(Payload):
    signed_name = text(200)
    signature = SignatureField(required=True)


def declaration_of(ctx: StepContext) -> dict:
    return declaration_in(ctx.flow.catalogue)


def declaration_in(catalogue) -> dict:
    """The policy's declaration the beneficiary signs (``{ar, en}``), empty without a pledge step."""
    step = catalogue.step("pledge")
    return dict(step.declaration or {}) if step else {}


def enter(ctx: StepContext) -> None:
    """The case reached the pledge step: ask the beneficiary to sign, unless a pledge signed earlier holds."""
    if pledge_state(ctx.case) == "valid":  # signed when applying from home, and the data has not changed
        return
    log(ctx.case, "pledge_requested", ctx.actor)
    notify.announce(notify.PLEDGE_REQUESTED, ctx.case, declaration=declaration_of(ctx))


def record_pledge(case, declaration: dict, signed_name: str, png: bytes, actor) -> Result:
    """Store a signed pledge (voiding a standing one), bound to the beneficiary's attested data now."""
    previous = latest_pledge(case)
    if previous is not None and not previous.is_void:
        previous.voided_at, previous.void_reason = utcnow(), "signed_again"
    pledge = Pledge(case_id=case.id, tenant_id=case.tenant_id, declaration=declaration,
                    signed_name=signed_name.strip(), signature_png=png,
                    signature_sha256=hashlib.sha256(png).hexdigest(),
                    attested_hash=attested_hash(case.beneficiary), taken_by_id=actor.id if actor else None)
    db.session.add(pledge)
    db.session.flush()
    return Result("pledge_signed", {"pledge_id": pledge.id, "signed_name": pledge.signed_name,
                                    "attested_hash": pledge.attested_hash,
                                    "signature_sha256": pledge.signature_sha256})


def sign_pledge(ctx: StepContext) -> Result:
    return record_pledge(ctx.case, declaration_of(ctx), ctx.data["signed_name"], ctx.data["signature"], ctx.actor)


def submit(ctx: StepContext) -> Result:
    return Result("pledge_step_completed", note_details(ctx.data), advance=True)


ACTIONS = {
    "sign_pledge": StepAction(Signature, sign_pledge),
    "submit": StepAction(NoteOnly, submit),
}
