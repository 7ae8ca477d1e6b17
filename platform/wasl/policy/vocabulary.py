"""The policy's fixed vocabulary: canonical keys and their interface labels.

Keys are code; the wording each association uses lives in its content. The
labels here are interface text (for the editor, the diff and errors), so they
go through the catalogue.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l

STEP_TYPES = {
    "reception": _l("Reception"),
    "completeness_check": _l("Completeness check"),
    "referral": _l("Referral"),
    "pledge": _l("Pledge"),
    "committee_review": _l("Committee review"),
    "registration": _l("Registration"),
    "service_delivery": _l("Service delivery"),
}

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

REFERENCE_KINDS = {
    "bylaws": _l("Bylaws"),
    "guide": _l("Guide"),
    "form": _l("Form"),
    "policy": _l("Policy"),
    "regulation": _l("Regulation"),
    "decision": _l("Decision"),
}

MECHANISMS = {
    "administrative_review": _l("Administrative review"),
    "personal_interview": _l("Personal interview"),
    "field_visit": _l("Field visit"),
}

CRITERION_KINDS = {
    "regulation_condition": _l("Condition in the association's regulations"),
    "professional_standard": _l("Professional standard"),
}

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
