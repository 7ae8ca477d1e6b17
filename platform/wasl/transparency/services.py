"""The transparency feature's one door: the public page's figures for the association's chosen period, and
the admin's choice (published or not, and the period) read and made."""

from __future__ import annotations

from datetime import date, timedelta

from flask_babel import gettext as _

from wasl.cases.catalogue import Catalogue, catalogue_of
from wasl.cases.workflow.steps.base import riyadh_today
from wasl.dashboards.services import period_of
from wasl.errors import NotFound
from wasl.i18n import current_language
from wasl.policy.services import published_version
from wasl.transparency import figures, settings

current_choice = settings.current_choice
choose = settings.choose
publishable = figures.publishable
MIN_PEOPLE = figures.MIN_PEOPLE


class NotPublished(NotFound):
    """The association has not turned its transparency page on."""

    def __init__(self):
        super().__init__(_("This association does not publish a transparency page."))


def public_figures(tenant, today: date | None = None) -> figures.Transparency:
    """The published figures for the association's period up to today; ``NotPublished`` while it is off."""
    choice = settings.current_choice()
    if not choice.published:
        raise NotPublished()
    today = today or riyadh_today()
    version = published_version(tenant)
    catalogue = catalogue_of(version) if version is not None else Catalogue({})
    period = period_of({"from": today - timedelta(days=choice.period_days - 1)}, today, catalogue)
    return figures.transparency(period, catalogue, current_language())
