"""The dashboard of one association: the one service function behind the page and the API.

``dashboard`` runs one aggregate statement per figure (see ``queries``) and
labels the keys the way the staff pages do: steps from the policy vocabulary,
channels and services in the association's own wording.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from flask_babel import format_date
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from wasl.cases.catalogue import Catalogue, catalogue_of
from wasl.cases.page_data import step_label
from wasl.cases.workflow.steps.base import riyadh_today
from wasl.dashboards import queries, satisfaction
from wasl.dashboards.queries import Period, Spread
from wasl.dashboards.schemas import DashboardArgs
from wasl.i18n import current_language
from wasl.i18n.dates import RIYADH
from wasl.i18n.validation import flatten_messages, translate_errors
from wasl.kernel.bilingual import pick
from wasl.policy.services import published_version
from wasl.policy.vocabulary import CANONICAL_CHANNELS

DEFAULT_DAYS = 90
ONLINE_CHANNELS = ("website",)
ACCEPTED, REJECTED = "accepted", "rejected"
AGE_BAND_LABELS = (_l("Up to 7 days"), _l("8 to 14 days"), _l("15 to 30 days"), _l("31 to 60 days"),
                   _l("More than 60 days"))
OUTCOME_LABELS = {ACCEPTED: _l("Accepted"), REJECTED: _l("Rejected")}


@dataclass(frozen=True)
class Figure:
    """One labelled number of a chart: ``key`` for programs, ``label`` for people."""

    key: str
    label: str
    value: float


@dataclass(frozen=True)
class DeliveryRow:
    service: str
    service_label: str
    month: date  # the first day of the month
    month_label: str
    count: int
    amount: float


@dataclass
class Dashboard:
    """Every figure of the dashboard for one period and (optionally) one service."""

    period: Period
    today: date
    week_last: date
    services: list[Figure]
    open_by_step: list[Figure]
    open_by_age: list[Figure]
    overdue: int
    due_this_week: int
    intake: list[Figure]
    decisions: Spread
    decision_window_days: int
    outcomes: list[Figure]
    deliveries: list[DeliveryRow] = field(default_factory=list)
    deliveries_by_month: list[Figure] = field(default_factory=list)
    satisfaction: object = None  # the surveys' ``Tally`` of the period
    satisfaction_by_month: list = field(default_factory=list)  # ``satisfaction.SatisfactionMonth``

    @property
    def open_total(self) -> int:
        return int(sum(f.value for f in self.open_by_step))

    @property
    def intake_total(self) -> int:
        return int(sum(f.value for f in self.intake))

    @property
    def online(self) -> int:
        return int(sum(f.value for f in self.intake if f.key in ONLINE_CHANNELS))

    @property
    def online_share(self) -> float | None:
        return self.online / self.intake_total if self.intake_total else None

    @property
    def decided(self) -> int:
        return int(sum(f.value for f in self.outcomes))

    @property
    def accepted(self) -> int:
        return int(sum(f.value for f in self.outcomes if f.key == ACCEPTED))

    @property
    def acceptance_rate(self) -> float | None:
        return self.accepted / self.decided if self.decided else None

    @property
    def delivery_count(self) -> int:
        return sum(row.count for row in self.deliveries)

    @property
    def delivery_amount(self) -> float:
        return sum(row.amount for row in self.deliveries)


def dashboard(tenant, version, args: dict, today: date | None = None) -> Dashboard:
    """The association's figures for ``args`` (``from``, ``to``, ``service``; see ``schemas.DashboardArgs``)."""
    today = today or riyadh_today()
    catalogue = catalogue_of(version) if version is not None else Catalogue({})
    period = period_of(args, today, catalogue)
    language = current_language()
    week_last = today + timedelta(days=6)
    overdue, due_soon = queries.decision_clock(period, today, week_last)
    return Dashboard(
        period=period, today=today, week_last=week_last,
        services=[Figure(key, catalogue.service_label(key, language), 0) for key in catalogue.services],
        open_by_step=_by_step(queries.open_by_step(period), catalogue),
        open_by_age=[Figure(str(i), str(label), value) for i, (label, value)
                     in enumerate(zip(AGE_BAND_LABELS, queries.open_by_age(period, today), strict=True))],
        overdue=overdue, due_this_week=due_soon,
        intake=_by_channel(queries.intake_by_channel(period), catalogue, language),
        decisions=queries.time_to_decision(period),
        decision_window_days=int(catalogue.decision_window.get("days", 14)),
        outcomes=[Figure(key, str(OUTCOME_LABELS[key]), value)
                  for key, value in _outcomes(queries.decision_outcomes(period))],
        **_deliveries(queries.deliveries_by_service_month(period), period, catalogue, language),
        **satisfaction.trend(period),
    )


