"""The satisfaction page for staff: results by service, channel and month; comments for admins only.

No row here names a member of staff or a case: results are counted, never listed.
"""

from __future__ import annotations

from flask import Blueprint, g, render_template, request

from wasl.accounts import access
from wasl.cases.catalogue import Catalogue, catalogue_of
from wasl.dashboards import page
from wasl.dashboards.period_args import period_from
from wasl.i18n import current_language
from wasl.policy.services import published_version
from wasl.surveys.report import satisfaction

bp = Blueprint("satisfaction", __name__, url_prefix="/<slug>/satisfaction")
ADMIN = "tenant.admin"


@bp.route("")
@access.requires("cases.view")
def index():
    version = published_version(g.tenant)
    catalogue = catalogue_of(version) if version is not None else Catalogue({})
    period, errors = period_from(request.args, catalogue)
    report = satisfaction(period, catalogue, current_language(), with_comments=g.membership.grants(ADMIN))
    return render_template("surveys/results.html", report=report, errors=errors, fmt=page, chosen=request.args,
                           services=[(key, catalogue.service_label(key, current_language()))
                                     for key in catalogue.services],
                           is_admin=g.membership.grants(ADMIN)), 422 if errors else 200
