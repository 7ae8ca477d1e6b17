"""The signed pledge on the case page: its drawn signature as an image.

The signature is served from the stored PNG by an address inside the
association (``/<slug>/cases/<id>/pledges/<pledge id>/signature.png``): the case
is looked up first, in the association in scope, so another association's
case or pledge is a 404 like any other.
"""

from __future__ import annotations

from flask import Response

from wasl.accounts import access
from wasl.cases import services
from wasl.cases.web.views import bp


@bp.route("/<int:case_id>/pledges/<int:pledge_id>/signature.png")
@access.requires("cases.view")
def signature_image(case_id: int, pledge_id: int):
    pledge = services.pledge_of(services.require_case(case_id), pledge_id)
    response = Response(pledge.signature_png, mimetype="image/png")
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
