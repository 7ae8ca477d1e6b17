"""One unit of work per request: commit after an answer under 400, roll back after a refusal or a failure."""

import pytest
from flask import redirect

from tests.conftest import make_app
from wasl.accounts.access import public
from wasl.db import db
from wasl.errors import NotFound, Refused, found
from wasl.tenancy.models import Tenant
from wasl.unit_of_work import keep_writes


@pytest.fixture
def renaming_app(test_database, db_session):
    """An app whose routes rename one association, then answer in each of the ways a view can."""
    app = make_app(test_database, PROPAGATE_EXCEPTIONS=False, WTF_CSRF_ENABLED=False)

    def rename(tenant_id: int) -> None:
        db.session.get(Tenant, tenant_id).name_en = "Renamed"
        db.session.flush()

    @app.post("/t/<int:tenant_id>/redirect")
    @public
    def then_redirect(tenant_id):
        rename(tenant_id)
        return redirect("/")

    @app.post("/t/<int:tenant_id>/unprocessable")
    @public
    def then_unprocessable(tenant_id):
        rename(tenant_id)
        return "no", 422

    @app.post("/t/<int:tenant_id>/kept")
    @public
    def then_kept(tenant_id):
        rename(tenant_id)
        keep_writes()
        return "counted", 429

    @app.post("/api/v1/t/<int:tenant_id>/refused")
    @public
    def then_refused(tenant_id):
        rename(tenant_id)
        raise Refused("The name is taken.", 409, field="name_en", kind="name-taken")

    @app.get("/t/<int:tenant_id>/missing")
    @public
    def missing(tenant_id):
        return found(None, "No such thing here.")

    @app.post("/t/<int:tenant_id>/broken")
    @public
    def then_broken(tenant_id):
        rename(tenant_id)
        raise RuntimeError("a bug")

    return app


def _name_after(factory, renaming_app, path: str):
    tenant = factory.tenant(name_en="Original")
    db.session.commit()
    response = renaming_app.test_client().post(path.format(tenant.id)) if "missing" not in path \
        else renaming_app.test_client().get(path.format(tenant.id))
    db.session.expire_all()
    return response, db.session.get(Tenant, tenant.id).name_en


def test_a_redirect_commits_the_writes(factory, renaming_app):
    response, name = _name_after(factory, renaming_app, "/t/{}/redirect")
    assert response.status_code == 302 and name == "Renamed"


def test_an_answer_of_400_or_more_rolls_the_writes_back(factory, renaming_app):
    response, name = _name_after(factory, renaming_app, "/t/{}/unprocessable")
    assert response.status_code == 422 and name == "Original"


def test_a_view_may_keep_its_writes_despite_refusing(factory, renaming_app):
    response, name = _name_after(factory, renaming_app, "/t/{}/kept")
    assert response.status_code == 429 and name == "Renamed"


def test_a_refusal_is_problem_json_naming_the_field_and_writes_nothing(factory, renaming_app):
    response, name = _name_after(factory, renaming_app, "/api/v1/t/{}/refused")
    assert name == "Original"
    assert response.status_code == 409 and response.mimetype == "application/problem+json"
    body = response.get_json()
    assert body["type"] == "urn:wasl:problem:name-taken" and body["detail"] == "The name is taken."
    assert body["errors"] == {"name_en": ["The name is taken."]}


def test_not_found_is_a_translated_404_page(factory, renaming_app):
    response, _ = _name_after(factory, renaming_app, "/t/{}/missing")
    assert response.status_code == 404 and "No such thing here." in response.get_data(as_text=True)
    assert isinstance(NotFound("x"), Refused)


def test_a_failure_rolls_the_writes_back(factory, renaming_app):
    response, name = _name_after(factory, renaming_app, "/t/{}/broken")
    assert response.status_code == 500 and name == "Original"



def test_a_commit_that_loses_the_database_answers_503_with_its_headers(factory, renaming_app):
    from sqlalchemy import event
    from sqlalchemy.exc import OperationalError

    def lose_the_connection(session):
        raise OperationalError("COMMIT", {}, ConnectionError("server closed the connection"))

    tenant = factory.tenant(name_en="Original")
    db.session.commit()
    from sqlalchemy.orm import Session

    session = Session  # every session: the request's own is not this test's
    event.listen(session, "before_commit", lose_the_connection)
    try:
        response = renaming_app.test_client().post(f"/t/{tenant.id}/redirect")
    finally:
        event.remove(session, "before_commit", lose_the_connection)
    assert response.status_code == 503 and response.headers["Retry-After"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"
