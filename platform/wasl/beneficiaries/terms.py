"""What the staff pages call the people an association serves: its own word, or the platform's phrases.

An association may have its own word (Quway'iyah says "users"). That word is
data, kept in both languages, and is only ever shown whole: as a heading, a
column or after a colon. An association that keeps the platform's default
word gets full translatable phrases instead ("Beneficiaries", "Register a
beneficiary"), so that each reads naturally in Arabic.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _

from wasl.onboarding.definitions import DEFAULT_TERMINOLOGY


@dataclass(frozen=True)
class Terms:
    one: str  # a heading or column for one person
    many: str  # a heading for the registry
    register: str  # the heading of the registration page


def terms_for(tenant, language: str) -> Terms:
    """The headings naming one and many beneficiaries for ``tenant`` in ``language``."""
    one = _own_word(tenant, "beneficiary", language)
    many = _own_word(tenant, "beneficiaries_heading", language) or _own_word(tenant, "beneficiaries", language)
    return Terms(
        one=one or _("Beneficiary"),
        many=many or _("Beneficiaries"),
        register=_("Register: {beneficiary}").format(beneficiary=one) if one else _("Register a beneficiary"),
    )


def _own_word(tenant, key: str, language: str) -> str | None:
    """The association's word when it differs from the default, ready to stand as a heading."""
    word = tenant.term(key, language) if tenant is not None else None
    if not word or word == DEFAULT_TERMINOLOGY.get(key, {}).get(language):
        return None
    # Stored as used inside the policy's sentences ("users"). Only the first letter is raised: that
    # changes nothing in Arabic, which has no case, and keeps the rest of the word as written.
    return word[:1].upper() + word[1:]
