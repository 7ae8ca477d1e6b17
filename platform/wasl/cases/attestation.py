"""Binding the pledge to the beneficiary's attested data, and noticing when that data changed.

The pledge stores a SHA-256 digest of the beneficiary's attested fields in
canonical JSON (the beneficiaries feature's ``attested_digest``: keyed with the
blind-index key, because a bare hash of a 10-digit ID could be reversed by
trying them all). It holds only while the same data gives the same digest: any
change to an attested field (national ID, mobile, name …) voids it and the case
waits for a new signature.
"""

from __future__ import annotations

from sqlalchemy import select

from wasl.cases.models import ACTIVE_STATUSES, Case, Pledge
from wasl.db import db, utcnow
from wasl.reads import remembered


def attested_hash(beneficiary) -> str:
    """The beneficiaries feature's keyed SHA-256 digest of the attested fields (see ``attested_digest``)."""
    from wasl.beneficiaries.services import attested_digest

    return attested_digest(beneficiary)


def latest_pledge_question(case: Case) -> tuple:
    """How ``wasl.reads`` names the read of the case's latest pledge."""
    return "latest_pledge", case.id


def latest_pledge(case: Case) -> Pledge | None:
    """The case's most recent pledge, voided or not."""
    return remembered(latest_pledge_question(case), lambda: db.session.scalar(
        select(Pledge).where(Pledge.case_id == case.id).order_by(Pledge.signed_at.desc(), Pledge.id.desc()).limit(1)))


def pledge_state(case: Case) -> str:
    """``missing`` (never signed), ``void`` (voided, or the data changed since signing) or ``valid``."""
    pledge = latest_pledge(case)
    if pledge is None:
        return "missing"
    if pledge.is_void or pledge.attested_hash != attested_hash(case.beneficiary):
        return "void"
    return "valid"


def void_stale_pledges(beneficiary_id: int, reason: str = "attested_data_changed", actor=None) -> list[Pledge]:
    """Void every standing pledge of the beneficiary's active cases that no longer matches their data.

    The beneficiaries feature announces changes (``beneficiary.updated``); this runs in that transaction.
    """
    from wasl.cases.timeline import log

    cases = db.session.scalars(select(Case).where(Case.beneficiary_id == beneficiary_id,
                                                  Case.status.in_(ACTIVE_STATUSES))).all()
    voided = []
    for case in cases:
        pledge = latest_pledge(case)
        if pledge is None or pledge.is_void or pledge.attested_hash == attested_hash(case.beneficiary):
            continue
        pledge.voided_at, pledge.void_reason = utcnow(), reason
        log(case, "pledge_voided", actor, pledge_id=pledge.id, reason=reason)
        _ask_to_sign_again(case)
        voided.append(pledge)
    return voided


def _ask_to_sign_again(case: Case) -> None:
    """Where the pledge must hold now, the person is told to sign again (in the portal, or at the association)."""
    from wasl.cases import notify
    from wasl.cases.workflow import workflow_of
    from wasl.cases.workflow.steps.pledge import declaration_in

    flow = workflow_of(case)
    if flow.pledge_guarded(case.step):
        notify.announce(notify.PLEDGE_REQUESTED, case, declaration=declaration_in(flow.catalogue),
                        reason="attested_data_changed")


def on_beneficiary_updated(event: str, *, tenant_id: int, beneficiary_id: int, attested_changed: bool = True,
                           actor_id: int | None = None, **facts) -> None:
    """``beneficiary.updated``: an attested field changed, so standing pledges of open cases are voided.

    The timeline names whoever changed the data as the one whose change voided the pledge.
    """
    if attested_changed:
        from wasl.accounts.models import User

        void_stale_pledges(beneficiary_id, actor=db.session.get(User, actor_id) if actor_id else None)
