"""Driving cases through the JSON API as an integration would."""

from __future__ import annotations

import io

from tests.support.files import PDF_BYTES
from tests.support.web import bearer


class CasesApi:
    def __init__(self, client, association, lang: str = "en"):
        self.client, self.association, self.lang = client, association, lang

    def _url(self, path: str = "") -> str:
        separator = "&" if "?" in path else "?"
        return f"/api/v1/{self.association.slug}/cases{path}{separator}lang={self.lang}"

    def _headers(self, role: str) -> dict:
        return bearer(self.association.tokens[role])

    def create(self, body: dict, role: str = "relations_officer"):
        return self.client.post(self._url(), json=body, headers=self._headers(role))

    def list(self, query: str = "", role: str = "relations_officer"):
        return self.client.get(self._url(f"?{query}" if query else ""), headers=self._headers(role))

    def read(self, case_id: int, role: str = "relations_officer"):
        return self.client.get(self._url(f"/{case_id}"), headers=self._headers(role))

    def act(self, case_id: int, action: str, payload: dict | None = None, role: str = "relations_officer"):
        return self.client.post(self._url(f"/{case_id}/transitions"), json={"action": action, "payload": payload or {}},
                                headers=self._headers(role))

    def letter(self, case_id: int, lang: str = "ar", role: str = "relations_officer"):
        return self.client.get(f"/api/v1/{self.association.slug}/cases/{case_id}/letter.pdf?lang={lang}",
                               headers=self._headers(role))

    def upload(self, case_id: int, expires_on: str, kind: str = "national_id", role: str = "relations_officer"):
        form = {"file": (io.BytesIO(PDF_BYTES), "id.pdf"), "kind": kind, "expires_on": expires_on,
                "case_id": str(case_id)}
        return self.client.post(f"/api/v1/{self.association.slug}/documents", data=form,
                                content_type="multipart/form-data", headers=self._headers(role))
