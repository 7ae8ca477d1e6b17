"""Numbers past what the database can hold, in ids and in ``page=``, are a 404 or a 422, never a 500.

Both crawls walk ``app.url_map`` (and the OpenAPI facts on each view), so a route
or a paginated endpoint added later is covered without anyone listing it.
"""

from __future__ import annotations

import re

import pytest
from marshmallow import class_registry

from tests.administration.helpers import enrol, sign_in_with_second_factor
from tests.support.populate import MAKERS
from tests.support.web import bearer, csrf_token
from wasl.api.schemas import MAX_PAGE
from wasl.db import db
from wasl.tenancy.scope import tenant_scope
from wasl.tenancy.url_objects import URL_OBJECTS, URL_PLAIN_ARGS
from wasl.web.converters import MAX_ID, IdConverter, _at_most

HUGE_IDS = (2**63, 10**19 * 9 + 1, 99999999999999999999, 10**40)
HUGE_PAGES = (10**20, 2**63, 10**12, MAX_PAGE + 1)
WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
_ARG = re.compile(r"<(?:(?P<conv>[a-z]+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
# Views that would end the signed-in session the crawl relies on.
_SKIP_ENDPOINTS = ("logout", "sign_out")

# The HTML lists that read ``page``; each must answer a page number out of range with a clear 422.
HTML_LISTS = (
    "/{slug}/admin/audit",
    "/{slug}/admin/notifications",
    "/{slug}/cases",
    "/{slug}/beneficiaries/",
    "/inbox",
    "/operator/",
    "/operator/audit",
)


@pytest.fixture
def world(factory, client, app):
    """An operator who is also an admin of an association holding one of every URL object."""
    tenant = factory.seed_tenant("wefaq")
    user = factory.user(operator=True)
    factory.member(tenant, "admin", user=user)
    enrol(user)
    objects = {}
    with tenant_scope(db.session, tenant.id):
        for arg, model_path in URL_OBJECTS.items():
            objects[arg] = MAKERS[model_path](factory, tenant).id
    token = factory.token(user)
    factory.commit()
    sign_in_with_second_factor(client, user)
    return {"tenant": tenant, "objects": objects, "token": token}


def _values(rule, world, *, other: str | None = None) -> dict:
    """Real values for a rule's arguments; ``other`` for an argument that names no object (if given)."""
    values = {}
    for match in _ARG.finditer(rule.rule):
        name = match["name"]
        if name in ("slug", "association"):
            values[name] = world["tenant"].slug
        elif name in world["objects"]:
            values[name] = world["objects"][name]
        elif name in URL_PLAIN_ARGS:
            values[name] = URL_PLAIN_ARGS[name]
        elif match["conv"] == "int":
            values[name] = 1  # not registered yet: the cross-tenant matrix asks for that; any id will do here
        elif other is not None:
            values[name] = other
        else:
            pytest.fail(f"route {rule.rule}: register <{name}> in wasl/tenancy/url_objects.py")
    return values


def _url(rule, values: dict) -> str:
    return _ARG.sub(lambda m: str(values[m["name"]]), rule.rule)


def _int_args(rule) -> list[str]:
    return [m["name"] for m in _ARG.finditer(rule.rule) if m["conv"] == "int"]


def _methods(rule) -> list[str]:
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def _send(client, method: str, url: str, token: str, csrf: str):
    if url.startswith("/api/"):
        return client.open(url, method=method, headers=bearer(token), json={})
    return client.open(url, method=method, data={"csrf_token": csrf} if method in WRITE_METHODS else None)


def test_the_int_converter_is_bounded(app):
    assert app.url_map.converters["int"] is IdConverter
    assert sum(1 for rule in app.url_map.iter_rules() if _int_args(rule)) >= 20
    for rule in app.url_map.iter_rules():
        for name, converter in rule._converters.items():
            if name in _int_args(rule):
                assert isinstance(converter, IdConverter), rule.rule


@pytest.mark.parametrize("limit", [0, 1, 9, 10, 99, 100, 105, 2024, 70000])
def test_the_id_expression_matches_exactly_zero_to_the_limit(limit):
    expression = re.compile(_at_most(limit))
    for number in range(limit * 3 + 20):
        for text in (str(number), f"00{number}"):
            assert bool(expression.fullmatch(text)) == (number <= limit), text


def test_the_id_expression_at_the_64_bit_edge():
    expression = re.compile(_at_most(MAX_ID))
    assert expression.fullmatch(str(MAX_ID)) and expression.fullmatch("0" * 30 + str(MAX_ID))
    for number in (MAX_ID + 1, 10**19, 10**19 - 1, 2**64, 10**20):
        assert not expression.fullmatch(str(number)), number


def test_largest_id_still_routes_and_builds(app):
    adapter = app.url_map.bind("wasl.test")
    endpoint, values = adapter.match(f"/wefaq/cases/{MAX_ID}")
    assert values["case_id"] == MAX_ID
    assert adapter.build(endpoint, {"slug": "wefaq", "case_id": 7}) == "/wefaq/cases/7"


def test_ids_past_the_integer_range_are_404_on_every_route(app, client, world):
    """Each ``<int:…>`` of every rule, in turn, gets a number no id column can hold; the rest are real."""
    csrf = csrf_token(client, "/login")
    failures, tried = [], 0
    for rule in app.url_map.iter_rules():
        if not _int_args(rule):
            continue
        for arg in _int_args(rule):
            for huge in HUGE_IDS:
                url = _url(rule, {**_values(rule, world), arg: huge})
                for method in _methods(rule):
                    tried += 1
                    response = _send(client, method, url, world["token"], csrf)
                    if response.status_code != 404:
                        failures.append(f"{method} {url} -> {response.status_code}")
                    elif url.startswith("/api/") and response.mimetype != "application/problem+json":
                        failures.append(f"{method} {url} -> 404 as {response.mimetype}")
    assert tried > 100
    assert not failures, "\n".join(failures)


def test_the_examples_of_the_report(client, world):
    for url in ("/wefaq/cases/99999999999999999999", "/wefaq/beneficiaries/9223372036854775808"):
        assert client.get(url).status_code == 404, url
    api = client.get("/api/v1/wefaq/cases/9223372036854775808", headers=bearer(world["token"]))
    assert (api.status_code, api.mimetype) == (404, "application/problem+json")
    assert api.get_json()["status"] == 404


def _paginated_api_rules(app) -> list:
    rules = []
    for rule in app.url_map.iter_rules():
        facts = getattr(app.view_functions[rule.endpoint], "_openapi", None)
        query = facts and facts["query"]
        if isinstance(query, str):  # a schema named, not imported (marshmallow's registry resolves it)
            query = class_registry.get_class(query)
        if query is not None and "page" in query().fields and "GET" in rule.methods:
            rules.append(rule)
    return rules


def test_every_paginated_api_endpoint_refuses_a_huge_page_with_422(app, client, world):
    rules = _paginated_api_rules(app)
    assert len(rules) >= 6, [rule.rule for rule in rules]
    failures = []
    for rule in rules:
        url = _url(rule, _values(rule, world))
        assert client.get(f"{url}?page=2", headers=bearer(world["token"])).status_code == 200, url
        for page in HUGE_PAGES:
            response = client.get(f"{url}?page={page}", headers=bearer(world["token"]))
            body = response.get_json(silent=True) or {}
            if (response.status_code, response.mimetype) != (422, "application/problem+json") \
                    or "page" not in body.get("errors", {}):
                failures.append(f"GET {url}?page={page} -> {response.status_code} {body}")
    assert not failures, "\n".join(failures)


def test_the_bounds_are_documented(app):
    from wasl.api.spec import build_spec

    with app.test_request_context("/api/v1/openapi.json"):
        spec = build_spec()
    pages = [parameter for path in spec["paths"].values() for operation in path.values()
             for parameter in operation.get("parameters", []) if parameter.get("name") == "page"]
    assert pages and all(p["schema"].get("maximum") == MAX_PAGE for p in pages)
    ids = [parameter for item in spec["paths"].values() for operation in item.values()
           for parameter in operation.get("parameters", []) if parameter["in"] == "path"
           and parameter["name"].endswith("_id")]
    assert ids and all(p["schema"]["maximum"] == MAX_ID for p in ids)


def test_the_largest_page_is_an_empty_page(client, world):
    response = client.get(f"/api/v1/wefaq/cases?page={MAX_PAGE}&per_page=100", headers=bearer(world["token"]))
    assert response.status_code == 200
    assert (response.get_json()["page"], response.get_json()["items"]) == (MAX_PAGE, [])


@pytest.mark.parametrize("page", ["99999999999999999999", str(10**12), "0", "-3", "abc"])
def test_html_lists_answer_a_bad_page_with_a_clear_422(client, world, page):
    for pattern in HTML_LISTS:
        url = pattern.format(slug=world["tenant"].slug)
        response = client.get(f"{url}?page={page}&lang=en")
        assert response.status_code == 422, f"{url}?page={page} -> {response.status_code}"
        assert "This page number is not valid" in response.get_data(as_text=True), url


def test_html_lists_still_page(client, world):
    for pattern in HTML_LISTS:
        url = pattern.format(slug=world["tenant"].slug)
        for query in ("", "?page=1", "?page=2", f"?page={MAX_PAGE}"):
            assert client.get(url + query).status_code == 200, url + query


def test_no_page_answers_a_huge_page_number_with_a_server_error(app, client, world):
    """Every GET page and endpoint without ids, asked for ``page=10**20``: no 5xx anywhere."""
    failures, tried = [], 0
    for rule in app.url_map.iter_rules():
        if "GET" not in rule.methods or _int_args(rule) or rule.endpoint.endswith(_SKIP_ENDPOINTS) \
                or rule.endpoint == "static":
            continue
        url = _url(rule, _values(rule, world, other="start"))
        headers = bearer(world["token"]) if url.startswith("/api/") else {}
        response = client.get(f"{url}?page={10**20}", headers=headers)
        tried += 1
        if response.status_code >= 500:
            failures.append(f"GET {url}?page=10**20 -> {response.status_code}")
    assert tried > 30
    assert not failures, "\n".join(failures)
