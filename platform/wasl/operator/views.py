"""The operator console: associations with their usage, an association's page, lifecycle and exports."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from wasl.accounts import access
from wasl.administration import invitations
from wasl.administration.mailer import can_email
from wasl.api.pagination import page_number
from wasl.archive.downloads import send_export
from wasl.operator import lifecycle, services
from wasl.operator.blueprint import bp
from wasl.operator.forms import InviteAdminForm, ReasonForm

PER_PAGE = 50


@bp.route("/")
@access.operator_only
def console():
    q, status = request.args.get("q", "").strip()[:100], request.args.get("status") or None
    page = page_number()
    if status not in (None, "active", "suspended"):
        status = None
    listing = services.list_associations(q, status, page, PER_PAGE)
    return render_template("operator/console.html", pagination=listing.pagination, usage=listing.usage, q=q,
                           status=status)


@bp.route("/associations/<association>")
@access.operator_only
def association_page(association: str):
    seen = services.association_page(association)
    return render_template("operator/association.html", tenant=seen.tenant, usage=seen.usage, events=seen.events,
                           pending=seen.pending, exports=seen.exports, reason_form=ReasonForm(),
                           invite_form=InviteAdminForm())


@bp.route("/associations/<association>/suspend", methods=["POST"])
@access.operator_only
def suspend(association: str):
    return _lifecycle(association, services.suspend, _("The association is suspended; its staff are refused."))


@bp.route("/associations/<association>/reactivate", methods=["POST"])
@access.operator_only
def reactivate(association: str):
    return _lifecycle(association, services.reactivate, _("The association is active again."))


def _lifecycle(association: str, change, message: str):
    tenant = services.association(association)
    form = ReasonForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        change(tenant, form.reason.data or "")
    except lifecycle.LifecycleError as error:
        flash(str(error), "danger")
        return redirect(url_for("operator.association_page", association=association))
    flash(message, "success")
    return redirect(url_for("operator.association_page", association=association))


@bp.route("/associations/<association>/admin-invitations", methods=["POST"])
@access.operator_only
def invite_admin(association: str):
    tenant = services.association(association)
    form = InviteAdminForm()
    if not form.validate_on_submit():
        flash(" ".join(form.email.errors) or _("E-mail: enter an address."), "danger")
        return redirect(url_for("operator.association_page", association=association))
    try:
        outcome = services.invite_admin(tenant, form.email.data, invited_by=g.actor)
    except invitations.InvitationError as error:
        flash(str(error), "danger")
        return redirect(url_for("operator.association_page", association=association))
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
    tenant = services.association(association)
    ReasonForm().validate_on_submit() or abort(400)
    export_id = services.request_export(tenant, g.actor).id
    flash(_("The export is being prepared."), "info")
    return redirect(url_for("operator.export_page", association=association, export_id=export_id))


@bp.route("/associations/<association>/exports/<int:export_id>")
@access.operator_only
def export_page(association: str, export_id: int):
    tenant = services.association(association)
    export = services.export(tenant, export_id)
    return render_template("operator/export.html", tenant=tenant, export=export,
                           download=url_for("operator.download_export", association=association,
                                            export_id=export.id))


@bp.route("/associations/<association>/exports/<int:export_id>/download")
@access.operator_only
def download_export(association: str, export_id: int):
    return send_export(services.association(association), export_id)

