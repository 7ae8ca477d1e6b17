"""Resolving ``/<slug>/…`` to the current association and enforcing who may enter.

A URL value preprocessor takes the slug out of every association route; a
single before-request hook then loads the tenant, checks the declared access
of the view and installs the tenant scope on the database session.
"""

from __future__ import annotations

from flask import abort, current_app, g, has_request_context, redirect, request, url_for
from flask_login import current_user
from sqlalchemy import select
from werkzeug.local import LocalProxy

from wasl.accounts import access
from wasl.audit.services import record
from wasl.db import db
from wasl.errors import NotFound
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import set_scope, set_tenant
from wasl.unit_of_work import keep_writes


class TenantSuspended(Exception):
    """The association is suspended; staff are refused with a clear page."""

    def __init__(self, tenant: Tenant):
        super().__init__(tenant.slug)
        self.tenant = tenant


def _get_current_tenant() -> Tenant | None:
    return g.get("tenant") if has_request_context() else None


current_tenant: Tenant | None = LocalProxy(_get_current_tenant)  # type: ignore[assignment]


def pull_slug(endpoint: str | None, values: dict | None) -> None:
    g.tenant_slug = values.pop("slug") if values and "slug" in values else None


def add_slug(endpoint: str, values: dict) -> None:
    """Fill in the current slug when building a URL for another page of the same association."""
    if "slug" in values or not g.get("tenant_slug"):
        return
    if current_app.url_map.is_endpoint_expecting(endpoint, "slug"):
        values["slug"] = g.tenant_slug


def is_api_request() -> bool:
    return request.path.startswith("/api/")


def enforce_access():
    """Before each request: resolve the tenant and apply the view's declared access."""
    view = current_app.view_functions.get(request.endpoint)
    kind, permission = access.access_of(view)
    g.tenant = g.membership = None
    set_scope(db.session, None)
    slug = g.get("tenant_slug")
    if slug is None:
        return _enforce_outside_tenant(kind)
    tenant = _tenant_with_slug(slug)
    if tenant is None:
        raise NotFound()
    g.tenant = tenant
    if kind in (access.PUBLIC, access.PORTAL):  # the portal's own gate then asks for a beneficiary's session
        set_tenant(db.session, tenant.id)
        return None
    actor = g.get("actor")
    if actor is None:
        return _ask_to_sign_in()
    # The header lists the same memberships: one read serves both (see ``wasl.reads``).
    membership = next((m for m in actor.active_memberships() if m.tenant_id == tenant.id), None)
    if membership is None:
        raise NotFound()  # not a member: the association's space does not exist for them
    if not tenant.is_active:
        raise TenantSuspended(tenant)
    g.membership = membership
    set_tenant(db.session, tenant.id)
    if permission is not None and not membership.grants(permission):
        record("permission.denied", permission=permission, endpoint=request.endpoint)
        keep_writes()  # the refusal stays in the audit log
        abort(403)
    return None


def _tenant_with_slug(slug: str):
    """The association at ``slug``: among the actor's memberships (already read) when it is one of theirs."""
    actor = g.get("actor")
    if actor is not None:
        mine = next((m.tenant for m in actor.active_memberships() if m.tenant.slug == slug), None)
        if mine is not None:
            return mine
    return db.session.scalar(select(Tenant).where(Tenant.slug == slug))


def _enforce_outside_tenant(kind: str):
    if kind in (access.PUBLIC, access.ANONYMOUS_OK) or request.endpoint in (None, "static"):
        return None
    actor = g.get("actor")
    if actor is None:
        return _ask_to_sign_in()
    if kind == access.OPERATOR and not actor.is_operator:
        record("permission.denied", permission="operator", endpoint=request.endpoint)
        keep_writes()
        abort(403)
    return None


def _ask_to_sign_in():
    if is_api_request():
        abort(401)
    return redirect(url_for("accounts.login", next=request.full_path.rstrip("?")))


def load_actor() -> None:
    """Who is acting: the bearer token's user for the API, the signed-in user for pages."""
    from wasl.api.auth import bearer_user

    if is_api_request():
        g.actor = bearer_user()
    else:
        g.actor = current_user._get_current_object() if current_user.is_authenticated else None


def init_app(app) -> None:
    app.url_value_preprocessor(pull_slug)
    app.url_defaults(add_slug)
    app.before_request(load_actor)
    app.before_request(enforce_access)
