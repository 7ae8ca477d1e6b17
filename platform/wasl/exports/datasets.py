"""The lists an association can export: their columns (personal ones marked) and how their rows are read.

Rows are read in chunks by id (keyset: ``id > last`` on the tenant-leading
``(tenant_id, id)`` key), so memory stays flat however long the list, and the
job can commit its progress between chunks. Survey results carry no case
number and no comment: individual answers are never tied to a case or a
staff member's name outside the results pages.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, func, select

from wasl.beneficiaries.models import Beneficiary
from wasl.cases.catalogue import Catalogue
from wasl.cases.models import Case, ServiceDelivery
from wasl.cases.page_data import status_label, step_label
from wasl.dashboards.services import channel_label
from wasl.db import db
from wasl.i18n.dates import local_date
from wasl.surveys.models import SatisfactionSurvey

GENDER_LABELS = {"male": _l("Male"), "female": _l("Female")}


@dataclass(frozen=True)
class Labels:
    """What turns stored keys into the association's words, in the export's language; each word is looked up
    once per file (translating it again for every row would be most of the job's time)."""

    catalogue: Catalogue
    language: str
    _seen: dict = field(default_factory=dict, compare=False)

    def _once(self, kind: str, key, find: Callable) -> str:
        if (kind, key) not in self._seen:
            self._seen[(kind, key)] = str(find(key))
        return self._seen[(kind, key)]

    def service(self, key: str) -> str:
        return self._once("service", key, lambda k: self.catalogue.service_label(k, self.language))

    def channel(self, key: str) -> str:
        return self._once("channel", key, lambda k: channel_label(self.catalogue, k, self.language))

    def step(self, key: str) -> str:
        return self._once("step", key, step_label)

    def status(self, key) -> str:
        return self._once("status", key, status_label)

    def gender(self, key: str) -> str:
        return self._once("gender", key, lambda k: GENDER_LABELS.get(k, k))


@dataclass(frozen=True)
class Column:
    label: object  # a lazy string: translated when the file is written
    value: Callable  # (row, labels) -> cell value
    personal: bool = False


@dataclass(frozen=True)
class Dataset:
    key: str
    label: object
    model: type  # whose id the chunks follow
    columns: tuple[Column, ...]
    statement: Callable  # () -> select of rows, each a tuple whose first item is ``model``

    def chosen_columns(self, personal_data: bool) -> list[Column]:
        return [c for c in self.columns if personal_data or not c.personal]

    @property
    def has_personal_data(self) -> bool:
        return any(c.personal for c in self.columns)

    def count(self) -> int:
        return int(db.session.scalar(select(func.count()).select_from(self.statement().subquery())) or 0)

    def chunk(self, after_id: int, size: int) -> list:
        stmt = self.statement().where(self.model.id > after_id).order_by(self.model.id).limit(size)
        return list(db.session.execute(stmt))


def _day(value):
    return local_date(value) if value is not None else None


def _cases():
    return select(Case, Beneficiary).join(
        Beneficiary, and_(Beneficiary.id == Case.beneficiary_id, Beneficiary.tenant_id == Case.tenant_id))


def _deliveries():
    return (select(ServiceDelivery, Case, Beneficiary)
            .join(Case, and_(Case.id == ServiceDelivery.case_id, Case.tenant_id == ServiceDelivery.tenant_id))
            .join(Beneficiary, and_(Beneficiary.id == Case.beneficiary_id, Beneficiary.tenant_id == Case.tenant_id)))


def _beneficiaries():
    return select(Beneficiary)


def _surveys():
    return select(SatisfactionSurvey)


_PERSON = (
    Column(_l("Name"), lambda r, _: r.Beneficiary.full_name_ar, personal=True),
    Column(_l("National ID or Iqama"), lambda r, _: r.Beneficiary.national_id, personal=True),
    Column(_l("Mobile"), lambda r, _: r.Beneficiary.mobile, personal=True),
)

CASES = Dataset("cases", _l("Requests"), Case, (
    Column(_l("Request number"), lambda r, _: r.Case.number),
    Column(_l("File number"), lambda r, _: r.Beneficiary.file_number),
    *_PERSON,
    Column(_l("Service"), lambda r, labels: labels.service(r.Case.service_key)),
    Column(_l("Channel"), lambda r, labels: labels.channel(r.Case.channel)),
    Column(_l("Current step"), lambda r, labels: labels.step(r.Case.step)),
    Column(_l("Status"), lambda r, labels: labels.status(r.Case.status)),
    Column(_l("Received on"), lambda r, _: r.Case.received_on),
    Column(_l("Decision due on"), lambda r, _: r.Case.decision_due_on),
    Column(_l("Decided on"), lambda r, _: _day(r.Case.decided_at)),
    Column(_l("Closed on"), lambda r, _: _day(r.Case.closed_at)),
), _cases)

BENEFICIARIES = Dataset("beneficiaries", _l("Beneficiaries"), Beneficiary, (
    Column(_l("File number"), lambda r, _: r.Beneficiary.file_number),
    Column(_l("Name"), lambda r, _: r.Beneficiary.full_name_ar, personal=True),
    Column(_l("Name in English"), lambda r, _: r.Beneficiary.full_name_en, personal=True),
    Column(_l("National ID or Iqama"), lambda r, _: r.Beneficiary.national_id, personal=True),
    Column(_l("Mobile"), lambda r, _: r.Beneficiary.mobile, personal=True),
    Column(_l("E-mail"), lambda r, _: r.Beneficiary.email, personal=True),
    Column(_l("Birth date"), lambda r, _: r.Beneficiary.birth_on, personal=True),
    Column(_l("Gender"), lambda r, labels: labels.gender(r.Beneficiary.gender)),
    Column(_l("City"), lambda r, _: r.Beneficiary.city),
    Column(_l("Registered on"), lambda r, _: _day(r.Beneficiary.registered_at)),
    Column(_l("Added on"), lambda r, _: _day(r.Beneficiary.created_at)),
), _beneficiaries)

DELIVERIES = Dataset("deliveries", _l("Deliveries"), ServiceDelivery, (
    Column(_l("Request number"), lambda r, _: r.Case.number),
    Column(_l("File number"), lambda r, _: r.Beneficiary.file_number),
    Column(_l("Name"), lambda r, _: r.Beneficiary.full_name_ar, personal=True),
    Column(_l("Service"), lambda r, labels: labels.service(r.Case.service_key)),
    Column(_l("Delivered on"), lambda r, _: r.ServiceDelivery.delivered_on),
    Column(_l("Description"), lambda r, _: r.ServiceDelivery.description),
    Column(_l("Quantity"), lambda r, _: r.ServiceDelivery.quantity),
    Column(_l("Amount (riyals)"), lambda r, _: r.ServiceDelivery.amount),
), _deliveries)

SURVEYS = Dataset("surveys", _l("Survey results"), SatisfactionSurvey, (
    Column(_l("Service"), lambda r, labels: labels.service(r.SatisfactionSurvey.service_key)),
    Column(_l("Channel"), lambda r, labels: labels.channel(r.SatisfactionSurvey.channel)),
    Column(_l("Sent on"), lambda r, _: _day(r.SatisfactionSurvey.invited_at)),
    Column(_l("Answered on"), lambda r, _: _day(r.SatisfactionSurvey.answered_at)),
    Column(_l("Score (1–5)"), lambda r, _: r.SatisfactionSurvey.score),
    Column(_l("Language of the answer"), lambda r, _: r.SatisfactionSurvey.language),
), _surveys)

DATASETS: dict[str, Dataset] = {d.key: d for d in (CASES, BENEFICIARIES, DELIVERIES, SURVEYS)}
FORMATS = ("xlsx", "csv")
