"""What a message template may use: the association's names and terms, and the event's own facts.

Facts arrive from emitters as plain values; bilingual values (``{"ar":…, "en":…}``)
are reduced to the recipient's language, dates become text in both calendars,
and anything not declared for the event is dropped.
"""

from __future__ import annotations

from datetime import date, datetime

from flask_babel import force_locale

from wasl.i18n.dates import gregorian_text, hijri_text, local_date
from wasl.kernel.bilingual import pick
from wasl.notifications.catalogue import EventSpec
from wasl.onboarding.definitions import DEFAULT_TERMINOLOGY
from wasl.tenancy.models import Tenant

LIST_FIELDS = ("missing_documents", "reasons")


def _pick(value, locale: str):
    if isinstance(value, dict) and set(value) & {"ar", "en"}:
        return pick(value, locale)
    if isinstance(value, (list, tuple)):
        return [_pick(v, locale) for v in value]
    return value


def _as_date(value) -> date | None:
    if value in (None, ""):
        return None
    if isinstance(value, (date, datetime)):
        return local_date(value)
    text = str(value)
    return local_date(datetime.fromisoformat(text)) if "T" in text else date.fromisoformat(text[:10])


def _dates(spec: EventSpec, facts: dict, locale: str) -> dict:
    out = {}
    with force_locale(locale):
        for name in spec.date_fields:
            day = _as_date(facts.get(name))
            hijri = hijri_text(day, locale) if day else ""
            gregorian = gregorian_text(day, locale) if day else ""
            out[name] = f"{hijri} — {gregorian}" if day else ""
            out[f"{name}_hijri"], out[f"{name}_gregorian"] = hijri, gregorian
    return out


def _term(tenant: Tenant, key: str, locale: str) -> str:
    return tenant.term(key, locale) or DEFAULT_TERMINOLOGY[key][locale]


def common(tenant: Tenant, locale: str, recipient_name: str) -> dict:
    letterhead = tenant.letterhead or {}
    return {
        "association": tenant.name(locale),
        "beneficiary_term": _term(tenant, "beneficiary", locale),
        "beneficiaries_term": _term(tenant, "beneficiaries", locale),
        "letterhead_name": _pick(letterhead.get("name"), locale) or tenant.name(locale),
        "letterhead_tagline": _pick(letterhead.get("tagline"), locale) or "",
        "recipient_name": recipient_name or "",
    }


def message_context(spec: EventSpec, tenant: Tenant, locale: str, recipient_name: str, facts: dict) -> dict:
    """The complete, closed context of one message."""
    context = common(tenant, locale, recipient_name)
    for name in spec.fields:
        value = _pick(facts.get(name), locale)
        if name in LIST_FIELDS:
            value = [value] if isinstance(value, str) and value else list(value or [])
        context[name] = "" if value is None else value
    context.update(_dates(spec, facts, locale))
    return context
