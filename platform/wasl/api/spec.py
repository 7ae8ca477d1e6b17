"""Describing API operations once, next to their views, and building the OpenAPI document from them."""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from decimal import Decimal
from typing import TYPE_CHECKING

from flask import current_app

from wasl.api import API_PREFIX
from wasl.api.schemas import ProblemSchema

if TYPE_CHECKING:
    from apispec import APISpec
from wasl.web.converters import MAX_ID

_CONVERTER = re.compile(r"<(?:(?P<conv>[a-z]+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
_TYPES = {"int": "integer", "string": "string", None: "string", "path": "string"}
JSON = "application/json"


def operation(summary: str, *, response=None, request=None, query=None, status: int = 200,
              auth: bool = True, tags: tuple[str, ...] = (), problems: dict | None = None,
              request_content: str | tuple[str, ...] = JSON, path: dict | None = None) -> Callable:
    """Attach OpenAPI facts to a view: its summary, body and response schemas, query parameters,
    and ``problems``: status -> schema for a problem that carries more than the standard members.

    ``request`` is a schema, or a function of the APISpec that registers what it needs and returns
    one (built with the document, so it follows registries that grow). ``request_content`` is the
    body's media type, or several that share the schema (``multipart/form-data``, ``image/png``...).
    ``path`` narrows path parameters beyond their converter: name -> JSON schema (an enum, say).
    ``query`` is a schema, or its name in marshmallow's registry when importing it would make a
    feature depend on one that builds on it.
    """

    def decorate(view: Callable) -> Callable:
        view._openapi = {"summary": summary, "response": response, "request": request, "query": query,
                         "status": status, "auth": auth, "tags": tags or (view.__module__.split(".")[1],),
                         "problems": problems or {}, "request_content": request_content, "path": path or {}}
        return view

    return decorate


def build_spec() -> dict:
    from apispec import APISpec  # only the OpenAPI document needs it: no worker pays for it at start
    from apispec.ext.marshmallow import MarshmallowPlugin

    spec = APISpec(title="Wasl API", version="1.0.0", openapi_version="3.1.0", plugins=[MarshmallowPlugin()],
                   info={"description": "Beneficiary-relationship policy, cases and notifications per association."})
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    spec.components.schema("Problem", schema=ProblemSchema)
    for rule in sorted(current_app.url_map.iter_rules(), key=lambda r: r.rule):
        if not rule.rule.startswith(API_PREFIX):
            continue
        facts = getattr(current_app.view_functions[rule.endpoint], "_openapi", None)
        if facts is None:
            continue
        path, parameters = _openapi_path(rule.rule)
        methods = sorted(m.lower() for m in rule.methods - {"HEAD", "OPTIONS"})
        spec.path(path=path, operations={m: _operation(spec, facts, parameters) for m in methods})
    return _plain_numbers(spec.to_dict())


def _plain_numbers(value):
    """Bounds of Decimal fields come out as Decimal, which JSON would write as strings: make them numbers."""
    if isinstance(value, dict):
        return {key: _plain_numbers(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_plain_numbers(item) for item in value]
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    return value


def _path_schema(converter: str | None) -> dict:
    if converter == "int":  # ids: the bounded converter of wasl.web.converters, 404 past it
        return {"type": "integer", "format": "int64", "minimum": 0, "maximum": MAX_ID}
    return {"type": _TYPES.get(converter, "string")}


def _openapi_path(rule: str) -> tuple[str, list[dict]]:
    parameters = [
        {"name": m["name"], "in": "path", "required": True, "schema": _path_schema(m["conv"])}
        for m in _CONVERTER.finditer(rule)
    ]
    return _CONVERTER.sub(lambda m: "{" + m["name"] + "}", rule), parameters


def _request_body(spec: APISpec, facts: dict) -> dict:
    schema = facts["request"]
    if callable(schema) and not isinstance(schema, type):
        schema = schema(spec)
    media_types = facts.get("request_content") or JSON
    media_types = (media_types,) if isinstance(media_types, str) else media_types
    return {"required": True, "content": {media: {"schema": copy.deepcopy(schema) if isinstance(schema, dict) else schema}
                                         for media in media_types}}


def _operation(spec: APISpec, facts: dict, path_parameters: list[dict]) -> dict:
    narrowed = facts.get("path") or {}
    parameters = [{**p, "schema": narrowed.get(p["name"], p["schema"])} for p in path_parameters]
    op: dict = {"summary": facts["summary"], "tags": list(facts["tags"]), "parameters": parameters}
    if facts["query"] is not None:
        op["parameters"].append({"in": "query", "schema": facts["query"]})
    if facts["request"] is not None:
        op["requestBody"] = _request_body(spec, facts)
    ok = {"description": "OK"}
    if facts["response"] is not None:
        ok["content"] = {"application/json": {"schema": facts["response"]}}
    problem = {"content": {"application/problem+json": {"schema": "Problem"}}}
    op["responses"] = {str(facts["status"]): ok, "4XX": {"description": "Problem", **problem}}
    for status, schema in facts["problems"].items():
        op["responses"][str(status)] = {"description": "Problem",
                                        "content": {"application/problem+json": {"schema": schema}}}
    op["security"] = [{"bearer": []}] if facts["auth"] else []
    return op
