"""Erasing a person reaches the association's complete data exports: each archive holds everyone's data.

An archive (finished or being built) is deleted once the erasure commits and
reads as failed, saying why; built again, it no longer holds the person.
"""

from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select

from wasl.archive.exports import archive_path
from wasl.archive.models import DataExport, ExportStatus
from wasl.db import db
from wasl.documents.storage import delete_after_commit


def files_of(export: DataExport):
    target = archive_path(export.tenant_id, export.id)
    return target, target.with_suffix(".part")


def forget_archives() -> int:
    """Delete, after the commit, every archive of the association in scope; how many exports lost one."""
    forgotten = 0
    for export in db.session.scalars(select(DataExport).order_by(DataExport.id)):
        paths = files_of(export)
        working = export.status in (ExportStatus.PENDING, ExportStatus.RUNNING)
        if not working and not any(path.exists() for path in paths):
            continue
        for path in paths:
            delete_after_commit(db.session, path)
        export.status = ExportStatus.FAILED
        export.error = _("Deleted when a person's data was erased: ask for the export again.")
        forgotten += 1
    return forgotten
