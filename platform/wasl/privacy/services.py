"""The one door to personal-data rights, for the pages and the API alike."""

from __future__ import annotations

from wasl.audit.services import record
from wasl.beneficiaries.models import Beneficiary
from wasl.beneficiaries.services import get_beneficiary
from wasl.privacy import erasure, holdings

ErasureRefused = erasure.ErasureRefused
is_erased = erasure.is_erased


def person(beneficiary_id: int) -> Beneficiary | None:
    return get_beneficiary(beneficiary_id)


def export_personal_data(beneficiary: Beneficiary, how: str) -> dict:
    """What is held about ``beneficiary``; handing it out is an audit event (``how``: page, json, pdf, api)."""
    data = holdings.personal_data(beneficiary)
    record("beneficiary.personal_data_exported", beneficiary, format=how)
    return data


def erase_person(beneficiary: Beneficiary, reason: str, actor) -> dict:
    return erasure.erase(beneficiary, reason, actor)
