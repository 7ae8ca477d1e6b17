"""The beneficiary scope: inside the portal, every query sees only the signed-in person's rows.

It sits on top of the tenant scope and fails closed the same way. While it is
set (``session.info``), every ORM statement on a tenant-owned table is either
narrowed to the person (the tables in ``PERSONAL``: their record, their cases
and what hangs off those cases, their portal rows), or reads the association's
shared set-up (``SHARED``: the policy, settings, holidays), or is refused with
``BeneficiaryScopeViolation``. Writes are checked the same way before flush.
The tenant scope must name exactly the person's association.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass

from sqlalchemy import event, select
from sqlalchemy.orm import ORMExecuteState, Session, scoped_session, with_loader_criteria
from sqlalchemy.sql.util import find_tables

from wasl.db import WaslSession
from wasl.tenancy.mixins import TenantOwned
from wasl.tenancy.scope import current_scope, narrows_rows, set_scope, set_tenant
from wasl.tenancy.scoping import owned_table_names

SCOPE_KEY = "wasl.beneficiary_scope"
narrows_rows(SCOPE_KEY)

# The association's own set-up, the same for every beneficiary: readable, never written from the portal.
SHARED = frozenset({"policy_version", "case_settings", "holiday", "notification_settings",
                    "notification_provider_config", "notification_template", "feedback_settings"})
# Rows the portal may add for the person without reading them back: audit entries and outgoing messages
# (it reads back only the messages sent to the person).
APPEND_ONLY = frozenset({"audit_event", "notification"})


class BeneficiaryScopeViolation(RuntimeError):
    """A portal query or write reached rows that are not the signed-in person's."""


@dataclass(frozen=True)
class BeneficiaryScope:
    tenant_id: int
    beneficiary_id: int


def _real(session) -> Session:
    return session() if isinstance(session, scoped_session) else session


def current(session) -> BeneficiaryScope | None:
    return _real(session).info.get(SCOPE_KEY)


def enter(session, tenant_id: int, beneficiary_id: int) -> None:
    """From now on this session sees the association ``tenant_id`` and, in it, only this beneficiary."""
    set_tenant(session, tenant_id)
    _real(session).info[SCOPE_KEY] = BeneficiaryScope(tenant_id, beneficiary_id)


def leave(session) -> None:
    _real(session).info.pop(SCOPE_KEY, None)


@contextmanager
def beneficiary_scope(session, tenant_id: int, beneficiary_id: int):
    """Run a block as the portal does for this person, restoring both scopes afterwards."""
    previous_tenants, previous = current_scope(session), current(session)
    enter(session, tenant_id, beneficiary_id)
    try:
        yield
    finally:
        info = _real(session).info
        if previous is None:
            info.pop(SCOPE_KEY, None)
        else:
            info[SCOPE_KEY] = previous
        set_scope(session, previous_tenants)


# --- what "the person's rows" means, table by table -------------------------------------------------------


def _cases_of(scope: BeneficiaryScope):
    from wasl.cases.models import Case

    return select(Case.id).where(Case.tenant_id == scope.tenant_id, Case.beneficiary_id == scope.beneficiary_id)


def _by_beneficiary(model_path: str) -> Callable:
    def criterion(scope: BeneficiaryScope):
        model = _model(model_path)
        return model, model.beneficiary_id == scope.beneficiary_id
    return criterion


def _by_case(model_path: str) -> Callable:
    def criterion(scope: BeneficiaryScope):
        model = _model(model_path)
        return model, model.case_id.in_(_cases_of(scope))
    return criterion


def _the_person(scope: BeneficiaryScope):
    from wasl.beneficiaries.models import Beneficiary

    return Beneficiary, Beneficiary.id == scope.beneficiary_id


def _their_messages(scope: BeneficiaryScope):
    from wasl.notifications.models import Notification

    return Notification, (Notification.recipient_kind == "beneficiary") & (
        Notification.recipient_ref_id == scope.beneficiary_id)


def _model(path: str):
    import importlib

    module, _, name = path.partition(":")
    return getattr(importlib.import_module(module), name)


