"""Domain events: a feature announces what happened; other features react in the same transaction.

``emit`` runs every handler registered for the event synchronously, inside the
caller's transaction, so whatever a handler writes (an outbox notification,
say) commits or rolls back together with the change that caused it.
Handlers are registered by the app factory, never at import time.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable

from flask import current_app

Handler = Callable[..., None]

EXTENSION_KEY = "wasl_event_handlers"


def subscribe(app, event: str, handler: Handler) -> None:
    app.extensions.setdefault(EXTENSION_KEY, defaultdict(list))[event].append(handler)


def emit(event: str, **payload) -> None:
    """Announce ``event``; payload carries ids and facts (tenant_id always), never ORM objects."""
    if "tenant_id" not in payload:
        raise ValueError(f"event {event} emitted without tenant_id")
    for handler in current_app.extensions.get(EXTENSION_KEY, {}).get(event, ()):
        handler(event, **payload)
