"""The pagination convention: ``page``, ``per_page`` (at most 100), and totals in the envelope."""

from __future__ import annotations

from dataclasses import dataclass

from flask import request
from flask_babel import gettext as _
from marshmallow import ValidationError

from wasl.api.schemas import PageArgsSchema
from wasl.db import db
from wasl.errors import Refused


class PageNumberRefused(Refused):
    """A list page was asked for with a page number that is not a whole number in range."""

    def __init__(self):
        super().__init__(_("This page number is not valid. Open the list from its first page."))


def page_args() -> dict:
    """Validated ``page`` and ``per_page`` from the query string (ValidationError -> 422 problem)."""
    return PageArgsSchema().load({k: v for k, v in request.args.items() if k in ("page", "per_page")})


def page_number() -> int:
    """The ``page`` a list page (HTML) asks for: 1 when absent, else a whole number from 1 to ``MAX_PAGE``.

    Anything else (``0``, ``abc``, a twenty-digit number) stops the request with a
    422 page that says the page number is not valid, instead of a database error.
    """
    raw = request.args.get("page", "").strip()
    if not raw:
        return 1
    try:
        return PageArgsSchema(only=("page",)).load({"page": raw})["page"]
    except ValidationError:
        raise PageNumberRefused() from None


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


@dataclass
class Page:
    """One page of results, with what a pager and the API envelope need."""

    items: list
    page: int
    per_page: int
    total: int
    total_is_exact: bool = True  # false: there are more than ``total`` (counting stopped there)

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.per_page))

    @property
    def has_prev(self) -> bool:
        return self.page > 1

    @property
    def has_next(self) -> bool:
        return self.page < self.pages or not self.total_is_exact

    @property
    def prev_num(self) -> int:
        return self.page - 1

    @property
    def next_num(self) -> int:
        return self.page + 1
