"""Helpers the beneficiary, import and intake tests share."""

from __future__ import annotations

from sqlalchemy import func, select

from wasl.beneficiaries.models import Beneficiary
from wasl.db import db
from wasl.tenancy.scope import tenant_scope


def count_in(tenant, model=Beneficiary) -> int:
    """How many rows of ``model`` (beneficiaries by default) ``tenant`` holds."""
    with tenant_scope(db.session, tenant.id):
        return db.session.scalar(select(func.count()).select_from(model))
