"""The policy PDF: WeasyPrint, Arabic shaped in logical order, one file per language, cached by content."""

from __future__ import annotations

import io
import re
import subprocess
from pathlib import Path

import pytest
from flask import current_app
from pypdf import PdfReader

from wasl.db import db
from wasl.policy import pdf
from wasl.policy.services import published_version
from wasl.tenancy.scope import tenant_scope

BIDI_MARKS = re.compile("[\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def pdftotext(data: bytes) -> str:
    result = subprocess.run(["pdftotext", "-enc", "UTF-8", "-", "-"], input=data, capture_output=True, check=True)
    return BIDI_MARKS.sub("", result.stdout.decode("utf-8"))


def pypdf_text(data: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)


def download(client, url: str):
    return client.get(url)


def test_arabic_pdf_names_the_association_in_logical_order(client, factory):
    factory.seed_tenant("wefaq")
    factory.commit()

    response = download(client, "/wefaq/policy.pdf?lang=ar")
    text = pdftotext(response.data)

    assert response.status_code == 200
    assert response.mimetype == "application/pdf"
    assert response.data.startswith(b"%PDF-")
    assert response.headers["Content-Disposition"] == "attachment; filename=wefaq-policy-v1-ar.pdf"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert "جمعية وفاق بمحافظة القنفذة" in text  # letterhead and body, characters in reading order
    assert "Wefaq Association in Al-Qunfudhah" in text  # the bilingual letterhead
    assert "5471" in text
    assert "القنوات المستخدمة للتواصل مع المستفيدين" in text
    assert "+966555738809" in text  # contacts in the footer


def test_arabic_pdf_embeds_the_self_hosted_fonts(client, factory):
    factory.seed_tenant("hope")
    factory.commit()

    data = download(client, "/hope/policy.pdf?lang=ar").data
    reader = PdfReader(io.BytesIO(data))
    fonts = {str(font["/BaseFont"]) for page in reader.pages
             for font in (page["/Resources"].get("/Font") or {}).values()
             for font in [font.get_object()]}

    assert any("Wasl-Arabic" in name for name in fonts), fonts
    # pdftotext breaks lam-alef ligatures in right-to-left lines; pypdf keeps them.
    assert "جمعية أمل للأزمات النفسية" in pypdf_text(data)


def test_english_pdf_and_its_approval_dates(client, factory):
    factory.seed_tenant("wefaq")
    factory.commit()

    response = download(client, "/wefaq/policy.pdf?lang=en")
    text = " ".join(pdftotext(response.data).split())

    assert response.headers["Content-Disposition"] == "attachment; filename=wefaq-policy-v1-en.pdf"
    assert "Policy of Wefaq Association in Al-Qunfudhah Governorate" in text
    assert "8 Shawwal 1445 AH, corresponding to April 17, 2024" in text
    assert "supersedes all earlier policies" in text


def test_pdf_is_cached_by_content_hash_language_and_tenant(client, factory):
    tenant = factory.seed_tenant("modeem")
    factory.commit()
    first = download(client, "/modeem/policy.pdf?lang=ar")
    with tenant_scope(db.session, tenant.id):
        content_hash = published_version(tenant).content_hash
    folder = Path(current_app.instance_path) / "cache" / "policy-pdf" / str(tenant.id)
    cached = list(folder.glob(f"{content_hash}-ar-*.pdf"))
    assert len(cached) == 1 and cached[0].read_bytes() == first.data

    cached[0].write_bytes(b"%PDF-1.4 served from the cache\n%%EOF\n")
    again = download(client, "/modeem/policy.pdf?lang=ar")
    english = download(client, "/modeem/policy.pdf?lang=en")

    assert again.data == b"%PDF-1.4 served from the cache\n%%EOF\n"
    assert english.data != again.data and english.data.startswith(b"%PDF-")
    assert len(list(folder.glob(f"{content_hash}-*.pdf"))) == 2


@pytest.mark.parametrize("lang", ["fr", "AR", "../ar"])
def test_unsupported_language_is_refused_naming_the_parameter(client, factory, lang):
    factory.seed_tenant("shaair")
    factory.commit()

    response = download(client, f"/shaair/policy.pdf?lang={lang}")

    assert response.status_code == 400
    assert "lang" in response.get_data(as_text=True)


def test_pdf_renderer_fetches_nothing_outside_the_static_folder(app):
    with app.test_request_context("/"):
        fetcher = pdf._fetcher(pdf._static_root())
        fonts_css = (pdf._static_root() / "vendor" / "fonts" / "fonts.css").as_uri()
        response = fetcher.fetch(fonts_css)
        try:
            assert b"Wasl Arabic" in response.read()
        finally:
            response.close()
        for url in ("https://fonts.googleapis.com/css2?family=Noto", "file:///etc/passwd", "ftp://example.org/x"):
            with pytest.raises(ValueError):
                fetcher.fetch(url)
