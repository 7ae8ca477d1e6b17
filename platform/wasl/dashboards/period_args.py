"""Reading a page's period (and service) from its query string, the way the dashboard does.

An invalid choice is not an error page: the default period is shown with
the messages, so the figures stay readable while the person fixes the form.
"""

from __future__ import annotations

from datetime import date, timedelta

from marshmallow import ValidationError

from wasl.cases.catalogue import Catalogue
from wasl.cases.workflow.steps.base import riyadh_today
from wasl.dashboards.queries import Period
from wasl.dashboards.schemas import DashboardArgs
from wasl.dashboards.services import period_of
from wasl.i18n.validation import flatten_messages, translate_errors


def period_from(args, catalogue: Catalogue, default_days: int = 90, today: date | None = None
                ) -> tuple[Period, dict]:
    """The period asked for in ``args`` and no errors; or the default period and each field's messages."""
    today = today or riyadh_today()
    try:
        loaded = DashboardArgs().load(args.to_dict() if hasattr(args, "to_dict") else dict(args))
        if not loaded.get("from"):
            loaded["from"] = (loaded.get("to") or today) - timedelta(days=default_days - 1)
        return period_of(loaded, today, catalogue), {}
    except ValidationError as invalid:
        errors = {name: flatten_messages(texts)
                  for name, texts in translate_errors(invalid.normalized_messages()).items()}
        return period_of({"from": today - timedelta(days=default_days - 1)}, today, catalogue), errors
