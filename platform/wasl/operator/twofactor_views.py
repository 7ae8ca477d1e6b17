"""Pages to enrol an authenticator app, see the recovery codes once, and pass the check."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import ngettext

from wasl.accounts import access
from wasl.extensions import limiter
from wasl.kernel.safety import safe_next
from wasl.operator import services
from wasl.operator.forms import CodeForm
from wasl.operator.twofactor import SecondFactorError
from wasl.unit_of_work import keep_writes

bp = Blueprint("twofactor", __name__, url_prefix="/two-factor")


def _next(form_value: str | None = None) -> str:
    return safe_next(form_value or request.args.get("next"), url_for("tenancy.home"))


def _actor_key() -> str:
    actor = g.get("actor")
    return f"second-factor:{actor.id if actor else request.remote_addr}"


@bp.route("/setup", methods=["GET", "POST"])
@access.requires_signed_in
@limiter.limit("10 per 5 minutes", methods=["POST"], key_func=_actor_key)
def setup():
    actor = g.actor
    if services.is_enrolled(actor):
        return redirect(url_for("twofactor.verify", next=_next()))
    form = CodeForm()
    credential = services.begin_enrolment(actor)
    keep_writes()  # the pending secret and a refused code's audit event outlive a 422
    if form.validate_on_submit():
        try:
            codes = services.confirm_enrolment(actor, form.code.data)
        except SecondFactorError as error:
            form.code.errors.append(str(error))
            return _setup_page(form, credential, 422)
        # Shown once, in this very response: only their hashes are kept, never the session cookie.
        return render_template("operator/recovery_codes.html", codes=codes, next_url=_next(form.next.data))
    form.next.data = _next()
    return _setup_page(form, credential, 200 if request.method == "GET" else 422)


def _setup_page(form, credential, status: int):
    return render_template("operator/twofactor_setup.html", form=form,
                           **services.enrolment_display(g.actor, credential)), status


@bp.route("/verify", methods=["GET", "POST"])
@access.requires_signed_in
@limiter.limit("10 per 5 minutes", methods=["POST"], key_func=_actor_key)
def verify():
    actor = g.actor
    if not services.is_enrolled(actor):
        return redirect(url_for("twofactor.setup", next=_next()))
    form = CodeForm()
    if form.validate_on_submit():
        try:
            kind = services.verify_second_factor(actor, form.code.data)
        except SecondFactorError as error:
            keep_writes()  # the failed attempt's audit event
            form.code.errors.append(str(error))
            return render_template("operator/twofactor_verify.html", form=form), 401
        if kind == "recovery":
            flash(ngettext("You used a recovery code; %(num)d remains.", "You used a recovery code; %(num)d remain.",
                           services.remaining_recovery_codes(actor)), "info")
        return redirect(_next(form.next.data))
    form.next.data = _next()
    return render_template("operator/twofactor_verify.html", form=form), 200 if request.method == "GET" else 422
