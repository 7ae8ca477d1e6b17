"""The pagination convention: ``page``, ``per_page`` (at most 100), and totals in the envelope."""

from __future__ import annotations

from flask import request

from wasl.api.schemas import PageArgsSchema
from wasl.db import db


def page_args() -> dict:
    """Validated ``page`` and ``per_page`` from the query string (ValidationError -> 422 problem)."""
    return PageArgsSchema().load({k: v for k, v in request.args.items() if k in ("page", "per_page")})


def paginate(statement, schema) -> dict:
    args = page_args()
    page = db.paginate(statement, page=args["page"], per_page=args["per_page"], error_out=False, count=True)
    return {
        "items": schema.dump(page.items, many=True),
        "page": page.page,
        "per_page": page.per_page,
        "total": page.total,
        "pages": page.pages,
    }
