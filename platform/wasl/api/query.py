"""Reading a query string the same way in every API: the schema's own arguments, validated.

Arguments a schema does not know are left alone, because some belong to the
whole API (``lang`` picks the language of messages) rather than to one list.
"""

from __future__ import annotations

from flask import request
from marshmallow import EXCLUDE


def query_args(schema_class) -> dict:
    """``request.args`` loaded by ``schema_class`` (ValidationError -> 422 problem naming the argument)."""
    return schema_class(unknown=EXCLUDE).load(request.args.to_dict())
