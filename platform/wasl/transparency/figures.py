"""The figures an association publishes, each from one aggregate statement, with small counts held back.

Requests are counted on the ``(tenant_id, created_at)`` index, decisions on
``(tenant_id, decided_at)`` and surveys with the satisfaction results'
own statements (``wasl.surveys.results``): four statements for the whole
page, whatever the number of services. No figure built from fewer than
``MIN_PEOPLE`` people is published: a count below it is shown in words,
and a share or a score is shown only when its base reaches it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import and_, func, select

from wasl.cases.catalogue import Catalogue
from wasl.cases.models import Case, Decision
from wasl.dashboards.queries import Period
from wasl.dashboards.services import ACCEPTED, ONLINE_CHANNELS
from wasl.db import db
from wasl.surveys import results
from wasl.surveys.results import EMPTY, Tally

MIN_PEOPLE = 5


def publishable(count: int | None) -> bool:
    """Whether a figure built from ``count`` people may be shown."""
    return count is not None and count >= MIN_PEOPLE


def share(part: int, whole: int) -> float | None:
    """``part / whole``, or None when the base is too small to publish."""
    return part / whole if publishable(whole) else None


@dataclass
class Requests:
    """Requests received (and online) and decisions issued (and accepted) in the period."""

    received: int = 0
    online: int = 0
    decided: int = 0
    accepted: int = 0

    @property
    def online_share(self) -> float | None:
        return share(self.online, self.received)

    @property
    def accepted_share(self) -> float | None:
        return share(self.accepted, self.decided)


@dataclass(frozen=True)
class ServiceFigures:
    key: str
    label: str
    requests: Requests
    satisfaction: Tally


@dataclass
class Transparency:
    period: Period
    requests: Requests
    satisfaction: Tally
    services: list[ServiceFigures] = field(default_factory=list)


def received_by_service(period: Period) -> dict[str, Requests]:
    """Requests received in the period per service: (all, online) in one grouped statement."""
    online = Case.channel.in_(ONLINE_CHANNELS)
    stmt = (select(Case.service_key, func.count(Case.id), func.count(Case.id).filter(online))
            .where(Case.created_at >= period.starts_at, Case.created_at < period.ends_at)
            .group_by(Case.service_key))
    return {key: Requests(int(total), int(web or 0)) for key, total, web in db.session.execute(stmt)}


def decided_by_service(period: Period) -> dict[str, tuple[int, int]]:
    """Decisions issued in the period per service: (all, accepted), every review round counted."""
    stmt = (select(Case.service_key, func.count(Decision.id), func.count(Decision.id).filter(Decision.outcome == ACCEPTED))
            .join(Case, and_(Case.id == Decision.case_id, Case.tenant_id == Decision.tenant_id))
            .where(Decision.decided_at >= period.starts_at, Decision.decided_at < period.ends_at)
            .group_by(Case.service_key))
    return {key: (int(total), int(accepted or 0)) for key, total, accepted in db.session.execute(stmt)}


def transparency(period: Period, catalogue: Catalogue, language: str) -> Transparency:
    """Every published figure of the period: four aggregate statements."""
    requests = received_by_service(period)
    for key, (decided, accepted) in decided_by_service(period).items():
        row = requests.setdefault(key, Requests())
        row.decided, row.accepted = decided, accepted
    surveys = results.by_service(period)
    keys = list(catalogue.services) + sorted((set(requests) | set(surveys)) - set(catalogue.services))
    services = [ServiceFigures(key, catalogue.service_label(key, language), requests.get(key, Requests()),
                               surveys.get(key, EMPTY)) for key in keys]
    return Transparency(period, _total(requests.values()), results.summary(period), services)


def _total(rows) -> Requests:
    total = Requests()
    for row in rows:
        total.received += row.received
        total.online += row.online
        total.decided += row.decided
        total.accepted += row.accepted
    return total
