"""The dashboard page: the figures of one period as charts, each with its table for screen readers."""

from __future__ import annotations

from flask import Blueprint, g, render_template, request
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from wasl.accounts import access
from wasl.dashboards import page, services
from wasl.dashboards.schemas import DashboardArgs
from wasl.i18n import text_direction
from wasl.i18n.validation import flatten_messages, translate_errors
from wasl.policy.services import published_version

bp = Blueprint("dashboards", __name__, url_prefix="/<slug>/dashboard")

TIMING_LABELS = {"median": _l("Median"), "p90": _l("9 in 10 within"), "window": _l("Policy's window")}


@bp.route("")
@access.requires("cases.view")
def index():
    version = published_version(g.tenant)
    try:
        args = DashboardArgs().load(request.args.to_dict())
        board = services.dashboard(g.tenant, version, args)
    except ValidationError as invalid:
        errors = {name: flatten_messages(texts)
                  for name, texts in translate_errors(invalid.normalized_messages()).items()}
        board = services.dashboard(g.tenant, version, {})
        return _render(board, errors, 422)
    return _render(board, {})


def _render(board, errors: dict, status: int = 200):
    labels = {key: str(label) for key, label in TIMING_LABELS.items()}
    charts = page.charts_for(board, text_direction() == "rtl", labels)
    return render_template("dashboards/index.html", board=board, charts=charts, errors=errors, fmt=page,
                           chosen=request.args), status
