"""Erasure leaves no trace of the person's name, ID or mobile in any table or stored file (uploads, cached
letters, list exports), nor in the history of corrections, and the association's figures are unchanged; it
is refused while a request is open; the access answer is complete."""

from __future__ import annotations

import zipfile
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
CORRECTED_EN, CORRECTED_MOBILE = "Zumurrud A. Alfuraidi", "0551239875"


def _someone(n: int = 41) -> dict:
    return person(n, full_name_ar=NAME_AR, full_name_en=NAME_EN, mobile=MOBILE_LOCAL, email="zumurrud@example.org")


def _traces(identifiers: list[str]) -> list[str]:
    found = []
    for table in db.metadata.sorted_tables:
        for row in db.session.connection().execute(select(table)).mappings():
            text = repr(dict(row))
            found += [f"{table.name}: {identifier}" for identifier in identifiers if identifier in text]
    return found


def _contents(path: Path) -> bytes:
    """A file's bytes, and for a zip (an XLSX) those of every member unpacked."""
    data = path.read_bytes()
    if zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            data += b"".join(archive.read(name) for name in archive.namelist())
    return data


def _files_naming(identifiers: list[str]) -> list[str]:
    instance = Path(current_app.instance_path)
    roots = [Path(current_app.config["WASL_UPLOAD_DIR"]), instance / "cache", instance / "list-exports",
             instance / "exports"]
    hits = []
    for root in roots:
        for path in (p for p in root.rglob("*") if p.is_file()) if root.exists() else ():
            data = _contents(path)
            hits += [f"{path.name}: {i}" for i in identifiers if i.encode() in data]
    return hits


def _exports(wefaq) -> dict[str, int]:
    """The lists exported as a worker writes them: two with personal data (CSV and XLSX), one without."""
    from wasl.exports import services, writing

    asked = {}
    with scope(wefaq.tenant):
        for key, dataset, file_format, personal in (("people_csv", "beneficiaries", "csv", True),
                                                    ("cases_xlsx", "cases", "xlsx", True),
                                                    ("cases_plain", "cases", "csv", False)):
            asked[key] = services.request_export(dataset, file_format, personal, wefaq.membership("admin"),
                                                 wefaq.users["admin"], "ar").id
    db.session.commit()
    for export_id in asked.values():
        writing.run_export(export_id, wefaq.tenant.id)
    return asked


def _archive(wefaq) -> int:
    """The association's complete data as a zip, as the operator's job builds it: everyone is in it."""
    from wasl.archive import exports

    export_id = exports.request_export(wefaq.tenant, wefaq.users["admin"]).id
    db.session.commit()
    exports.build_export(export_id, wefaq.tenant.id)
    return export_id


def _corrected(client, wefaq, beneficiary_id: int) -> None:
    """Her record corrected once, the reason naming her: the history holds her former name and mobile."""
    answer = client.patch(f"/api/v1/{wefaq.slug}/beneficiaries/{beneficiary_id}",
                          headers=bearer(wefaq.tokens["relations_officer"]),
                          json={"full_name_en": CORRECTED_EN, "mobile": CORRECTED_MOBILE,
                                "reason": f"طلبت {NAME_AR} تصحيح جوالها من {MOBILE_LOCAL}"})
    assert answer.status_code == 200, answer.get_json()


def _export_file(wefaq, export_id: int) -> Path:
    from wasl.exports.erasure import files_of
    from wasl.exports.services import get_export

    return files_of(get_export(export_id))[0]


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
    _corrected(client, wefaq, beneficiary_id)
    exports = _exports(wefaq)
    archive_id = _archive(wefaq)
    identifiers = [NAME_AR, NAME_EN, national_id, MOBILE_LOCAL, "+966551239876", "zumurrud@example.org",
                   CORRECTED_EN, CORRECTED_MOBILE, "+966551239875"]
    admin = bearer(wefaq.tokens["admin"])
    figures = client.get(f"/api/v1/{wefaq.slug}/dashboard", headers=admin).get_json()
    with scope(wefaq.tenant):
        assert _traces([NAME_AR, national_id, NAME_EN]), "the test must first find the person to prove it"
        assert {hit.split(":")[0] for hit in _files_naming([NAME_AR, national_id, CORRECTED_MOBILE])} >= {
            f"export-{exports['people_csv']}.csv", f"export-{exports['cases_xlsx']}.xlsx", f"export-{archive_id}.zip"}

    answer = client.post(f"/api/v1/{wefaq.slug}/beneficiaries/{beneficiary_id}/erasure", headers=admin,
                         json={"reason": "طلب المستفيدة حذف بياناتها"})
    assert answer.status_code == 200, answer.get_json()
    assert answer.get_json()["documents"] >= 1 and answer.get_json()["letters"] >= 1
    assert answer.get_json()["feedback"] == 1
    assert answer.get_json()["corrections"] == 2 and answer.get_json()["export_files"] == 2
    assert answer.get_json()["archives"] == 1

    with scope(wefaq.tenant):
        assert _traces(identifiers) == []
        assert _files_naming(identifiers) == []
        kept = db.session.get(Case, case.id)
        assert (kept.number, kept.status, kept.service_key) == (case.number, case.status, case.service_key)
        erased = db.session.scalar(select(AuditEvent).where(AuditEvent.action == "beneficiary.erased"))
        assert erased.details["reason"] == "طلب المستفيدة حذف بياناتها"
        assert _export_file(wefaq, exports["cases_plain"]).is_file(), "an export without personal data stays"
    history = client.get(f"/api/v1/{wefaq.slug}/beneficiaries/{beneficiary_id}/corrections", headers=admin)
    assert {(c["field"], c["old_value"], c["new_value"]) for c in history.get_json()} == {
        ("full_name_en", "[محذوف]", "[محذوف]"), ("mobile", "[محذوف]", "[محذوف]")}
    assert "[محذوف]" in history.get_json()[0]["reason"] and NAME_AR not in history.get_data(as_text=True)
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
