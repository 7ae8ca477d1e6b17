"""The scorecard across associations, for the platform operator at ``/operator/scorecard``.

Each association is read inside its own tenant scope, one after the other,
with the same statements as its own scorecard: the operator sees the lights
and figures, never a case.
"""

from __future__ import annotations

from flask import Blueprint, render_template, request
from sqlalchemy import select

from wasl.accounts import access
from wasl.cases.catalogue import Catalogue
from wasl.dashboards.period_args import period_from
from wasl.db import db
from wasl.policy.services import published_version
from wasl.scorecard import clauses, services
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import tenant_scope

bp = Blueprint("operator_scorecard", __name__, url_prefix="/operator/scorecard")
ORDER = (clauses.DECISION, clauses.PLEDGE, clauses.CHANNELS, clauses.ONLINE, clauses.RESPONSE, clauses.SATISFACTION,
         clauses.REFERRAL)


@bp.route("")
@access.operator_only
def index():
    period, errors = period_from(request.args, Catalogue({}), 90)
    tenants = db.session.scalars(select(Tenant).order_by(Tenant.slug)).all()
    table = []
    for tenant in tenants:
        with tenant_scope(db.session, tenant.id):
            version = published_version(tenant)
            rows = {row.key: row for row in services.scorecard(version, period)} if version is not None else {}
        table.append((tenant, rows))
    return render_template("scorecard/operator.html", table=table, order=ORDER, labels=clauses.label_of,
                           period=period, errors=errors, chosen=request.args), 422 if errors else 200
