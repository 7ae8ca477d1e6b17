"""The scorecard of one association for a period: a row per measurable clause, the one service behind the pages.

Each row runs one aggregate statement (the channel and online-share rows share
theirs); ``cases_behind`` lists the rows of one figure with the same statement's
FROM and WHERE.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from flask_babel import ngettext
from sqlalchemy import select

from wasl.cases.catalogue import Catalogue, catalogue_of
from wasl.dashboards import page
from wasl.dashboards.period_args import period_from
from wasl.dashboards.queries import Period
from wasl.dashboards.services import ONLINE_CHANNELS, channel_label
from wasl.db import db, utcnow
from wasl.errors import NotFound
from wasl.i18n import current_language
from wasl.policy.services import published_version
from wasl.policy.vocabulary import COUNTING
from wasl.scorecard import clauses, queries
from wasl.scorecard.clauses import Clause
from wasl.scorecard.queries import Count
from wasl.tenancy.models import Tenant
from wasl.tenancy.scope import tenant_scope

DEFAULT_DAYS = 90


class ClauseNotFound(NotFound):
    """The drill-down was asked for a clause the published policy does not measure."""


@dataclass(frozen=True)
class Context:
    """What a scorecard page reads: the published policy, its catalogue, the period and its messages."""

    version: object
    catalogue: Catalogue
    period: Period
    errors: dict


@dataclass(frozen=True)
class Row:
    key: str
    label: str
    target: str
    figure: str
    detail: str
    light: str
    light_label: str
    count: Count


def _base(key: str, period: Period, catalogue: Catalogue):
    if key == clauses.DECISION:
        return queries.decision_window(period)
    if key == clauses.PLEDGE:
        return queries.pledge(period)
    if key == clauses.CHANNELS:
        return queries.received(period, catalogue.enabled_channels)
    if key == clauses.ONLINE:
        return queries.received(period, ONLINE_CHANNELS)
    if key in (clauses.RESPONSE, clauses.SATISFACTION):
        return queries.surveys(period, answered_only=key == clauses.SATISFACTION)
    if key == clauses.REFERRAL:
        return queries.referrals(period, clauses.REFERRAL_DAYS, utcnow())
    raise KeyError(key)


def clause_keys(version) -> list[str]:
    return [c.key for c in clauses.clauses_of(version.content if version is not None else None)]


def scorecard(version, period: Period) -> list[Row]:
    catalogue = catalogue_of(version) if version is not None else Catalogue({})
    content = version.content if version is not None else {}
    channel_counts = None
    rows = []
    for clause in clauses.clauses_of(content):
        if clause.key in (clauses.CHANNELS, clauses.ONLINE):
            channel_counts = channel_counts if channel_counts is not None else queries.channel_counts(period)
            rows.append(_channel_row(clause, channel_counts, catalogue))
        else:
            rows.append(_row(clause, queries.count(_base(clause.key, period, catalogue)), catalogue))
    return rows


def _row(clause: Clause, count: Count, catalogue: Catalogue) -> Row:
    light = clause.light(count.share)
    return Row(clause.key, clauses.label_of(clause.key), _target(clause, catalogue), page.percent(count.share),
               _of_cases(clause.key, count), light, str(clauses.LIGHTS[light]), count)


def _channel_row(clause: Clause, counts: dict[str, int], catalogue: Catalogue) -> Row:
    if clause.key == clauses.ONLINE:
        total = sum(counts.values())
        count = Count(total, sum(n for key, n in counts.items() if key in ONLINE_CHANNELS))
        return _row(clause, count, catalogue)
    enabled = catalogue.enabled_channels
    used = [key for key in enabled if counts.get(key)]
    count = Count(len(enabled), len(used))
    light = clause.light(count.share)
    unused = [channel_label(catalogue, key, current_language()) for key in enabled if not counts.get(key)]
    detail = ngettext("%(part)s of %(num)s channel used", "%(part)s of %(num)s channels used", len(enabled),
                      part=page.number(len(used)))
    if unused:
        detail += " · " + _("Not used: {channels}").format(channels="، ".join(unused) if current_language() == "ar"
                                                           else ", ".join(unused))
    return Row(clause.key, clauses.label_of(clause.key), _target(clause, catalogue),
               page.percent(count.share), detail, light, str(clauses.LIGHTS[light]), count)


def _of_cases(key: str, count: Count) -> str:
    if key in (clauses.RESPONSE,):
        return ngettext("%(part)s of %(num)s survey answered", "%(part)s of %(num)s surveys answered", count.total,
                        part=page.number(count.met))
    if key == clauses.SATISFACTION:
        return ngettext("%(part)s of %(num)s answer satisfied", "%(part)s of %(num)s answers satisfied", count.total,
                        part=page.number(count.met))
    if key == clauses.REFERRAL:
        return ngettext("%(part)s of %(num)s referral", "%(part)s of %(num)s referrals", count.total,
                        part=page.number(count.met))
    return ngettext("%(part)s of %(num)s case", "%(part)s of %(num)s cases", count.total, part=page.number(count.met))


def _target(clause: Clause, catalogue: Catalogue) -> str:
    if clause.target is None:
        return _("The policy sets no figure")
    share = page.percent(clause.target)
    if clause.key == clauses.DECISION:
        window = catalogue.decision_window
        return _("{share} of decisions within {days} ({counting})").format(
            share=share, days=page.days(int(window.get("days", 14))),
            counting=str(COUNTING.get(window.get("counting"), window.get("counting", ""))))
    if clause.key == clauses.CHANNELS:
        return ngettext("The %(num)s enabled channel", "All %(num)s enabled channels",
                        len(catalogue.enabled_channels))
    if clause.standard:
        return _("At least {share} (Wasl's standard: the policy sets no figure)").format(share=share)
    return share


def cases_behind(key: str, version, period: Period) -> list[queries.DrillRow]:
    """Exactly the rows the figure of clause ``key`` counts; satisfaction answers are listed without their score."""
    catalogue = catalogue_of(version) if version is not None else Catalogue({})
    return queries.drill(_base(key, period, catalogue), with_outcome=key != clauses.SATISFACTION)


def context(tenant, args) -> Context:
    """The association's published policy and the period asked for in ``args`` (the last 90 days by default)."""
    version = published_version(tenant)
    catalogue = catalogue_of(version) if version is not None else Catalogue({})
    period, errors = period_from(args, catalogue, DEFAULT_DAYS)
    return Context(version, catalogue, period, errors)


def scorecard_page(tenant, args) -> tuple[Context, list[Row]]:
    """The page's context and its rows (none while no policy is published)."""
    seen = context(tenant, args)
    return seen, scorecard(seen.version, seen.period) if seen.version is not None else []


def drill_down(tenant, args, key: str) -> tuple[Context, list[queries.DrillRow]]:
    """The cases behind clause ``key`` in the period; ``ClauseNotFound`` for a clause not measured here."""
    seen = context(tenant, args)
    if seen.version is None or key not in clause_keys(seen.version):
        raise ClauseNotFound()
    return seen, cases_behind(key, seen.version, seen.period)


def across_associations(args) -> tuple[list, Period, dict]:
    """Every association with its rows by clause key, each read in its own scope, for the operator."""
    period, errors = period_from(args, Catalogue({}), DEFAULT_DAYS)
    table = []
    for tenant in db.session.scalars(select(Tenant).order_by(Tenant.slug)).all():
        with tenant_scope(db.session, tenant.id):
            version = published_version(tenant)
            rows = {row.key: row for row in scorecard(version, period)} if version is not None else {}
        table.append((tenant, rows))
    return table, period, errors
