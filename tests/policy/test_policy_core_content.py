"""The policy content format: the five seeds and the standard model validate; malformed files are refused
with the file, the field path and the reason."""

from __future__ import annotations

import copy

import pytest
from marshmallow import ValidationError

from tests.policy.policy_core_support import SEED_CHANNEL_COUNTS, seed_folder, seed_policy, write_policy
from tests.support.factories import SEED_SLUGS, tenants_dir
from wasl.onboarding.definitions import DefinitionError, load_definition, onboard
from wasl.policy.content import content_digest, english_gaps, iter_texts, load_policy_file, validate_content


def loaded(slug: str) -> dict:
    return load_policy_file(tenants_dir() / slug / "policy.yaml").content


def steps(content: dict) -> dict:
    return {step["type"]: step for step in content["procedure"]["steps"]}


@pytest.mark.parametrize("slug", (*SEED_SLUGS, "_standard"))
def test_every_policy_file_validates_with_both_languages(slug):
    content = loaded(slug)
    assert english_gaps(content) == {}
    assert content["procedure"]["steps"][0]["type"] == "reception"
    assert "{association}" in content["preamble"]["ar"] and "{association}" in content["preamble"]["en"]


@pytest.mark.parametrize("slug, count", SEED_CHANNEL_COUNTS.items())
def test_each_association_keeps_its_own_channels(slug, count):
    channels = [c for c in loaded(slug)["channels"] if c["enabled"]]
    assert len(channels) == count


def test_modeem_has_its_own_two_channels_and_no_referral_step():
    content = loaded("modeem")
    keys = [c["key"] for c in content["channels"]]
    assert {"service_request_form", "project_application"} <= set(keys)
    assert "interview" not in keys and "referral" not in steps(content)
    assert list(steps(content)) == ["reception", "completeness_check", "pledge", "committee_review",
                                    "registration", "service_delivery"]


def test_shaair_refers_to_the_supervisor_and_the_management_decides():
    content = loaded("shaair")
    assert steps(content)["referral"]["target_role"] == "supervisor"
    assert steps(content)["committee_review"]["decision_body"] == {"ar": "الإدارة", "en": "the management"}
    mechanisms = [m["key"] for m in content["eligibility"]["mechanisms"]]
    assert mechanisms == ["administrative_review", "personal_interview", "field_visit"]
    assert {c["kind"] for c in content["eligibility"]["criteria"]} == {"regulation_condition", "professional_standard"}


@pytest.mark.parametrize("slug", ("wefaq", "hope", "quwayiyah"))
def test_the_others_refer_to_the_social_researcher_and_the_research_committee(slug):
    content = loaded(slug)
    assert steps(content)["referral"]["target_role"] == "social_researcher"
    assert steps(content)["committee_review"]["decision_body"]["ar"] == "لجنة البحث"
    assert "eligibility" not in content


def test_quwayiyah_speaks_of_users():
    wording = [step["wording"]["ar"] for step in loaded("quwayiyah")["procedure"]["steps"]]
    assert "المستخدم" in wording[0]
    assert not any("المستفيد" in text for text in wording)


def test_no_policy_text_names_an_association():
    names = {"جمعية تواصل"}  # the association file 002 still named by copy-paste
    for slug in SEED_SLUGS:
        definition = load_definition(tenants_dir() / slug)
        names |= {definition["name"]["ar"], definition["name"]["en"]}
    for slug in (*SEED_SLUGS, "_standard"):
        for path, text in iter_texts(loaded(slug)):
            for value in text.values():
                assert not any(name in value for name in names), (slug, path, value)


def test_approval_blocks_are_kept_as_printed_or_corrected():
    assert loaded("wefaq")["approval"] == {"meeting_number": "03", "date_hijri": "1445-10-08",
                                           "date_gregorian": "2024-04-17", "supersedes_previous": True}
    hope = load_policy_file(tenants_dir() / "hope" / "policy.yaml")
    assert hope.content["approval"]["date_hijri"] == "1445-04-06"
    assert hope.content["approval"]["date_gregorian"] == "2023-10-21"
    assert hope.content["approval"]["printed_gregorian"] == "2024-10-21"
    assert hope.correction["derived_gregorian"] == "2023-10-21"
    for slug in ("shaair", "modeem", "quwayiyah"):
        assert "approval" not in loaded(slug)


