"""One real object per URL-addressable model, made inside a given association.

The cross-tenant matrix fills each ``<int:X_id>`` of every route with the id of
another association's object made here. A feature that adds a model to
``wasl.tenancy.url_objects.URL_OBJECTS`` adds its maker below; the matrix fails
until it does.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import select

from wasl.db import db

MAKERS: dict[str, Callable] = {}


def maker(model_path: str):
    def register(fn: Callable) -> Callable:
        MAKERS[model_path] = fn
        return fn

    return register


@maker("wasl.accounts.models:Role")
def make_role(factory, tenant):
    from wasl.accounts.models import Role

    return db.session.scalars(select(Role).where(Role.key == "viewer")).one()
