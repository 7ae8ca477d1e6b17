"""The portal's gate: before every portal view, the beneficiary's session and the beneficiary scope.

The tenancy router has already resolved the association and put it in scope
(portal views are not staff views, so no membership is asked for). Here a
view declared ``access.portal`` needs a live portal session of this very
association: pages without one go to the sign-in page, the API answers 401.
The person's scope is then installed for the rest of the request and lifted
when it ends, whatever happened.
"""

from __future__ import annotations

from flask import abort, current_app, g, redirect, request, url_for

from wasl.accounts import access
from wasl.db import db
from wasl.portal import scope, sessions
from wasl.web.routing import TenantSuspended, is_api_request


def open_portal():
    """Before every request (after the tenancy router): a portal view needs a portal session."""
    view = current_app.view_functions.get(request.endpoint)
    if access.access_of(view)[0] != access.PORTAL:
        return None
    g.actor = None  # a staff sign-in never acts in the portal
    tenant = g.get("tenant")
    if tenant is None:
        abort(404)
    if not tenant.is_active:
        raise TenantSuspended(tenant)
    row = sessions.find(sessions.raw_token(), tenant.id)
    if row is None:
        if is_api_request():
            abort(401)
        return redirect(url_for("portal.sign_in"))
    g.portal_session = row
    g.beneficiary_id = row.beneficiary_id
    if sessions.touch(row):
        db.session.commit()
    scope.enter(db.session, tenant.id, row.beneficiary_id)
    return None


def close_portal(_error=None) -> None:
    """After every request: no beneficiary scope survives into the next unit of work."""
    scope.leave(db.session)


def init_app(app) -> None:
    scope.install()
    app.before_request(open_portal)
    app.teardown_request(close_portal)
