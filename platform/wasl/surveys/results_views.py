"""The satisfaction page for staff: results by service, channel and month; comments for admins only.

No row here names a member of staff or a case: results are counted, never listed.
"""

from __future__ import annotations

from flask import Blueprint, g, render_template, request

from wasl.accounts import access
from wasl.dashboards import page
from wasl.i18n import current_language
from wasl.surveys import services

bp = Blueprint("satisfaction", __name__, url_prefix="/<slug>/satisfaction")
ADMIN = "tenant.admin"


@bp.route("")
@access.requires("cases.view")
def index():
    is_admin = g.membership.grants(ADMIN)
    report, choices, errors = services.satisfaction_page(g.tenant, request.args, current_language(), is_admin)
    return render_template("surveys/results.html", report=report, errors=errors, fmt=page, chosen=request.args,
                           services=choices, is_admin=is_admin), 422 if errors else 200
