import io
import json
import uuid
import zipfile

import pytest
from redis import Redis
from rq import Queue, SimpleWorker
from rq.serializers import JSONSerializer
from sqlalchemy import select

from tests.administration.helpers import admin_of, post
from tests.operator.helpers import operator_client
from wasl.administration.holidays import add_holiday
from wasl.archive import exports
from wasl.archive.models import DataExport, ExportStatus
from wasl.db import db
from wasl.documents.storage import tenant_folder
from wasl.ratelimit import redis_answers
from wasl.tenancy.scope import tenant_scope

DEAD_REDIS = "redis://127.0.0.1:9/0"


@pytest.fixture
def no_redis(app, monkeypatch):
    monkeypatch.setitem(app.config, "REDIS_URL", DEAD_REDIS)


def _holiday(tenant, day, name):
    from datetime import date

    with tenant_scope(db.session, tenant.id):
        add_holiday(date.fromisoformat(day), name, name)


def _archive(tenant, export_id) -> zipfile.ZipFile:
    return zipfile.ZipFile(exports.archive_path(tenant.id, export_id))


def test_the_archive_holds_every_tenant_owned_table_and_the_documents(factory, no_redis):
    tenant, other = factory.seed_tenant("wefaq"), factory.tenant()
    factory.member(tenant, "relations_officer")
    _holiday(tenant, "2026-09-23", "اليوم الوطني")
    _holiday(other, "2026-02-22", "يوم التأسيس")
    document = tenant_folder(tenant.id) / "documents" / "report.pdf"
    document.parent.mkdir(parents=True, exist_ok=True)
    document.write_bytes(b"%PDF-1.4 test")
    export_id = exports.request_export(tenant, None).id
    factory.commit()
    exports.build_export(export_id, tenant.id)
    with tenant_scope(db.session, tenant.id):
        done = db.session.get(DataExport, export_id)
        assert done.status == ExportStatus.DONE and done.progress == 100 and len(done.sha256) == 64
    archive = _archive(tenant, export_id)
    names = set(archive.namelist())
    for model in exports.tenant_owned_models():
        assert f"data/{model.__table__.name}.json" in names
    holidays = json.loads(archive.read("data/holiday.json"))
    assert [h["name"]["ar"] for h in holidays] == ["اليوم الوطني"]
    assert {r["tenant_id"] for r in json.loads(archive.read("data/role.json"))} == {tenant.id}
    assert archive.read("documents/documents/report.pdf") == b"%PDF-1.4 test"
    manifest = json.loads(archive.read("manifest.json"))
    assert manifest["association"] == "wefaq" and manifest["tables"]["holiday"] == 1
    assert json.loads(archive.read("association.json"))["slug"] == "wefaq"
    assert len(json.loads(archive.read("staff.json"))) == 1


def test_with_redis_down_it_waits_and_is_enqueued_when_its_page_is_next_read(client, factory, app, monkeypatch,
                                                                            no_redis):
    queue_name = f"test-exports-{uuid.uuid4().hex[:8]}"
    monkeypatch.setitem(app.config, "WASL_EXPORT_QUEUE", queue_name)
    tenant = factory.seed_tenant("wefaq")
    factory.commit()
    operator_client(client, factory)
    page = post(client, "/operator/associations/wefaq/exports", {}, "/operator/associations/wefaq").headers["Location"]
    assert 'http-equiv="refresh"' in client.get(page).get_data(as_text=True)
    with tenant_scope(db.session, tenant.id):
        export = db.session.scalar(select(DataExport))
        assert export.status == ExportStatus.PENDING and export.enqueued_at is None  # never built in the request
    client.get(page)
    monkeypatch.setitem(app.config, "REDIS_URL", "redis://127.0.0.1:6379/0")
    if not redis_answers(app.config["REDIS_URL"]):
        pytest.skip("needs Redis for the second half")
    client.get(page)  # reading the page hands the waiting export to Redis
    connection = Redis.from_url(app.config["REDIS_URL"])
    queue = Queue(queue_name, connection=connection, serializer=JSONSerializer)
    try:
        assert queue.count == 1
        client.get(page)  # just enqueued: not a second time
        assert queue.count == 1
        SimpleWorker([queue], connection=connection, serializer=JSONSerializer).work(burst=True)
    finally:
        queue.delete(delete_jobs=True)
    assert 'id="download"' in client.get(page).get_data(as_text=True)


@pytest.mark.redis
def test_an_export_runs_as_an_rq_job_with_progress_and_downloads(client, factory, app, monkeypatch):
    queue_name = f"test-exports-{uuid.uuid4().hex[:8]}"
    monkeypatch.setitem(app.config, "WASL_EXPORT_QUEUE", queue_name)
    tenant = factory.seed_tenant("wefaq")
    factory.commit()
    operator_client(client, factory)
    response = post(client, "/operator/associations/wefaq/exports", {}, "/operator/associations/wefaq")
    assert response.status_code == 302
    progress_page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'http-equiv="refresh"' in progress_page
    connection = Redis.from_url(app.config["REDIS_URL"])
    queue = Queue(queue_name, connection=connection, serializer=JSONSerializer)
    job = queue.jobs[0]
    assert job.args == [json.loads(json.dumps(a)) for a in job.args] and all(isinstance(a, int) for a in job.args)
    SimpleWorker([queue], connection=connection, serializer=JSONSerializer).work(burst=True)
    queue.delete(delete_jobs=True)
    finished = client.get(response.headers["Location"]).get_data(as_text=True)
    assert 'id="download"' in finished and 'http-equiv="refresh"' not in finished
    with tenant_scope(db.session, tenant.id):
        export_id = db.session.scalar(select(DataExport.id))
    download = client.get(f"/operator/associations/wefaq/exports/{export_id}/download")
    assert download.status_code == 200 and download.mimetype == "application/zip"
    assert "manifest.json" in zipfile.ZipFile(io.BytesIO(download.data)).namelist()


def test_only_the_associations_admins_and_operators_download(client, factory, app, no_redis):
    tenant, other = factory.tenant(), factory.tenant()
    export_id = exports.request_export(tenant, None).id
    factory.commit()
    exports.build_export(export_id, tenant.id)
    admin_of(client, factory, tenant)
    assert client.get(f"/{tenant.slug}/admin/exports/{export_id}/download").status_code == 200
    assert "Download" in client.get(f"/{tenant.slug}/admin/exports").get_data(as_text=True)
    outsider = app.test_client()
    admin_of(outsider, factory, other)
    assert outsider.get(f"/{other.slug}/admin/exports/{export_id}/download").status_code == 404
    assert outsider.get(f"/{tenant.slug}/admin/exports/{export_id}/download").status_code == 404
    officer = app.test_client()
    admin_of(officer, factory, tenant, role="supervisor")
    assert officer.get(f"/{tenant.slug}/admin/exports/{export_id}/download").status_code == 403


def test_the_export_command_says_the_export_waits_while_redis_is_down(app, factory, no_redis):
    tenant = factory.tenant()
    factory.commit()
    result = app.test_cli_runner().invoke(args=["operator", "export", tenant.slug])
    assert result.exit_code == 0, result.output
    assert "waits for Redis" in result.output
    with tenant_scope(db.session, tenant.id):
        assert db.session.scalar(select(DataExport.status)) == ExportStatus.PENDING
