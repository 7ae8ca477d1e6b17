"""The governance scorecard at ``/<slug>/scorecard`` and the cases behind each figure.

Staff who may see cases see it; the drill-down takes the clause and the period
in its query string, so it lists exactly what the row counted.
"""

from __future__ import annotations

from flask import Blueprint, abort, g, render_template, request

from wasl.accounts import access
from wasl.cases.catalogue import Catalogue, catalogue_of
from wasl.dashboards import page
from wasl.dashboards.period_args import period_from
from wasl.dashboards.services import channel_label
from wasl.i18n import current_language
from wasl.policy.services import published_version
from wasl.scorecard import clauses, services

bp = Blueprint("scorecard", __name__, url_prefix="/<slug>/scorecard")
DEFAULT_DAYS = 90


def _context():
    version = published_version(g.tenant)
    catalogue = catalogue_of(version) if version is not None else Catalogue({})
    period, errors = period_from(request.args, catalogue, DEFAULT_DAYS)
    return version, catalogue, period, errors


def _period_args(period) -> dict:
    return {"from": period.first.isoformat(), "to": period.last.isoformat()}


@bp.route("")
@access.requires("cases.view")
def index():
    version, _catalogue, period, errors = _context()
    rows = services.scorecard(version, period) if version is not None else []
    return render_template("scorecard/index.html", rows=rows, period=period, errors=errors, chosen=request.args,
                           version=version, period_args=_period_args(period)), 422 if errors else 200


@bp.route("/cases")
@access.requires("cases.view")
def cases():
    version, catalogue, period, errors = _context()
    key = request.args.get("clause", "")
    if version is None or key not in services.clause_keys(version):
        abort(404)
    language = current_language()
    rows = services.cases_behind(key, version, period)
    return render_template("scorecard/cases.html", key=key, label=clauses.label_of(key), rows=rows, period=period,
                           errors=errors, limit=services.queries.DRILL_LIMIT, fmt=page,
                           service_label=lambda k: catalogue.service_label(k, language),
                           channel_label=lambda k: channel_label(catalogue, k, language),
                           hides_outcome=key == clauses.SATISFACTION, period_args=_period_args(period))
