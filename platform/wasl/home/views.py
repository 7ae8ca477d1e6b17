"""Landing pages: the list of my associations, and an association's staff space."""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l

from wasl.accounts import access
from wasl.home.services import space_overview
from wasl.web.navigation import add_nav_item

bp = Blueprint("tenancy", __name__)


@bp.route("/")
@access.public
def home():
    actor = g.get("actor")
    if actor is None:
        return redirect(url_for("accounts.login"))
    memberships = actor.active_memberships()
    if not memberships and actor.is_operator:
        return redirect(url_for("operator.console"))  # an operator who works in no association: the console
    if len(memberships) == 1:
        return redirect(url_for("tenancy.space", slug=memberships[0].tenant.slug))
    return render_template("tenancy/home.html", memberships=memberships)


@bp.route("/<slug>/")
@access.requires("tenant.view")
def space():
    return render_template("tenancy/space.html", overview=space_overview(g.tenant, g.membership))


def init_app(app) -> None:
    add_nav_item(app, "tenancy.space", _l("Overview"), permission="tenant.view", order=0)
