"""Imports every model so that the metadata (migrations, drift check) sees the whole schema."""

from wasl.accounts.models import ApiToken, Membership, Role, User
from wasl.administration.models import Holiday, StaffInvitation
from wasl.archive.models import DataExport
from wasl.audit.models import AuditEvent, PlatformAuditEvent
from wasl.beneficiaries.models import Beneficiary, Consent
from wasl.cases.models import (
    Case,
    CaseEvent,
    CaseSettings,
    CommitteeVote,
    CriterionEvaluation,
    Decision,
    EligibilityCheck,
    Pledge,
    Referral,
    ServiceDelivery,
)
from wasl.documents.models import Document
from wasl.exports.models import ExportJob
from wasl.feedback.models import Feedback, FeedbackSettings
from wasl.imports.models import BeneficiaryImport, ImportIssue, ImportMapping
from wasl.notifications.models import (
    Notification,
    NotificationAttempt,
    NotificationSettings,
    NotificationTemplate,
    ProviderConfig,
)
from wasl.operator.models import RecoveryCode, TotpCredential
from wasl.policy.models import PolicyVersion
from wasl.portal.models import PortalSession, PortalSignInCode
from wasl.privacy.models import RetentionSetting
from wasl.surveys.models import SatisfactionSurvey
from wasl.tenancy.models import Tenant
from wasl.tenancy.sequences import TenantSequence
from wasl.transparency.models import TransparencySetting

__all__ = [
    "ApiToken",
    "AuditEvent",
    "Beneficiary",
    "BeneficiaryImport",
    "Case",
    "CaseEvent",
    "CaseSettings",
    "CommitteeVote",
    "Consent",
    "CriterionEvaluation",
    "DataExport",
    "Decision",
    "Document",
    "EligibilityCheck",
    "ExportJob",
    "Feedback",
    "FeedbackSettings",
    "Holiday",
    "ImportIssue",
    "ImportMapping",
    "Membership",
    "Notification",
    "NotificationAttempt",
    "NotificationSettings",
    "NotificationTemplate",
    "PlatformAuditEvent",
    "Pledge",
    "PolicyVersion",
    "PortalSession",
    "PortalSignInCode",
    "ProviderConfig",
    "RecoveryCode",
    "Referral",
    "RetentionSetting",
    "Role",
    "SatisfactionSurvey",
    "ServiceDelivery",
    "StaffInvitation",
    "Tenant",
    "TenantSequence",
    "TotpCredential",
    "TransparencySetting",
    "User",
]
