"""Request bodies in the OpenAPI document: each transition's payload, the upload's multipart form, raw logos."""

import jsonschema_rs

from wasl.cases.api.transition_docs import payload_name, variant_name
from wasl.cases.workflow import RULES
from wasl.cases.workflow.steps import HANDLERS, StepAction
from wasl.cases.workflow.steps.base import NoteOnly

TRANSITIONS = "/api/v1/{slug}/cases/{case_id}/transitions"


def _spec(client) -> dict:
    return client.get("/api/v1/openapi.json").get_json()


def _body_schema(spec: dict, path: str, method: str, media: str = "application/json") -> dict:
    return spec["paths"][path][method]["requestBody"]["content"][media]["schema"]


def _validator(spec: dict, schema: dict):
    return jsonschema_rs.Draft202012Validator({**schema, "components": spec["components"]})


def test_every_transition_action_has_its_payload_schema(client):
    spec = _spec(client)
    body = _body_schema(spec, TRANSITIONS, "post")
    mapping = body["discriminator"]["mapping"]
    assert body["discriminator"]["propertyName"] == "action"
    known = set(HANDLERS) | {rule.name for rule in RULES}
    assert set(mapping) == known and len(body["oneOf"]) == len(known)
    schemas = spec["components"]["schemas"]
    for action, step_action in HANDLERS.items():
        variant = schemas[variant_name(action)]
        assert variant["properties"]["action"]["enum"] == [action]
        payload = variant["properties"]["payload"]["$ref"].rsplit("/", 1)[-1]
        assert payload == payload_name(step_action.schema)
        declared = set(step_action.schema().fields)
        assert set(schemas[payload]["properties"]) == declared, action


def test_the_transition_body_tells_a_good_payload_from_a_bad_one(client):
    spec = _spec(client)
    validator = _validator(spec, _body_schema(spec, TRANSITIONS, "post"))
    assert validator.is_valid({"action": "record_interaction", "payload": {"notes": "اتصل وسأل عن الموعد"}})
    assert validator.is_valid({"action": "register"})
    assert not validator.is_valid({"action": "record_interaction", "payload": {"note": "typo"}})
    assert not validator.is_valid({"action": "record_interaction", "payload": {}})
    assert not validator.is_valid({"action": "no_such_action"})


def test_a_new_action_is_documented_without_touching_the_documentation(client, monkeypatch):
    monkeypatch.setitem(HANDLERS, "ponder_case", StepAction(NoteOnly, lambda ctx: None))
    spec = _spec(client)
    assert "ponder_case" in _body_schema(spec, TRANSITIONS, "post")["discriminator"]["mapping"]
    assert spec["components"]["schemas"]["PonderCaseTransition"]["properties"]["payload"]["$ref"].endswith(
        "/NoteOnlyPayload")


def test_the_upload_is_documented_as_the_multipart_form_the_code_reads(client):
    spec = _spec(client)
    content = spec["paths"]["/api/v1/{slug}/documents"]["post"]["requestBody"]["content"]
    assert list(content) == ["multipart/form-data"]
    schema = content["multipart/form-data"]["schema"]
    if "$ref" in schema:
        schema = spec["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    assert schema["properties"]["file"] == {**schema["properties"]["file"], "type": "string", "format": "binary"}
    assert schema["required"] == ["file"] and {"kind", "expires_on", "case_id"} <= set(schema["properties"])
    assert schema["properties"]["case_id"]["type"] in ("integer", ["integer", "null"])


def test_the_logo_is_documented_as_a_raw_png_or_svg_body(client):
    content = _spec(client)["paths"]["/api/v1/{slug}/admin/letterhead/logo"]["put"]["requestBody"]["content"]
    assert set(content) == {"image/png", "image/svg+xml"}
    assert all(media["schema"] == {"type": "string", "format": "binary"} for media in content.values())


def test_other_json_bodies_are_unchanged(client):
    spec = _spec(client)
    holiday = spec["paths"]["/api/v1/{slug}/admin/holidays"]["post"]["requestBody"]["content"]
    assert list(holiday) == ["application/json"]
