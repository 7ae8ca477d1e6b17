"""The signed pledge on the case page: the pledge that holds, and its drawn signature as an image.

The signature is served from the stored PNG by an address inside the
association (``/<slug>/cases/<id>/pledges/<pledge id>/signature.png``): the case
is looked up first, in the association in scope, so another association's
case or pledge is a 404 like any other.
"""

from __future__ import annotations

from flask import Response
from flask_babel import gettext as _
from sqlalchemy import select

from wasl.accounts import access
from wasl.cases.attestation import latest_pledge, pledge_state
from wasl.cases.models import Pledge
from wasl.cases.web.views import bp, found_case
from wasl.db import db
from wasl.web.errors import fail


def signed_pledge(case) -> Pledge | None:
    """The case's latest pledge while it holds (signed, not voided, the attested data unchanged)."""
    return latest_pledge(case) if pledge_state(case) == "valid" else None


@bp.route("/<int:case_id>/pledges/<int:pledge_id>/signature.png")
@access.requires("cases.view")
def signature_image(case_id: int, pledge_id: int):
    case = found_case(case_id)
    pledge = db.session.scalar(select(Pledge).where(Pledge.id == pledge_id, Pledge.case_id == case.id))
    if pledge is None:
        fail(404, _("This case has no such pledge."))
    response = Response(pledge.signature_png, mimetype="image/png")
    response.headers["Cache-Control"] = "private, no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response
