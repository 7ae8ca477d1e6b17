"""The codes an audit event's details carry (a service, a channel, a policy section…), named as people know them.

Services, channels and documents are named by the association's published policy, which is what its
staff read every day; a code it does not know (a channel since removed) is named by the seed vocabulary,
and only then shown as it is.
"""

from __future__ import annotations

from flask import g
from flask_babel import lazy_gettext as _l

from wasl.i18n.digits import current_language

SOURCE_LABELS = {
    "import": _l("The association's own document"),
    "template": _l("The standard template (the NCNP model)"),
    "copy": _l("A copy of another association's shared policy"),
    "editor": _l("The association's published policy"),
    "published": _l("The association's published policy"),
}
STATUS_LABELS = {"draft": _l("Draft"), "approved": _l("Approved"), "published": _l("Published"),
                 "superseded": _l("Superseded")}
CONTENT_TYPES = {"application/pdf": "PDF", "image/jpeg": "JPEG", "image/png": "PNG"}
_DOCUMENT_KEYS = ("document_kind", "kind", "key")


def policy_code_label(key: str, value: str) -> str | None:
    """``value`` of detail ``key`` in words, or None when the key carries no code this module knows."""
    from wasl.policy.vocabulary import CANONICAL_CHANNELS, SECTION_TITLES

    language = current_language()
    if key == "section":
        return str(SECTION_TITLES.get(value, value))
    if key == "source":
        return str(SOURCE_LABELS.get(value, value))
    if key == "status":
        return str(STATUS_LABELS[value]) if value in STATUS_LABELS else None
    if key == "content_type":
        return CONTENT_TYPES.get(value, value)
    catalogue = _catalogue()
    if key == "service":
        return catalogue.service_label(value, language) if catalogue else value
    if key == "channel":
        known = catalogue.channel_label(value, language) if catalogue else value
        return known if known != value else CANONICAL_CHANNELS.get(value, {}).get(language, value)
    if key in _DOCUMENT_KEYS:
        return _document_name(catalogue, value, language)
    return None


def _document_name(catalogue, value: str, language: str) -> str | None:
    from wasl.cases.catalogue import pick

    for service in catalogue.services.values() if catalogue else ():
        spec = service.document(value)
        if spec is not None:
            return pick(spec.name, language)
    return None  # a "kind" or "key" that is not a document: left to the caller


def _catalogue():
    """The published policy's catalogue of the association in view, read once per request (None outside one)."""
    if "audit_catalogue" not in g:
        g.audit_catalogue = _published_catalogue()
    return g.audit_catalogue


def _published_catalogue():
    from wasl.cases.catalogue import catalogue_of
    from wasl.policy.services import published_version

    tenant = g.get("tenant")
    version = published_version(tenant) if tenant is not None else None
    return catalogue_of(version) if version is not None else None