PERSONAL: dict[str, Callable] = {
    "beneficiary": _the_person,
    "beneficiary_consent": _by_beneficiary("wasl.beneficiaries.models:Consent"),
    "beneficiary_correction": _by_beneficiary("wasl.beneficiaries.models:Correction"),
    "service_case": _by_beneficiary("wasl.cases.models:Case"),
    "portal_sign_in_code": _by_beneficiary("wasl.portal.models:PortalSignInCode"),
    "portal_session": _by_beneficiary("wasl.portal.models:PortalSession"),
    "case_event": _by_case("wasl.cases.models:CaseEvent"),
    "case_decision": _by_case("wasl.cases.models:Decision"),
    "service_delivery": _by_case("wasl.cases.models:ServiceDelivery"),
    "case_pledge": _by_case("wasl.cases.models:Pledge"),
    "case_referral": _by_case("wasl.cases.models:Referral"),
    "eligibility_check": _by_case("wasl.cases.models:EligibilityCheck"),
    "criterion_evaluation": _by_case("wasl.cases.models:CriterionEvaluation"),
    "committee_vote": _by_case("wasl.cases.models:CommitteeVote"),
    "document": _by_case("wasl.documents.models:Document"),
    "feedback_item": _by_beneficiary("wasl.feedback.models:Feedback"),
    "notification": _their_messages,  # what was sent to the person, for their copy of their own data
}


# --- enforcement -------------------------------------------------------------------------------------------


def _tables(state: ORMExecuteState) -> set[str]:
    names = {m.local_table.name for m in state.all_mappers if issubclass(m.class_, TenantOwned)}
    owned = owned_table_names()
    names |= {getattr(t, "name", None) for t in find_tables(state.statement, include_aliases=True)} & owned
    return names


def _check_tenant(session, scope: BeneficiaryScope) -> None:
    tenants = current_scope(session)
    if tenants is None or tenants.all_tenants or tenants.tenant_ids != frozenset({scope.tenant_id}):
        raise BeneficiaryScopeViolation("inside the portal the tenant scope must be the person's association only")


def _narrow(state: ORMExecuteState) -> None:
    scope = current(state.session)
    if scope is None or state.is_column_load or not (state.is_select or state.is_update or state.is_delete):
        return
    tables = _tables(state)
    if not tables:
        return
    _check_tenant(state.session, scope)
    refused = tables - PERSONAL.keys() - SHARED
    if refused or (tables & SHARED and not state.is_select):
        raise BeneficiaryScopeViolation(
            f"the portal may not reach {', '.join(sorted(refused or tables & SHARED))}: not the person's rows")
    options = []
    for table in sorted(tables & PERSONAL.keys()):
        model, criterion = PERSONAL[table](scope)
        options.append(with_loader_criteria(model, criterion, include_aliases=True))
    state.statement = state.statement.options(*options)


def _check_writes(session: Session, flush_context, instances) -> None:
    scope = current(session)
    if scope is None:
        return
    for obj in (*session.new, *session.dirty, *session.deleted):
        if not isinstance(obj, TenantOwned):
            continue
        _check_tenant(session, scope)
        table = type(obj).__table__.name
        if table in APPEND_ONLY and obj in session.new:
            continue
        if not _is_theirs(session, scope, table, obj):
            raise BeneficiaryScopeViolation(f"the portal may not write {table} rows that are not the person's")


def _is_theirs(session: Session, scope: BeneficiaryScope, table: str, obj) -> bool:
    if table == "beneficiary":
        return obj.id == scope.beneficiary_id and obj not in session.new
    if table not in PERSONAL:
        return False
    if table == "notification":
        return obj.recipient_kind == "beneficiary" and obj.recipient_ref_id == scope.beneficiary_id
    if hasattr(obj, "beneficiary_id"):
        return obj.beneficiary_id == scope.beneficiary_id
    case_id = _model("wasl.cases.models:Case").id
    with session.no_autoflush:
        return session.scalar(_cases_of(scope).where(case_id == obj.case_id)) is not None


def install(session_class=WaslSession) -> None:
    """Attach the listeners once (after the tenant scope's, so both apply)."""
    if event.contains(session_class, "do_orm_execute", _narrow):
        return
    event.listen(session_class, "do_orm_execute", _narrow)
    event.listen(session_class, "before_flush", _check_writes)
