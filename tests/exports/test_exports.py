"""Exports of the association's lists: the rows in the file, personal data only with the permission, audited,
written in the background with its progress in steps, and waiting queued while Redis is down."""

from __future__ import annotations

import io
import re
import uuid

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.cases.pages import as_member
from tests.cases.support import open_case, scope
from tests.exports.support import ask, export_id_of, many_people, run
from wasl.audit.models import AuditEvent
from wasl.db import db
from wasl.exports import writing
from wasl.exports.models import ExportJobStatus


def _opened(wefaq, count: int) -> list[tuple[str, str]]:
    cases = [open_case(wefaq, channel="phone") for _ in range(count)]
    with scope(wefaq.tenant):
        numbers = [(case.number, case.beneficiary.national_id) for case in cases]
    db.session.commit()
    return numbers


def test_an_xlsx_export_holds_exactly_the_right_rows(client, wefaq):
    numbers = _opened(wefaq, 3)
    as_member(client, wefaq, "admin")
    response = ask(client, "wefaq", personal_data="y")
    assert response.status_code == 302
    export_id = export_id_of(response)
    waiting = client.get(f"/wefaq/exports/{export_id}").text
    assert 'http-equiv="refresh"' in waiting and 'data-status="queued"' in waiting  # never run in the request
    assert run(wefaq, export_id).status == ExportJobStatus.DONE
    done = client.get(f"/wefaq/exports/{export_id}")
    assert 'http-equiv="refresh"' not in done.text and 'id="download"' in done.text
    file = client.get(f"/wefaq/exports/{export_id}/download")
    assert file.status_code == 200 and file.headers["Cache-Control"] == "private, no-store"
    sheet = load_workbook(io.BytesIO(file.data)).active
    assert sheet.sheet_view.rightToLeft is True
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("رقم الطلب", "رقم الملف", "الاسم") and "رقم الهوية الوطنية / الإقامة" in rows[0]
    column = rows[0].index("رقم الهوية الوطنية / الإقامة")
    assert sorted((row[0], row[column]) for row in rows[1:]) == sorted(numbers)
    as_member(client, wefaq, "supervisor")  # may export lists, but not open one with personal data
    assert 'id="download"' not in client.get(f"/wefaq/exports/{export_id}").text
    assert client.get(f"/wefaq/exports/{export_id}/download").status_code == 403


def test_personal_data_needs_its_permission_and_each_export_is_audited_with_who(client, wefaq):
    _opened(wefaq, 2)
    as_member(client, wefaq, "supervisor")  # may export, but not personal data
    refused = ask(client, "wefaq", personal_data="y")
    assert refused.status_code == 302 and refused.headers["Location"].endswith("/wefaq/exports/")
    assert "لا يسمح بتصدير البيانات الشخصية" in client.get("/wefaq/exports/").text
    export_id = export_id_of(ask(client, "wefaq", dataset="beneficiaries", file_format="xlsx"))
    run(wefaq, export_id)
    header = next(load_workbook(io.BytesIO(client.get(f"/wefaq/exports/{export_id}/download").data))
                  .active.iter_rows(values_only=True))
    assert "الاسم" not in header and "الجوال" not in header and "رقم الملف" in header
    with scope(wefaq.tenant):
        events = db.session.execute(select(AuditEvent.action, AuditEvent.actor_user_id, AuditEvent.details).where(
            AuditEvent.object_type == "ExportJob", AuditEvent.object_id == str(export_id))).all()
    actions = {action: (actor, details) for action, actor, details in events}
    supervisor = wefaq.users["supervisor"].id
    assert actions["export.requested"] == (supervisor, {"kind": "beneficiaries", "file_format": "xlsx",
                                                        "personal_data": False})
    assert actions["export.downloaded"][0] == supervisor and "export.finished" in actions
    as_member(client, wefaq, "relations_officer")  # no exports.create
    assert client.get("/wefaq/exports/").status_code == 403
    assert client.get(f"/wefaq/exports/{export_id}/download").status_code == 403


def test_csv_is_utf8_with_a_byte_order_mark_for_excel(client, wefaq):
    _opened(wefaq, 1)
    as_member(client, wefaq, "admin")
    export_id = export_id_of(ask(client, "wefaq", dataset="cases", file_format="csv"))
    run(wefaq, export_id)
    data = client.get(f"/wefaq/exports/{export_id}/download").data
    assert data.startswith(b"\xef\xbb\xbf") and data.decode("utf-8-sig").startswith("رقم الطلب,")
    assert len(data.decode("utf-8-sig").strip().splitlines()) == 2


