"""``registration``: the beneficiary becomes registered with the association's next file number."""

from __future__ import annotations

from wasl.cases import notify
from wasl.cases.workflow.steps.base import NoteOnly, Result, StepAction, StepContext, note_details


def register(ctx: StepContext) -> Result:
    from wasl.beneficiaries.services import mark_registered

    file_number = mark_registered(ctx.case.beneficiary, ctx.actor)
    notify.announce(notify.REGISTERED, ctx.case, file_number=file_number)
    return Result("registered", {"file_number": file_number, **note_details(ctx.data)}, advance=True)


ACTIONS = {"register": StepAction(NoteOnly, register)}
