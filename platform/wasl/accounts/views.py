"""Sign-in, sign-out, language choice and the association switcher."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import login_user, logout_user

from wasl.accounts import access, services
from wasl.accounts.forms import LocaleForm, LoginForm, SwitchAssociationForm
from wasl.extensions import limiter
from wasl.i18n import LOCALE_SESSION_KEY
from wasl.kernel.safety import safe_next
from wasl.unit_of_work import keep_writes

bp = Blueprint("accounts", __name__)


def _login_limit() -> str:
    return current_app.config["LOGIN_RATE_LIMIT"]


def _account_key() -> str:
    return "account:" + services.normalise_email(request.form.get("email", ""))


@bp.route("/login", methods=["GET", "POST"])
@access.public
@limiter.limit(_login_limit, methods=["POST"])
@limiter.limit(_login_limit, methods=["POST"], key_func=_account_key)
def login():
    form = LoginForm()
    if g.get("actor") is not None and request.method == "GET":
        return redirect(url_for("tenancy.home"))
    if form.validate_on_submit():
        user = services.authenticate(form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(safe_next(form.next.data, url_for("tenancy.home")))
        keep_writes()  # the failed attempt stays in the audit log
        flash(_("The e-mail or password is not correct."), "danger")
        return render_template("accounts/login.html", form=form), 401
    if request.method == "GET":
        form.next.data = request.args.get("next", "")
        return render_template("accounts/login.html", form=form)
    return render_template("accounts/login.html", form=form), 400


@bp.route("/logout", methods=["POST"])
@access.public
def logout():
    """Sign out on every device: rotating the account's nonce voids every copy of its session cookie."""
    actor = g.get("actor")
    if actor is not None:
        services.sign_out_everywhere(actor)
    logout_user()
    session.clear()
    flash(_("You have signed out."), "info")
    return redirect(url_for("accounts.login"))


@bp.route("/locale", methods=["POST"])
@access.public
def choose_locale():
    form = LocaleForm()
    if form.validate_on_submit():
        session[LOCALE_SESSION_KEY] = form.locale.data
        actor = g.get("actor")
        if actor is not None:
            services.prefer_locale(actor, form.locale.data)
    return redirect(safe_next(form.next.data or request.referrer, url_for("tenancy.home")))


@bp.route("/switch", methods=["POST"])
def switch_association():
    """The header's association switcher: land in the chosen association's space."""
    form = SwitchAssociationForm()
    if form.validate_on_submit():
        return redirect(url_for("tenancy.space", slug=form.slug.data))
    return redirect(url_for("tenancy.home"))
