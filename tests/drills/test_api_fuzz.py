"""The API fuzzed against its own OpenAPI document: no server errors, every answer matches its schema.

Schemathesis generates requests for every documented operation (a bounded,
derandomised number each) and they are sent in process, with an admin's token,
to Wefaq; each response is checked for 5xx and against the documented schema.
"""

from __future__ import annotations

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import response_schema_conformance

from tests.cases.support import person, staff
from tests.support.web import bearer

EXAMPLES_PER_OPERATION = 8
CHECKS = [not_a_server_error, response_schema_conformance]


@pytest.fixture
def wefaq(factory):
    association = staff(factory, factory.seed_tenant("wefaq"), tokens=True)
    factory.commit()
    return association


def _send(client, case, token: str):
    path = case.formatted_path
    headers = {**bearer(token), **{k: v for k, v in (case.headers or {}).items() if k.lower() != "authorization"}}
    kwargs = {"query_string": case.query or {}, "headers": headers}
    if case.body is not None and not isinstance(case.body, schemathesis.core.NotSet):
        kwargs["json"] = case.body
    return client.open(path, method=case.method, **kwargs)


def test_no_operation_answers_5xx_or_outside_its_schema(client, wefaq):
    spec = client.get("/api/v1/openapi.json").get_json()
    schema = schemathesis.openapi.from_dict(spec)
    token = wefaq.tokens["admin"]
    failures: list[str] = []
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 20

    for operation in operations:
        @settings(max_examples=EXAMPLES_PER_OPERATION, derandomize=True, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        @given(operation.as_strategy())
        def exercise(case):
            if "slug" in (case.path_parameters or {}):
                case.path_parameters["slug"] = wefaq.tenant.slug
            try:
                response = _send(client, case, token)
            except Exception as error:  # noqa: BLE001 - an exception escaping the app is a server error
                failures.append(f"{case.method} {case.formatted_path} raised {error!r}"[:600])
                return
            try:
                case.validate_response(response, checks=CHECKS)
            except (Exception, BaseExceptionGroup) as failure:  # noqa: BLE001 - every check failure is collected
                found = getattr(failure, "exceptions", [failure])
                titles = "; ".join(getattr(f, "title", type(f).__name__) for f in found)
                failures.append(f"{case.method} {case.formatted_path} {case.query} -> {response.status_code}: {titles} "
                                f"{response.get_data(as_text=True)[:200]}")

        exercise()
    assert not failures, "\n".join(failures[:20])


def _conforms(schema, path: str, method: str, response) -> None:
    operation = schema[path][method]
    operation.validate_response(response)


def test_what_admins_are_sent_and_the_duplicate_answer_are_documented(client, wefaq):
    schema = schemathesis.openapi.from_dict(client.get("/api/v1/openapi.json").get_json())
    admin, slug = bearer(wefaq.tokens["admin"]), wefaq.tenant.slug
    opened = client.post(f"/api/v1/{slug}/cases", headers=admin,
                         json={"service": "support_request", "channel": "phone", "beneficiary": person(1)})
    assert opened.status_code == 201, opened.get_json()
    listed = client.get(f"/api/v1/{slug}/notifications", headers=admin)
    assert listed.status_code == 200 and "recipient_address" in listed.get_json()["items"][0]
    _conforms(schema, "/api/v1/{slug}/notifications", "GET", listed)
    one = client.get(f"/api/v1/{slug}/notifications/{listed.get_json()['items'][0]['id']}", headers=admin)
    _conforms(schema, "/api/v1/{slug}/notifications/{notification_id}", "GET", one)

    again = client.post(f"/api/v1/{slug}/beneficiaries", headers=admin, json=person(1))
    assert again.status_code == 409 and {"existing_id", "existing_url"} <= set(again.get_json())
    _conforms(schema, "/api/v1/{slug}/beneficiaries", "POST", again)
