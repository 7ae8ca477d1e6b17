"""Fixtures of the import tests: an association in scope and a helper that takes a file to a checked import."""

from __future__ import annotations

import pytest

from tests.imports.registers import upload
from wasl.db import db
from wasl.imports import services
from wasl.tenancy.scope import tenant_scope


@pytest.fixture
def tenant(factory):
    association = factory.tenant()
    with tenant_scope(db.session, association.id):
        yield association


def checked(data: bytes, name: str = "register.csv", actor=None):
    """Upload, accept the proposed mapping, dry-run: the import as the admin sees its report."""
    job = services.upload(upload(data, name), actor)
    services.save_mapping(job, services.proposed_mapping(job.headers), actor)
    return services.dry_run(job, actor)
