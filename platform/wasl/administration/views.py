"""Staff and roles of the association, for its admins."""

from __future__ import annotations

from flask import abort, flash, g, redirect, render_template, url_for
from flask_babel import gettext as _

from wasl.accounts import access
from wasl.administration import services
from wasl.administration.blueprint import bp
from wasl.administration.forms import ChangeRoleForm, EmptyForm, InviteForm, RoleForm
from wasl.administration.refusals import InvitationError, RoleKeyRefused, StaffError


def _role_choices(form_field) -> None:
    form_field.choices = services.role_choices(g.tenant, _lang())


def _lang() -> str:
    from wasl.i18n import current_language

    return current_language()


@bp.route("/")
@access.requires("tenant.admin")
def index():
    return redirect(url_for("administration.staff_list"))


@bp.route("/staff")
@access.requires("tenant.admin")
def staff_list():
    invite_form, role_form = InviteForm(), ChangeRoleForm()
    _role_choices(invite_form.role_id)
    _role_choices(role_form.role_id)
    return render_template("administration/staff.html", members=services.staff_of(g.tenant),
                           pending=services.open_invitations(g.tenant), invite_form=invite_form,
                           role_form=role_form, button=EmptyForm())


@bp.route("/staff/invite", methods=["POST"])
@access.requires("tenant.admin")
def invite():
    form = InviteForm()
    _role_choices(form.role_id)
    if not form.validate_on_submit():
        return _conflict(" ".join(e for errors in form.errors.values() for e in errors))
    try:
        outcome = services.invite(g.tenant, form.email.data, form.role_id.data, name=form.name.data,
                                  invited_by=g.actor)
    except InvitationError as error:
        return _conflict(error.detail)
    if outcome.membership is not None:
        flash(_("{email} already has a Wasl account and now works here too.").format(email=form.email.data),
              "success")
    elif outcome.emailed and services.can_email():
        flash(_("The invitation was sent by e-mail to {email}.").format(email=form.email.data), "success")
    else:
        flash(_("Send this single-use invitation link to {email}: {url}").format(email=form.email.data,
                                                                                 url=outcome.url), "info")
    return redirect(url_for("administration.staff_list"))


@bp.route("/staff/<int:membership_id>/role", methods=["POST"])
@access.requires("tenant.admin")
def change_role(membership_id: int):
    membership = services.membership(g.tenant, membership_id)
    form = ChangeRoleForm()
    _role_choices(form.role_id)
    if not form.validate_on_submit():
        abort(400)
    try:
        services.change_role(g.tenant, membership, form.role_id.data)
    except StaffError as error:
        return _conflict(error.detail)
    flash(_("The role was changed."), "success")
    return redirect(url_for("administration.staff_list"))


def _conflict(message: str):
    """The refusal told on the staff page (the service refused before writing anything)."""
    flash(message, "danger")
    return redirect(url_for("administration.staff_list"))


@bp.route("/staff/<int:membership_id>/deactivate", methods=["POST"])
@access.requires("tenant.admin")
def deactivate(membership_id: int):
    membership = services.membership(g.tenant, membership_id)
    EmptyForm().validate_on_submit() or abort(400)
    try:
        services.deactivate(g.tenant, membership)
    except StaffError as error:
        return _conflict(error.detail)
    flash(_("The staff member can no longer enter this association."), "success")
    return redirect(url_for("administration.staff_list"))


@bp.route("/staff/<int:membership_id>/reactivate", methods=["POST"])
@access.requires("tenant.admin")
def reactivate(membership_id: int):
    membership = services.membership(g.tenant, membership_id)
    EmptyForm().validate_on_submit() or abort(400)
    services.reactivate(membership)
    flash(_("The staff member can enter this association again."), "success")
    return redirect(url_for("administration.staff_list"))


@bp.route("/invitations/<int:invitation_id>/revoke", methods=["POST"])
@access.requires("tenant.admin")
def revoke_invitation(invitation_id: int):
    invitation = services.invitation(invitation_id)
    EmptyForm().validate_on_submit() or abort(400)
    try:
        services.revoke_invitation(invitation)
    except InvitationError as error:
        return _conflict(error.detail)
    flash(_("The invitation was withdrawn; its link no longer works."), "success")
    return redirect(url_for("administration.staff_list"))


@bp.route("/roles")
@access.requires("tenant.admin")
def role_list():
    return render_template("administration/roles.html", roles=services.roles_of(g.tenant),
                           holders=services.role_holders(g.tenant), button=EmptyForm())


def _role_form(role=None) -> RoleForm:
    form = RoleForm(obj=role)
    form.permissions.choices = services.permission_choices()
    return form


@bp.route("/roles/new", methods=["GET", "POST"])
@access.requires("tenant.admin")
def new_role():
    form = _role_form()
    if form.validate_on_submit():
        try:
            services.create_role(g.tenant, form.key.data, form.name_ar.data, form.name_en.data,
                                 form.permissions.data)
        except RoleKeyRefused as refused:
            form.key.errors = [refused.detail]
            return render_template("administration/role_form.html", form=form, role=None), 422
        flash(_("The role was created."), "success")
        return redirect(url_for("administration.role_list"))
    return render_template("administration/role_form.html", form=form, role=None), _status(form)


def _status(form) -> int:
    return 422 if form.is_submitted() else 200


@bp.route("/roles/<int:role_id>", methods=["GET", "POST"])
@access.requires("tenant.admin")
def edit_role(role_id: int):
    role = services.role(role_id)
    form = _role_form(role)
    if form.validate_on_submit():
        try:
            services.update_role(g.tenant, role, form.name_ar.data, form.name_en.data, form.permissions.data)
        except StaffError as refused:
            form.permissions.errors = [refused.detail]
            return render_template("administration/role_form.html", form=form, role=role), 409
        flash(_("The role was saved."), "success")
        return redirect(url_for("administration.role_list"))
    return render_template("administration/role_form.html", form=form, role=role,
                           template=services.template_of(role), button=EmptyForm()), _status(form)


@bp.route("/roles/<int:role_id>/reset", methods=["POST"])
@access.requires("tenant.admin")
def reset_role(role_id: int):
    return _role_action(role_id, services.reset_role, _("The role was reset to its template."))


@bp.route("/roles/<int:role_id>/delete", methods=["POST"])
@access.requires("tenant.admin")
def delete_role(role_id: int):
    return _role_action(role_id, services.delete_role, _("The role was removed."))


def _role_action(role_id: int, action, message: str):
    role = services.role(role_id)
    EmptyForm().validate_on_submit() or abort(400)
    try:
        action(g.tenant, role)
    except StaffError as refused:  # refused before anything was written
        flash(refused.detail, "danger")
        return redirect(url_for("administration.role_list"))
    flash(message, "success")
    return redirect(url_for("administration.role_list"))
