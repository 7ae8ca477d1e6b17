"""Starting a draft from another association's policy: only published versions it shares are visible."""

from __future__ import annotations

import pytest
from marshmallow import ValidationError
from sqlalchemy import select

from tests.support.factories import SEED_SLUGS
from wasl.db import db
from wasl.policy import services
from wasl.policy.models import PolicySource, PolicyVersion
from wasl.policy.templates_source import copyable_policies
from wasl.tenancy.scope import tenant_scope


def republish(tenant, admin, shareable: bool = False):
    draft = services.start_draft(admin, "published", tenant=tenant)
    services.approve(draft, "12", date_gregorian="2025-02-01", actor=admin)
    services.set_shareable(draft, shareable, admin)
    return services.publish(draft, admin)


@pytest.fixture
def platform(factory):
    """Wefaq shares its policy; Shaair does not; Hope shared a version it has since superseded;
    Modeem marks a draft shareable; Quway'iyah, who looks, shares its own."""
    tenants = {slug: factory.seed_tenant(slug) for slug in SEED_SLUGS}
    person = factory.user()  # one admin of all five: hashing a password per association would only cost time
    admins = {slug: factory.member(tenant, "admin", user=person) for slug, tenant in tenants.items()}
    for slug in ("wefaq", "hope", "quwayiyah"):
        with tenant_scope(db.session, tenants[slug].id):
            services.set_shareable(services.published_version(tenants[slug]), True, admins[slug])
    with tenant_scope(db.session, tenants["hope"].id):
        republish(tenants["hope"], admins["hope"], shareable=False)
    with tenant_scope(db.session, tenants["modeem"].id):
        draft = services.start_draft(admins["modeem"], "template", tenant=tenants["modeem"])
        services.set_shareable(draft, True, admins["modeem"])
    return tenants, admins


def test_only_other_associations_shared_published_policies_are_listed(platform):
    tenants, _admins = platform
    looker = tenants["quwayiyah"]
    with tenant_scope(db.session, looker.id):
        listed = copyable_policies(looker)
        visible_after = set(db.session.scalars(select(PolicyVersion.tenant_id)))
    assert [(p.slug, p.number) for p in listed] == [("wefaq", 1)]
    assert listed[0].name == {"ar": tenants["wefaq"].name_ar, "en": tenants["wefaq"].name_en}
    assert listed[0].title["ar"].startswith("سياسة تنظيم العلاقة")
    assert not hasattr(listed[0], "content")
    assert visible_after == {looker.id}, "the all-tenants scope must end with the listing"


def test_a_draft_copies_the_shared_policy_without_its_approval(platform):
    tenants, admins = platform
    looker = tenants["quwayiyah"]
    with tenant_scope(db.session, tenants["wefaq"].id):
        source = services.published_version(tenants["wefaq"]).content
    with tenant_scope(db.session, looker.id):
        draft = services.start_draft(admins["quwayiyah"], "copy", "wefaq", tenant=looker)
    assert draft.tenant_id == looker.id and draft.source == PolicySource.COPY
    assert (draft.copied_from_tenant_id, draft.copied_from_number) == (tenants["wefaq"].id, 1)
    assert draft.content == {k: v for k, v in source.items() if k != "approval"}


@pytest.mark.parametrize("slug, reason", [
    ("shaair", "does not share"),
    ("hope", "does not share"),
    ("modeem", "does not share"),
    ("nowhere", "does not share"),
    ("quwayiyah", "another association"),
    (None, "Choose the association"),
])
def test_nothing_else_can_be_copied(platform, slug, reason):
    tenants, admins = platform
    looker = tenants["quwayiyah"]
    with tenant_scope(db.session, looker.id), pytest.raises(ValidationError) as error:
        services.start_draft(admins["quwayiyah"], "copy", slug, tenant=looker)
    assert reason in error.value.messages["copy_from"][0]


def test_copied_references_lose_files_uploaded_by_the_other_association(factory):
    wefaq, shaair = factory.seed_tenant("wefaq"), factory.seed_tenant("shaair")
    admin, other_admin = factory.member(wefaq, "admin"), factory.member(shaair, "admin")
    with tenant_scope(db.session, wefaq.id):
        draft = services.start_draft(admin, "published", tenant=wefaq)
        references = dict(draft.content["references"])
        references["items"] = [dict(references["items"][0], file="bylaws-2024.pdf"),
                               dict(references["items"][1], url="https://example.org/guide")]
        services.update_draft(draft, "references", references, 1, admin)
        services.approve(draft, "5", date_gregorian="2025-01-05", actor=admin)
        services.set_shareable(draft, True, admin)
        services.publish(draft, admin)
    with tenant_scope(db.session, shaair.id):
        copied = services.start_draft(other_admin, "copy", "wefaq", tenant=shaair)
    items = copied.content["references"]["items"]
    assert "file" not in items[0] and items[1]["url"] == "https://example.org/guide"


def test_an_unknown_source_is_refused(factory):
    wefaq = factory.seed_tenant("wefaq")
    with tenant_scope(db.session, wefaq.id), pytest.raises(ValidationError) as error:
        services.start_draft(None, "photocopy", tenant=wefaq)
    assert "source" in error.value.messages
