"""The standard wording of the policy document itself, in both of its languages.

The document is printed in the language asked for (``?lang=``, one PDF per
language), whatever the reader's interface language is, and its headings are
the NCNP model's wording that every association's file shares. So, like the
role templates' names, this wording is bilingual data rather than interface
text from the catalogue. ``{beneficiaries}``/``{beneficiary}`` take the
association's own term, ``{association}`` its name. How the document prints
the vocabulary's keys (steps, mechanisms, criteria) is in ``vocabulary``, next
to their interface labels.
"""

from __future__ import annotations

HEADINGS = {
    "preamble": {"ar": "تمهيد", "en": "Preamble"},
    "general_goal": {"ar": "الهدف العام", "en": "General goal"},
    "detailed_goals": {"ar": "الأهداف التفصيلية", "en": "Detailed goals"},
    "practices": {"ar": "ممارسات الجمعية في تقديم خدماتها", "en": "The association's practices"},
    "channels": {"ar": "القنوات المستخدمة للتواصل مع {beneficiaries}",
                 "en": "Channels used for communicating with {beneficiaries}"},
    "references": {"ar": "الأدوات المتاحة لموظف علاقات {beneficiaries}",
                   "en": "Tools available to the {beneficiaries} relations officer"},
    "procedure": {"ar": "إجراءات التعامل مع {beneficiary}", "en": "How a request from the {beneficiary} is handled"},
    "eligibility": {"ar": "آلية التأكد من استحقاق {beneficiary} للخدمة",
                    "en": "Verifying the {beneficiary}'s eligibility for the service"},
    "information_sources": {"ar": "مصادر جمع المعلومات", "en": "Sources of information"},
    "criteria": {"ar": "معايير التقييم", "en": "Evaluation criteria"},
    "mechanisms": {"ar": "أنواع آليات التأكد من استحقاق {beneficiary} للخدمة",
                   "en": "Types of mechanisms for verifying the {beneficiary}'s eligibility"},
    "purposes": {"ar": "أهمية آلية التأكد من الاستحقاق", "en": "Why eligibility is verified"},
    "services": {"ar": "الخدمات المقدمة إلى {beneficiaries} ومتطلباتها",
                 "en": "Services offered to {beneficiaries} and what they require"},
    "decision_window": {"ar": "مدة البت في الطلبات", "en": "Time to a decision"},
    "survey": {"ar": "قياس رضا {beneficiaries}", "en": "Measuring the satisfaction of {beneficiaries}"},
    "approval": {"ar": "اعتماد مجلس الإدارة", "en": "Board approval"},
}

CONTACT_LABELS = {
    "phone": {"ar": "هاتف", "en": "Tel"},
    "fax": {"ar": "فاكس", "en": "Fax"},
    "email": {"ar": "البريد الإلكتروني", "en": "E-mail"},
    "website": {"ar": "الموقع الإلكتروني", "en": "Website"},
    "po_box": {"ar": "ص.ب.", "en": "P.O. Box"},
    "address": {"ar": "العنوان", "en": "Address"},
    "bank_account": {"ar": "حساب الجمعية", "en": "Bank account"},
}

SOCIAL_PLATFORMS = {
    "x": "X", "instagram": "Instagram", "facebook": "Facebook", "snapchat": "Snapchat", "youtube": "YouTube",
    "tiktok": "TikTok", "whatsapp": "WhatsApp", "linkedin": "LinkedIn", "telegram": "Telegram",
}

PHRASES = {
    "registered": {"ar": "مسجلة لدى {authority} برقم ({number})", "en": "Registered with {authority} under No. ({number})"},
    "licence": {"ar": "ترخيص رقم ({number})", "en": "Licence No. ({number})"},
    "refers_to": {"ar": "الإحالة إلى: {role}", "en": "Referred to: {role}"},
    "decided_by": {"ar": "جهة القرار: {body}", "en": "Decided by: {body}"},
    "responsible": {"ar": "المسؤول: {role}", "en": "Responsible: {role}"},
    "declaration": {"ar": "نص الإقرار: {text}", "en": "Declaration: {text}"},
    "documents": {"ar": "المستندات المطلوبة", "en": "Required documents"},
    "valid_at_submission": {"ar": "يجب أن يكون ساري المفعول وقت التقديم",
                            "en": "must be valid at the time of submission"},
    "needs_mechanisms": {"ar": "آليات التحقق المطلوبة: {mechanisms}", "en": "Verification required: {mechanisms}"},
    "window_working": {
        "ar": "يُبلَّغ {beneficiary} بالقرار في طلبه خلال {days} يوم عمل (من الأحد إلى الخميس) من اكتمال الطلب.",
        "en": "The {beneficiary} is told the decision on their request within {days} working days "
              "(Sunday to Thursday) of the request being complete.",
    },
    "window_calendar": {
        "ar": "يُبلَّغ {beneficiary} بالقرار في طلبه خلال {days} يومًا من اكتمال الطلب.",
        "en": "The {beneficiary} is told the decision on their request within {days} days of the request "
              "being complete.",
    },
    "approved": {
        "ar": "اعتمد مجلس إدارة الجمعية هذه السياسة في اجتماعه رقم ({meeting}) المنعقد بتاريخ {hijri} الموافق {gregorian}.",
        "en": "The association's board of directors approved this policy at its meeting No. ({meeting}) "
              "held on {hijri}, corresponding to {gregorian}.",
    },
    "approved_undated": {
        "ar": "اعتمد مجلس إدارة الجمعية هذه السياسة في اجتماعه رقم ({meeting}).",
        "en": "The association's board of directors approved this policy at its meeting No. ({meeting}).",
    },
    "supersedes": {
        "ar": "وتحل هذه السياسة محل جميع سياسات تنظيم العلاقة مع {beneficiaries} الموضوعة سابقًا.",
        "en": "This policy supersedes all earlier policies on the relationship with {beneficiaries}.",
    },
    "kingdom": {"ar": "المملكة العربية السعودية", "en": "Kingdom of Saudi Arabia"},
}
