"""The scorecard across associations, for the platform operator at ``/operator/scorecard``.

Each association is read inside its own tenant scope, one after the other,
with the same statements as its own scorecard: the operator sees the lights
and figures, never a case.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request

from wasl.accounts import access
from wasl.scorecard import clauses, services

bp = Blueprint("operator_scorecard", __name__, url_prefix="/operator/scorecard")
ORDER = (clauses.DECISION, clauses.PLEDGE, clauses.CHANNELS, clauses.ONLINE, clauses.RESPONSE, clauses.SATISFACTION,
         clauses.REFERRAL)


@bp.route("")
@access.operator_only
def index():
    table, period, errors = services.across_associations(request.args)
    return render_template("scorecard/operator.html", table=table, order=ORDER, labels=clauses.label_of,
                           period=period, errors=errors, chosen=request.args), 422 if errors else 200
