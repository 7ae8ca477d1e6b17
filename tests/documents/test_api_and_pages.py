"""Uploading and downloading through the API and the staff pages: refusals, headers, isolation."""

from __future__ import annotations

import hashlib
import io

import pytest
from flask_babel import force_locale, gettext

from tests.support.files import PDF_BYTES, SCRIPT_BYTES, image_bytes
from tests.support.web import bearer, sign_in


def assert_problem(response, status: int) -> dict:
    assert response.status_code == status, response.get_data(as_text=True)
    assert response.mimetype == "application/problem+json"
    return response.get_json()


def test_upload_returns_the_document(api_upload, world):
    response = api_upload(PDF_BYTES, "id.pdf", kind="national_id", expires_on="2031-05-01")
    assert response.status_code == 201
    body = response.get_json()
    assert body["sha256"] == hashlib.sha256(PDF_BYTES).hexdigest()
    assert body["content_type"] == "application/pdf" and body["size_bytes"] == len(PDF_BYTES)
    assert body["kind"] == "national_id" and body["expires_on"] == "2031-05-01"
    assert body["download_url"] == f"/api/v1/docs-a/documents/{body['id']}"


def test_download_is_an_attachment_with_nosniff(client, api_upload, world):
    created = api_upload(image_bytes("PNG"), "scan.pdf").get_json()
    response = client.get(created["download_url"], headers=bearer(world["tokens"]["officer"]))
    assert response.status_code == 200
    assert response.data == image_bytes("PNG")
    assert response.mimetype == "image/png"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "scan.png" in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_disguised_script_is_refused_naming_the_field(api_upload):
    body = assert_problem(api_upload(SCRIPT_BYTES, "invoice.pdf"), 415)
    assert "File" in body["detail"] and "PDF, JPEG or PNG" in body["detail"]
    assert list(body["errors"]) == ["file"]


def test_refusal_speaks_the_requested_language(app, api_upload):
    body = assert_problem(api_upload(SCRIPT_BYTES, "invoice.pdf", lang="ar"), 415)
    with app.test_request_context(), force_locale("ar"):
        expected = gettext(
            "“{field}” is not a PDF, JPEG or PNG file. Files are checked by their content, not their name."
        ).format(field=gettext("File"))
    assert body["detail"] == expected


def test_empty_file_is_refused(api_upload):
    body = assert_problem(api_upload(b"", "empty.pdf"), 422)
    assert "empty" in body["detail"] and list(body["errors"]) == ["file"]


def test_missing_file_is_refused(client, world):
    response = client.post("/api/v1/docs-a/documents?lang=en", data={"kind": "x"},
                           content_type="multipart/form-data", headers=bearer(world["tokens"]["officer"]))
    assert list(assert_problem(response, 422)["errors"]) == ["file"]


def test_bad_fields_are_refused_before_storing(api_upload):
    body = assert_problem(api_upload(PDF_BYTES, "a.pdf", expires_on="tomorrow"), 422)
    assert "expires_on" in body["errors"]


def test_file_over_the_limit_is_refused(app, api_upload, monkeypatch):
    monkeypatch.setitem(app.config, "WASL_MAX_UPLOAD_BYTES", 1024)
    body = assert_problem(api_upload(PDF_BYTES + b" " * 2048, "big.pdf"), 413)
    assert "File" in body["detail"] and "1 KB" in body["detail"]


def test_request_over_the_limit_gets_413_problem(app, api_upload, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2048)
    body = assert_problem(api_upload(b"%PDF-" + b"x" * 4096, "big.pdf"), 413)
    assert "larger than the limit of 2 KB" in body["detail"]


def test_request_over_the_limit_gets_413_page(app, client, monkeypatch):
    monkeypatch.setitem(app.config, "MAX_CONTENT_LENGTH", 2048)
    page = client.post("/login?lang=en", data={"email": "x" * 4096, "password": "p"})
    assert page.status_code == 413 and "larger than the limit" in page.get_data(as_text=True)


def test_viewer_may_not_upload(api_upload, world):
    assert_problem(api_upload(PDF_BYTES, "a.pdf", token=world["tokens"]["viewer"]), 403)


def test_another_association_gets_404(client, api_upload, world):
    created = api_upload(PDF_BYTES, "a.pdf").get_json()
    outsider = bearer(world["tokens"]["outsider"])
    assert_problem(client.get(created["download_url"], headers=outsider), 404)
    theirs = f"/api/v1/docs-b/documents/{created['id']}"
    assert_problem(client.get(theirs, headers=bearer(world["tokens"]["officer"])), 404)
    sign_in(client, world["outsider"])
    assert client.get(f"/docs-a/documents/{created['id']}").status_code == 404
    assert client.get(f"/docs-b/documents/{created['id']}").status_code == 404


def test_page_download_for_a_member(client, api_upload, world):
    created = api_upload(PDF_BYTES, "تقرير.pdf").get_json()
    sign_in(client, world["viewer"])
    response = client.get(f"/docs-a/documents/{created['id']}")
    assert response.status_code == 200 and response.data == PDF_BYTES
    assert response.mimetype == "application/pdf"
    assert response.headers["Content-Disposition"].startswith("attachment;")
    assert "filename*=UTF-8''" in response.headers["Content-Disposition"]
    assert response.headers["X-Content-Type-Options"] == "nosniff"


def test_anonymous_is_sent_to_sign_in(client, api_upload):
    created = api_upload(PDF_BYTES, "a.pdf").get_json()
    assert client.get(f"/docs-a/documents/{created['id']}").status_code == 302


@pytest.mark.parametrize("slug", ["docs-b", "no-such-association"])
def test_upload_elsewhere_is_404(client, world, slug):
    response = client.post(f"/api/v1/{slug}/documents", data={"file": (io.BytesIO(PDF_BYTES), "a.pdf")},
                           content_type="multipart/form-data", headers=bearer(world["tokens"]["officer"]))
    assert_problem(response, 404)


def test_a_document_belongs_to_a_case_of_the_same_association_only(client, factory):
    from tests.cases.support import open_case, staff

    wefaq = staff(factory, factory.seed_tenant("wefaq"), roles=("relations_officer",), tokens=True)
    shaair = staff(factory, factory.seed_tenant("shaair"), roles=("relations_officer",))
    factory.commit()
    ours, theirs = open_case(wefaq).id, open_case(shaair).id
    factory.commit()
    headers = bearer(wefaq.tokens["relations_officer"])

    def send(case_id: int):
        return client.post("/api/v1/wefaq/documents?lang=en", headers=headers, content_type="multipart/form-data",
                           data={"file": (io.BytesIO(PDF_BYTES), "id.pdf"), "kind": "national_id",
                                 "case_id": str(case_id)})

    refused = assert_problem(send(theirs), 422)
    assert list(refused["errors"]) == ["case_id"]
    accepted = send(ours)
    assert accepted.status_code == 201 and accepted.get_json()["case_id"] == ours
