"""The admin's pages: upload, mapping, dry-run report (paginated, downloadable), start and progress."""

from __future__ import annotations

import io
import re
import uuid

import pytest
from openpyxl import load_workbook
from sqlalchemy import select

from tests.administration.helpers import admin_of, flashed, post
from tests.imports.registers import csv_bytes, register_rows
from tests.support.beneficiaries import count_in
from wasl.db import db
from wasl.imports.models import BeneficiaryImport, ImportStatus
from wasl.tenancy.scope import tenant_scope

DEAD_REDIS = "redis://127.0.0.1:9/0"


@pytest.fixture
def admin(client, factory, app, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", DEAD_REDIS)
    tenant = factory.tenant()
    admin_of(client, factory, tenant)
    return tenant


def _upload(client, tenant, data: bytes, name: str = "سجل المستفيدين.csv"):
    base = f"/{tenant.slug}/admin/imports/"
    return post(client, base, {"file": (io.BytesIO(data), name)}, base)


def _job(tenant) -> BeneficiaryImport:
    with tenant_scope(db.session, tenant.id):
        return db.session.scalars(select(BeneficiaryImport).order_by(BeneficiaryImport.id.desc())).first()


def test_upload_mapping_and_a_dry_run_report_with_pages_and_a_download(client, admin):
    rows, planted = register_rows(400, planted=60)
    response = _upload(client, admin, csv_bytes(rows))
    assert response.status_code == 302
    show = response.headers["Location"]
    page = client.get(show).get_data(as_text=True)
    assert 'id="mapping-form"' in page and "national_id" in page
    assert re.search(r'<option value="mobile" selected>', page)
    mapping = {f"map-{i}": v for i, v in enumerate(["national_id", "full_name_ar", "full_name_en", "mobile", "gender",
                                                     "birth_on_any", "city", "email"])}
    assert post(client, f"{show}/mapping", mapping, show).status_code == 302
    assert post(client, f"{show}/dry-run", {}, show).status_code == 302
    report = client.get(show).get_data(as_text=True)
    shown = set(re.findall(r'data-row="(\d+)" data-field="(\w*)"', report))
    assert len(shown) == 50 and 'id="start-form"' not in report
    second = client.get(f"{show}?page=2").get_data(as_text=True)
    shown |= set(re.findall(r'data-row="(\d+)" data-field="(\w*)"', second))
    assert {(int(r), f) for r, f in shown} == planted
    download = client.get(f"{show}/report.xlsx")
    assert download.status_code == 200 and download.mimetype.endswith("spreadsheetml.sheet")
    sheet = load_workbook(io.BytesIO(download.data), read_only=True).worksheets[0]
    lines = [r for r in sheet.iter_rows(min_row=7, values_only=True)]
    assert {(r[0], r[2]) for r in lines} and len(lines) == 60
    refused = post(client, f"{show}/start", {}, show)
    assert refused.status_code == 302 and "upload it again" in flashed(client.get(show))


def test_a_wrong_mapping_is_shown_back_with_what_is_missing(client, admin):
    show = _upload(client, admin, csv_bytes(register_rows(3)[0])).headers["Location"]
    page = post(client, f"{show}/mapping", {"map-0": "national_id", "map-1": "national_id"}, show)
    text = page.get_data(as_text=True)
    assert page.status_code == 422 and 'id="mapping-errors"' in text
    assert "more than one column" in text and "Mobile number" in text


@pytest.mark.parametrize("data,name,status", [
    (b"<html><script>alert(1)</script></html>", "register.csv", 415),
    (b"%PDF-1.4 not a register", "register.xlsx", 415),
    ("رقم الهوية,الاسم\n1012345672,أحمد\n".encode("cp1256"), "register.csv", 415),
    (b"", "register.csv", 422),
])
def test_files_that_are_not_registers_are_refused_with_a_reason(client, admin, data, name, status):
    response = _upload(client, admin, data, name)
    assert response.status_code == status
    assert 'id="upload-error"' in response.get_data(as_text=True)
    assert _job(admin) is None


def test_a_file_over_the_limit_is_refused(client, admin, app, monkeypatch):
    monkeypatch.setitem(app.config, "WASL_MAX_UPLOAD_BYTES", 1000)
    response = _upload(client, admin, csv_bytes(register_rows(40)[0]))
    assert response.status_code == 413 and _job(admin) is None


def test_started_while_redis_is_down_it_waits_queued_then_a_worker_imports_it(client, admin, app, monkeypatch):
    show = _upload(client, admin, csv_bytes(register_rows(30)[0])).headers["Location"]
    mapping = {f"map-{i}": v for i, v in enumerate(["national_id", "full_name_ar", "", "mobile", "gender",
                                                     "birth_on_any", "city", ""])}
    post(client, f"{show}/mapping", mapping, show)
    post(client, f"{show}/dry-run", {}, show)
    response = post(client, f"{show}/start", {}, show)
    waiting = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'http-equiv="refresh"' in waiting and 'id="progress"' in waiting
    assert _job(admin).status == ImportStatus.QUEUED and _job(admin).enqueued_at is None
    assert count_in(admin) == 0  # never run inside the request
    _redis_comes_back(client, app, monkeypatch, show)
    assert count_in(admin) == 30


def _redis_comes_back(client, app, monkeypatch, show):
    from redis import Redis
    from rq import Queue, SimpleWorker
    from rq.serializers import JSONSerializer

    from wasl.ratelimit import redis_answers

    if not redis_answers("redis://127.0.0.1:6379/0"):
        pytest.skip("needs Redis for the second half")
    queue_name = f"test-imports-{uuid.uuid4().hex[:8]}"
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:6379/0")
    monkeypatch.setitem(app.config, "WASL_EXPORT_QUEUE", queue_name)
    client.get(show)  # reading the page hands the waiting import to Redis
    connection = Redis.from_url(app.config["REDIS_URL"])
    queue = Queue(queue_name, connection=connection, serializer=JSONSerializer)
    try:
        assert queue.count == 1
        SimpleWorker([queue], connection=connection, serializer=JSONSerializer).work(burst=True)
    finally:
        queue.delete(delete_jobs=True)
    done = client.get(show).get_data(as_text=True)
    assert 'http-equiv="refresh"' not in done and 'data-status="done"' in done


def test_only_admins_reach_the_import_pages(client, factory):
    tenant = factory.tenant()
    admin_of(client, factory, tenant, role="supervisor")
    assert client.get(f"/{tenant.slug}/admin/imports/").status_code == 403
