"""The API base: bearer tokens, problem+json for every error, OpenAPI, pagination, health."""

import pytest

from tests.support.web import bearer
from wasl.accounts.models import ApiToken
from wasl.accounts.services import revoke_token
from wasl.db import db


@pytest.fixture
def wefaq_admin(factory):
    wefaq = factory.seed_tenant("wefaq")
    user = factory.member(wefaq, "admin")
    token = factory.token(user)
    factory.commit()
    return user, token


def assert_problem(response, status):
    assert response.status_code == status
    assert response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["status"] == status and body["title"]
    return body


def test_me_lists_memberships(client, wefaq_admin):
    user, token = wefaq_admin
    body = client.get("/api/v1/me", headers=bearer(token)).get_json()
    assert body["email"] == user.email
    assert [m["association"] for m in body["memberships"]] == ["wefaq"]
    assert "policy.edit" in body["memberships"][0]["permissions"]


def test_tenant_profile(client, wefaq_admin):
    _, token = wefaq_admin
    body = client.get("/api/v1/wefaq", headers=bearer(token)).get_json()
    assert body["name"]["ar"] == "جمعية وفاق بمحافظة القنفذة"
    assert body["registration_number"] == "5471"


@pytest.mark.parametrize("header", ["Bearer wasl_not-a-real-token", "Bearer ", "Basic abc", "Token x"])
def test_bad_tokens_get_401_problem(client, wefaq_admin, header):
    response = client.get("/api/v1/me", headers={"Authorization": header})
    assert_problem(response, 401)
    assert response.headers["WWW-Authenticate"].startswith("Bearer")


def test_missing_token_gets_401(client):
    assert_problem(client.get("/api/v1/me"), 401)


def test_revoked_token_stops_working(client, wefaq_admin):
    _, token = wefaq_admin
    revoke_token(db.session.query(ApiToken).filter_by(token_hash=ApiToken.hash(token)).one())
    db.session.commit()
    assert_problem(client.get("/api/v1/me", headers=bearer(token)), 401)


def test_token_is_stored_hashed(wefaq_admin):
    _, token = wefaq_admin
    stored = db.session.query(ApiToken).one()
    assert token not in (stored.token_hash, stored.prefix) and stored.token_hash == ApiToken.hash(token)


def test_unknown_slug_and_unknown_path_are_problems(client, wefaq_admin):
    _, token = wefaq_admin
    assert_problem(client.get("/api/v1/no-such-assoc", headers=bearer(token)), 404)
    assert_problem(client.get("/api/v1/wefaq/nothing/here", headers=bearer(token)), 404)
    assert_problem(client.delete("/api/v1/me", headers=bearer(token)), 405)


def test_problem_titles_follow_the_language(client, wefaq_admin):
    _, token = wefaq_admin
    body = client.get("/api/v1/no-such-assoc", headers={**bearer(token), "Accept-Language": "en"}).get_json()
    assert body["title"] == "Nothing was found at this address."


def test_openapi_document_lists_operations(client):
    spec = client.get("/api/v1/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    assert "/api/v1/me" in spec["paths"] and "/api/v1/{slug}" in spec["paths"]
    assert spec["components"]["securitySchemes"]["bearer"]["scheme"] == "bearer"


def test_pagination_arguments_are_validated(app):
    from marshmallow import ValidationError

    from wasl.api.pagination import page_args

    with app.test_request_context("/api/v1/x?per_page=500"), pytest.raises(ValidationError) as error:
        page_args()
    assert "per_page" in error.value.messages
    with app.test_request_context("/api/v1/x?page=2&per_page=100"):
        assert page_args() == {"page": 2, "per_page": 100}


def test_health(client):
    assert client.get("/health").get_json() == {"status": "ok"}
    ready = client.get("/health/ready")
    assert ready.status_code in (200, 503)
    assert ready.get_json()["checks"]["database"] == "ok"


@pytest.mark.redis
def test_ready_when_database_and_redis_answer(client):
    assert client.get("/health/ready").status_code == 200


def test_ready_is_503_when_redis_is_unreachable(test_database):
    from tests.conftest import make_app

    broken = make_app(test_database, REDIS_URL="redis://127.0.0.1:1/0")
    response = broken.test_client().get("/health/ready")
    assert response.status_code == 503 and response.get_json()["checks"]["redis"] == "down"


def test_unexpected_errors_are_500_pages_and_problems_without_details(test_database):
    from tests.conftest import make_app
    from wasl.accounts import access

    broken = make_app(test_database, PROPAGATE_EXCEPTIONS=False, TESTING=False)

    @access.public
    def explode():
        raise RuntimeError("secret internals")

    broken.add_url_rule("/boom", "boom", explode)
    broken.add_url_rule("/api/v1/boom", "api_boom", explode)
    client = broken.test_client()
    page = client.get("/boom")
    assert page.status_code == 500 and "secret internals" not in page.get_data(as_text=True)
    body = assert_problem(client.get("/api/v1/boom"), 500)
    assert "secret" not in str(body)
