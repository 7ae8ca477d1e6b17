"""Readable diffs between policy versions: section by section, in words, in the reader's language."""

from __future__ import annotations

import copy

import pytest

from tests.support.factories import tenants_dir
from wasl.db import db
from wasl.policy import services
from wasl.policy.content import load_policy_file
from wasl.policy.diff import diff_content, word_diff
from wasl.tenancy.scope import tenant_scope


def content_of(slug: str) -> dict:
    return load_policy_file(tenants_dir() / slug / "policy.yaml").content


def by_section(diff) -> dict:
    return {section.key: section for section in diff}


@pytest.fixture
def edited(factory):
    """Wefaq's published version 1 and a draft 2 with a handful of changes."""
    tenant = factory.seed_tenant("wefaq")
    admin = factory.member(tenant, "admin")
    with tenant_scope(db.session, tenant.id):
        draft = services.start_draft(admin, "published", tenant=tenant)
        content = copy.deepcopy(draft.content)
        goals = content["detailed_goals"]
        goals[0]["text"]["en"] = goals[0]["text"]["en"].replace("hardship", "delay")
        channels = content["channels"]
        channels[3]["enabled"] = False
        steps = content["procedure"]["steps"]
        steps[2], steps[3] = steps[3], steps[2]
        lock = 1
        for section, data in (("texts", {"detailed_goals": goals}), ("channels", channels),
                              ("procedure", {"heading": content["procedure"]["heading"], "steps": steps}),
                              ("decision_window", {"days": 10, "counting": "working"})):
            services.update_draft(draft, section, data, lock, admin)
            lock += 1
        yield tenant, services.published_version(tenant), draft


def test_changes_are_listed_section_by_section_in_words(edited):
    tenant, published, draft = edited
    sections = by_section(services.diff_versions(published, draft, "en"))
    assert list(sections) == ["texts", "channels", "procedure", "decision_window", "approval"]
    [goal] = sections["texts"].changes
    assert (goal.kind, goal.label) == ("changed", "Detailed goal 1")
    assert ("delete", "hardship") in goal.words and ("insert", "delay") in goal.words
    [letters] = sections["channels"].changes
    assert letters.label == "Channel “Letters”" and letters.after == "Letters — this channel is disabled"
    [moved] = sections["procedure"].changes
    assert moved.kind == "moved" and moved.label == "Order of the steps"
    assert "Referral, Pledge" in moved.before and "Pledge, Referral" in moved.after
    [window] = sections["decision_window"].changes
    assert (window.before, window.after) == ("14 calendar days", "10 working days (Sunday to Thursday)")
    approval = {change.label: change for change in sections["approval"].changes}
    assert {change.kind for change in approval.values()} == {"removed"}
    assert approval["Approval meeting number"].before == "03"
    assert approval["Approval date"].before == "8 Shawwal 1445 AH — April 17, 2024"
    assert sections["texts"].title == "Preamble, goals and practices"


def test_identical_versions_have_no_differences(edited):
    _tenant, published, _draft = edited
    assert services.diff_versions(published, published, "ar") == []


def test_the_text_is_in_the_requested_language_with_the_association_named(edited):
    tenant, published, draft = edited
    sections = by_section(services.diff_versions(published, draft, "ar"))
    assert sections["channels"].changes[0].before == "الخطابات"
    policy = copy.deepcopy(published.content)
    policy["preamble"]["ar"] = policy["preamble"]["ar"] + " جديد"
    [preamble] = diff_content(published.content, policy, tenant, "ar")[0].changes
    assert tenant.name_ar in preamble.after and "{association}" not in preamble.after


def test_two_associations_policies_compare_item_by_item():
    sections = by_section(diff_content(content_of("wefaq"), content_of("modeem"), None, "en"))
    steps = {change.label: change for change in sections["procedure"].changes}
    assert steps["Step “Referral”"].kind == "removed"
    assert "Refers to: Social-research officer" in steps["Step “Referral”"].before
    channels = {change.label: change.kind for change in sections["channels"].changes}
    assert channels["Channel “Service request form”"] == "added"
    assert channels["Channel “Interview”"] == "removed"
    shaair = by_section(diff_content(content_of("wefaq"), content_of("shaair"), None, "en"))
    mechanisms = [c for c in shaair["eligibility"].changes if c.label.startswith("Mechanism")]
    assert [c.kind for c in mechanisms] == ["added", "added", "added"]


def test_word_diff_keeps_the_spacing():
    runs = word_diff("a quick fox", "a slow fox")
    assert runs == (("equal", "a "), ("delete", "quick"), ("insert", "slow"), ("equal", " fox"))
    assert "".join(text for op, text in runs if op != "delete") == "a slow fox"


def test_counts_and_flags_are_worded_as_whole_phrases():
    before = content_of("shaair")
    after = copy.deepcopy(before)
    after["decision_window"] = {"days": 1, "counting": "working"}
    after["eligibility"]["mechanisms"][1]["enabled"] = False
    documents = after["services"][0]["required_documents"]
    documents[0]["must_be_valid_at_submission"] = not documents[0].get("must_be_valid_at_submission")
    sections = by_section(diff_content(before, after, None, "en"))
    [window] = sections["decision_window"].changes
    assert (window.before, window.after) == ("14 calendar days", "1 working day (Sunday to Thursday)")
    [mechanism] = [c for c in sections["eligibility"].changes if c.label.startswith("Mechanism")]
    assert mechanism.after.endswith(" — this mechanism is disabled")
    [service] = sections["services"].changes
    document = documents[0]["name"]["en"]
    valid = f"{document} (must be valid at submission)"
    assert (valid in service.after) == documents[0]["must_be_valid_at_submission"]
    assert (valid in service.before) != documents[0]["must_be_valid_at_submission"]
