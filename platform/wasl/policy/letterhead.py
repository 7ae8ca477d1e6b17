"""The association's letterhead as its own documents print it: both names, taglines, contacts."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from wasl.policy import wording

LANGUAGES = ("ar", "en")


@dataclass(frozen=True)
class Contact:
    kind: str
    label: str
    value: str
    href: str | None = None
    ltr: bool = True


@dataclass(frozen=True)
class LetterheadSide:
    language: str
    direction: str
    name: str
    tagline: str | None
    place: str | None


@dataclass(frozen=True)
class Letterhead:
    name: str
    sides: tuple[LetterheadSide, ...]
    registration_number: str | None
    contacts: tuple[Contact, ...]
    social: tuple[Contact, ...]



def build_letterhead(tenant, language: str) -> Letterhead:
    """Both names and taglines (like the printed letterheads), contacts and social accounts."""
    sides = tuple(_side(tenant, lang) for lang in LANGUAGES)
    return Letterhead(
        name=tenant.name(language),
        sides=sides,
        registration_number=tenant.registration_number,
        contacts=_contacts(tenant.contacts or {}, language),
        social=_social(tenant.social_accounts or []),
    )


def _side(tenant, language: str) -> LetterheadSide:
    letterhead = tenant.letterhead or {}
    tagline = (letterhead.get("tagline") or {}).get(language)
    authority = (letterhead.get("registration_authority") or {}).get(language)
    number = tenant.registration_number
    if not tagline and number:
        phrase = "registered" if authority else "licence"
        tagline = wording.PHRASES[phrase][language].format(authority=authority, number=number)
    separator = "، " if language == "ar" else ", "
    place = separator.join(p for p in (tenant.city(language), wording.PHRASES["kingdom"][language]) if p)
    return LetterheadSide(language, "rtl" if language == "ar" else "ltr", tenant.name(language), tagline, place)


def _contacts(contacts: Mapping, language: str) -> tuple[Contact, ...]:
    label = {key: names[language] for key, names in wording.CONTACT_LABELS.items()}
    out = []
    for kind in ("phone", "fax"):
        if contacts.get(kind):
            out.append(Contact(kind, label[kind], contacts[kind], f"tel:{contacts[kind]}"))
    if contacts.get("email"):
        out.append(Contact("email", label["email"], contacts["email"], f"mailto:{contacts['email']}"))
    if contacts.get("website"):
        shown = contacts["website"].removeprefix("https://").removeprefix("http://").rstrip("/")
        out.append(Contact("website", label["website"], shown, contacts["website"]))
    if contacts.get("po_box"):
        out.append(Contact("po_box", label["po_box"], contacts["po_box"]))
    if contacts.get("address"):
        address = contacts["address"].get(language) or ""
        out.append(Contact("address", label["address"], address, ltr=language == "en"))
    bank = contacts.get("bank_account")
    if bank:
        out.append(Contact("bank_account", f"{label['bank_account']} ({bank['bank'][language]})", bank["iban"]))
    return tuple(out)


def _social(accounts) -> tuple[Contact, ...]:
    return tuple(
        Contact("social", wording.SOCIAL_PLATFORMS.get(account.get("platform") or "", ""), account["handle"])
        for account in accounts if account.get("handle")
    )
