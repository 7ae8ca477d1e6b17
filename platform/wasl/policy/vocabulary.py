"""The policy's fixed vocabulary: canonical keys, their interface labels and their printed wording.

Keys are code; the wording each association uses lives in its content. A key's
label is interface text (for the editor, the diff, the case pages and errors),
so it goes through the catalogue; where the policy document prints the key, its
wording there is the NCNP model's, bilingual data like ``wording.HEADINGS``
(the document is printed in the language asked for, not the reader's). Each key
is listed once, with both (``Term``), so the two can never name different keys.
"""

from __future__ import annotations

from typing import NamedTuple

from flask_babel import lazy_gettext as _l


class Term(NamedTuple):
    label: object  # a lazy catalogue string
    printed: dict[str, str]


def labels(terms: dict[str, Term]) -> dict:
    return {key: term.label for key, term in terms.items()}


def printed(terms: dict[str, Term], key: str | None) -> dict[str, str] | None:
    """How the policy document prints ``key`` of ``terms``, in both languages (None for an unknown key)."""
    term = terms.get(key or "")
    return term.printed if term else None


STEPS = {
    "reception": Term(_l("Reception"), {"ar": "الاستقبال", "en": "Reception"}),
    "completeness_check": Term(_l("Completeness check"),
                               {"ar": "التحقق من اكتمال البيانات", "en": "Completeness check"}),
    "referral": Term(_l("Referral"), {"ar": "الإحالة", "en": "Referral"}),
    "pledge": Term(_l("Pledge"), {"ar": "التعهد", "en": "Pledge"}),
    "committee_review": Term(_l("Committee review"), {"ar": "الدراسة والقرار", "en": "Review and decision"}),
    "registration": Term(_l("Registration"), {"ar": "التسجيل", "en": "Registration"}),
    "service_delivery": Term(_l("Service delivery"), {"ar": "تقديم الخدمة", "en": "Service delivery"}),
}
STEP_TYPES = labels(STEPS)

# The canonical channels of the five seed policies, with the seeds' own labels as the default wording.
CANONICAL_CHANNELS = {
    "interview": {"ar": "المقابلة", "en": "Interview"},
    "phone": {"ar": "الاتصالات الهاتفية", "en": "Telephone calls"},
    "social_media": {"ar": "وسائل التواصل الاجتماعي", "en": "Social media"},
    "letters": {"ar": "الخطابات", "en": "Letters"},
    "help_request": {"ar": "خدمات طلب المساعدة", "en": "Help request services"},
    "volunteering": {"ar": "خدمة التطوع", "en": "Volunteering service"},
    "website": {"ar": "الموقع الإلكتروني للجمعية", "en": "The association's website"},
    "branch_reps": {"ar": "مناديب المكاتب الفرعية", "en": "Branch office representatives"},
    "service_request_form": {"ar": "نموذج طلب خدمة", "en": "Service request form"},
    "project_application": {"ar": "التقديم على خدمات أحد المشاريع", "en": "Applying for the services of one of the projects"},
}

REFERENCES = {
    "bylaws": Term(_l("Bylaws"), {"ar": "لائحة أساسية", "en": "Bylaws"}),
    "guide": Term(_l("Guide"), {"ar": "دليل", "en": "Guide"}),
    "form": Term(_l("Form"), {"ar": "نموذج", "en": "Form"}),
    "policy": Term(_l("Policy"), {"ar": "سياسة", "en": "Policy"}),
    "regulation": Term(_l("Regulation"), {"ar": "نظام", "en": "Regulation"}),
    "decision": Term(_l("Decision"), {"ar": "قرار", "en": "Decision"}),
}
REFERENCE_KINDS = labels(REFERENCES)

VERIFICATIONS = {
    "administrative_review": Term(_l("Administrative review"),
                                  {"ar": "آلية الفحص الإداري", "en": "Administrative review"}),
    "personal_interview": Term(_l("Personal interview"), {"ar": "آلية المقابلة الشخصية", "en": "Personal interview"}),
    "field_visit": Term(_l("Field visit"), {"ar": "آلية الفحص الميداني", "en": "Field visit"}),
}
MECHANISMS = labels(VERIFICATIONS)

CRITERIA = {
    "regulation_condition": Term(_l("Condition in the association's regulations"),
                                 {"ar": "شرط نظامي", "en": "Regulation condition"}),
    "professional_standard": Term(_l("Professional standard"), {"ar": "معيار مهني", "en": "Professional standard"}),
}
CRITERION_KINDS = labels(CRITERIA)

# Goals that can be measured name what measures them.
MEASURES = {
    "online_share": _l("Share of requests submitted online"),
    "response_time": _l("Time to answer an enquiry"),
    "time_to_decision": _l("Time to a decision"),
    "satisfaction": _l("Beneficiary satisfaction"),
}

# Choices of the editor; a number of days is worded whole, with its plural forms, where it is shown (diff.py).
COUNTING = {
    "calendar": _l("Calendar days"),
    "working": _l("Working days (Sunday to Thursday)"),
}

# Editable sections and the content keys each one owns; "approval" is written only by approving.
SECTION_KEYS = {
    "texts": ("title", "preamble", "general_goal", "detailed_goals", "practices_intro", "practices"),
    "channels": ("channels",),
    "references": ("references",),
    "procedure": ("procedure",),
    "eligibility": ("eligibility",),
    "services": ("services",),
    "decision_window": ("decision_window",),
    "survey": ("satisfaction_survey",),
}

SECTION_TITLES = {
    "texts": _l("Preamble, goals and practices"),
    "channels": _l("Channels"),
    "references": _l("Staff references"),
    "procedure": _l("Handling procedure"),
    "eligibility": _l("Eligibility verification"),
    "services": _l("Services catalogue"),
    "decision_window": _l("Decision window"),
    "survey": _l("Satisfaction survey"),
    "approval": _l("Board approval"),
}

TEXT_TITLES = {
    "title": _l("Title"),
    "preamble": _l("Preamble"),
    "general_goal": _l("General goal"),
    "practices_intro": _l("Introduction to the practices"),
}
