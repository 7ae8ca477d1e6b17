"""What the audit log and the case timeline call each thing that happened: one table for both.

An audit action is ``<area>.<what>``; a case's timeline kind ``k`` is recorded as ``case.k``.
Every action and kind the code records has a label here (a test reads the code to check).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

# The case timeline's kinds (each is also the audit action ``case.<kind>``).
TIMELINE_LABELS = {
    "opened": _l("Request received"),
    "interaction_recorded": _l("Interaction recorded"),
    "reception_completed": _l("Reception completed"),
    "document_uploaded": _l("Document uploaded"),
    "documents_requested": _l("Missing documents requested"),
    "documents_confirmed": _l("Documents checked and confirmed"),
    "referred": _l("Referred with a question"),
    "referral_answered": _l("Referral answered"),
    "referral_step_completed": _l("Referral step completed"),
    "pledge_requested": _l("Pledge requested"),
    "pledge_signed": _l("Pledge signed"),
    "pledge_voided": _l("Pledge voided: the attested data changed"),
    "pledge_step_completed": _l("Submitted after the pledge"),
    "submitted": _l("Submitted to the committee"),
    "check_scheduled": _l("Eligibility check scheduled"),
    "check_recorded": _l("Eligibility check recorded"),
    "criterion_evaluated": _l("Criterion evaluated"),
    "voted": _l("Committee vote"),
    "decided": _l("Decision issued"),
    "registered": _l("Beneficiary registered"),
    "service_delivered": _l("Service delivered"),
    "delivery_completed": _l("Service delivery completed"),
    "closed": _l("Case closed"),
    "withdrawn": _l("Request withdrawn"),
    "reopened": _l("Case reopened"),
    "reassigned": _l("Case reassigned"),
    "decision_due_soon": _l("Decision due soon"),
    "overdue": _l("Decision overdue"),
}

ACTION_LABELS = {
    "api_token.issued": _l("API token issued"),
    "api_token.revoked": _l("API token revoked"),
    "auth.sign_in_failed": _l("Sign-in failed"),
    "auth.sign_in_refused_inactive": _l("Sign-in refused: account inactive"),
    "auth.signed_in": _l("Signed in"),
    "auth.signed_out": _l("Signed out"),
    "beneficiary.consent_recorded": _l("Beneficiary's consent recorded"),
    "beneficiary.consent_withdrawn": _l("Beneficiary's consent withdrawn"),
    "beneficiary.created": _l("Beneficiary added"),
    "beneficiary.registered": _l("Beneficiary registered"),
    "beneficiary.updated": _l("Beneficiary's data changed"),
    "beneficiary.erased": _l("Beneficiary's personal data erased"),
    "beneficiary.personal_data_exported": _l("Beneficiary's personal data exported"),
    "beneficiary.read": _l("Beneficiary's personal data read"),
    "privacy.retention_applied": _l("Retention period applied: personal data past it erased"),
    "privacy.retention_changed": _l("Retention period for personal data changed"),
    "privacy.read_audit_changed": _l("Recording who reads personal data turned on or off"),
    "beneficiary_import.uploaded": _l("Beneficiary register uploaded"),
    "beneficiary_import.mapped": _l("Register columns matched"),
    "beneficiary_import.checked": _l("Register checked"),
    "beneficiary_import.started": _l("Register import started"),
    "beneficiary_import.finished": _l("Register import finished"),
    "beneficiary_import.failed": _l("Register import failed"),
    "cases.settings_changed": _l("Case settings changed"),
    "crypto.rotated": _l("Encryption key rotated"),
    "document.downloaded": _l("Document downloaded"),
    "document.uploaded": _l("Document uploaded"),
    "feedback.closed": _l("Enquiry, suggestion or complaint closed"),
    "feedback.filed": _l("Enquiry, suggestion or complaint filed"),
    "feedback.rated": _l("Reply to an enquiry, suggestion or complaint rated"),
    "feedback.replied": _l("Enquiry, suggestion or complaint answered"),
    "feedback.settings_changed": _l("Response window for enquiries and complaints changed"),
    "holiday.added": _l("Holiday added"),
    "holiday.removed": _l("Holiday removed"),
    "membership.deactivated": _l("Staff member deactivated"),
    "membership.granted": _l("Staff member added"),
    "membership.reactivated": _l("Staff member reactivated"),
    "membership.role_changed": _l("Staff member's role changed"),
    "notification.provider_configured": _l("Message provider set up"),
    "notification.resent": _l("Notification sent again"),
    "notification.rules_changed": _l("Notification rules changed"),
    "notification.template_reset": _l("Message template reset"),
    "notification.template_saved": _l("Message template saved"),
    "operator.association_onboarded": _l("Association onboarded"),
    "operator.suspended": _l("Association suspended"),
    "operator.reactivated": _l("Association reactivated"),
    "permission.denied": _l("Access refused"),
    "policy.approval_date_corrected": _l("Policy approval date corrected"),
    "policy.approved": _l("Policy approved"),
    "policy.draft_discarded": _l("Policy draft discarded"),
    "policy.draft_started": _l("Policy draft started"),
    "policy.draft_updated": _l("Policy draft saved"),
    "policy.imported": _l("Policy imported"),
    "policy.published": _l("Policy published"),
    "policy.shareable_changed": _l("Policy sharing changed"),
    "policy.superseded": _l("Policy superseded"),
    "portal.personal_data_downloaded": _l("The person downloaded a copy of their own data from the portal"),
    "portal.sign_in_code_sent": _l("Portal sign-in code sent"),
    "portal.signed_in": _l("Signed in to the portal"),
    "role.created": _l("Role created"),
    "role.deleted": _l("Role deleted"),
    "role.updated": _l("Role changed"),
    "second_factor.enrolled": _l("Authenticator set up"),
    "second_factor.enrolment_failed": _l("Authenticator set-up failed"),
    "second_factor.failed": _l("Wrong authenticator code"),
    "second_factor.passed": _l("Authenticator code accepted"),
    "second_factor.recovery_code_used": _l("Recovery code used"),
    "staff.invitation_accepted": _l("Invitation accepted"),
    "staff.invitation_code_sent": _l("Invitation code sent"),
    "staff.invitation_revoked": _l("Invitation withdrawn"),
    "staff.invited": _l("Staff member invited"),
    "tenant.export_failed": _l("Data export failed"),
    "tenant.export_finished": _l("Data export ready"),
    "tenant.export_requested": _l("Data export requested"),
    "tenant.letterhead_updated": _l("Letterhead changed"),
    "transparency.changed": _l("Transparency page setting changed"),
    "export.requested": _l("List export requested"),
    "export.finished": _l("List export ready"),
    "export.failed": _l("List export failed"),
    "export.downloaded": _l("List export downloaded"),
    "tenant.onboarded": _l("Association onboarded"),
    "tenant.profile_updated": _l("Association profile changed"),
    "tenant.suspended": _l("Association suspended"),
    "tenant.reactivated": _l("Association reactivated"),
    "user.created": _l("User account created"),
    "user.deactivated": _l("User account deactivated"),
    "user.password_set": _l("Password set"),
}

# What the audit log calls the object an event is about.
OBJECT_LABELS = {
    "ApiToken": _l("API token"),
    "Beneficiary": _l("Beneficiary"),
    "BeneficiaryImport": _l("Register import"),
    "Case": _l("Request"),
    "CaseSettings": _l("Case settings"),
    "DataExport": _l("Data export"),
    "Document": _l("Document"),
    "ExportJob": _l("List export"),
    "Feedback": _l("Enquiry, suggestion or complaint"),
    "FeedbackSettings": _l("Response window"),
    "Holiday": _l("Holiday"),
    "Membership": _l("Staff membership"),
    "Notification": _l("Notification"),
    "NotificationSettings": _l("Notification rules"),
    "NotificationTemplate": _l("Message template"),
    "PolicyVersion": _l("Policy version"),
    "ProviderConfig": _l("Message provider"),
    "Role": _l("Role"),
    "StaffInvitation": _l("Invitation"),
    "Tenant": _l("Association"),
    "TotpCredential": _l("Authenticator"),
    "User": _l("User"),
}


def timeline_label(kind: str) -> str:
    return str(TIMELINE_LABELS.get(kind, kind.replace("_", " ")))


def action_label(action: str) -> str:
    """``case.pledge_signed`` -> ``توقيع الإقرار`` (the raw code only for something not in the table)."""
    if action.startswith("case.") and action[5:] in TIMELINE_LABELS:
        return str(TIMELINE_LABELS[action[5:]])
    return str(ACTION_LABELS.get(action, action))


def object_type_label(object_type: str | None) -> str:
    return str(OBJECT_LABELS.get(object_type, object_type)) if object_type else ""
