"""Encrypting a beneficiary's national ID and mobile and keeping their blind indexes in step."""

from __future__ import annotations

from wasl.beneficiaries.identity import id_kind
from wasl.beneficiaries.models import MOBILE_KIND, NATIONAL_ID_KIND, Beneficiary
from wasl.crypto import blind_index


def national_id_index(national_id: str, tenant_id: int) -> str:
    """The look-up key of a normalised national ID inside one association."""
    return blind_index(NATIONAL_ID_KIND, national_id, tenant_id)


def mobile_index(mobile: str, tenant_id: int) -> str:
    """The look-up key of an E.164 mobile number inside one association."""
    return blind_index(MOBILE_KIND, mobile, tenant_id)


def set_national_id(beneficiary: Beneficiary, national_id: str, tenant_id: int) -> None:
    """Store a normalised ID encrypted, with its index and kind (citizen or resident)."""
    beneficiary.national_id = national_id
    beneficiary.national_id_index = national_id_index(national_id, tenant_id)
    beneficiary.id_kind = id_kind(national_id)


def set_mobile(beneficiary: Beneficiary, mobile: str, tenant_id: int) -> None:
    beneficiary.mobile = mobile
    beneficiary.mobile_index = mobile_index(mobile, tenant_id)
