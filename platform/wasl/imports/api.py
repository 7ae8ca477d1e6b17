"""Bulk import in the JSON API: upload, mapping, dry run, start, status and report."""

from __future__ import annotations

from flask import g, jsonify, request, url_for

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.query import query_args
from wasl.api.schemas import page_of
from wasl.api.spec import operation
from wasl.i18n import current_language
from wasl.imports import services
from wasl.imports.schemas import ImportSchema, IssueSchema, MappingInputSchema, ReportArgsSchema
from wasl.web.errors import problem

bp = api_blueprint("imports", __name__, "/<slug>/imports")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _dump(job, status: int = 200):
    return jsonify(ImportSchema().dump(job)), status


@bp.post("")
@access.requires("tenant.admin")
@operation("Upload a register (multipart/form-data: file, an XLSX workbook or a UTF-8 CSV)",
           response=ImportSchema, status=201)
def upload():
    try:
        job = services.upload(request.files.get("file"), g.actor)
    except services.UploadRefused as refused:
        return problem(refused.status, refused.message, kind="upload-refused", errors=refused.messages)
    body, status = _dump(job, 201)
    return body, status, {"Location": url_for("api_imports.read", import_id=job.id)}


@bp.get("")
@access.requires("tenant.admin")
@operation("The association's recent imports, newest first", response=ImportSchema(many=True))
def recent():
    return jsonify(ImportSchema(many=True).dump(services.recent_imports()))


@bp.get("/<int:import_id>")
@access.requires("tenant.admin")
@operation("An import: its mapping, dry-run figures and progress", response=ImportSchema)
def read(import_id: int):
    job = services.find_import(import_id)
    services.ensure_enqueued(job)
    return _dump(job)


@bp.put("/<int:import_id>/mapping")
@access.requires("tenant.admin")
@operation("Set which field each column fills (\"\" ignores it); remembered for the next file",
           request=MappingInputSchema, response=ImportSchema)
def save_mapping(import_id: int):
    job = services.find_import(import_id)
    body = MappingInputSchema().load(request.get_json(silent=True) or {})
    services.save_mapping(job, body["mapping"], g.actor)
    return _dump(job)


@bp.post("/<int:import_id>/dry-run")
@access.requires("tenant.admin")
@operation("Check every row like the intake and against the registry; the report replaces any earlier one",
           response=ImportSchema)
def dry_run(import_id: int):
    job = services.find_import(import_id)
    services.dry_run(job, g.actor)
    return _dump(job)


@bp.post("/<int:import_id>/start")
@access.requires("tenant.admin")
@operation("Start the import in the background (202); refused (409) until a dry run finds no problem",
           response=ImportSchema, status=202)
def start(import_id: int):
    job = services.find_import(import_id)
    services.start(job, g.actor)
    return _dump(job, 202)


@bp.get("/<int:import_id>/report")
@access.requires("tenant.admin")
@operation("The report row by row (kind: error, skipped or batch), by row number", query=ReportArgsSchema,
           response=page_of(IssueSchema))
def report(import_id: int):
    job = services.find_import(import_id)
    args = query_args(ReportArgsSchema)
    lines = services.issues(job, args["page"], args["per_page"], args["kind"])
    return jsonify({"items": IssueSchema(many=True).dump(lines.items), "page": lines.page,
                    "per_page": lines.per_page, "total": lines.total, "pages": lines.pages})


@bp.get("/<int:import_id>/report.xlsx")
@access.requires("tenant.admin")
@operation("The report as an XLSX workbook")
def report_xlsx(import_id: int):
    job = services.find_import(import_id)
    return xlsx_response(job)


def xlsx_response(job):
    """The report workbook as a download (pages and API share it)."""
    from flask import Response

    data = services.report_file(job, current_language())
    response = Response(data, mimetype=XLSX_TYPE)
    response.headers["Content-Disposition"] = f'attachment; filename="import-{job.id}-report.xlsx"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
