"""The admin's pages for importing a register: upload, mapping, dry-run report, progress."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from wasl.accounts import access
from wasl.administration.forms import EmptyForm
from wasl.api.pagination import page_number
from wasl.imports import services, targets
from wasl.imports.api import xlsx_response
from wasl.imports.models import ImportStatus, IssueKind
from wasl.imports.report import isolate_figures, kind_label

bp = Blueprint("imports", __name__, url_prefix="/<slug>/admin/imports")
PER_PAGE = 50
bp.add_app_template_filter(isolate_figures, "isolate_figures")


@bp.route("/", methods=["GET", "POST"])
@access.requires("tenant.admin")
def index():
    form = EmptyForm()
    if request.method == "POST":
        if not form.validate_on_submit():
            abort(400)
        try:
            job = services.upload(request.files.get("file"), g.actor)
        except services.UploadRefused as refused:
            return _index(form, refused.message, refused.status)
        return redirect(url_for("imports.show", import_id=job.id))
    return _index(form)


def _index(form, error: str | None = None, status: int = 200):
    return render_template("imports/index.html", form=form, imports=services.recent_imports(), error=error,
                           max_rows=services.max_rows()), status


def _kind(raw: str | None) -> str:
    return raw if raw in tuple(k.value for k in IssueKind) else IssueKind.ERROR.value


@bp.route("/<int:import_id>")
@access.requires("tenant.admin")
def show(import_id: int):
    job = services.find_import(import_id)
    services.ensure_enqueued(job)
    return _show(job)


def _show(job, mapping_errors=(), status: int = 200, chosen: dict | None = None):
    kind = _kind(request.args.get("kind"))
    editable = job.status in (ImportStatus.UPLOADED, ImportStatus.MAPPED, ImportStatus.CHECKED)
    report = services.issues(job, page_number(), PER_PAGE, kind) if job.status != ImportStatus.UPLOADED else None
    return render_template(
        "imports/show.html", job=job, button=EmptyForm(), targets=targets.TARGETS, editable=editable,
        mapping=chosen or services.mapping_of(job), samples=services.samples(job) if editable else [], report=report, kind=kind,
        kinds=[(k.value, kind_label(k)) for k in IssueKind], label_of=targets.label_of,
        mapping_errors=mapping_errors, refresh=job.is_working), status


@bp.route("/<int:import_id>/mapping", methods=["POST"])
@access.requires("tenant.admin")
def save_mapping(import_id: int):
    job = services.find_import(import_id)
    EmptyForm().validate_on_submit() or abort(400)
    chosen = {header: request.form.get(f"map-{i}", "") for i, header in enumerate(job.headers)}
    try:
        services.save_mapping(job, chosen, g.actor)
    except services.ImportStateError as error:
        return _refused(job, error.detail)
    except ValidationError as error:
        return _show(job, error.messages.get("mapping", []), 422, chosen)
    flash(_("The mapping was saved and will be proposed for this association's next file."), "success")
    return redirect(url_for("imports.show", import_id=job.id))


@bp.route("/<int:import_id>/dry-run", methods=["POST"])
@access.requires("tenant.admin")
def dry_run(import_id: int):
    job = services.find_import(import_id)
    EmptyForm().validate_on_submit() or abort(400)
    try:
        services.dry_run(job, g.actor)
    except services.ImportStateError as error:
        return _refused(job, error.detail)
    return redirect(url_for("imports.show", import_id=job.id) + "#report")


@bp.route("/<int:import_id>/start", methods=["POST"])
@access.requires("tenant.admin")
def start(import_id: int):
    job = services.find_import(import_id)
    EmptyForm().validate_on_submit() or abort(400)
    try:
        services.start(job, g.actor)
    except services.ImportStateError as error:
        return _refused(job, error.detail)
    services.if_left_waiting(job, partial(flash, _(
        "The import is queued. The background worker cannot be reached just now; the import will start as "
        "soon as it can, and this page follows it."), "warning"))
    return redirect(url_for("imports.show", import_id=job.id))


@bp.route("/<int:import_id>/report.xlsx")
@access.requires("tenant.admin")
def report_xlsx(import_id: int):
    return xlsx_response(services.find_import(import_id))


def _refused(job, message: str):
    flash(message, "danger")
    return redirect(url_for("imports.show", import_id=job.id))
