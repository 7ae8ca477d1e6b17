"""What the dashboard page draws from the figures: numbers in the person's locale, and the charts."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import format_decimal, format_percent, ngettext

from wasl.dashboards.charts import BarChart, bar_chart
from wasl.dashboards.services import Dashboard, Figure


def number(value, places: int = 0) -> str:
    pattern = "#,##0" if places == 0 else "#,##0." + "0" * places
    return format_decimal(value, format=pattern)


def percent(share: float | None) -> str:
    return "—" if share is None else format_percent(share, format="#,##0%")


def days(value: float | None) -> str:
    """``4.5 days``: one decimal, in words the person reads."""
    if value is None:
        return "—"
    shown = round(float(value), 1)
    return ngettext("%(days)s day", "%(days)s days", _plural_count(shown),
                    days=number(shown, 0 if shown.is_integer() else 1))


def riyals(amount: float) -> str:
    return ngettext("%(amount)s riyal", "%(amount)s riyals", _plural_count(round(amount)), amount=number(amount))


def _plural_count(value: float) -> int:
    """The count that picks the plural form: a fraction reads like "other" (as 100 does in Arabic)."""
    return int(value) if float(value).is_integer() else 100


@dataclass(frozen=True)
class Charts:
    open_by_step: BarChart
    open_by_age: BarChart
    intake: BarChart
    timing: BarChart
    outcomes: BarChart
    deliveries: BarChart
    satisfaction: BarChart


def charts_for(board: Dashboard, rtl: bool, labels: dict) -> Charts:
    """One bar chart per figure; ``labels`` names the time-to-decision bars."""
    return Charts(
        open_by_step=_counts(board.open_by_step, rtl),
        open_by_age=_counts(board.open_by_age, rtl),
        intake=_counts(board.intake, rtl),
        timing=bar_chart([(labels["median"], board.decisions.median or 0, days(board.decisions.median)),
                          (labels["p90"], board.decisions.p90 or 0, days(board.decisions.p90)),
                          (labels["window"], board.decision_window_days, days(board.decision_window_days))], rtl),
        outcomes=_counts(board.outcomes, rtl),
        deliveries=bar_chart([(f.label, f.value, number(f.value)) for f in board.deliveries_by_month], rtl),
        satisfaction=bar_chart([(m.label, (m.csat or 0) * 100, percent(m.csat) if m.answered else "—")
                                for m in board.satisfaction_by_month], rtl),
    )


def _counts(figures: list[Figure], rtl: bool) -> BarChart:
    return bar_chart([(f.label, f.value, number(f.value)) for f in figures], rtl)


def share_detail(part: int, total: int) -> str:
    """``12 of 40 requests`` under a share."""
    return ngettext("%(part)s of %(total)s request", "%(part)s of %(total)s requests", total, part=number(part),
                    total=number(total))


def decided_detail(accepted: int, decided: int) -> str:
    return ngettext("%(part)s of %(total)s decision accepted", "%(part)s of %(total)s decisions accepted",
                    decided, part=number(accepted), total=number(decided))


def deliveries_detail(count: int, amount: float) -> str:
    return ngettext("%(count)s delivery, %(amount)s", "%(count)s deliveries, %(amount)s", count,
                    count=number(count), amount=riyals(amount))
