"""Pages to enrol an authenticator app, see the recovery codes once, and pass the check."""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, url_for
from flask_babel import ngettext

from wasl.accounts import access
from wasl.db import db
from wasl.extensions import limiter
from wasl.operator import twofactor
from wasl.operator.forms import CodeForm
from wasl.web.safety import safe_next

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
    if twofactor.is_enrolled(actor):
        return redirect(url_for("twofactor.verify", next=_next()))
    form = CodeForm()
    credential = twofactor.begin_enrolment(actor)
    if form.validate_on_submit():
        try:
            codes = twofactor.confirm_enrolment(actor, form.code.data)
        except twofactor.SecondFactorError as error:
            db.session.commit()
            form.code.errors.append(str(error))
            return _setup_page(form, credential, 422)
        twofactor.mark_session(actor)
        db.session.commit()
        # Shown once, in this very response: only their hashes are kept, never the session cookie.
        return render_template("operator/recovery_codes.html", codes=codes, next_url=_next(form.next.data))
    db.session.commit()
    form.next.data = _next()
    return _setup_page(form, credential, 200 if request.method == "GET" else 422)


def _setup_page(form, credential, status: int):
    uri = twofactor.provisioning_uri(g.actor, credential)
    return render_template("operator/twofactor_setup.html", form=form, uri=uri, qr=twofactor.qr_data_uri(uri),
                           secret=twofactor.secret_of(credential)), status


@bp.route("/verify", methods=["GET", "POST"])
@access.requires_signed_in
@limiter.limit("10 per 5 minutes", methods=["POST"], key_func=_actor_key)
def verify():
    actor = g.actor
    if not twofactor.is_enrolled(actor):
        return redirect(url_for("twofactor.setup", next=_next()))
    form = CodeForm()
    if form.validate_on_submit():
        try:
            kind = twofactor.verify(actor, form.code.data)
        except twofactor.SecondFactorError as error:
            db.session.commit()
            form.code.errors.append(str(error))
            return render_template("operator/twofactor_verify.html", form=form), 401
        twofactor.mark_session(actor)
        db.session.commit()
        if kind == "recovery":
            flash(ngettext("You used a recovery code; %(num)d remains.", "You used a recovery code; %(num)d remain.",
                           twofactor.remaining_recovery_codes(actor)), "info")
        return redirect(_next(form.next.data))
    form.next.data = _next()
    return render_template("operator/twofactor_verify.html", form=form), 200 if request.method == "GET" else 422
