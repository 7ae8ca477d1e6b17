"""What every template can use: locale and direction, the current association, dual dates."""

from __future__ import annotations

from flask import g
from markupsafe import Markup, escape

from wasl.i18n import current_language, text_direction
from wasl.i18n.dates import date_phrase, in_sentence, local_moment, local_time
from wasl.web.navigation import nav_items_for


def isolate(value) -> Markup:
    """Wrap a number, ID or code so it keeps its own direction inside Arabic text."""
    return Markup('<bdi dir="ltr">{}</bdi>').format(escape(value))


def _context() -> dict:
    actor = g.get("actor")
    return {
        "current_tenant": g.get("tenant"),
        "current_membership": g.get("membership"),
        "space_nav": nav_items_for(g.get("membership")),
        "my_memberships": actor.active_memberships() if actor is not None else [],
        "lang": current_language(),
        "text_dir": text_direction(),
    }


def init_app(app) -> None:
    app.context_processor(_context)
    # In a template a date or moment sits among words, so in Arabic it is isolated from them (FSI … PDI).
    app.add_template_filter(date_phrase, "dual_date")
    app.add_template_filter(local_time, "local_time")
    app.add_template_filter(moment_phrase, "moment")
    app.add_template_filter(isolate, "isolate")
    app.add_template_global(now_dual_date, "now_dual_date")
    app.add_template_global(audit_lines, "audit_lines")


def audit_lines(rows):
    from wasl.audit.display import audit_lines as lines

    return lines(rows)


def moment_phrase(value) -> str:
    """A stored moment as its dual date and Riyadh time, isolated from Arabic words around it."""
    return in_sentence(local_moment(value)) if value is not None else ""


def now_dual_date() -> str:
    from wasl.db import utcnow

    return date_phrase(utcnow())
