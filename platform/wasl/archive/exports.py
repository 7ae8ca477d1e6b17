"""An association's complete data as a zip: every tenant-owned row as JSON, plus its stored documents.

Tables are discovered from the mapped models (every TenantOwned subclass), so a
feature added later is exported without touching this module. A model may
define ``export_dict()`` to choose its own representation (to decrypt, say).
"""

from __future__ import annotations

import base64
import enum
import hashlib
import json
import zipfile
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from flask import current_app
from sqlalchemy import inspect, select, update

from wasl import jobs
from wasl.accounts.models import Membership, Role, User
from wasl.archive.models import DataExport, ExportStatus
from wasl.archive.tasks import ARCHIVE
from wasl.audit.services import record
from wasl.db import db, utcnow
from wasl.documents.storage import tenant_folder
from wasl.kernel.files import replacing
from wasl.tenancy.mixins import TenantOwned
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import tenant_scope

FORMAT_VERSION = 1


def tenant_owned_models() -> list[type]:
    """Every mapped tenant-owned model, in a stable order."""
    models = {m.class_ for m in db.Model.registry.mappers if issubclass(m.class_, TenantOwned)}
    return sorted(models, key=lambda cls: cls.__table__.name)


def request_export(tenant: Tenant, actor: User | None) -> DataExport:
    """Record that an export was asked for; its job is enqueued once the caller's transaction commits."""
    with tenant_scope(db.session, tenant.id):
        export = DataExport(tenant_id=tenant.id, requested_by_user_id=actor.id if actor else None)
        db.session.add(export)
        db.session.flush()
        record("tenant.export_requested", export)
        jobs.enqueue_after_commit(ARCHIVE, export)
    return export


def exports_of(tenant: Tenant, limit: int = 20) -> list[DataExport]:
    with tenant_scope(db.session, tenant.id):
        stmt = select(DataExport).order_by(DataExport.created_at.desc(), DataExport.id.desc()).limit(limit)
        return list(db.session.scalars(stmt))


def export_of(tenant: Tenant, export_id: int) -> DataExport | None:
    with tenant_scope(db.session, tenant.id):
        return db.session.scalar(select(DataExport).where(DataExport.id == export_id))


def archive_path(tenant_id: int, export_id: int) -> Path:
    """Archives live under the instance folder, one folder per association, never under static files."""
    return Path(current_app.instance_path) / "exports" / str(int(tenant_id)) / f"export-{int(export_id)}.zip"


def build_export(export_id: int, tenant_id: int) -> None:
    """Write the archive for one export, committing progress as it goes (the job's body)."""
    with tenant_scope(db.session, tenant_id):
        if not _claim(export_id):
            return
        export = db.session.scalar(select(DataExport).where(DataExport.id == export_id))
        try:
            _write_archive(export)
        except Exception as error:
            db.session.rollback()
            _mark_failed(export_id, error)
            raise


def _claim(export_id: int) -> bool:
    """Start the export unless it is finished or already running: enqueued twice, it is built once."""
    claimed = db.session.execute(
        update(DataExport).where(DataExport.id == export_id,
                                 DataExport.status.in_([ExportStatus.PENDING, ExportStatus.FAILED]))
        .values(status=ExportStatus.RUNNING, progress=0, error=None)
        .execution_options(synchronize_session=False)).rowcount
    db.session.commit()
    return bool(claimed)


def _write_archive(export: DataExport) -> None:
    tenant = db.session.get(Tenant, export.tenant_id)
    target = archive_path(tenant.id, export.id)
    models = tenant_owned_models()
    counts = {}
    with replacing(target, owned=True) as partial, \
            zipfile.ZipFile(partial, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        _write_json(archive, "association.json", _row_dict(tenant))
        _write_json(archive, "staff.json", _staff(tenant))
        for index, model in enumerate(models, start=1):
            counts[model.__table__.name] = _write_table(archive, model)
            _progress(export, int(90 * index / len(models)))
        documents = _write_documents(archive, tenant)
        _write_json(archive, "manifest.json", _manifest(tenant, export, counts, documents))
    _finish(export, target)


def _write_table(archive: zipfile.ZipFile, model) -> int:
    count = 0
    with archive.open(f"data/{model.__table__.name}.json", "w") as raw:
        raw.write(b"[")
        stmt = select(model).order_by(*inspect(model).primary_key).execution_options(yield_per=500)
        for obj in db.session.scalars(stmt):
            raw.write((b",\n" if count else b"\n") + _dumps(_row_dict(obj)))
            count += 1
        raw.write(b"\n]\n")
    return count


def _row_dict(obj) -> dict:
    if hasattr(obj, "export_dict"):
        return obj.export_dict()
    return {attr.key: _plain(getattr(obj, attr.key)) for attr in inspect(type(obj)).column_attrs}


def _plain(value):
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, bytes | bytearray | memoryview):
        return {"base64": base64.b64encode(bytes(value)).decode()}
    return value


def _dumps(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, sort_keys=True, default=str).encode()


def _write_json(archive: zipfile.ZipFile, name: str, data) -> None:
    archive.writestr(name, json.dumps(data, ensure_ascii=False, indent=2, sort_keys=True, default=str))


def _staff(tenant: Tenant) -> list[dict]:
    rows = db.session.execute(
        select(Membership, User, Role).join(User, User.id == Membership.user_id)
        .join(Role, (Role.id == Membership.role_id) & (Role.tenant_id == Membership.tenant_id))
        .where(Membership.tenant_id == tenant.id).order_by(Membership.id))
    return [{"membership_id": m.id, "email": u.email, "name": u.name, "role": r.key, "active": m.active,
             "since": m.created_at.isoformat()} for m, u, r in rows]


def _write_documents(archive: zipfile.ZipFile, tenant: Tenant) -> int:
    folder = tenant_folder(tenant.id)
    count = 0
    if not folder.is_dir():
        return 0
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        archive.write(path, "documents/" + path.relative_to(folder).as_posix())
        count += 1
    return count


def _manifest(tenant: Tenant, export: DataExport, counts: dict, documents: int) -> dict:
    return {"format_version": FORMAT_VERSION, "association": tenant.slug, "export_id": export.id,
            "created_at": utcnow().isoformat(), "tables": counts, "documents": documents}


def _progress(export: DataExport, percent: int) -> None:
    export.progress = percent
    db.session.commit()


def _finish(export: DataExport, target: Path) -> None:
    """Done, unless an erasure stopped the export meanwhile (``operator.erasure``): then the archive goes."""
    digest = hashlib.sha256()
    with target.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    finished = db.session.execute(
        update(DataExport).where(DataExport.id == export.id, DataExport.status == ExportStatus.RUNNING)
        .values(status=ExportStatus.DONE, progress=100, finished_at=utcnow(), file_name=target.name,
                size_bytes=target.stat().st_size, sha256=digest.hexdigest())
        .execution_options(synchronize_session=False)).rowcount
    if not finished:
        db.session.rollback()
        target.unlink(missing_ok=True)
        return
    db.session.refresh(export)
    record("tenant.export_finished", export, size_bytes=export.size_bytes)
    db.session.commit()


def _mark_failed(export_id: int, error: Exception) -> None:
    export = db.session.scalar(select(DataExport).where(DataExport.id == export_id))
    if export is None or export.status == ExportStatus.FAILED:  # stopped by an erasure, which says so
        return
    export.status, export.error, export.finished_at = ExportStatus.FAILED, str(error)[:2000], utcnow()
    record("tenant.export_failed", export)
    db.session.commit()
