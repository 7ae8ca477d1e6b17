"""Every event that notifies someone: who hears of it, how pressing it is, and what its message may use.

``fields`` are the facts a message template may refer to (beyond the common ones
in ``COMMON_FIELDS``); anything else an emitter passes is ignored, so a template
can never see more than this list. ``date_fields`` are shown in Hijri and
Gregorian. ``sample`` fills the admin's preview.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l

BENEFICIARY = "beneficiary"  # the beneficiary the payload names
BENEFICIARIES = "beneficiaries"  # every beneficiary of the association with a standing consent to notifications
STAFF = "staff"  # staff members named in the payload, or those holding ``staff_permission``
INVITEE = "invitee"  # a person named by e-mail in the payload
MOBILE_HOLDER = "mobile_holder"  # whoever holds the mobile number in the payload

COMMON_FIELDS = ("association", "beneficiary_term", "beneficiaries_term", "letterhead_name",
                 "letterhead_tagline", "recipient_name")


@dataclass(frozen=True)
class EventSpec:
    name: str
    label: object
    audience: str
    fields: tuple[str, ...]
    sample: dict
    essential: bool = False
    urgent: bool = False
    sensitive: bool = False  # the body holds a secret (a code, a one-time link): hidden in the log, scrubbed once final
    date_fields: tuple[str, ...] = ()
    staff_permission: str | None = None
    channels: tuple[str, ...] = ("sms", "whatsapp", "email")
    object_type: str | None = "Case"

    @property
    def all_fields(self) -> tuple[str, ...]:
        derived = tuple(f"{name}_{part}" for name in self.date_fields for part in ("hijri", "gregorian"))
        return COMMON_FIELDS + self.fields + derived


_CASE_SAMPLE = {"case_number": "1447-00012", "portal_url": "https://wasl.example/wefaq/portal/cases/12"}

EVENTS: dict[str, EventSpec] = {spec.name: spec for spec in (
    EventSpec("policy.published", _l("Policy published"), BENEFICIARIES,
              ("number", "published_on", "policy_url"),
              {"number": 2, "published_on": "2026-03-01", "policy_url": "https://wasl.example/wefaq/policy"},
              date_fields=("published_on",), object_type="PolicyVersion"),
    EventSpec("case.received", _l("Request received"), BENEFICIARY,
              ("case_number", "service_name", "received_on", "portal_url"),
              {**_CASE_SAMPLE, "received_on": "2026-03-01", "service_name": {"ar": "سلة غذائية", "en": "Food basket"}},
              date_fields=("received_on",)),
    # Both ask the beneficiary to act, so they reach even those who opted out of the rest.
    EventSpec("case.documents_missing", _l("Documents missing"), BENEFICIARY,
              ("case_number", "missing_documents", "portal_url"),
              {**_CASE_SAMPLE, "missing_documents": ["صورة الهوية الوطنية", "صك الإعالة"]}, essential=True),
    EventSpec("case.pledge_requested", _l("Pledge to sign"), BENEFICIARY,
              ("case_number", "portal_url"), dict(_CASE_SAMPLE), essential=True),
    EventSpec("case.submitted", _l("Request sent to the committee"), BENEFICIARY,
              ("case_number", "decision_body", "decision_due_on", "portal_url"),
              {**_CASE_SAMPLE, "decision_due_on": "2026-03-15",
               "decision_body": {"ar": "لجنة البحث الاجتماعي", "en": "the social research committee"}},
              date_fields=("decision_due_on",)),
    EventSpec("case.decided", _l("Decision issued"), BENEFICIARY,
              ("case_number", "outcome", "reasons", "decided_on", "portal_url"),
              {**_CASE_SAMPLE, "outcome": "rejected", "reasons": ["الدخل الشهري أعلى من حد الاستحقاق"],
               "decided_on": "2026-03-10"}, essential=True, date_fields=("decided_on",)),
    EventSpec("case.registered", _l("Registration completed"), BENEFICIARY,
              ("case_number", "file_number", "portal_url"), {**_CASE_SAMPLE, "file_number": 214}),
    EventSpec("case.service_delivered", _l("Service delivered"), BENEFICIARY,
              ("case_number", "service_name", "delivered_on", "survey_url"),
              {**_CASE_SAMPLE, "service_name": {"ar": "سلة غذائية", "en": "Food basket"}, "delivered_on": "2026-03-20",
               "survey_url": "https://wasl.example/wefaq/survey/12"}, date_fields=("delivered_on",)),
    # The link opens the survey without signing in and works once, so it is kept out of the log.
    EventSpec("case.survey_invited", _l("Satisfaction survey"), BENEFICIARY,
              ("case_number", "service_name", "survey_url", "expires_on"),
              {**_CASE_SAMPLE, "service_name": {"ar": "سلة غذائية", "en": "Food basket"},
               "survey_url": "https://wasl.example/wefaq/survey/Xq3v9", "expires_on": "2026-04-03"},
              sensitive=True, date_fields=("expires_on",)),
    EventSpec("case.decision_due_soon", _l("Decision due soon (staff)"), STAFF,
              ("case_number", "decision_due_on", "case_url"),
              {**_CASE_SAMPLE, "decision_due_on": "2026-03-15", "case_url": "https://wasl.example/wefaq/cases/12"},
              essential=True, date_fields=("decision_due_on",), staff_permission="cases.decide"),
    EventSpec("case.overdue", _l("Decision overdue (staff)"), STAFF,
              ("case_number", "decision_due_on", "days_overdue", "case_url"),
              {**_CASE_SAMPLE, "decision_due_on": "2026-03-15", "days_overdue": 3,
               "case_url": "https://wasl.example/wefaq/cases/12"},
              essential=True, date_fields=("decision_due_on",), staff_permission="cases.assign"),
    # The reply itself is the body (a visitor has no portal to read it in), so it is kept out of the log.
    EventSpec("feedback.replied", _l("Reply to an enquiry, suggestion or complaint"), MOBILE_HOLDER,
              ("reference", "kind_name", "reply", "portal_url"),
              {"reference": "WEF-FB-2026-00012", "kind_name": {"ar": "استفسار", "en": "Enquiry"},
               "reply": "يسعدنا تواصلكم، ويمكنكم التقديم من البوابة في أي وقت.",
               "portal_url": "https://wasl.example/wefaq/portal/feedback/12"},
              essential=True, sensitive=True, object_type=None),
    EventSpec("staff.invited", _l("Staff invitation"), INVITEE,
              ("invitation_url", "inviter_name", "role_name"),
              {"invitation_url": "https://wasl.example/invitations/abc123", "inviter_name": "نورة الحربي",
               "role_name": "موظف علاقات المستفيدين"}, essential=True, sensitive=True, object_type="Invitation"),
    EventSpec("staff.email_code", _l("E-mail confirmation code"), INVITEE,
              ("code", "expires_in_minutes"), {"code": "482913", "expires_in_minutes": 30},
              essential=True, urgent=True, sensitive=True, channels=("email",), object_type="Invitation"),
    EventSpec("auth.one_time_code", _l("Sign-in code"), MOBILE_HOLDER,
              ("code", "expires_in_minutes"), {"code": "482913", "expires_in_minutes": 10},
              essential=True, urgent=True, sensitive=True, channels=("sms", "whatsapp"), object_type=None),
)}


def spec_for(event: str) -> EventSpec:
    try:
        return EVENTS[event]
    except KeyError:
        raise KeyError(f"no notification is defined for event {event!r}") from None
