"""Policy services: drafts, section edits with a version check, immutability, approval and publishing."""

from __future__ import annotations

from datetime import date

import pytest
from marshmallow import ValidationError
from sqlalchemy import select, text, update
from sqlalchemy.exc import DBAPIError
from sqlalchemy.orm.exc import StaleDataError

from tests.policy.policy_core_support import listen, stop_listening
from wasl.audit.models import AuditEvent
from wasl.db import db
from wasl.errors import NotFound
from wasl.policy import services
from wasl.policy.errors import DraftExists, ImmutableVersion, StaleDraft, WrongStatus
from wasl.policy.models import PolicySource, PolicyStatus, PolicyVersion
from wasl.policy.templates_source import standard_template
from wasl.tenancy.scope import tenant_scope

HOPE_MESSAGE = "1445-04-06 AH is 2023-10-21, not 2024-10-21; 2024-10-21 is 1446-04-18 AH."


@pytest.fixture
def wefaq(factory):
    tenant = factory.seed_tenant("wefaq")
    with tenant_scope(db.session, tenant.id):
        yield tenant


@pytest.fixture
def admin(factory, wefaq):
    return factory.member(wefaq, "admin")


@pytest.fixture
def draft(wefaq, admin):
    return services.start_draft(admin, "published", tenant=wefaq)


def actions() -> list[str]:
    return list(db.session.scalars(select(AuditEvent.action).order_by(AuditEvent.id)))


def test_a_draft_starts_from_the_published_version_without_its_approval(wefaq, admin, draft):
    published = services.published_version(wefaq)
    assert (draft.number, draft.status, draft.source) == (2, PolicyStatus.DRAFT, PolicySource.EDITOR)
    assert draft.created_by_id == admin.id and draft.lock_version == 1
    assert "approval" not in draft.content
    assert {k: v for k, v in published.content.items() if k != "approval"} == draft.content
    assert services.current_draft(wefaq) is draft
    assert [v.number for v in services.list_versions(wefaq)] == [2, 1]
    assert actions()[-1] == "policy.draft_started"


def test_one_version_is_prepared_at_a_time(wefaq, admin, draft):
    with pytest.raises(DraftExists) as error:
        services.start_draft(admin, "template", tenant=wefaq)
    assert error.value.status == 409 and "Version 2" in error.value.detail


def test_a_draft_can_start_from_the_standard_template_with_the_tenant_in_scope(wefaq, admin):
    draft = services.start_draft(admin, "template")
    assert draft.source == PolicySource.TEMPLATE and draft.content == standard_template()
    assert len(draft.content["channels"]) == 10


def test_each_section_can_be_edited_and_the_lock_moves_on(wefaq, admin, draft):
    content = draft.content
    steps = content["procedure"]["steps"]
    edits = [
        ("texts", {"general_goal": {"ar": "هدف جديد لـ{association}", "en": "A new goal"}, "practices_intro": None}),
        ("channels", [*content["channels"], {"key": "whatsapp_line", "label": {"ar": "خط واتساب"}, "enabled": True}]),
        ("references", {"items": [{"key": "bylaws", "kind": "bylaws", "title": {"ar": "اللائحة"},
                                   "url": "https://example.org/bylaws.pdf"}]}),
        ("procedure", {"steps": [steps[0], steps[1], steps[3], steps[2], *steps[4:]]}),
        ("eligibility", {"mechanisms": [{"key": "field_visit"}]}),
        ("services", [{"key": "visit", "name": {"ar": "زيارة"}, "mechanisms": ["field_visit"]}]),
        ("decision_window", {"days": 10, "counting": "working"}),
        ("survey", [{"key": "overall", "text": {"ar": "ما مدى رضاك عن الخدمة؟"}}]),
    ]
    for lock, (section, data) in enumerate(edits, start=1):
        services.update_draft(draft, section, data, lock, admin)
        assert draft.lock_version == lock + 1
    assert draft.content["general_goal"]["en"] == "A new goal" and "practices_intro" not in draft.content
    assert draft.content["channels"][-1] == {"key": "whatsapp_line", "label": {"ar": "خط واتساب"}, "enabled": True}
    assert [s["type"] for s in draft.content["procedure"]["steps"]][2:4] == ["pledge", "referral"]
    assert draft.content["eligibility"]["mechanisms"] == [{"key": "field_visit", "enabled": True}]
    assert draft.content["satisfaction_survey"][0]["scale"] == 5
    assert draft.updated_by_id == admin.id and draft.updated_at is not None
    assert actions().count("policy.draft_updated") == len(edits)
    services.update_draft(draft, "eligibility", None, draft.lock_version, admin)
    assert "eligibility" not in draft.content


