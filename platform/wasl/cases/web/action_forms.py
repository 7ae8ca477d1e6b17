"""Which forms the case page shows: one per action the member may take now, per item where it applies.

Checks are scheduled and reported one by one, and criteria evaluated one by
one, so those forms are made per check and per criterion (prefix
``record_check-12``, ``evaluate_criterion-0``). A form that was just submitted
and refused replaces its fresh twin, keeping what was typed and its errors.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from flask import g, request
from flask_babel import gettext as _

from wasl.cases import page_data
from wasl.cases.models.eligibility import ADMINISTRATIVE_REVIEW, SCHEDULED_MECHANISMS
from wasl.cases.web.forms import (
    ACTION_FORMS,
    AssignmentForm,
    ChecklistForm,
    DeliveryForm,
    ReportForm,
    ScheduleForm,
    fields_prefix,
    options,
)
from wasl.kernel.bilingual import pick

PER_CHECK = ("schedule_check", "record_check")
LIFECYCLE = ("reassign", "withdraw", "reopen")
PER_CRITERION = ("evaluate_criterion",)


@dataclass
class PageForms:
    actions: dict  # name -> AvailableAction
    forms: dict = field(default_factory=dict)  # prefix -> form

    def get(self, prefix: str):
        return self.forms.get(prefix)

    def allows(self, action: str) -> bool:
        return action in self.actions

    def blocked(self, action: str) -> str | None:
        available = self.actions.get(action)
        return available.blocked if available else None

    def label(self, action: str) -> str:
        available = self.actions.get(action)
        return available.label if available else action

    @property
    def lifecycle(self) -> list[str]:
        return [name for name in LIFECYCLE if name in self.actions]

    @property
    def has_step_actions(self) -> bool:
        """Whether the member may do anything of the current step itself (not only withdraw or reassign)."""
        return any(name not in LIFECYCLE for name in self.actions)

    @staticmethod
    def submitted(prefix: str, form) -> tuple[str, object]:
        return prefix, form


def build_forms(case, details, catalogue, language: str, submitted=None) -> PageForms:
    """Fresh forms for every action the member may take, with the submitted one (if any) in its place."""
    page = PageForms({action.name: action for action in details.actions})
    for name in page.actions:
        for prefix, data in _instances(name, case, details, catalogue):
            form = ACTION_FORMS[name](formdata=None, prefix=fields_prefix(prefix), data=data)
            prepare(form, case, catalogue, language, check=_check(details, data))
            page.forms[prefix] = form
    if submitted is not None:
        prefix, form = submitted
        page.forms[prefix] = form
    return page


def _instances(name: str, case, details, catalogue):
    """(prefix, initial data) for each form of action ``name``."""
    if name == "schedule_check":
        return [(f"{name}-{c.id}", {"check_id": c.id, "assignee_id": str(c.assignee_id or g.actor.id),
                                    "address": c.address or ""})
                for c in details.checks if c.mechanism in SCHEDULED_MECHANISMS and c.completed_at is None]
    if name == "record_check":
        return [(f"{name}-{c.id}", {"check_id": c.id}) for c in details.checks
                if c.completed_at is None and (c.mechanism not in SCHEDULED_MECHANISMS or c.scheduled_at)]
    if name == "evaluate_criterion":
        done = {e.criterion_index: e for e in details.evaluations}
        return [(f"{name}-{c.index}", _evaluation_data(c.index, done.get(c.index))) for c in catalogue.criteria]
    if name == "reassign":
        return [(name, {"assignee_id": str(case.assignee_id or "")})]
    return [(name, {})]


def _evaluation_data(index: int, evaluation) -> dict:
    data = {"criterion_index": index}
    if evaluation is not None:
        data.update(met="true" if evaluation.met else "false", notes=evaluation.notes or "")
    return data


def _check(details, data: dict):
    check_id = data.get("check_id")
    return next((c for c in details.checks if c.id == check_id), None) if check_id else None


def prepare(form, case, catalogue, language: str, check=None) -> None:
    """Fill the choices a form offers: the association's staff, the service's documents."""
    if isinstance(form, ScheduleForm | AssignmentForm | DeliveryForm):
        staff = _staff()
        target = {ScheduleForm: "assignee_id", AssignmentForm: "assignee_id", DeliveryForm: "delivered_by_id"}
        field_ = form[target[type(form)]]
        blank = [] if isinstance(form, ScheduleForm) else [("", _("Not assigned") if isinstance(
            form, AssignmentForm) else _("Me"))]
        field_.choices = options([*blank, *staff])
    service = catalogue.service(case.service_key)
    documents = [(d.key, pick(d.name, language)) for d in service.documents] if service else []
    if isinstance(form, ChecklistForm):
        form.checklist.choices = options(documents)
    if isinstance(form, ReportForm):
        form.items.choices = options(_review_items(documents) if _is_review(form, check) else [])


def _is_review(form: ReportForm, check) -> bool:
    return check is not None and check.mechanism == ADMINISTRATIVE_REVIEW


def check_named(prefix: str, case):
    """The eligibility check a per-check form (``record_check-12``) is about, if it is one of the case's."""
    from wasl.cases.evidence import checks_of

    action, _sep, item = prefix.partition("-")
    if action not in PER_CHECK or not item.isdigit():
        return None
    return next((c for c in checks_of(case) if c.id == int(item)), None)


def _review_items(documents) -> list[tuple[str, str]]:
    return [*documents, ("personal_data", _("The personal data matches the official documents"))]


def _staff() -> list[tuple[int, str]]:
    """The association's active staff, read once per request."""
    key = "wasl.case_staff"
    if key not in request.environ:
        request.environ[key] = [(m.user.id, m.user.name) for m in page_data.active_staff(g.tenant)
                                if m.membership.active]
    return request.environ[key]
