"""What the staff pages read beside a case, behind ``cases.services``: the case page, the pledge, the choices.

The case page is the case's details (``services.case_details``) with everyone they name loaded at once, the
catalogue of its policy version, the references of the published policy and the pledge that holds.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import select

from wasl.accounts.models import User
from wasl.cases import page_data
from wasl.cases.attestation import latest_pledge, pledge_state
from wasl.cases.catalogue import Catalogue, catalogue_of
from wasl.cases.models import Case, Pledge
from wasl.db import db
from wasl.errors import found
from wasl.policy.models import PolicyStatus


@dataclass(frozen=True)
class CasePage:
    """What the case page shows beside its action forms."""

    details: object  # services.CaseDetails
    catalogue: Catalogue
    references: list
    signed_pledge: Pledge | None


def case_page(case: Case, details, tenant, language: str) -> CasePage:
    """The case page's data, ``details`` being the case's details as the member sees them."""
    _load_people(details)
    version = case.policy_version
    published = version if version.status == PolicyStatus.PUBLISHED else page_data.published_policy(tenant)
    return CasePage(details, catalogue_of(version), page_data.references(published or version, language),
                    signed_pledge(case))


def _load_people(details) -> None:
    """Load everyone the page names (voters, visitors, referees) at once: each name is then no query of its own."""
    ids = {vote.voter_id for vote in details.votes}
    ids |= {check.assignee_id for check in details.checks}
    ids |= {r.referred_by_id for r in details.referrals} | {r.answered_by_id for r in details.referrals}
    ids.discard(None)
    if ids:
        list(db.session.scalars(select(User).where(User.id.in_(sorted(ids)))))


def signed_pledge(case: Case) -> Pledge | None:
    """The case's latest pledge while it holds (signed, not voided, the attested data unchanged)."""
    return latest_pledge(case) if pledge_state(case) == "valid" else None


def pledge_of(case: Case, pledge_id: int) -> Pledge:
    """One of the case's pledges, or NotFound."""
    pledge = db.session.scalar(select(Pledge).where(Pledge.id == pledge_id, Pledge.case_id == case.id))
    return found(pledge, _("This case has no such pledge."))


def filter_choices(tenant, language: str) -> page_data.Choices:
    """What the list's filters and the intake offer: the published policy's steps and services, the staff."""
    return page_data.choices_for(page_data.published_policy(tenant), page_data.active_staff(tenant), language)
