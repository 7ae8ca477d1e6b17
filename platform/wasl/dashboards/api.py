"""The dashboard in the JSON API: the same figures as the page, from the same service function."""

from __future__ import annotations

from flask import g, jsonify, request

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.spec import operation
from wasl.dashboards import services
from wasl.dashboards.schemas import DashboardArgs, DashboardSchema

bp = api_blueprint("dashboards", __name__, "/<slug>/dashboard")


@bp.get("")
@access.requires("cases.view")
@operation("The association's dashboard: open cases by step and age, the decision clock, intake by channel, "
           "time to decision, acceptance rate and deliveries by service and month", query=DashboardArgs,
           response=DashboardSchema)
def read():
    board = services.tenant_dashboard(g.tenant, request.args.to_dict())
    return jsonify(DashboardSchema().dump(board))