def test_content_hash_ignores_key_order():
    content = loaded("wefaq")
    reordered = dict(reversed(list(copy.deepcopy(content).items())))
    assert content_digest(reordered) == content_digest(content)
    reordered["decision_window"] = {"days": 10, "counting": "working"}
    assert content_digest(reordered) != content_digest(content)


def _break(policy: dict, how: str) -> None:
    step_list = policy["procedure"]["steps"]
    if how == "unknown step type":
        step_list[0]["type"] = "welcome"
    elif how == "referral without target role":
        del step_list[2]["target_role"]
    elif how == "duplicate channel key":
        policy["channels"][1]["key"] = "interview"
    elif how == "empty Arabic text":
        policy["practices"][0]["ar"] = "   "
    elif how == "missing English":
        del policy["title"]["en"]
    elif how == "unknown key":
        policy["procedure"]["steps"][1]["colour"] = "red"
    elif how == "unknown role":
        step_list[0]["responsible_role"] = "janitor"
    elif how == "stray placeholder":
        policy["general_goal"]["ar"] += " {name}"
    elif how == "zero-day window":
        policy["decision_window"]["days"] = 0
    elif how == "impossible Hijri date":
        policy["approval"]["date_hijri"] = "1445-13-01"


@pytest.mark.parametrize("how, field_path, reason", [
    ("unknown step type", "procedure.steps[0].type", "Must be one of"),
    ("referral without target role", "procedure.steps[2].target_role", "must name the role it refers to"),
    ("duplicate channel key", "channels[1].key", "already used by item 1"),
    ("empty Arabic text", "practices[0].ar", "may not be empty"),
    ("missing English", "title.en", "English"),
    ("unknown key", "procedure.steps[1].colour", "Unknown field"),
    ("unknown role", "procedure.steps[0].responsible_role", "Must be one of"),
    ("stray placeholder", "general_goal.ar", "{association}"),
    ("zero-day window", "decision_window.days", "between 1 and 365"),
    ("impossible Hijri date", "approval.date_hijri", "Umm al-Qura"),
])
def test_malformed_policy_file_names_file_field_path_and_reason(tmp_path, how, field_path, reason):
    policy = seed_policy("wefaq")
    _break(policy, how)
    path = write_policy(tmp_path, policy)
    with pytest.raises(DefinitionError) as error:
        load_policy_file(path)
    lines = [line for line in str(error.value).splitlines() if field_path + ":" in line]
    assert lines, str(error.value)
    assert lines[0].startswith(f"{path}: ") and reason in lines[0]


def test_onboarding_refuses_a_malformed_policy_and_creates_nothing(tmp_path, factory):
    policy = seed_policy("shaair")
    policy["channels"].append(dict(policy["channels"][0]))
    folder = seed_folder(tmp_path, "shaair", policy)
    with pytest.raises(DefinitionError) as error:
        onboard(folder)
    assert "policy.yaml" in str(error.value) and "channels[5].key" in str(error.value)


def test_onboarding_refuses_the_associations_name_in_its_text(tmp_path, factory):
    policy = seed_policy("hope")
    policy["preamble"]["ar"] = policy["preamble"]["ar"].replace("{association}", "جمعية أمل للأزمات النفسية")
    folder = seed_folder(tmp_path, "hope", policy)
    with pytest.raises(DefinitionError) as error:
        onboard(folder)
    assert "preamble.ar" in str(error.value) and "{association}" in str(error.value)


def errors_of(content: dict) -> dict:
    with pytest.raises(ValidationError) as error:
        validate_content(content)
    return error.value.messages


