"""Erasure leaves no trace of the person's name, ID or mobile in any table or stored file, and the
association's figures are unchanged; it is refused while a request is open; the access answer is complete."""

from __future__ import annotations

from pathlib import Path

from flask import current_app
from sqlalchemy import select

from tests.cases.support import finish_step, open_case, person, scope
from tests.support.web import bearer
from wasl.audit.models import AuditEvent
from wasl.cases.models import ACTIVE_STATUSES as ACTIVE
from wasl.cases.models import Case
from wasl.db import db

NAME_AR, NAME_EN, MOBILE_LOCAL = "زمردة عبدالرحيم الفريدي", "Zumurrud Alfuraidi", "0551239876"


def _someone(n: int = 41) -> dict:
    return person(n, full_name_ar=NAME_AR, full_name_en=NAME_EN, mobile=MOBILE_LOCAL, email="zumurrud@example.org")


def _traces(identifiers: list[str]) -> list[str]:
    found = []
    for table in db.metadata.sorted_tables:
        for row in db.session.connection().execute(select(table)).mappings():
            text = repr(dict(row))
            found += [f"{table.name}: {identifier}" for identifier in identifiers if identifier in text]
    return found


def _files_naming(identifiers: list[str]) -> list[str]:
    roots = [Path(current_app.config["WASL_UPLOAD_DIR"]), Path(current_app.instance_path) / "cache"]
    hits = []
    for root in roots:
        for path in (p for p in root.rglob("*") if p.is_file()) if root.exists() else ():
            data = path.read_bytes()
            hits += [f"{path.name}: {i}" for i in identifiers if i.encode() in data]
    return hits


def _closed_case_with_everything(client, wefaq):
    case = open_case(wefaq, beneficiary=_someone(), description=f"تتصل {NAME_AR} من الجوال {MOBILE_LOCAL}")
    while case.status in ACTIVE:
        finish_step(wefaq, case)
    letter = client.get(f"/api/v1/{wefaq.slug}/cases/{case.id}/letter.pdf", headers=bearer(wefaq.tokens["admin"]))
    assert letter.status_code == 200
    _complaint_answered(wefaq, case)
    return case


def _complaint_answered(wefaq, case) -> None:
    """A complaint in her own words, naming her, and the association's reply, which names her too."""
    from wasl.feedback import filing, handling
    from wasl.portal.scope import beneficiary_scope

    with beneficiary_scope(db.session, wefaq.tenant.id, case.beneficiary_id):
        item = filing.file_from_portal(wefaq.tenant, case.beneficiary_id, {
            "kind": "complaint", "message": f"أنا {NAME_AR}، جوالي {MOBILE_LOCAL}", "case_id": case.id}, "ar")
    with scope(wefaq.tenant):
        handling.reply(item, {"reply": f"نعتذر يا {NAME_AR}"}, None)


def test_erasure_leaves_no_trace_and_keeps_the_figures(client, wefaq):
    case = _closed_case_with_everything(client, wefaq)
    with scope(wefaq.tenant):
        national_id = case.beneficiary.national_id
        beneficiary_id = case.beneficiary_id
    identifiers = [NAME_AR, NAME_EN, national_id, MOBILE_LOCAL, "+966551239876", "zumurrud@example.org"]
    admin = bearer(wefaq.tokens["admin"])
    figures = client.get(f"/api/v1/{wefaq.slug}/dashboard", headers=admin).get_json()
    with scope(wefaq.tenant):
        assert _traces([NAME_AR, national_id]), "the test must first find the person to prove it"

    answer = client.post(f"/api/v1/{wefaq.slug}/beneficiaries/{beneficiary_id}/erasure", headers=admin,
                         json={"reason": "طلب المستفيدة حذف بياناتها"})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["documents"] >= 1 and answer.get_json()["letters"] >= 1
    assert answer.get_json()["feedback"] == 1

    with scope(wefaq.tenant):
        assert _traces(identifiers) == []
        assert _files_naming(identifiers) == []
        kept = db.session.get(Case, case.id)
        assert (kept.number, kept.status, kept.service_key) == (case.number, case.status, case.service_key)
        erased = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "beneficiary.erased"))
        assert erased.details["reason"] == "طلب المستفيدة حذف بياناتها"
    assert client.get(f"/api/v1/{wefaq.slug}/dashboard", headers=admin).get_json() == figures


def test_erasure_is_refused_while_a_request_is_open_and_nothing_changes(client, wefaq):
    case = open_case(wefaq, beneficiary=_someone(42))
    case_id, beneficiary_id = case.id, case.beneficiary_id
    db.session.commit()
    answer = client.post(f"/api/v1/{wefaq.slug}/beneficiaries/{beneficiary_id}/erasure",
                         headers=bearer(wefaq.tokens["admin"]), json={"reason": "طلب"})
    assert answer.status_code == 409
    with scope(wefaq.tenant):
        assert db.session.get(Case, case_id).beneficiary.full_name_ar == NAME_AR


def test_only_an_admin_may_erase_and_a_reason_is_required(client, wefaq):
    beneficiary_id = open_case(wefaq, beneficiary=_someone(43)).beneficiary_id
    db.session.commit()
    url = f"/api/v1/{wefaq.slug}/beneficiaries/{beneficiary_id}/erasure"
    assert client.post(url, headers=bearer(wefaq.tokens["relations_officer"]), json={"reason": "x"}).status_code == 403
    missing = client.post(url, headers=bearer(wefaq.tokens["admin"]), json={})
    assert missing.status_code == 422 and "reason" in missing.get_json()["errors"]


def test_the_access_answer_holds_the_registry_the_requests_and_the_messages_and_is_audited(client, wefaq):
    case = _closed_case_with_everything(client, wefaq)
    answer = client.get(f"/api/v1/{wefaq.slug}/beneficiaries/{case.beneficiary_id}/personal-data",
                        headers=bearer(wefaq.tokens["admin"]))
    data = answer.get_json()
    assert data["beneficiary"]["full_name_ar"] == NAME_AR and data["beneficiary"]["mobile"] == "+966551239876"
    assert [c["number"] for c in data["cases"]] == [case.number] and data["cases"][0]["decision"]
    assert data["documents"] and data["notifications"]
    assert [(item["kind"], item["reply"]) for item in data["feedback"]] == [("complaint", f"نعتذر يا {NAME_AR}")]
    with scope(wefaq.tenant):
        assert db.session.scalar(select(AuditEvent).where(AuditEvent.action == "beneficiary.personal_data_exported"))
