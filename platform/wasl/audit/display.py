"""Audit rows as a page shows them: a labelled action, the object by its name, details as key/values."""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from markupsafe import Markup, escape
from sqlalchemy import select

from wasl.audit.details import USER_KEYS, detail_pairs
from wasl.audit.labels import action_label, object_type_label
from wasl.db import db
from wasl.i18n.digits import current_language, display_digits
from wasl.tenancy.scope import current_scope


@dataclass(frozen=True)
class AuditLine:
    event: object
    who: str | None
    action: str
    code: str
    subject: str
    details: list[tuple[str, str]]


def audit_lines(rows) -> list[AuditLine]:
    """``(event, actor_email)`` rows, ready to show; the objects' names are read in one query per type."""
    rows = list(rows)
    names = _names([event for event, _email in rows])
    people = _people([event for event, _email in rows])
    lines = []
    for event, email in rows:
        details = dict(event.details or {})
        if details.get("case_action"):
            details["case_action"] = _case_action(details["case_action"])
        lines.append(AuditLine(event, email, action_label(event.action), event.action, _subject(event, names),
                               detail_pairs(details, skip=_shown_in_subject(event), people=people)))
    return lines


def _shown_in_subject(event) -> tuple[str, ...]:
    return ("number",) if event.object_type == "Case" else ("slug",) if event.object_type == "Tenant" else ()


def _case_action(action: str) -> str:
    from wasl.cases.workflow import RULES_BY_NAME

    rule = RULES_BY_NAME.get(action)
    return str(rule.label) if rule else action


def _subject(event, names: dict) -> str:
    if not event.object_type:
        return ""
    name = names.get((event.object_type, event.object_id))
    if name and event.object_type == "Case":  # a reference is one word: never broken at its hyphens
        return Markup('{}: <span class="text-nowrap">{}</span>').format(object_type_label("Case"), name)
    if name:
        return f"{object_type_label(event.object_type)}: {name}"
    if event.object_type == "Case" and (event.details or {}).get("number"):
        return Markup(escape(_("Request {number}"))).format(
            number=Markup('<span class="text-nowrap">{}</span>').format(_ltr(event.details["number"])))
    if event.object_id:
        return f"{object_type_label(event.object_type)} {_ltr('#' + event.object_id)}"
    return object_type_label(event.object_type)


def _ltr(value) -> str:
    return f"\u2066{value}\u2069"


def _people(events) -> dict[int, str]:
    """``{user id: name}`` for the users the events' details refer to."""
    from wasl.accounts.models import User

    ids = {value for event in events for key, value in (event.details or {}).items()
           if key in USER_KEYS and isinstance(value, int)}
    if not ids:
        return {}
    return {user.id: user.name or user.email for user in db.session.scalars(select(User).where(User.id.in_(ids)))}


def _names(events) -> dict:
    """``{(object_type, object_id): readable name}`` for the objects that have one."""
    wanted: dict[str, set[int]] = {}
    for event in events:
        if event.object_type in _READERS and (event.object_id or "").isdigit():
            wanted.setdefault(event.object_type, set()).add(int(event.object_id))
    found = {}
    for object_type, ids in wanted.items():
        reader = _READERS[object_type]
        if reader.tenant_owned and current_scope(db.session) is None:
            continue
        for object_id, name in reader.read(ids):
            found[(object_type, str(object_id))] = name
    return found


@dataclass(frozen=True)
class _Reader:
    model: str
    tenant_owned: bool

    def read(self, ids):
        model = _model(self.model)
        for row in db.session.scalars(select(model).where(model.id.in_(ids))):
            yield row.id, _name_of(self.model, row)


def _model(name: str):
    from wasl.accounts.models import Membership, Role, User
    from wasl.beneficiaries.models import Beneficiary
    from wasl.cases.models import Case
    from wasl.policy.models import PolicyVersion
    from wasl.tenancy.models import Tenant

    return {"Tenant": Tenant, "User": User, "Role": Role, "Case": Case, "PolicyVersion": PolicyVersion,
            "Membership": Membership, "Beneficiary": Beneficiary}[name]


def _name_of(model: str, row) -> str:
    language = current_language()
    if model in ("Tenant", "Role"):
        return row.name(language)
    if model == "User":
        return row.name or row.email
    if model == "Case":
        return _ltr(row.number)
    if model == "Beneficiary":  # whose data was read, changed or erased (an erased person reads as such)
        return row.name(language)
    if model == "PolicyVersion":
        return _("Version {number}").format(number=display_digits(row.number))
    return row.user.name if getattr(row, "user", None) is not None else ""


_READERS = {
    "Tenant": _Reader("Tenant", False), "User": _Reader("User", False), "Role": _Reader("Role", True),
    "Case": _Reader("Case", True), "PolicyVersion": _Reader("PolicyVersion", True),
    "Membership": _Reader("Membership", True), "Beneficiary": _Reader("Beneficiary", True),
}
