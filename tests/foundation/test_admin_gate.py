"""Every page under ``/<slug>/admin`` and ``/operator`` asks for the second factor, whoever added it.

The routes are enumerated from the URL map, like the cross-tenant matrix, so a
feature that adds an admin page later is covered without anyone listing it.
"""

from __future__ import annotations

import pytest

from tests.foundation.test_cross_tenant_matrix import fill, is_public, methods_of
from tests.support.populate import MAKERS
from tests.support.web import csrf_token, pass_second_factor, sign_in
from wasl.db import db
from wasl.operator.gate import is_gated
from wasl.operator.twofactor import SESSION_KEY
from wasl.tenancy.scope import tenant_scope
from wasl.tenancy.url_objects import URL_OBJECTS


def gated_rules(app):
    rules = [rule for rule in app.url_map.iter_rules() if is_gated(rule.rule) and not is_public(app, rule)]
    assert any(rule.rule.startswith("/<slug>/admin/notifications") for rule in rules)
    assert any(rule.rule.startswith("/<slug>/admin/policy") for rule in rules)
    return rules


@pytest.fixture
def own_world(factory, client):
    """An association with one of every object, and an operator who is also its admin."""
    tenant = factory.seed_tenant("shaair")
    person = factory.member(tenant, "admin")
    person.is_operator = True
    with tenant_scope(db.session, tenant.id):
        objects = {arg: MAKERS[path](factory, tenant).id for arg, path in URL_OBJECTS.items()}
    factory.commit()
    sign_in(client, person)
    objects.update(association=tenant.slug, step="identity")  # operator URLs name a slug and a wizard step
    return {"slug": tenant.slug, "objects": objects, "person": person}


def _walk(app, client, world):
    token = csrf_token(client, "/")
    for rule in gated_rules(app):
        url = fill(rule, world["slug"], world["objects"])
        for method in methods_of(rule):
            data = {"csrf_token": token} if method != "GET" else None
            yield rule, method, client.open(url, method=method, data=data)


def test_an_admin_who_never_enrolled_is_sent_to_set_up_the_second_factor(app, client, own_world):
    for rule, method, response in _walk(app, client, own_world):
        assert response.status_code == 302, (method, rule.rule, response.status_code)
        assert "/two-factor/setup" in response.headers["Location"], (method, rule.rule)


def test_an_enrolled_admin_who_has_not_passed_it_this_session_is_asked_for_a_code(app, client, own_world):
    pass_second_factor(client, own_world["person"])
    with client.session_transaction() as session:
        session.pop(SESSION_KEY)
    for rule, method, response in _walk(app, client, own_world):
        assert response.status_code == 302, (method, rule.rule, response.status_code)
        assert "/two-factor/verify" in response.headers["Location"], (method, rule.rule)


def test_after_the_second_factor_the_admin_pages_open(app, client, own_world):
    pass_second_factor(client, own_world["person"])
    for rule in gated_rules(app):
        if "GET" not in rule.methods or "<" in rule.rule.replace("<slug>", ""):
            continue
        response = client.get(fill(rule, own_world["slug"], own_world["objects"]))
        assert response.status_code in (200, 302), (rule.rule, response.status_code)
        assert "/two-factor/" not in response.headers.get("Location", ""), rule.rule
