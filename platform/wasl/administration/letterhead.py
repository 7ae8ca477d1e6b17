"""The association's letterhead logo: PNG or SVG, checked by content, SVG refused if it could run anything."""

from __future__ import annotations

import hashlib
import io
import re
from pathlib import Path

from defusedxml import ElementTree
from defusedxml.common import DefusedXmlException
from flask_babel import gettext as _

from wasl.administration.refusals import LogoError
from wasl.administration.staging import write_staged
from wasl.db import db
from wasl.documents.storage import tenant_folder
from wasl.tenancy.models import Tenant

MAX_LOGO_BYTES = 512 * 1024
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"
SVG_NS = "{http://www.w3.org/2000/svg}"
_FORBIDDEN_ELEMENTS = {"script", "foreignobject", "iframe", "object", "embed", "audio", "video", "handler"}
_LOCAL_REF = re.compile(r"^#[A-Za-z_][\w.-]*$")
_URL_FUNCTION = re.compile(r"url\(\s*['\"]?\s*(?!#)", re.IGNORECASE)
MEDIA_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


def check_logo(data: bytes) -> str:
    """``"png"`` or ``"svg"`` for an acceptable logo; LogoError otherwise."""
    if not data:
        raise LogoError(_("Logo: the file is empty."))
    if len(data) > MAX_LOGO_BYTES:
        raise LogoError(_("Logo: the file is larger than {size} KB.").format(size=MAX_LOGO_BYTES // 1024))
    if data.startswith(PNG_SIGNATURE):
        _check_png(data)
        return "png"
    if _looks_like_svg(data):
        _check_svg(data)
        return "svg"
    raise LogoError(_("Logo: the file is not a PNG or SVG image."))


def _check_png(data: bytes) -> None:
    from PIL import Image, UnidentifiedImageError  # imported where used: it weighs on every worker

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
        raise LogoError(_("Logo: the PNG file is damaged.")) from error


def _looks_like_svg(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf").lstrip().lower()
    return head.startswith(b"<?xml") or head.startswith(b"<svg") or head.startswith(b"<!--")


def _check_svg(data: bytes) -> None:
    try:
        root = ElementTree.fromstring(data, forbid_dtd=True)
    except (ElementTree.ParseError, DefusedXmlException, ValueError) as error:
        raise LogoError(_("Logo: the SVG file is not well-formed or declares entities.")) from error
    if root.tag not in (f"{SVG_NS}svg", "svg"):
        raise LogoError(_("Logo: the file is not a PNG or SVG image."))
    for element in root.iter():
        _check_svg_element(element)


def _check_svg_element(element) -> None:
    name = str(element.tag).rsplit("}", 1)[-1].lower()
    if name in _FORBIDDEN_ELEMENTS:
        raise LogoError(_("Logo: SVG files with scripts or embedded content are not accepted."))
    for attribute, value in element.attrib.items():
        local = attribute.rsplit("}", 1)[-1].lower()
        if local.startswith("on"):
            raise LogoError(_("Logo: SVG files with scripts or embedded content are not accepted."))
        if local in ("href", "src") and not _LOCAL_REF.match(value.strip()):
            raise LogoError(_("Logo: SVG files that load external files or links are not accepted."))
        if _URL_FUNCTION.search(value) or "javascript:" in value.lower():
            raise LogoError(_("Logo: SVG files that load external files or links are not accepted."))
    if name == "style" and element.text and (_URL_FUNCTION.search(element.text) or "@import" in element.text):
        raise LogoError(_("Logo: SVG files that load external files or links are not accepted."))


def store_logo(tenant: Tenant, data: bytes) -> dict:
    """Check and write the logo under the association's folder; returns the letterhead entry to keep."""
    kind = check_logo(data)
    digest = hashlib.sha256(data).hexdigest()
    relative = f"letterhead/logo-{digest[:16]}.{kind}"
    write_staged(db.session, tenant_folder(tenant.id) / relative, data)
    return {"logo": relative, "logo_media_type": MEDIA_TYPES[kind], "logo_sha256": digest}


def logo_file(tenant: Tenant) -> tuple[Path, str] | None:
    """The stored logo's path and media type, if the association has one."""
    letterhead = tenant.letterhead or {}
    relative, media_type = letterhead.get("logo"), letterhead.get("logo_media_type")
    if not relative or not media_type or ".." in relative:
        return None
    path = tenant_folder(tenant.id) / relative
    return (path, media_type) if path.is_file() else None