def tenant_dashboard(tenant, raw_args: dict) -> Dashboard:
    """The figures the API answers: ``raw_args`` validated (ValidationError -> 422), the published policy."""
    return dashboard(tenant, published_version(tenant), DashboardArgs().load(raw_args))


def dashboard_page(tenant, raw_args: dict) -> tuple[Dashboard, dict]:
    """The figures the page shows and no errors; or the default period's and each field's messages."""
    version = published_version(tenant)
    try:
        return dashboard(tenant, version, DashboardArgs().load(raw_args)), {}
    except ValidationError as invalid:
        errors = {name: flatten_messages(texts)
                  for name, texts in translate_errors(invalid.normalized_messages()).items()}
        return dashboard(tenant, version, {}), errors


def period_of(args: dict, today: date, catalogue: Catalogue) -> Period:
    """The Riyadh days asked for (the last 90 by default) with their UTC bounds; the service if known."""
    last = args.get("to") or today
    first = args.get("from") or last - timedelta(days=DEFAULT_DAYS - 1)
    service = args.get("service") or None
    if service is not None and catalogue.service(service) is None:
        raise ValidationError({"service": [_("This association's policy has no such service.")]})
    return Period(first, last, _utc_start(first), _utc_start(last + timedelta(days=1)), service)


def _utc_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=RIYADH).astimezone(UTC)


def _by_step(counts: dict[str, int], catalogue: Catalogue) -> list[Figure]:
    """The procedure's steps in order (zero where none wait), then steps only older versions had."""
    order = list(catalogue.step_types) + sorted(set(counts) - set(catalogue.step_types))
    return [Figure(step, step_label(step), counts.get(step, 0)) for step in order]


def _by_channel(counts: dict[str, int], catalogue: Catalogue, language: str) -> list[Figure]:
    """Every enabled channel (an unused one shows as zero) and any other that received requests, busiest first."""
    keys = list(catalogue.enabled_channels) + sorted(set(counts) - set(catalogue.enabled_channels))
    figures = [Figure(key, channel_label(catalogue, key, language), counts.get(key, 0)) for key in keys]
    return sorted(figures, key=lambda f: -f.value)


def channel_label(catalogue: Catalogue, key: str, language: str) -> str:
    label = catalogue.channel_label(key, language)
    if label == key and key in CANONICAL_CHANNELS:
        return pick(CANONICAL_CHANNELS[key], language)
    return label


def _outcomes(counts: dict[str, int]) -> list[tuple[str, int]]:
    return [(ACCEPTED, counts.get(ACCEPTED, 0)), (REJECTED, counts.get(REJECTED, 0))]


def _deliveries(rows, period: Period, catalogue: Catalogue, language: str) -> dict:
    """The rows by service and month, and every month of the period with its total amount (zero if none)."""
    labels = {month: format_date(month, "MMMM y") for month in satisfaction.months_of(period.first, period.last)}
    table = [DeliveryRow(service, catalogue.service_label(service, language), date(year, month, 1),
                         labels.get(date(year, month, 1), ""), count, amount)
             for service, year, month, count, amount in rows]
    totals = {month: 0.0 for month in labels}
    for row in table:
        totals[row.month] = totals.get(row.month, 0.0) + row.amount
    by_month = [Figure(month.isoformat()[:7], labels[month], amount) for month, amount in totals.items()]
    return {"deliveries": table, "deliveries_by_month": by_month}
