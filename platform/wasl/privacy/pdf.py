"""The access-request answer as a readable PDF, in the person's language, on the association's letterhead."""

from __future__ import annotations

from flask import render_template
from flask_babel import force_locale


def render_personal_data_pdf(tenant, data: dict, language: str) -> bytes:
    from weasyprint import HTML

    from wasl.policy.pdf import _fetcher, _static_root

    root = _static_root()
    with force_locale(language):
        html = render_template("privacy/personal_data_pdf.html", tenant=tenant, data=data, language=language)
    return HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=_fetcher(root)).write_pdf()
