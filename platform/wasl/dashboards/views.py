"""The dashboard page: the figures of one period as charts, each with its table for screen readers."""

from __future__ import annotations

from flask import Blueprint, g, render_template, request
from flask_babel import lazy_gettext as _l

from wasl.accounts import access
from wasl.dashboards import page, services
from wasl.i18n import text_direction

bp = Blueprint("dashboards", __name__, url_prefix="/<slug>/dashboard")

TIMING_LABELS = {"median": _l("Median"), "p90": _l("9 in 10 within"), "window": _l("Policy's window")}


@bp.route("")
@access.requires("cases.view")
def index():
    board, errors = services.dashboard_page(g.tenant, request.args.to_dict())
    return _render(board, errors, 422 if errors else 200)


def _render(board, errors: dict, status: int = 200):
    labels = {key: str(label) for key, label in TIMING_LABELS.items()}
    charts = page.charts_for(board, text_direction() == "rtl", labels)
    return render_template("dashboards/index.html", board=board, charts=charts, errors=errors, fmt=page,
                           chosen=request.args), status
