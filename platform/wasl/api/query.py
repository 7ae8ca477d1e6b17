"""Reading a request the same way in every API: the query string by its schema, the body as an object.

Arguments a schema does not know are left alone, because some belong to the
whole API (``lang`` picks the language of messages) rather than to one list.
"""

from __future__ import annotations

from flask import request
from flask_babel import gettext as _
from marshmallow import EXCLUDE

from wasl.errors import Refused


class BodyNotAnObject(Refused):
    """The request's body is not a JSON object."""

    status = 400

    def __init__(self):
        super().__init__(_("The request body must be a JSON object."))


def query_args(schema_class) -> dict:
    """``request.args`` loaded by ``schema_class`` (ValidationError -> 422 problem naming the argument)."""
    return schema_class(unknown=EXCLUDE).load(request.args.to_dict())


def json_object() -> dict:
    """The request's JSON body, which must be an object (``BodyNotAnObject``, a 400, otherwise)."""
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise BodyNotAnObject()
    return body
