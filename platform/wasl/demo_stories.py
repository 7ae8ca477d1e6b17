"""The demo's case histories as plain data: when each case entered and left each step of its procedure.

A seeded generator walks every case through the association's steps with
plausible durations until the case ends (withdrawn, rejected, closed after
delivery) or reaches today; ``demo_cases`` turns each story into the rows the
case services would have written. Nothing here touches the database.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from decimal import Decimal

from wasl.cases.models import CaseStatus, Priority

HISTORY_DAYS = 182
# How long a step usually takes, in days (low, high); a few committees take far longer (overdue cases).
STEP_DAYS = {
    "reception": (0.02, 0.6), "completeness_check": (0.1, 4.0), "referral": (1.0, 5.0), "pledge": (0.1, 2.5),
    "committee_review": (2.0, 13.0), "registration": (0.2, 4.0), "service_delivery": (1.0, 12.0),
}
SLOW_COMMITTEE = (16.0, 50.0)
SLOW_COMMITTEE_SHARE = 0.3
STALLED = (8.0, 45.0)  # waiting for a document, a signature, a registration slot
STALLED_SHARE = 0.05  # per step
WITHDRAW_SHARE = 0.02  # per step, before the decision
REJECT_SHARE = 0.27
REFER_SHARE = 0.45
PRIORITIES = ((Priority.NORMAL, 70), (Priority.HIGH, 15), (Priority.LOW, 10), (Priority.URGENT, 5))
CHANNEL_WEIGHTS = {"website": 30, "phone": 18, "interview": 14, "service_request_form": 12, "social_media": 8,
                   "project_application": 8, "help_request": 6, "branch_reps": 5, "letters": 3, "volunteering": 2}
# (description, lowest amount, highest amount) in riyals.
DELIVERIES = (
    ("سلة غذائية شهرية", 250, 600),
    ("مساعدة في سداد الإيجار", 1500, 6000),
    ("سداد فاتورة الكهرباء", 300, 1200),
    ("كسوة الشتاء للأسرة", 400, 1500),
    ("أجهزة منزلية", 900, 3500),
    ("حقيبة مدرسية ومستلزمات", 150, 500),
)
WITHDRAW_REASONS = ("طلب المستفيد سحب الطلب لتحسن ظروفه.", "انتقلت الأسرة إلى مدينة أخرى.",
                    "حصل المستفيد على الخدمة من جهة أخرى.")


@dataclass
class Story:
    """One case's history: the step it reached, its status, and when each step began and ended."""

    opened_at: datetime
    channel: str
    priority: Priority
    step: str = ""
    status: CaseStatus = CaseStatus.OPEN
    entered: dict = field(default_factory=dict)
    left: dict = field(default_factory=dict)
    referral: tuple | None = None  # (asked_at, answered_at or None)
    rejected: bool = False
    withdrawn_at: datetime | None = None
    withdraw_reason: str = ""
    deliveries: list = field(default_factory=list)  # (delivered_at, description, amount)
    closed_at: datetime | None = None
    person: int = 0  # index of the beneficiary among the association's demo people

    @property
    def ended_at(self) -> datetime | None:
        return self.closed_at or self.withdrawn_at

    @property
    def last_at(self) -> datetime:
        moments = [self.opened_at, *self.entered.values(), *self.left.values()]
        return max(m for m in moments if m is not None)


def opening_moments(rng: random.Random, count: int, now: datetime) -> list[datetime]:
    """``count`` moments over the past six months, a little busier lately, in office hours, oldest first."""
    moments = []
    for _ in range(count):
        days_ago = HISTORY_DAYS * (1 - rng.random() ** 0.6)
        day = now - timedelta(days=days_ago)
        moment = day.replace(hour=rng.randint(5, 12), minute=rng.randint(0, 59), second=rng.randint(0, 59),
                             microsecond=0)
        moments.append(min(moment, now - timedelta(minutes=rng.randint(5, 600))))
    return sorted(moments)


def pick_weighted(rng: random.Random, weighted) -> object:
    items = list(weighted)
    return rng.choices([item for item, _ in items], weights=[weight for _, weight in items])[0]


def new_story(rng: random.Random, opened_at: datetime, channels: tuple[str, ...]) -> Story:
    channel = pick_weighted(rng, ((c, CHANNEL_WEIGHTS.get(c, 4)) for c in channels))
    return Story(opened_at, channel, pick_weighted(rng, PRIORITIES))


def walk(rng: random.Random, story: Story, steps: tuple[str, ...], now: datetime) -> Story:
    """Move the story through ``steps`` until it ends or reaches ``now``."""
    moment = story.opened_at
    for step in steps:
        story.step, story.entered[step] = step, moment
        spent = _duration(rng, step)
        if step not in ("registration", "service_delivery") and rng.random() < WITHDRAW_SHARE:
            withdrawn = moment + spent * rng.random()
            if withdrawn <= now:
                story.status, story.withdrawn_at = CaseStatus.WITHDRAWN, withdrawn
                story.withdraw_reason = rng.choice(WITHDRAW_REASONS)
                _partial(rng, story, step, moment, withdrawn)
                return story
        if moment + spent > now:
            _partial(rng, story, step, moment, now, spent)
            return story
        _complete(rng, story, step, moment, moment + spent)
        moment += spent
        story.left[step] = moment
        if step == "committee_review" and rng.random() < REJECT_SHARE:
            story.status, story.rejected, story.closed_at = CaseStatus.REJECTED, True, moment
            return story
    story.status, story.closed_at = CaseStatus.CLOSED, moment
    return story


def _duration(rng: random.Random, step: str) -> timedelta:
    low, high = STEP_DAYS.get(step, (0.5, 3.0))
    if step == "committee_review" and rng.random() < SLOW_COMMITTEE_SHARE:
        low, high = SLOW_COMMITTEE
    elif rng.random() < STALLED_SHARE:
        low, high = STALLED
    return timedelta(days=rng.uniform(low, high))


def _complete(rng: random.Random, story: Story, step: str, start: datetime, end: datetime) -> None:
    """What happens inside a step that ran to its end: a referral asked and answered, deliveries made."""
    if step == "referral" and rng.random() < REFER_SHARE:
        span = end - start
        story.referral = (start + span * 0.1, start + span * 0.8)
    elif step == "service_delivery":
        for _ in range(1 if rng.random() < 0.75 else 2):
            story.deliveries.append(_delivery(rng, start + (end - start) * rng.uniform(0.3, 0.95)))
        story.deliveries.sort(key=lambda d: d[0])


def _partial(rng: random.Random, story: Story, step: str, start: datetime, until: datetime,
             spent: timedelta | None = None) -> None:
    """The case is still at ``step`` (or left it early): a referral may be pending, a first delivery made."""
    if step == "referral" and rng.random() < 0.7:
        asked = start + (until - start) * 0.2
        answered = start + spent * 0.8 if spent is not None else None
        story.referral = (asked, answered if answered is not None and answered <= until else None)
        if story.referral[1] is None and story.status == CaseStatus.OPEN:
            story.status = CaseStatus.REFERRED
    elif step == "service_delivery" and rng.random() < 0.4:
        story.deliveries.append(_delivery(rng, start + (until - start) * 0.5))


def _delivery(rng: random.Random, moment: datetime) -> tuple[datetime, str, Decimal]:
    description, low, high = rng.choice(DELIVERIES)
    return moment, description, Decimal(rng.randrange(low, high + 1, 50)).quantize(Decimal("0.01"))
