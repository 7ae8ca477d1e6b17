"""The public transparency page and the admin's page that turns it on."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, g, make_response, redirect, render_template, session, url_for
from flask_babel import gettext as _
from flask_login import current_user

from wasl.accounts import access
from wasl.dashboards import page as fmt
from wasl.transparency import services
from wasl.transparency.forms import PERIOD_LABELS, TransparencyForm
from wasl.web.routing import TenantSuspended

bp = Blueprint("transparency", __name__)
PUBLIC_MAX_AGE = 300  # seconds: the figures move by the day, a few minutes old is fine


@bp.route("/<slug>/transparency")
@access.public
def public_page():
    if not g.tenant.is_active:
        raise TenantSuspended(g.tenant)
    report = services.public_figures(g.tenant)
    response = make_response(render_template(
        "transparency/public.html", report=report, fmt=fmt, publishable=services.publishable,
        minimum=services.MIN_PEOPLE))
    _cache_headers(response)
    return response


def _cache_headers(response) -> None:
    """Shared caches may keep the anonymous page a few minutes, as long as the answer sets no cookie (its
    header has no form, so no CSRF token goes into the session); a signed-in person's page is theirs."""
    sets_cookie = current_app.session_interface.should_set_cookie(current_app, session)
    if current_user.is_authenticated or sets_cookie:
        response.headers["Cache-Control"] = "private, no-cache"
    else:
        response.headers["Cache-Control"] = f"public, max-age={PUBLIC_MAX_AGE}"
    response.vary.update(("Cookie", "Accept-Language"))


@bp.route("/<slug>/admin/transparency", methods=["GET", "POST"])
@access.requires("tenant.admin")
def settings_page():
    choice = services.current_choice()
    form = TransparencyForm(data={"published": choice.published, "period_days": choice.period_days})
    if form.validate_on_submit():
        services.choose(g.tenant, bool(form.published.data), form.period_days.data, g.actor)
        flash(_("The transparency page was published.") if form.published.data
              else _("The transparency page is not published."), "success")
        return redirect(url_for("transparency.settings_page"))
    return render_template("transparency/settings.html", form=form, choice=choice,
                           period_label=PERIOD_LABELS.get(choice.period_days)), 422 if form.errors else 200
