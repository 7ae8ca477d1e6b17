"""Case numbers people can read out on the phone: ``WEF-2026-000123``, unique per association.

The sequence restarts each year and comes from ``tenancy.sequences``, whose row
lock makes concurrent openings wait for each other instead of sharing a number.
"""

from __future__ import annotations

from datetime import date

from wasl.cases.tenant_settings import number_prefix
from wasl.tenancy.sequences import next_number

DIGITS = 6


def next_case_number(tenant, on: date) -> str:
    """The next number of ``tenant`` for a case opened on ``on`` (joins the caller's transaction)."""
    value = next_number(tenant.id, f"case-{on.year}")
    return f"{number_prefix(tenant)}-{on.year}-{value:0{DIGITS}d}"
