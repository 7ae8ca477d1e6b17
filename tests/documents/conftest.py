"""Two associations, each with a member who may upload, and a helper to upload through the API."""

from __future__ import annotations

import io

import pytest

from tests.support.web import bearer


@pytest.fixture
def world(factory):
    mine, theirs = factory.tenant("docs-a"), factory.tenant("docs-b")
    officer = factory.member(mine, "relations_officer")
    outsider = factory.member(theirs, "admin")
    viewer = factory.member(mine, "viewer")
    tokens = {"officer": factory.token(officer), "outsider": factory.token(outsider),
              "viewer": factory.token(viewer)}
    factory.commit()
    return {"mine": mine, "theirs": theirs, "officer": officer, "outsider": outsider, "viewer": viewer,
            "tokens": tokens}


@pytest.fixture
def api_upload(client, world):
    def send(data: bytes, filename: str, *, token: str | None = None, slug: str = "docs-a", lang: str = "en",
             **fields):
        form = {"file": (io.BytesIO(data), filename), **fields}
        return client.post(f"/api/v1/{slug}/documents?lang={lang}", data=form, content_type="multipart/form-data",
                           headers=bearer(token or world["tokens"]["officer"]))

    return send
