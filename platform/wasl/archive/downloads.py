"""Handing a finished archive over, to operators in their console and to an association's admins."""

from __future__ import annotations

from pathlib import Path

from flask import send_file

from wasl.archive import exports
from wasl.archive.models import ExportStatus
from wasl.errors import NotFound


def archive_file(tenant, export_id: int) -> tuple[Path, str]:
    """The finished archive's path and download name; ``NotFound`` unless it is done and on disk."""
    export = exports.export_of(tenant, export_id)
    if export is None or export.status != ExportStatus.DONE:
        raise NotFound()
    path = exports.archive_path(tenant.id, export.id)
    if not path.is_file():
        raise NotFound()
    return path, f"wasl-{tenant.slug}-export-{export.id}.zip"


def send_export(tenant, export_id: int):
    """The finished archive as an attachment."""
    path, name = archive_file(tenant, export_id)
    return send_file(path, mimetype="application/zip", as_attachment=True, download_name=name)
