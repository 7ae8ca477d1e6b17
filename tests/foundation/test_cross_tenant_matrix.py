"""Every association route, enumerated from the URL map: another association's member gets 404.

Routes added later are covered without anyone listing them: the test walks
``app.url_map``, fills ``<slug>`` with the other association and every object
id with the other association's real objects (see tests/support/populate.py).
"""

from __future__ import annotations

import importlib
import re

import pytest

from tests.support.populate import MAKERS
from tests.support.web import bearer, csrf_token, sign_in
from wasl.db import db
from wasl.tenancy.scope import tenant_scope
from wasl.tenancy.url_objects import URL_OBJECTS, URL_PLAIN_ARGS

WRITE_METHODS = ("POST", "PUT", "PATCH", "DELETE")
# The routes under an association's slug, pages and API. A route added or removed changes this number on
# purpose: check that the matrix below reaches the new route as it should, then update the count.
TENANT_ROUTES = 219
_ARG = re.compile(r"<(?:[a-z]+(?:\([^)]*\))?:)?(\w+)>")


def tenant_rules(app):
    return [
        rule for rule in app.url_map.iter_rules()
        if rule.rule.startswith("/<slug>") or rule.rule.startswith("/api/v1/<slug>")
    ]


def is_public(app, rule) -> bool:
    return getattr(app.view_functions[rule.endpoint], "_wasl_access", None) == "public"


def is_portal(app, rule) -> bool:
    """A beneficiary portal route: reached with a portal session, never with a staff one."""
    return getattr(app.view_functions[rule.endpoint], "_wasl_access", None) == "portal"


def portal_sign_in(client, tenant) -> str:
    """A beneficiary of ``tenant`` signed in to its portal: the browser's cookie, and an API token returned."""
    from wasl.beneficiaries.services import register_beneficiary
    from wasl.portal import sessions

    with tenant_scope(db.session, tenant.id):
        person = register_beneficiary({"national_id": "2012345670", "full_name_ar": "مستفيدة المصفوفة",
                                       "mobile": "0509876543", "gender": "female"}, None)
        cookie = sessions.start(tenant.id, person.id, sessions.WEB)
        token = sessions.start(tenant.id, person.id, sessions.API)
    client.set_cookie(sessions.COOKIE_NAME, cookie, domain="wasl.test", path=sessions.cookie_path(tenant.slug))
    return token


@pytest.fixture
def world(factory, client, app):
    """Association A with a signed-in admin and a token; association B with one of every object."""
    mine = factory.tenant("matrix-a")
    theirs = factory.seed_tenant("wefaq")
    admin = factory.member(mine, "admin")
    token = factory.token(admin)
    objects = {}
    with tenant_scope(db.session, theirs.id):
        for arg, model_path in URL_OBJECTS.items():
            assert model_path in MAKERS, f"add a maker for {model_path} in tests/support/populate.py"
            objects[arg] = MAKERS[model_path](factory, theirs).id
    factory.commit()
    sign_in(client, admin)
    portal_token = portal_sign_in(client, mine)
    factory.commit()
    return {"mine": mine, "theirs": theirs, "token": token, "portal_token": portal_token, "objects": objects}


def fill(rule, slug: str, objects: dict) -> str:
    values = {}
    for name in _ARG.findall(rule.rule):
        if name == "slug":
            values[name] = slug
        elif name in objects:
            values[name] = objects[name]
        elif name in URL_PLAIN_ARGS:
            values[name] = URL_PLAIN_ARGS[name]
        else:
            pytest.fail(f"route {rule.rule}: register <{name}> in wasl/tenancy/url_objects.py")
    return _ARG.sub(lambda m: str(values[m.group(1)]), rule.rule)


def send(client, method: str, url: str, token: str, csrf: str):
    if url.startswith("/api/"):
        return client.open(url, method=method, headers=bearer(token), json={})
    data = {"csrf_token": csrf} if method in WRITE_METHODS else None
    return client.open(url, method=method, data=data)


def methods_of(rule):
    return sorted(rule.methods - {"HEAD", "OPTIONS"})


def test_every_model_named_in_urls_is_importable():
    for arg, path in URL_OBJECTS.items():
        module, _, name = path.partition(":")
        assert hasattr(importlib.import_module(module), name), f"{arg} -> {path}"


def test_matrix_covers_routes(app):
    assert len(tenant_rules(app)) == TENANT_ROUTES, "a route under /<slug> was added or removed: see TENANT_ROUTES"
    assert any(is_portal(app, rule) and "case_id" in rule.rule for rule in tenant_rules(app))


def token_for(app, rule, world) -> str:
    return world["portal_token"] if is_portal(app, rule) else world["token"]


def test_member_of_a_gets_404_in_b_space(app, client, world):
    csrf = csrf_token(client, "/login")
    failures = []
    for rule in tenant_rules(app):
        if is_public(app, rule):
            continue
        url = fill(rule, world["theirs"].slug, world["objects"])
        for method in methods_of(rule):
            answer = send(client, method, url, token_for(app, rule, world), csrf)
            if not _refused_in_b(app, rule, answer, world["theirs"].slug):
                failures.append(f"{method} {url} -> {answer.status_code}")
    assert not failures, "\n".join(failures)


def _refused_in_b(app, rule, answer, slug: str) -> bool:
    """Staff of A get 404 in B; A's portal session is not a session in B's portal: sign in there first."""
    if not is_portal(app, rule):
        return answer.status_code == 404
    if rule.rule.startswith("/api/"):
        return answer.status_code == 401
    return answer.status_code == 302 and answer.headers["Location"].endswith(f"/{slug}/portal/sign-in")


def test_member_of_a_gets_404_for_b_objects_under_a_slug(app, client, world):
    csrf = csrf_token(client, "/login")
    failures = []
    for rule in tenant_rules(app):
        if not any(name in world["objects"] for name in _ARG.findall(rule.rule)):
            continue
        url = fill(rule, world["mine"].slug, world["objects"])
        for method in methods_of(rule):
            status = send(client, method, url, token_for(app, rule, world), csrf).status_code
            if status != 404:
                failures.append(f"{method} {url} -> {status}")
    assert not failures, "\n".join(failures)


def test_anonymous_visitor_never_reaches_a_private_route(app, world):
    anonymous = app.test_client()
    failures = []
    for rule in tenant_rules(app):
        if is_public(app, rule):
            continue
        url = fill(rule, world["theirs"].slug, world["objects"])
        for method in methods_of(rule):
            status = anonymous.open(url, method=method).status_code
            if status not in (302, 400, 401):
                failures.append(f"{method} {url} -> {status}")
    assert not failures, "\n".join(failures)
