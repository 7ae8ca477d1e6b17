"""Which model each object id in an association URL names (``<int:role_id>`` -> Role).

The cross-tenant test matrix reads this to fill every route with another
association's real object ids; a route whose argument is missing here fails
that test, so new routes cannot slip past it.
"""

URL_OBJECTS: dict[str, str] = {
    "role_id": "wasl.accounts.models:Role",
    "membership_id": "wasl.accounts.models:Membership",
    "invitation_id": "wasl.administration.models:StaffInvitation",
    "holiday_id": "wasl.administration.models:Holiday",
    "export_id": "wasl.archive.models:DataExport",
    "beneficiary_id": "wasl.beneficiaries.models:Beneficiary",
    "consent_id": "wasl.beneficiaries.models:Consent",
    "document_id": "wasl.documents.models:Document",
    "policy_version_id": "wasl.policy.models:PolicyVersion",
    "case_id": "wasl.cases.models:Case",
    "pledge_id": "wasl.cases.models:Pledge",
    "notification_id": "wasl.notifications.models:Notification",
    "import_id": "wasl.imports.models:BeneficiaryImport",
    "feedback_id": "wasl.feedback.models:Feedback",
    "export_job_id": "wasl.exports.models:ExportJob",
}

# Arguments that are not object ids, with a value the matrix can use.
URL_PLAIN_ARGS: dict[str, str] = {
    "lang": "ar",
    "token": "not-a-real-invitation-token",
    "template_key": "case.received.sms.ar",
    "delivery_channel": "sms",
    "channel": "sms",
}
