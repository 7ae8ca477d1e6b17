"""The case models, one module per model or small group."""

from wasl.cases.models.case import ACTIVE_STATUSES, Case, CaseStatus, Priority
from wasl.cases.models.committee import CommitteeVote, Decision
from wasl.cases.models.delivery import ServiceDelivery
from wasl.cases.models.eligibility import CriterionEvaluation, EligibilityCheck
from wasl.cases.models.event import CaseEvent
from wasl.cases.models.pledge import Pledge
from wasl.cases.models.referral import Referral
from wasl.cases.models.settings import CaseSettings

__all__ = [
    "ACTIVE_STATUSES",
    "Case",
    "CaseEvent",
    "CaseSettings",
    "CaseStatus",
    "CommitteeVote",
    "CriterionEvaluation",
    "Decision",
    "EligibilityCheck",
    "Pledge",
    "Priority",
    "Referral",
    "ServiceDelivery",
]
