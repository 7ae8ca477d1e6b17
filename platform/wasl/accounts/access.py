"""Declaring what a view needs: public, signed-in member, a permission, or a platform operator.

Views declare their access with these decorators; one ``before_request`` hook
(see ``web.routing``) enforces it, so no view checks access by hand.
"""

from __future__ import annotations

from collections.abc import Callable

from wasl.accounts.permissions import check_known

PUBLIC = "public"
MEMBER = "member"
OPERATOR = "operator"
ANONYMOUS_OK = "anonymous"
PORTAL = "portal"


def _mark(view: Callable, access: str, permission: str | None = None) -> Callable:
    view._wasl_access = access
    view._wasl_permission = permission
    return view


def public(view: Callable) -> Callable:
    """Anyone may see it, signed in or not (e.g. the published policy)."""
    return _mark(view, PUBLIC)


def requires(permission: str) -> Callable[[Callable], Callable]:
    """A member of the association whose role grants ``permission``."""
    check_known(permission)

    def decorate(view: Callable) -> Callable:
        return _mark(view, MEMBER, permission)

    return decorate


def operator_only(view: Callable) -> Callable:
    return _mark(view, OPERATOR)


def access_of(view: Callable | None) -> tuple[str, str | None]:
    """The declared access of a view; undeclared tenant views default to plain membership."""
    if view is None:
        return MEMBER, None
    return getattr(view, "_wasl_access", MEMBER), getattr(view, "_wasl_permission", None)


def portal(view: Callable) -> Callable:
    """A beneficiary signed in to the association's portal (``wasl.portal.gate``); staff sign-in does not count."""
    return _mark(view, PORTAL)


def requires_signed_in(view: Callable) -> Callable:
    """Any signed-in person (or valid API token), outside any association."""
    return _mark(view, MEMBER)
