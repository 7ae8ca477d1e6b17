"""The routes and the OpenAPI document are the recorded ones (``scripts/surface.py --write`` records them)."""

from scripts.surface import SURFACE, openapi, routes


def test_the_routes_are_the_recorded_ones(app):
    assert routes(app) == (SURFACE / "routes.txt").read_text(encoding="utf-8")


def test_the_openapi_document_is_the_recorded_one(app):
    assert openapi(app) == (SURFACE / "openapi.json").read_text(encoding="utf-8")
