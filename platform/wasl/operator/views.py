"""The operator console: associations with their usage, an association's page, lifecycle and exports."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _

from wasl.accounts import access
from wasl.administration import invitations
from wasl.administration.audit_log import AuditFilter, page_of, tenant_events
from wasl.administration.mailer import can_email
from wasl.administration.roles import role_by_key
from wasl.api.pagination import page_number
from wasl.db import db
from wasl.operator import exports, lifecycle, tasks
from wasl.operator.blueprint import bp
from wasl.operator.forms import InviteAdminForm, ReasonForm
from wasl.operator.models import ExportStatus
from wasl.operator.usage import search_statement, usage_of
from wasl.tenancy.scope import tenant_scope

PER_PAGE = 50


def _association(association: str):
    tenant = lifecycle.association_by_slug(association)
    if tenant is None:
        abort(404)
    return tenant


@bp.route("/")
@access.operator_only
def console():
    q, status = request.args.get("q", "").strip()[:100], request.args.get("status") or None
    page = page_number()
    if status not in (None, "active", "suspended"):
        status = None
    pagination = db.paginate(search_statement(q, status), page=page, per_page=PER_PAGE, error_out=False)
    usage = usage_of([t.id for t in pagination.items])
    return render_template("operator/console.html", pagination=pagination, usage=usage, q=q, status=status)


@bp.route("/associations/<association>")
@access.operator_only
def association_page(association: str):
    tenant = _association(association)
    with tenant_scope(db.session, tenant.id):
        events, _more = page_of(tenant_events(AuditFilter()), 1, 15)
        pending = invitations.open_invitations(tenant)
    return render_template("operator/association.html", tenant=tenant, usage=usage_of([tenant.id])[tenant.id],
                           events=events, pending=pending, exports=exports.exports_of(tenant),
                           reason_form=ReasonForm(), invite_form=InviteAdminForm())


@bp.route("/associations/<association>/suspend", methods=["POST"])
@access.operator_only
def suspend(association: str):
    return _lifecycle(association, lifecycle.suspend, _("The association is suspended; its staff are refused."))


@bp.route("/associations/<association>/reactivate", methods=["POST"])
@access.operator_only
def reactivate(association: str):
    return _lifecycle(association, lifecycle.reactivate, _("The association is active again."))


def _lifecycle(association: str, change, message: str):
    tenant = _association(association)
    form = ReasonForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        change(tenant, form.reason.data or "")
    except lifecycle.LifecycleError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(url_for("operator.association_page", association=association))
    db.session.commit()
    flash(message, "success")
    return redirect(url_for("operator.association_page", association=association))


@bp.route("/associations/<association>/admin-invitations", methods=["POST"])
@access.operator_only
def invite_admin(association: str):
    tenant = _association(association)
    form = InviteAdminForm()
    if not form.validate_on_submit():
        flash(" ".join(form.email.errors) or _("E-mail: enter an address."), "danger")
        return redirect(url_for("operator.association_page", association=association))
    try:
        with tenant_scope(db.session, tenant.id):
            outcome = invitations.invite(tenant, form.email.data, role_by_key("admin"), invited_by=g.actor)
    except invitations.InvitationError as error:
        db.session.rollback()
        flash(str(error), "danger")
        return redirect(url_for("operator.association_page", association=association))
    db.session.commit()
    _announce_invitation(outcome)
    return redirect(url_for("operator.association_page", association=association))


def _announce_invitation(outcome) -> None:
    if outcome.membership is not None:
        flash(_("This person already has a Wasl account and was added as admin."), "success")
    elif outcome.emailed and can_email():
        flash(_("The invitation was sent by e-mail."), "success")
    else:
        flash(_("Send this single-use invitation link to the admin: {url}").format(url=outcome.url), "info")


@bp.route("/associations/<association>/exports", methods=["POST"])
@access.operator_only
def request_export(association: str):
    tenant = _association(association)
    ReasonForm().validate_on_submit() or abort(400)
    export_id = exports.request_export(tenant, g.actor).id
    db.session.commit()
    flash(_("The export is being prepared."), "info")
    return redirect(url_for("operator.export_page", association=association, export_id=export_id))


@bp.route("/associations/<association>/exports/<int:export_id>")
@access.operator_only
def export_page(association: str, export_id: int):
    tenant = _association(association)
    export = exports.export_of(tenant, export_id) or abort(404)
    tasks.ensure_enqueued([export])
    return render_template("operator/export.html", tenant=tenant, export=export,
                           download=url_for("operator.download_export", association=association,
                                            export_id=export.id))


@bp.route("/associations/<association>/exports/<int:export_id>/download")
@access.operator_only
def download_export(association: str, export_id: int):
    tenant = _association(association)
    return send_export(tenant, export_id)


def send_export(tenant, export_id: int):
    """The finished archive as an attachment (operators here, the association's admins in their pages)."""
    export = exports.export_of(tenant, export_id)
    if export is None or export.status != ExportStatus.DONE:
        abort(404)
    path = exports.archive_path(tenant.id, export.id)
    if not path.is_file():
        abort(404)
    name = f"wasl-{tenant.slug}-export-{export.id}.zip"
    return send_file(path, mimetype="application/zip", as_attachment=True, download_name=name)