def test_an_invalid_section_is_refused_with_field_paths_and_nothing_changes(wefaq, admin, draft):
    steps = [dict(s) for s in draft.content["procedure"]["steps"]]
    del steps[2]["target_role"]
    with pytest.raises(ValidationError) as error:
        services.update_draft(draft, "procedure", {"steps": steps}, 1, admin)
    assert error.value.messages == {"procedure": {"steps": {2: {"target_role": [
        "A referral step must name the role it refers to."]}}}}
    assert draft.lock_version == 1 and "target_role" in draft.content["procedure"]["steps"][2]


@pytest.mark.parametrize("section, data, field", [
    ("approval", {"meeting_number": "1"}, "section"),
    ("texts", {"channels": []}, "channels"),
    ("texts", "not an object", "data"),
    ("channels", None, "channels"),
    ("services", [{"key": "visit", "name": {"ar": "زيارة"}, "mechanisms": ["teleport"]}], "services"),
])
def test_malformed_edits_name_the_field(wefaq, admin, draft, section, data, field):
    with pytest.raises(ValidationError) as error:
        services.update_draft(draft, section, data, 1, admin)
    assert field in error.value.messages


def test_the_associations_name_must_not_be_typed_into_the_text(wefaq, admin, draft):
    goal = {"ar": "هدف " + wefaq.name_ar, "en": "goal"}
    with pytest.raises(ValidationError) as error:
        services.update_draft(draft, "texts", {"general_goal": goal}, 1, admin)
    assert "{association}" in error.value.messages["general_goal"]["ar"][0]


def test_saving_unchanged_content_does_not_move_the_lock(wefaq, admin, draft):
    services.update_draft(draft, "decision_window", draft.content["decision_window"], 1, admin)
    assert draft.lock_version == 1


def test_an_edit_based_on_an_old_lock_is_refused(wefaq, admin, draft):
    services.update_draft(draft, "decision_window", {"days": 10, "counting": "working"}, 1, admin)
    with pytest.raises(StaleDraft) as error:
        services.update_draft(draft, "decision_window", {"days": 20, "counting": "calendar"}, 1, admin)
    assert error.value.status == 409 and "revision 2" in error.value.detail
    assert draft.content["decision_window"] == {"days": 10, "counting": "working"}


def test_a_concurrent_save_made_elsewhere_is_detected(factory, wefaq, admin, draft):
    factory.commit()
    db.session.execute(update(PolicyVersion).where(PolicyVersion.id == draft.id)
                       .values(lock_version=PolicyVersion.lock_version + 1)
                       .execution_options(synchronize_session=False))
    with pytest.raises(StaleDraft):
        services.update_draft(draft, "decision_window", {"days": 3, "counting": "working"}, 1, admin)


def test_the_orm_refuses_a_write_based_on_a_stale_read(factory, wefaq, admin, draft):
    factory.commit()
    db.session.execute(update(PolicyVersion).where(PolicyVersion.id == draft.id).values(lock_version=5)
                       .execution_options(synchronize_session=False))
    draft.content = dict(draft.content, decision_window={"days": 3, "counting": "working"})
    with pytest.raises(StaleDataError):
        db.session.flush()
    db.session.rollback()


@pytest.mark.parametrize("status", ["approved", "published"])
def test_services_refuse_to_edit_a_version_that_is_not_a_draft(wefaq, admin, draft, status):
    version = services.published_version(wefaq)
    if status == "approved":
        version = services.approve(draft, "7", date_gregorian="2025-01-15", actor=admin)
    with pytest.raises(ImmutableVersion) as error:
        services.update_draft(version, "decision_window", {"days": 3, "counting": "working"},
                              version.lock_version, admin)
    assert error.value.status == 409


@pytest.mark.parametrize("change", ["content", "status", "delete"])
def test_the_orm_guard_keeps_published_versions_as_they_are(factory, wefaq, change):
    factory.commit()
    published = services.published_version(wefaq)
    original = published.content_hash
    if change == "content":
        published.content = dict(published.content, decision_window={"days": 1, "counting": "calendar"})
    elif change == "status":
        published.status = PolicyStatus.DRAFT
    else:
        db.session.delete(published)
    with pytest.raises(ImmutableVersion):
        db.session.flush()
    db.session.rollback()
    again = services.published_version(wefaq)
    assert again.status == PolicyStatus.PUBLISHED and again.content_hash == original


