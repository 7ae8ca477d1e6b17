"""The person's own data in the portal: what the association holds about them, as JSON or a readable PDF.

The routes take no id: whose data it is comes from the portal session alone
(``privacy.services.export_own_data`` reads it from the beneficiary scope).
"""

from __future__ import annotations

import json

from flask import Response, g

from wasl.accounts import access
from wasl.i18n import current_language
from wasl.portal.views import bp, render
from wasl.privacy import services


@bp.route("/my-data")
@access.portal
def my_data():
    return render("my_data.html")


@bp.route("/my-data.json")
@access.portal
def my_data_json():
    data = services.export_own_data("json")
    return Response(json.dumps(data, ensure_ascii=False, indent=2), mimetype="application/json",
                    headers={"Content-Disposition": 'attachment; filename="my-data.json"'})


@bp.route("/my-data.pdf")
@access.portal
def my_data_pdf():
    from wasl.privacy.pdf import render_personal_data_pdf

    data = services.export_own_data("pdf")
    return Response(render_personal_data_pdf(g.tenant, data, current_language()), mimetype="application/pdf",
                    headers={"Content-Disposition": 'attachment; filename="my-data.pdf"'})
