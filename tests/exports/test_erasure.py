"""Erasing a person deletes every stored list export with personal data, finished or being written."""

from __future__ import annotations

from tests.cases.pages import as_member
from tests.cases.support import person, scope
from tests.exports.support import ask, export_id_of, run
from wasl.beneficiaries.services import register_beneficiary
from wasl.db import db
from wasl.exports import writing
from wasl.exports.erasure import files_of
from wasl.exports.models import ExportJobStatus
from wasl.privacy.erasure import erase


def _people(wefaq, count: int) -> list[int]:
    with scope(wefaq.tenant):
        ids = [register_beneficiary(person(900 + n, full_name_ar=f"شخص للمحو {n}"), wefaq.users["admin"]).id
               for n in range(count)]
    db.session.commit()
    return ids


def _erase(wefaq, beneficiary_id: int) -> dict:
    from wasl.beneficiaries.services import get_beneficiary

    with scope(wefaq.tenant):
        done = erase(get_beneficiary(beneficiary_id), "طلب الشخص", wefaq.users["admin"])
    db.session.commit()
    return done


def test_a_finished_export_with_personal_data_goes_and_its_page_says_why(client, wefaq):
    first, _second = _people(wefaq, 2)
    as_member(client, wefaq, "admin")
    personal = export_id_of(ask(client, "wefaq", dataset="beneficiaries", file_format="csv", personal_data="y"))
    plain = export_id_of(ask(client, "wefaq", dataset="beneficiaries", file_format="csv"))
    jobs = {export_id: run(wefaq, export_id) for export_id in (personal, plain)}
    with scope(wefaq.tenant):
        personal_file, plain_file = files_of(jobs[personal])[0], files_of(jobs[plain])[0]
    assert "شخص للمحو 0" in personal_file.read_text(encoding="utf-8-sig")

    assert _erase(wefaq, first)["export_files"] == 1
    assert not personal_file.exists() and plain_file.exists()
    assert 'id="erased"' in client.get(f"/wefaq/exports/{personal}").text
    assert client.get(f"/wefaq/exports/{personal}/download").status_code == 404
    assert client.get(f"/wefaq/exports/{plain}/download").status_code == 200


def test_an_export_being_written_is_stopped_and_leaves_no_file(client, wefaq, app, monkeypatch):
    people = _people(wefaq, 3)
    monkeypatch.setitem(app.config, "WASL_EXPORT_CHUNK_ROWS", 1)
    as_member(client, wefaq, "admin")
    export_id = export_id_of(ask(client, "wefaq", dataset="beneficiaries", file_format="csv", personal_data="y"))
    step, erased = writing._progress, []

    def erase_after_the_first_step(job, written):
        step(job, written)
        if not erased:
            erased.append(_erase(wefaq, people[-1]))

    monkeypatch.setattr(writing, "_progress", erase_after_the_first_step)
    job = run(wefaq, export_id)
    assert erased[0]["export_files"] == 1
    assert job.status == ExportJobStatus.FAILED and job.processed_rows == 1
    assert not any(path.exists() for path in files_of(job))
    assert 'id="erased"' in client.get(f"/wefaq/exports/{export_id}").text
