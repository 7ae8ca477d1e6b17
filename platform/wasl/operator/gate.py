"""The second-factor gate in front of the operator console and association administration.

One app-wide hook, registered after the access hook, covers every page whose
rule lies under ``/<slug>/admin`` or ``/operator``, whichever blueprint adds it:
people who have not enrolled, or not passed the check in this session, are sent
to the two-factor pages first.
"""

from __future__ import annotations

import importlib

from flask import current_app, g, redirect, request, url_for
from sqlalchemy import select

from wasl.accounts import access
from wasl.db import db
from wasl.errors import NotFound
from wasl.operator.twofactor import is_enrolled, session_passed
from wasl.tenancy.url_objects import URL_OBJECTS

GATED_PREFIXES = ("/<slug>/admin", "/operator")


def is_gated(rule: str) -> bool:
    return any(rule == prefix or rule.startswith(prefix + "/") for prefix in GATED_PREFIXES)


def init_app(app) -> None:
    app.before_request(gate_admin_pages)


def gate_admin_pages():
    """Before every request: the second factor for any page under a gated prefix."""
    rule = request.url_rule
    if rule is None or not is_gated(rule.rule):
        return None
    return require_second_factor()


def require_second_factor():
    """The check itself (not for public views, not for the token API)."""
    if current_app.config.get("WASL_SECOND_FACTOR") is False:
        return None
    view = current_app.view_functions.get(request.endpoint)
    if access.access_of(view)[0] == access.PUBLIC:
        return None
    actor = g.get("actor")
    if actor is None or request.path.startswith("/api/"):
        return None
    _refuse_foreign_objects()
    target = request.full_path.rstrip("?") if request.method == "GET" else request.referrer or request.path
    if not is_enrolled(actor):
        return redirect(url_for("twofactor.setup", next=target))
    if not session_passed(actor):
        return redirect(url_for("twofactor.verify", next=target))
    return None


def _refuse_foreign_objects() -> None:
    """404 before anything else for an object id that is not this association's, so the answer
    for another association's object never depends on the second factor."""
    tenant = g.get("tenant")
    if tenant is None:
        return
    for argument, value in (request.view_args or {}).items():
        if argument in URL_OBJECTS and not _belongs(URL_OBJECTS[argument], value, tenant.id):
            raise NotFound()


def _belongs(model_path: str, object_id, tenant_id: int) -> bool:
    module, _, name = model_path.partition(":")
    model = getattr(importlib.import_module(module), name)
    # Tenant-owned models are scoped automatically; memberships carry the tenant but are not scoped.
    stmt = select(model.id).where(model.id == object_id, model.tenant_id == tenant_id)
    return db.session.scalar(stmt) is not None