@pytest.mark.parametrize("statement", [
    "UPDATE policy_version SET content_hash = 'rewritten' WHERE id = :id",
    "UPDATE policy_version SET status = 'draft' WHERE id = :id",
    "DELETE FROM policy_version WHERE id = :id",
])
def test_the_database_refuses_raw_sql_that_rewrites_a_published_version(factory, wefaq, statement):
    factory.commit()
    published = services.published_version(wefaq)
    savepoint = db.session.begin_nested()
    with pytest.raises(DBAPIError):
        db.session.connection().execute(text(statement), {"id": published.id})
    savepoint.rollback()
    assert db.session.connection().execute(text("SELECT status FROM policy_version WHERE id = :id"),
                                           {"id": published.id}).scalar() == "published"


def test_raw_sql_may_still_change_a_draft(factory, wefaq, draft):
    factory.commit()
    raw = db.session.connection()  # below the ORM, so only the database's own rules apply
    raw.execute(text("UPDATE policy_version SET content_hash = 'x' WHERE id = :id"), {"id": draft.id})
    assert raw.execute(text("SELECT content_hash FROM policy_version WHERE id = :id"), {"id": draft.id}).scalar() == "x"


def test_hopes_printed_pair_is_refused_when_approving(wefaq, admin, draft):
    with pytest.raises(ValidationError) as error:
        services.approve(draft, "3", "1445-04-06", "2024-10-21", admin)
    assert error.value.messages["date_gregorian"] == [HOPE_MESSAGE]
    assert draft.status == PolicyStatus.DRAFT


def test_approving_with_the_hijri_date_alone_derives_the_gregorian_one(wefaq, admin, draft):
    services.approve(draft, " 3 ", "1445-04-06", actor=admin, supersedes_previous=False)
    assert draft.status == PolicyStatus.APPROVED and draft.approved_by_id == admin.id
    assert (draft.approval_meeting_number, draft.approved_on, draft.approved_on_hijri) == (
        "3", date(2023, 10, 21), "1445-04-06")
    assert draft.content["approval"] == {"meeting_number": "3", "date_hijri": "1445-04-06",
                                         "date_gregorian": "2023-10-21", "supersedes_previous": False}
    assert actions()[-1] == "policy.approved"


def test_approval_needs_a_meeting_number_and_the_lock_the_board_saw(wefaq, admin, draft):
    with pytest.raises(ValidationError) as error:
        services.approve(draft, "  ", date_hijri="1445-04-06", actor=admin)
    assert "meeting_number" in error.value.messages
    services.update_draft(draft, "decision_window", {"days": 9, "counting": "working"}, 1, admin)
    with pytest.raises(StaleDraft):
        services.approve(draft, "4", date_hijri="1445-04-06", actor=admin, expected_lock=1)


def test_only_an_approved_version_is_published(wefaq, admin, draft):
    with pytest.raises(WrongStatus) as error:
        services.publish(draft, admin)
    assert error.value.status == 409 and "approved" in error.value.detail


def test_publishing_supersedes_the_previous_version_and_announces_it(app, wefaq, admin, draft):
    log = listen(app, "policy.published")
    try:
        first = services.published_version(wefaq)
        services.approve(draft, "9", date_gregorian="2025-03-02", actor=admin)
        services.publish(draft, admin)
    finally:
        stop_listening(app, "policy.published", log)
    assert (first.status, draft.status) == (PolicyStatus.SUPERSEDED, PolicyStatus.PUBLISHED)
    assert first.superseded_at == draft.published_at and draft.published_by_id == admin.id
    assert services.published_version(wefaq) is draft and services.current_draft(wefaq) is None
    assert log == [("policy.published", {"tenant_id": wefaq.id, "policy_version_id": draft.id, "number": 2})]
    assert actions()[-2:] == ["policy.superseded", "policy.published"]
    with pytest.raises(WrongStatus):
        services.publish(draft, admin)


def test_sharing_is_for_the_current_policy_only(wefaq, admin, draft):
    first = services.published_version(wefaq)
    services.set_shareable(first, True, admin)
    assert first.shareable and actions()[-1] == "policy.shareable_changed"
    services.approve(draft, "9", date_gregorian="2025-03-02", actor=admin)
    services.publish(draft, admin)
    with pytest.raises(ImmutableVersion):
        services.set_shareable(first, False, admin)


def test_a_draft_can_be_discarded_but_a_published_version_cannot(wefaq, admin, draft):
    services.discard_draft(draft, admin)
    assert services.current_draft(wefaq) is None and actions()[-1] == "policy.draft_discarded"
    with pytest.raises(ImmutableVersion):
        services.discard_draft(services.published_version(wefaq), admin)


def test_get_version_finds_only_the_associations_own_versions(factory, wefaq):
    other = factory.seed_tenant("shaair")
    with tenant_scope(db.session, other.id):
        theirs = services.published_version(other).id
    ours = services.published_version(wefaq)
    assert services.get_version(ours.id) is ours
    with pytest.raises(NotFound):
        services.get_version(theirs)
