"""Numbers no id column can hold, and text no column accepts: a 422 that names the field, never a 500."""

from __future__ import annotations

from tests.cases.support import person, staff
from tests.support.web import bearer

TOO_BIG = 2**63


def test_ids_in_bodies_and_query_strings_are_bounded(client, factory):
    wefaq = staff(factory, factory.seed_tenant("wefaq"), tokens=True)
    factory.commit()
    admin, slug = bearer(wefaq.tokens["admin"]), wefaq.tenant.slug
    diff = client.get(f"/api/v1/{slug}/policy/diff?from={TOO_BIG}&to=1", headers=admin)
    assert diff.status_code == 422 and "from" in diff.get_json()["errors"]
    opened = client.post(f"/api/v1/{slug}/cases", headers=admin,
                         json={"service": "support_request", "channel": "phone", "beneficiary_id": TOO_BIG})
    assert opened.status_code == 422 and "beneficiary_id" in opened.get_json()["errors"]
    listed = client.get(f"/api/v1/{slug}/cases?assignee_id={TOO_BIG}", headers=admin)
    assert listed.status_code == 422 and "assignee_id" in listed.get_json()["errors"]


def test_a_text_the_database_refuses_is_a_422_and_nothing_is_kept(client, factory):
    wefaq = staff(factory, factory.seed_tenant("wefaq"), tokens=True)
    factory.commit()
    admin, slug = bearer(wefaq.tokens["admin"]), wefaq.tenant.slug
    answer = client.post(f"/api/v1/{slug}/beneficiaries", headers=admin, json=person(3, city="جدة\x00"))
    assert answer.status_code in (201, 422), answer.get_json()  # SQLite stores a NUL; PostgreSQL refuses it
    if answer.status_code == 422:
        assert answer.mimetype == "application/problem+json"
        found = client.get(f"/api/v1/{slug}/beneficiaries?q={person(3)['national_id']}", headers=admin)
        assert found.get_json()["total"] == 0
