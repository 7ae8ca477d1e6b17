"""Builders for the operator tests: an operator with a token, an onboarding payload."""

from __future__ import annotations

import base64

from tests.administration.helpers import enrol, sign_in_with_second_factor

SVG_LOGO = (b'<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" width="40" height="40">'
            b'<circle cx="20" cy="20" r="18" fill="#2a7"/></svg>')


def operator_token(factory) -> tuple[object, str]:
    operator = factory.user(operator=True)
    token = factory.token(operator)
    factory.commit()
    return operator, token


def operator_client(client, factory):
    """An operator with an enrolled authenticator, signed in on ``client`` past the second factor."""
    operator = factory.user(operator=True)
    enrol(operator)
    factory.commit()
    sign_in_with_second_factor(client, operator)
    return operator


def payload(slug: str = "ytam-riyadh", **changes) -> dict:
    """A Riyadh orphan-care association, as the onboarding API accepts it."""
    body = {
        "slug": slug,
        "name": {"ar": "جمعية رعاية الأيتام بالرياض", "en": "Orphan Care Association in Riyadh"},
        "registration_number": "1234",
        "city": {"ar": "الرياض", "en": "Riyadh"},
        "region": {"ar": "منطقة الرياض", "en": "Riyadh Region"},
        "contacts": {"phone": "+966112345678", "email": "info@ytam.example.org"},
        "social": [{"platform": "x", "handle": "ytam_riyadh"}],
        "default_locale": "ar",
        "terminology": {"beneficiary": {"ar": "اليتيم", "en": "orphan"},
                        "beneficiaries": {"ar": "الأيتام", "en": "orphans"}},
        "admin": {"email": "admin@ytam.example.org", "name": "هند العنزي"},
        "policy": {"source": "standard"},
        "logo": base64.b64encode(SVG_LOGO).decode(),
    }
    body.update(changes)
    return body
