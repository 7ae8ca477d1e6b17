"""The staff's export pages: ask for a list, follow its progress, download the file."""

from __future__ import annotations

from functools import partial

from flask import Blueprint, flash, g, redirect, render_template, send_file, url_for
from flask_babel import gettext as _

from wasl.accounts import access
from wasl.administration.forms import EmptyForm
from wasl.dashboards import page as fmt
from wasl.exports import services
from wasl.exports.datasets import DATASETS
from wasl.exports.files import MEDIA_TYPES
from wasl.exports.forms import FORMAT_LABELS, ExportForm
from wasl.i18n import current_language

bp = Blueprint("exports", __name__, url_prefix="/<slug>/exports")


def _may_export_personal_data() -> bool:
    return services.may_export_personal_data(g.membership)


@bp.route("/", methods=["GET", "POST"])
@access.requires("exports.create")
def index():
    form = ExportForm()
    if form.validate_on_submit():
        try:
            job = services.request_export(form.dataset.data, form.file_format.data, form.personal_data.data,
                                          g.membership, g.actor, current_language(),
                                          (form.read_reason.data, form.read_note.data))
        except services.ExportRefused as refused:
            flash(refused.detail, "danger")
            return redirect(url_for("exports.index"))
        services.if_left_waiting(job, partial(flash, _(
            "The export is queued. The background worker cannot be reached just now; the export will start as "
            "soon as it can, and its page follows it."), "warning"))
        return redirect(url_for("exports.show", export_job_id=job.id))
    return render_template("exports/index.html", form=form, exports=services.recent_exports(),
                           datasets=DATASETS, formats=FORMAT_LABELS, personal_allowed=_may_export_personal_data(),
                           ask_reason=services.asks_read_reason(),
                           fmt=fmt), 422 if form.errors else 200


@bp.route("/<int:export_job_id>")
@access.requires("exports.create")
def show(export_job_id: int):
    job = services.find_export(export_job_id)
    services.ensure_enqueued(job)
    return render_template("exports/show.html", job=job, datasets=DATASETS, formats=FORMAT_LABELS, fmt=fmt,
                           refresh=job.is_working, button=EmptyForm(),
                           may_open=not job.personal_data or _may_export_personal_data(),
                           expired=services.is_expired(job), erased=services.was_erased(job))


@bp.route("/<int:export_job_id>/download")
@access.requires("exports.create")
def download(export_job_id: int):
    job = services.find_export(export_job_id)
    path = services.file_to_send(job, g.membership, g.actor)
    response = send_file(path, mimetype=MEDIA_TYPES[job.file_format], as_attachment=True,
                         download_name=services.file_name(job, g.tenant.slug), max_age=0)
    response.headers["Cache-Control"] = "private, no-store"
    return response
