"""The policy as a PDF (WeasyPrint), built once per version, language and letterhead and kept on disk.

Fonts and stylesheets come from the application's own static folder through a
fetcher that refuses everything else, so rendering never reaches the network.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from urllib.parse import urlsplit
from urllib.request import url2pathname

from flask import current_app, render_template
from flask_babel import force_locale

from wasl.kernel.files import write_atomically
from wasl.policy.rendering import PolicyDocument

# Bump when the PDF's template or stylesheet changes, so cached files are rebuilt.
LAYOUT_REVISION = "1"


def _static_root() -> Path:
    return Path(current_app.static_folder).resolve()


def _fetcher(root: Path):
    from weasyprint.urls import URLFetcher

    class StaticOnlyFetcher(URLFetcher):
        """Serves files under the static folder and data: URIs; anything else is refused."""

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            parts = urlsplit(url)
            if parts.scheme != "file":
                raise ValueError(f"not fetched: {url}")
            path = Path(url2pathname(parts.path)).resolve()
            if not path.is_relative_to(root):
                raise ValueError(f"not fetched: {url}")
            return super().fetch(url, headers)

    return StaticOnlyFetcher(allowed_protocols=("file", "data"))


def render_pdf(document: PolicyDocument) -> bytes:
    """Lay ``document`` out as an A4 PDF with the association's letterhead on every page."""
    from weasyprint import HTML

    root = _static_root()
    with force_locale(document.language):
        html = render_template("policy/pdf.html", document=document)
    return HTML(string=html, base_url=root.as_uri() + "/", url_fetcher=_fetcher(root)).write_pdf()


def cache_path(tenant, version, document: PolicyDocument) -> Path:
    """``<instance>/cache/policy-pdf/<tenant_id>/<content_hash>-<lang>-<facts>.pdf``.

    The content hash alone does not cover what is printed around the content
    (letterhead, approval record), so a short digest of those is part of the name.
    """
    facts = {
        "version": version.id,
        "meeting": version.approval_meeting_number,
        "approved_on": str(version.approved_on),
        "approved_on_hijri": str(version.approved_on_hijri),
        "tenant": [tenant.name_ar, tenant.name_en, tenant.registration_number, tenant.definition_hash,
                   str(tenant.updated_at)],
        "layout": LAYOUT_REVISION,
    }
    digest = hashlib.sha256(json.dumps(facts, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:16]
    if not str(version.content_hash or "").isalnum():
        raise ValueError("a policy version without a usable content hash")
    folder = Path(current_app.instance_path) / "cache" / "policy-pdf" / str(int(tenant.id))
    return folder / f"{version.content_hash}-{document.language}-{digest}.pdf"


def cached_pdf(tenant, version, document: PolicyDocument) -> Path:
    """The PDF file for this version in ``document``'s language, rendering it on first use."""
    path = cache_path(tenant, version, document)
    if path.is_file():
        return path
    return write_atomically(path, render_pdf(document))


def download_name(tenant, version, language: str) -> str:
    return f"{tenant.slug}-policy-v{version.number}-{language}.pdf"