def test_a_draft_may_lack_english_but_never_have_it_blank():
    content = loaded("wefaq")
    del content["general_goal"]["en"]
    assert "en" not in validate_content(content)["general_goal"]
    content["general_goal"]["en"] = " "
    assert errors_of(content) == {"general_goal": {"en": ["This text may not be empty."]}}


@pytest.mark.parametrize("step_type, missing", [("committee_review", "decision_body"), ("pledge", "declaration")])
def test_each_step_type_requires_its_parameter(step_type, missing):
    content = loaded("wefaq")
    step = next(s for s in content["procedure"]["steps"] if s["type"] == step_type)
    index = content["procedure"]["steps"].index(step)
    del step[missing]
    assert missing in errors_of(content)["procedure"]["steps"][index]


def test_a_parameter_on_the_wrong_step_and_a_repeated_step_are_refused():
    content = loaded("wefaq")
    content["procedure"]["steps"][0]["target_role"] = "supervisor"
    content["procedure"]["steps"].append(copy.deepcopy(content["procedure"]["steps"][5]))
    errors = errors_of(content)["procedure"]["steps"]
    assert "Referral" in errors[0]["target_role"][0]
    assert "already appears as step 6" in errors[7]["type"][0]


def _food_basket(**document) -> dict:
    return {"key": "food_basket", "name": {"ar": "سلة غذائية", "en": "Food basket"},
            "required_documents": [{"key": "national_id", "name": {"ar": "الهوية الوطنية"}, **document}],
            "mechanisms": ["administrative_review", "field_visit"]}


def test_a_service_needs_only_mechanisms_the_eligibility_section_enables():
    content = loaded("shaair")
    content["eligibility"]["mechanisms"][2]["enabled"] = False
    content["services"] = [_food_basket()]
    assert "not enabled" in errors_of(content)["services"][0]["mechanisms"][1][0]
    content["eligibility"]["mechanisms"][2]["enabled"] = True
    assert validate_content(content)["services"][0]["mechanisms"] == ["administrative_review", "field_visit"]


def test_only_a_document_that_expires_must_be_valid_at_submission():
    content = loaded("shaair")
    content["services"] = [_food_basket(must_be_valid_at_submission=True)]
    errors = errors_of(content)["services"][0]["required_documents"][0]
    assert "expires" in errors["must_be_valid_at_submission"][0]
    content["services"] = [_food_basket(has_expiry=True, must_be_valid_at_submission=True)]
    assert validate_content(content)["services"][0]["required_documents"][0] == {
        "key": "national_id", "name": {"ar": "الهوية الوطنية"}, "has_expiry": True,
        "must_be_valid_at_submission": True}


def test_services_may_use_every_mechanism_when_there_is_no_eligibility_section():
    content = loaded("wefaq")
    content["services"] = [{"key": "visit", "name": {"ar": "زيارة"}, "mechanisms": ["field_visit"]}]
    assert validate_content(content)["services"][0]["mechanisms"] == ["field_visit"]


def test_reference_is_a_link_or_a_stored_file_and_survey_scale_is_bounded():
    content = loaded("wefaq")
    content["references"]["items"][0].update(url="https://example.org/bylaws.pdf", file="bylaws.pdf")
    content["references"]["items"][1]["file"] = "../../etc/passwd"
    content["satisfaction_survey"] = [{"key": "overall", "text": {"ar": "ما مدى رضاك؟"}, "scale": 7}]
    errors = errors_of(content)
    assert "not both" in errors["references"]["items"][0]["file"][0]
    assert "file" in errors["references"]["items"][1]
    assert "scale" in errors["satisfaction_survey"][0]
    del content["references"]["items"][0]["file"]
    del content["references"]["items"][1]["file"]
    del content["satisfaction_survey"][0]["scale"]
    assert validate_content(content)["satisfaction_survey"][0]["scale"] == 5


def test_at_least_one_channel_is_enabled():
    content = loaded("modeem")
    for channel in content["channels"]:
        channel["enabled"] = False
    assert "channels" in errors_of(content)
