"""The satisfaction results of one period, labelled for people: overall, by service, channel and month."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from flask_babel import format_date

from wasl.cases.catalogue import Catalogue
from wasl.dashboards.queries import Period
from wasl.dashboards.services import channel_label
from wasl.surveys import results
from wasl.surveys.results import Tally


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    tally: Tally


@dataclass
class Satisfaction:
    period: Period
    overall: Tally
    by_service: list[Row] = field(default_factory=list)
    by_channel: list[Row] = field(default_factory=list)
    by_month: list[Row] = field(default_factory=list)
    comments: list = field(default_factory=list)


def satisfaction(period: Period, catalogue: Catalogue, language: str, with_comments: bool = False) -> Satisfaction:
    """Four aggregate statements (five with the comments, which only admins are given)."""
    services = results.by_service(period)
    channels = results.by_channel(period)
    months = results.by_month(period)
    return Satisfaction(
        period=period, overall=results.summary(period),
        by_service=[Row(k, catalogue.service_label(k, language), t) for k, t in sorted(services.items())],
        by_channel=sorted((Row(k, channel_label(catalogue, k, language), t) for k, t in channels.items()),
                          key=lambda r: -r.tally.invited),
        by_month=[Row(f"{y:04d}-{m:02d}", format_date(date(y, m, 1), "MMMM y"), t) for (y, m), t in months.items()],
        comments=[(moment, catalogue.service_label(service, language), text)
                  for moment, service, text in results.comments(period)] if with_comments else [],
    )
