"""Which of a case's collections hold any row, asked in one statement.

The case page shows up to eight collections beside the timeline (referrals, decisions, deliveries,
pledges, checks, criteria, votes, documents); most cases have few of them. One statement of
``EXISTS`` probes, each on its table's (tenant_id, case_id) index, tells which ones to read, and the
empty ones are recorded as known (``wasl.reads.known``) so no helper of the page asks for them again.
"""

from __future__ import annotations

from sqlalchemy import exists, select

from wasl.cases.attestation import latest_pledge_question
from wasl.cases.evidence import round_question
from wasl.cases.models import (
    Case,
    CommitteeVote,
    CriterionEvaluation,
    Decision,
    EligibilityCheck,
    Pledge,
    Referral,
    ServiceDelivery,
)
from wasl.cases.required_documents import documents_question
from wasl.db import db
from wasl.documents.models import Document
from wasl.reads import known

COLLECTIONS = {
    "referrals": Referral,
    "decisions": Decision,
    "deliveries": ServiceDelivery,
    "pledges": Pledge,
    "checks": EligibilityCheck,
    "evaluations": CriterionEvaluation,
    "votes": CommitteeVote,
    "documents": Document,
}
# Read by review round through ``wasl.cases.evidence``.
ROUND_COLLECTIONS = {"checks": EligibilityCheck, "evaluations": CriterionEvaluation, "votes": CommitteeVote}


def collections_present(case: Case) -> frozenset[str]:
    """The names (keys of ``COLLECTIONS``) of the collections with at least one row for ``case``."""
    probes = [exists().where(model.tenant_id == case.tenant_id, model.case_id == case.id).label(name)
              for name, model in COLLECTIONS.items()]
    # Selected beside the case's own id: an ORM statement, so the tenant scope is attached to every probe.
    row = db.session.execute(select(Case.id, *probes).where(Case.id == case.id)).one()
    return frozenset(name for name in COLLECTIONS if row._mapping[name])


def record_empty_collections(case: Case, present: frozenset[str]) -> None:
    """Tell the page's helpers (which read through ``wasl.reads``) that the absent collections are empty."""
    for name, model in ROUND_COLLECTIONS.items():
        if name not in present:
            known(round_question(model, case), [])
    if "pledges" not in present:
        known(latest_pledge_question(case), None)
    if "documents" not in present:
        known(documents_question(case), [])
