"""The governance scorecard at ``/<slug>/scorecard`` and the cases behind each figure.

Staff who may see cases see it; the drill-down takes the clause and the period
in its query string, so it lists exactly what the row counted.
"""

from __future__ import annotations

from flask import Blueprint, g, render_template, request

from wasl.accounts import access
from wasl.dashboards import page
from wasl.dashboards.services import channel_label
from wasl.i18n import current_language
from wasl.scorecard import clauses, services

bp = Blueprint("scorecard", __name__, url_prefix="/<slug>/scorecard")


def _period_args(period) -> dict:
    return {"from": period.first.isoformat(), "to": period.last.isoformat()}


@bp.route("")
@access.requires("cases.view")
def index():
    seen, rows = services.scorecard_page(g.tenant, request.args)
    return render_template("scorecard/index.html", rows=rows, period=seen.period, errors=seen.errors,
                           chosen=request.args, version=seen.version,
                           period_args=_period_args(seen.period)), 422 if seen.errors else 200


@bp.route("/cases")
@access.requires("cases.view")
def cases():
    key = request.args.get("clause", "")
    seen, rows = services.drill_down(g.tenant, request.args, key)
    catalogue, language = seen.catalogue, current_language()
    return render_template("scorecard/cases.html", key=key, label=clauses.label_of(key), rows=rows,
                           period=seen.period, errors=seen.errors, limit=services.queries.DRILL_LIMIT, fmt=page,
                           service_label=lambda k: catalogue.service_label(k, language),
                           channel_label=lambda k: channel_label(catalogue, k, language),
                           hides_outcome=key == clauses.SATISFACTION, period_args=_period_args(seen.period))
