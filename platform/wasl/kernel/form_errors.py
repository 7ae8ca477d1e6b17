"""Messages from a service or a marshmallow schema, put beside the WTForms fields they are about."""

from __future__ import annotations

from collections.abc import Mapping

from wasl.i18n.validation import flatten_messages


def attach_errors(form, messages: Mapping, places: Mapping[str, str | None] | None = None) -> list[str]:
    """Add each message to the field of its name; returns, in order, those that belong to no field.

    ``places`` sends a name's messages to another field (``{"consents": "consent_given"}``) or, with
    None, to the returned list (a hidden field shows no message). The CSRF token never takes one.
    """
    places = places or {}
    general: list[str] = []
    for name, value in messages.items():
        texts = list(flatten_messages(value))
        target = places.get(name, name)
        if target is not None and target != "csrf_token" and target in form:
            form[target].errors = [*form[target].errors, *texts]
        else:
            general.extend(texts)
    return general
