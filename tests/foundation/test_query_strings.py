"""Every API list reads its query string the same way: ``?lang=en`` is accepted everywhere."""

from __future__ import annotations

from tests.cases.support import staff
from tests.support.web import bearer


def _documented_lists(app):
    for rule in app.url_map.iter_rules():
        facts = getattr(app.view_functions[rule.endpoint], "_openapi", None)
        if facts and facts["query"] is not None and "GET" in rule.methods:
            yield rule


def test_every_api_list_accepts_the_language_argument(app, client, factory):
    wefaq = staff(factory, factory.seed_tenant("wefaq"), tokens=True)
    operator = factory.user(operator=True)
    tokens = {"admin": wefaq.tokens["admin"], "operator": factory.token(operator)}
    factory.commit()
    checked = []
    for rule in _documented_lists(app):
        url = rule.rule.replace("<slug>", wefaq.tenant.slug)
        if "<" in url:
            continue
        token = tokens["operator" if "/operator" in url else "admin"]
        answer = client.get(f"{url}?lang=en", headers=bearer(token))
        assert answer.status_code < 500, url
        if answer.status_code == 422:  # a list with required arguments of its own: never about ``lang``
            assert "lang" not in answer.get_json()["errors"], (url, answer.get_json())
        checked.append(url)
    assert any(url.endswith("/notifications") for url in checked) and len(checked) >= 5


def test_a_bad_argument_is_still_named(client, factory):
    wefaq = staff(factory, factory.seed_tenant("wefaq"), tokens=True)
    factory.commit()
    answer = client.get(f"/api/v1/{wefaq.tenant.slug}/notifications?lang=en&status=asleep",
                        headers=bearer(wefaq.tokens["admin"]))
    assert answer.status_code == 422 and "status" in answer.get_json()["errors"]