def test_the_progress_of_a_20000_row_export_is_visible_while_it_runs(client, wefaq, monkeypatch):
    many_people(wefaq, 20_000)
    as_member(client, wefaq, "admin")
    export_id = export_id_of(ask(client, "wefaq", dataset="beneficiaries", file_format="csv"))
    seen = []
    step = writing._progress

    def progress_then_look(job, written):
        step(job, written)
        page = client.get(f"/wefaq/exports/{export_id}").text  # another request, as the browser's refresh
        seen.append(int(re.search(r'id="progress" data-progress="(\d+)"', page).group(1)))

    monkeypatch.setattr(writing, "_progress", progress_then_look)
    job = run(wefaq, export_id)
    assert job.status == ExportJobStatus.DONE and job.processed_rows == 20_000
    assert len(seen) == 20 and seen == sorted(seen) and seen[0] == 5 and seen[9] == 50 and seen[-1] == 99
    text = client.get(f"/wefaq/exports/{export_id}/download").data.decode("utf-8-sig")
    assert len(text.strip().splitlines()) == 20_001


def test_with_redis_down_it_waits_queued_and_a_worker_runs_it_once_redis_answers(client, wefaq, app, monkeypatch):
    from redis import Redis
    from rq import Queue, SimpleWorker
    from rq.serializers import JSONSerializer

    from wasl.ratelimit import redis_answers

    _opened(wefaq, 2)
    as_member(client, wefaq, "admin")
    export_id = export_id_of(ask(client, "wefaq", dataset="cases", file_format="xlsx"))
    show = f"/wefaq/exports/{export_id}"
    assert 'data-status="queued"' in client.get(show).text
    if not redis_answers("redis://127.0.0.1:6379/0"):
        pytest.skip("needs Redis for the second half")
    queue_name = f"test-exports-{uuid.uuid4().hex[:8]}"
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setitem(app.config, "WASL_EXPORT_QUEUE", queue_name)
    client.get(show)  # reading the page hands the waiting export to Redis
    connection = Redis.from_url(app.config["REDIS_URL"])
    queue = Queue(queue_name, connection=connection, serializer=JSONSerializer)
    try:
        assert queue.count == 1
        SimpleWorker([queue], connection=connection, serializer=JSONSerializer).work(burst=True)
    finally:
        queue.delete(delete_jobs=True)
    assert 'data-status="done"' in client.get(show).text


def test_the_export_queue_is_one_the_worker_serves(app):
    from wasl.notifications.cli import served_queues

    with app.app_context():
        assert app.config.get("WASL_EXPORT_QUEUE", "default") in served_queues()


def test_text_a_spreadsheet_would_run_as_a_formula_stays_text(client, wefaq):
    from tests.cases.support import person

    open_case(wefaq, beneficiary=person(771, city='=HYPERLINK("http://attacker.example","جدة")'))
    db.session.commit()
    as_member(client, wefaq, "admin")
    xlsx_id = export_id_of(ask(client, "wefaq", dataset="beneficiaries", file_format="xlsx"))
    csv_id = export_id_of(ask(client, "wefaq", dataset="beneficiaries", file_format="csv"))
    run(wefaq, xlsx_id), run(wefaq, csv_id)
    sheet = load_workbook(io.BytesIO(client.get(f"/wefaq/exports/{xlsx_id}/download").data)).active
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row if str(cell.value).startswith("=")]
    assert len(cells) == 1 and cells[0].data_type == "s"
    text = client.get(f"/wefaq/exports/{csv_id}/download").data.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",=HYPERLINK" not in text


def test_a_file_with_personal_data_is_deleted_a_day_after_it_was_written(client, wefaq, app):
    from datetime import timedelta

    from sqlalchemy import update

    from wasl.db import utcnow
    from wasl.exports.files import export_path
    from wasl.exports.models import ExportJob
    from wasl.exports.tasks import prune_command

    _opened(wefaq, 1)
    as_member(client, wefaq, "admin")
    kept, old, other = (export_id_of(ask(client, "wefaq", personal_data="y")) for _ in range(3))
    for export_id in (kept, old, other):
        run(wefaq, export_id)
    with scope(wefaq.tenant):
        db.session.execute(update(ExportJob).where(ExportJob.id.in_([old, other]))
                           .values(finished_at=utcnow() - timedelta(hours=25)))
    db.session.commit()
    assert client.get(f"/wefaq/exports/{kept}/download").status_code == 200
    assert 'id="expired"' in client.get(f"/wefaq/exports/{old}").text
    assert client.get(f"/wefaq/exports/{old}/download").status_code == 404
    assert not export_path(wefaq.tenant.id, old, "xlsx").exists()
    assert app.test_cli_runner().invoke(prune_command).output.strip() == "1 export file(s) deleted"
    assert not export_path(wefaq.tenant.id, other, "xlsx").exists()
    assert export_path(wefaq.tenant.id, kept, "xlsx").exists()
