"""Importing policy.yaml with ``tenants onboard``: first import published, unchanged no-op, changes a draft."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, select

from tests.policy.policy_core_support import listen, seed_folder, seed_policy, stop_listening, write_policy
from tests.support.factories import SEED_SLUGS, tenants_dir
from wasl.audit.models import AuditEvent
from wasl.db import db
from wasl.onboarding.definitions import DefinitionError, onboard
from wasl.policy import services
from wasl.policy.content import load_policy_file
from wasl.policy.models import PolicySource, PolicyStatus, PolicyVersion
from wasl.tenancy.scope import tenant_scope


@pytest.fixture
def published_events(app):
    log = listen(app, "policy.published")
    yield log
    stop_listening(app, "policy.published", log)


def versions_of(tenant) -> list[PolicyVersion]:
    with tenant_scope(db.session, tenant.id):
        return services.list_versions(tenant)


def audit_actions(tenant) -> list[str]:
    with tenant_scope(db.session, tenant.id):
        return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


@pytest.mark.parametrize("slug", SEED_SLUGS)
def test_onboarding_imports_each_seed_as_published_version_1(slug, published_events):
    result = onboard(tenants_dir() / slug)
    assert result.policy.outcome == "published" and result.changed
    [version] = versions_of(result.tenant)
    expected = load_policy_file(tenants_dir() / slug / "policy.yaml").content
    assert (version.number, version.status, version.source) == (1, PolicyStatus.PUBLISHED, PolicySource.IMPORT)
    assert version.content == expected and version.published_at is not None and version.lock_version == 1
    assert published_events == [("policy.published", {"tenant_id": result.tenant.id,
                                                       "policy_version_id": version.id, "number": 1})]


def test_board_approval_is_recorded_from_the_file():
    wefaq = onboard(tenants_dir() / "wefaq").policy.version
    assert (wefaq.approval_meeting_number, wefaq.approved_on, wefaq.approved_on_hijri) == (
        "03", date(2024, 4, 17), "1445-10-08")
    shaair = onboard(tenants_dir() / "shaair").policy.version
    assert (shaair.approval_meeting_number, shaair.approved_on, shaair.approved_on_hijri) == (None, None, None)


def test_hopes_disagreeing_pair_is_imported_with_the_hijri_date_and_the_correction_audited():
    result = onboard(tenants_dir() / "hope")
    version = result.policy.version
    assert (version.approved_on, version.approved_on_hijri) == (date(2023, 10, 21), "1445-04-06")
    assert version.content["approval"]["printed_gregorian"] == "2024-10-21"
    assert "approval date corrected" in result.policy.describe()
    with tenant_scope(db.session, result.tenant.id):
        event = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "policy.approval_date_corrected"))
    assert event.object_id == str(version.id)
    assert event.details["derived_gregorian"] == "2023-10-21" and event.details["printed_gregorian"] == "2024-10-21"


def test_reimporting_unchanged_content_is_a_no_op(published_events):
    first = onboard(tenants_dir() / "wefaq")
    events_before = audit_actions(first.tenant)
    again = onboard(tenants_dir() / "wefaq")
    assert again.policy.outcome == "unchanged" and not again.changed
    assert again.policy.describe() == "policy unchanged (version 1)"
    assert len(versions_of(first.tenant)) == 1 and audit_actions(first.tenant) == events_before
    assert len(published_events) == 1


def test_changed_content_becomes_a_new_draft_and_leaves_the_published_version_alone(tmp_path, published_events):
    folder = seed_folder(tmp_path, "shaair")
    original = onboard(folder).policy.version
    published_hash = original.content_hash
    policy = seed_policy("shaair")
    policy["decision_window"] = {"days": 10, "counting": "working"}
    write_policy(folder, policy)
    result = onboard(folder)
    assert result.policy.outcome == "draft_created" and result.changed
    draft, published = versions_of(result.tenant)
    assert (draft.number, draft.status, draft.source) == (2, PolicyStatus.DRAFT, PolicySource.IMPORT)
    assert draft.content["decision_window"] == {"days": 10, "counting": "working"}
    assert (published.status, published.content_hash) == (PolicyStatus.PUBLISHED, published_hash)
    assert len(published_events) == 1
    assert onboard(folder).policy.outcome == "unchanged"


def test_a_newer_file_replaces_the_imports_own_untouched_draft(tmp_path):
    folder = seed_folder(tmp_path, "modeem")
    onboard(folder)
    policy = seed_policy("modeem")
    for days in (10, 12):
        policy["decision_window"]["days"] = days
        write_policy(folder, policy)
        result = onboard(folder)
    assert result.policy.outcome == "draft_replaced" and result.policy.version.number == 2
    assert [v.number for v in versions_of(result.tenant)] == [2, 1]
    assert result.policy.version.content["decision_window"]["days"] == 12


def test_an_edited_draft_is_never_overwritten_by_an_import(tmp_path, factory):
    folder = seed_folder(tmp_path, "modeem")
    tenant = onboard(folder).tenant
    admin = factory.member(tenant, "admin")
    with tenant_scope(db.session, tenant.id):
        draft = services.start_draft(admin, "published", tenant=tenant)
        services.update_draft(draft, "decision_window", {"days": 7, "counting": "working"}, draft.lock_version, admin)
    policy = seed_policy("modeem")
    policy["decision_window"]["days"] = 21
    write_policy(folder, policy)
    with pytest.raises(DefinitionError) as error:
        onboard(folder)
    assert "policy.yaml" in str(error.value) and "Version 2 is being prepared" in str(error.value)
    with tenant_scope(db.session, tenant.id):
        assert services.current_draft(tenant).content["decision_window"] == {"days": 7, "counting": "working"}


def test_a_folder_without_policy_file_imports_nothing(tmp_path):
    folder = seed_folder(tmp_path, "quwayiyah")
    (folder / "policy.yaml").unlink()
    result = onboard(folder)
    assert result.policy.outcome == "absent" and versions_of(result.tenant) == []


def test_the_command_line_says_what_happened_to_the_policy(app, tmp_path):
    folder = seed_folder(tmp_path, "wefaq")
    runner = app.test_cli_runner()
    first = runner.invoke(args=["tenants", "onboard", str(folder)])
    assert first.exit_code == 0, first.output
    assert "created association wefaq" in first.output
    assert "policy imported and published as version 1" in first.output
    second = runner.invoke(args=["tenants", "onboard", str(folder)])
    assert "policy unchanged (version 1)" in second.output
    policy = seed_policy("wefaq")
    policy["procedure"]["steps"][2]["type"] = "escalation"
    write_policy(folder, policy)
    broken = runner.invoke(args=["tenants", "onboard", str(folder)])
    assert broken.exit_code != 0
    assert "policy.yaml: procedure.steps[2].type: Must be one of" in broken.output
    with tenant_scope(db.session, all_tenants=True):
        assert db.session.scalar(select(func.count()).select_from(PolicyVersion)) == 1
