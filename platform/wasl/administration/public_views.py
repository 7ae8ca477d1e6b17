"""Pages reached without belonging to the association yet: accepting an invitation, the letterhead logo."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import login_user

from wasl.accounts import access
from wasl.administration import services
from wasl.administration.forms import AcceptInvitationForm, InvitationCodeForm
from wasl.administration.refusals import InvitationError
from wasl.unit_of_work import keep_writes

bp = Blueprint("invitations", __name__, url_prefix="/<slug>")


@bp.route("/invitation/<token>", methods=["GET", "POST"])
@access.public
def accept(token: str):
    try:
        invitation = services.invitation_for_token(token)
    except InvitationError as refused:
        return _refused(refused)
    if not g.tenant.is_active:
        return _suspended()
    form = AcceptInvitationForm(data={"name": invitation.name} if request.method == "GET" else None)
    role = services.invited_role(invitation)
    if form.validate_on_submit():
        try:
            user = services.accept_invitation(invitation, g.tenant, name=form.name.data,
                                              password=form.password.data, signed_in=g.get("actor"))
        except InvitationError as refused:  # answered 4xx: what was written before the refusal is undone
            return _refused(refused)
        if services.needs_code(invitation):
            return redirect(url_for("invitations.confirm", slug=g.tenant.slug, token=token))
        login_user(user)
        return redirect(_after_acceptance(role))
    return render_template("administration/invitation.html", form=form, invitation=invitation, role=role,
                           tenant=g.tenant), 422 if form.errors else 200


def _refused(refused: InvitationError):
    return render_template("administration/invitation_refused.html", message=refused.detail), refused.status


def _suspended():
    """A suspended association takes nobody in: not by the link, nor by the e-mailed code."""
    message = _("This association is suspended; its invitations cannot be accepted now.")
    return render_template("administration/invitation_refused.html", message=message), 403


@bp.route("/invitation/<token>/code", methods=["GET", "POST"])
@access.public
def confirm(token: str):
    """The last step for an account made from a link: the code e-mailed to the invited address."""
    try:
        invitation = services.invitation_for_token(token)
    except InvitationError as refused:
        return _refused(refused)
    if not g.tenant.is_active:
        return _suspended()
    if not services.needs_code(invitation):
        return redirect(url_for("invitations.accept", slug=g.tenant.slug, token=token))
    form = InvitationCodeForm()
    status = 422 if request.method == "POST" else 200
    if form.validate_on_submit():
        try:
            user = services.confirm_invitation_code(invitation, g.tenant, form.code.data)
        except InvitationError as refused:
            keep_writes()  # a wrong try counts even though the code is refused
            form.code.errors = [refused.detail]
            status = refused.status
        else:
            login_user(user)
            return redirect(_after_acceptance(services.invited_role(invitation)))
    return render_template("administration/invitation_code.html", form=form, invitation=invitation,
                           tenant=g.tenant), status


def _after_acceptance(role) -> str:
    """Admins enrol their authenticator app before anything else; others land in the space."""
    flash(_("Welcome to {name}.").format(name=g.tenant.name_ar), "success")
    space = url_for("tenancy.space", slug=g.tenant.slug)
    if role.grants("tenant.admin"):
        return url_for("twofactor.setup", next=url_for("administration.staff_list", slug=g.tenant.slug))
    return space


@bp.route("/letterhead/logo")
@access.public
def logo():
    path, media_type = services.logo(g.tenant)
    response = send_file(path, mimetype=media_type, max_age=3600)
    response.headers["Content-Security-Policy"] = "default-src 'none'; style-src 'unsafe-inline'; sandbox"
    return response
