"""Turning the wizard's answers into the same payload the API accepts."""

from __future__ import annotations

STEP_OF_FIELD = {
    "slug": "identity", "name": "identity", "registration_number": "identity", "city": "identity",
    "region": "identity", "default_locale": "identity", "contacts": "contacts", "social": "contacts",
    "terminology": "letterhead", "letterhead": "letterhead", "logo": "letterhead", "policy": "policy",
    "admin": "admin",
}


def _pair(ar: str | None, en: str | None) -> dict | None:
    """Both languages, the one given standing in for a missing one; None when neither is given."""
    ar, en = (ar or "").strip(), (en or "").strip()
    if not ar and not en:
        return None
    return {"ar": ar or en, "en": en or ar}


def _social(text: str | None) -> list[dict]:
    accounts = []
    for line in (text or "").splitlines():
        platform, sep, handle = line.partition(":")
        if not line.strip():
            continue
        if not sep:
            accounts.append({"handle": line.strip()})
        else:
            accounts.append({"platform": platform.strip().lower(), "handle": handle.strip()})
    return accounts


def _without_empty(mapping: dict) -> dict:
    return {k: v for k, v in mapping.items() if v not in (None, "", {}, [])}


def payload_from(data: dict, policy_yaml: bytes | None) -> dict:
    """The onboarding payload (as OnboardingSchema reads it) from the wizard's saved steps."""
    identity, contacts = data["identity"], data["contacts"]
    letterhead, policy, admin = data["letterhead"], data["policy"], data["admin"]
    payload = {
        "slug": (identity["slug"] or "").strip(),
        "name": {"ar": identity["name_ar"].strip(), "en": identity["name_en"].strip()},
        "registration_number": (identity.get("registration_number") or "").strip() or None,
        "city": _pair(identity.get("city_ar"), identity.get("city_en")),
        "region": _pair(identity.get("region_ar"), identity.get("region_en")),
        "default_locale": identity.get("default_locale") or "ar",
        "contacts": _without_empty({
            "phone": (contacts.get("phone") or "").replace(" ", "") or None, "email": contacts.get("email"),
            "website": contacts.get("website"), "po_box": contacts.get("po_box"),
            "address": _pair(contacts.get("address_ar"), contacts.get("address_en"))}),
        "social": _social(contacts.get("social")),
        "terminology": {
            "beneficiary": {"ar": letterhead["beneficiary_ar"], "en": letterhead["beneficiary_en"]},
            "beneficiaries": {"ar": letterhead["beneficiaries_ar"], "en": letterhead["beneficiaries_en"]},
        },
        "letterhead": _without_empty({"tagline": _pair(letterhead.get("tagline_ar"), letterhead.get("tagline_en"))}),
        "admin": {"email": admin["admin_email"], "name": (admin.get("admin_name") or "").strip() or None},
        "policy": {"source": policy.get("source") or "standard", "copy_from": policy.get("copy_from") or None},
    }
    if payload["policy"]["source"] == "upload" and policy_yaml:
        payload["policy"]["yaml"] = policy_yaml.decode("utf-8", errors="replace")
    return _without_empty(payload) | {"contacts": payload["contacts"], "social": payload["social"]}
