"""The one service behind the public transparency page: the association's chosen period and its figures."""

from __future__ import annotations

from datetime import date, timedelta

from wasl.cases.catalogue import Catalogue, catalogue_of
from wasl.cases.workflow.steps.base import riyadh_today
from wasl.dashboards.services import period_of
from wasl.i18n import current_language
from wasl.policy.services import published_version
from wasl.transparency import figures, settings


class NotPublished(Exception):
    """The association has not turned its transparency page on."""


def public_figures(tenant, today: date | None = None) -> figures.Transparency:
    """The published figures for the association's period up to today; ``NotPublished`` while it is off."""
    choice = settings.current_choice()
    if not choice.published:
        raise NotPublished(tenant.slug)
    today = today or riyadh_today()
    version = published_version(tenant)
    catalogue = catalogue_of(version) if version is not None else Catalogue({})
    period = period_of({"from": today - timedelta(days=choice.period_days - 1)}, today, catalogue)
    return figures.transparency(period, catalogue, current_language())
