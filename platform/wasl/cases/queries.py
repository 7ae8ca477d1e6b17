"""Finding cases: the filtered list of one association and a person's inbox across their associations.

Both are one count and one page query whatever the page size: what a row
shows (beneficiary, assignee, association) is loaded with the page.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from sqlalchemy import Select, and_, false, func, or_, select
from sqlalchemy.orm import joinedload
from sqlalchemy.orm.attributes import set_committed_value

from wasl.api.pagination import Page
from wasl.beneficiaries.crypto import mobile_index, national_id_index
from wasl.beneficiaries.identity import (
    IdentityError,
    ascii_digits,
    looks_like_mobile,
    looks_like_national_id,
    normalise_mobile,
)
from wasl.beneficiaries.models import Beneficiary
from wasl.beneficiaries.names import search_words
from wasl.cases.models import ACTIVE_STATUSES, Case, CaseStatus, EligibilityCheck
from wasl.db import db
from wasl.i18n.dates import RIYADH


def row_options():
    return (joinedload(Case.beneficiary), joinedload(Case.assignee))


def paged(stmt: Select, page: int, per_page: int, count_beyond: int | None = None) -> Page:
    """One page of ``stmt`` and how many rows it has in all; with ``count_beyond``, counting stops that many
    rows past the page's start (the total is then a lower bound, ``total_is_exact`` false), so a page of an
    association with a hundred thousand requests costs what a page of a small one does, and the count
    comes with the rows, in the same statement."""
    start = (page - 1) * per_page
    rows_of_page = stmt.options(*row_options()).limit(per_page).offset(start)
    if count_beyond is None:
        total, exact = db.session.scalar(stmt.with_only_columns(func.count(Case.id)).order_by(None)) or 0, True
        items = list(db.session.scalars(rows_of_page).unique())
    else:
        limit = start + count_beyond
        counted = _counted_up_to(stmt, limit)
        rows = db.session.execute(rows_of_page.add_columns(counted.scalar_subquery())).unique().all()
        items = [case for case, _count in rows]
        found = rows[0][1] if rows else (db.session.scalar(select(counted.scalar_subquery())) if start else 0)
        total, exact = (limit, False) if found > limit else (found, True)
    attach_policy_versions(items)
    _attach_tenants(items)
    return Page(items, page, per_page, total, total_is_exact=exact)


def _counted_up_to(stmt: Select, limit: int) -> Select:
    """How many rows ``stmt`` has, counting no further than one past ``limit`` (the tenant criteria reach the
    entity inside, as they reach it anywhere in a statement)."""
    return select(func.count()).select_from(stmt.with_only_columns(Case.id).order_by(None).limit(limit + 1)
                                            .subquery())


def attach_policy_versions(cases: list[Case]) -> None:
    """Each row's policy version (for its service's name), once per distinct version since its content is
    large."""
    from wasl.policy.models import PolicyVersion

    _attach_from_session(cases, "policy_version", PolicyVersion)


def _attach_tenants(cases: list[Case]) -> None:
    """Each row's association: the request has read it already (the one in the address, or the person's own
    associations for the inbox), so joining it to every row would only decode its columns again."""
    from wasl.tenancy.models import Tenant

    _attach_from_session(cases, "tenant", Tenant)


def _attach_from_session(cases: list[Case], relation: str, model) -> None:
    """Set ``case.<relation>`` from the session when it holds that row already; the others in one statement."""
    foreign_key = f"{relation}_id"
    wanted = {getattr(case, foreign_key) for case in cases}
    held = {key[1][0]: row for key, row in db.session.identity_map.items()
            if isinstance(row, model) and key[1][0] in wanted}
    missing = sorted(wanted - set(held))
    if missing:
        held.update((row.id, row) for row in db.session.scalars(select(model).where(model.id.in_(missing))))
    for case in cases:
        if getattr(case, foreign_key) in held:
            set_committed_value(case, relation, held[getattr(case, foreign_key)])


def overdue_condition(today: date):
    return and_(Case.status.in_(ACTIVE_STATUSES), Case.decided_at.is_(None), Case.decision_due_on < today)


def _day_start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=RIYADH)


def filtered(filters: dict, tenant_id: int, today: date) -> Select:
    """The association's cases matching ``filters``, newest first."""
    stmt = select(Case).order_by(Case.created_at.desc(), Case.id.desc())
    for key, column in (("step", Case.step), ("status", Case.status), ("service", Case.service_key),
                        ("channel", Case.channel), ("priority", Case.priority)):
        if filters.get(key):
            stmt = stmt.where(column == filters[key])
    if filters.get("assignee_id"):
        stmt = stmt.where(Case.assignee_id == filters["assignee_id"])
    if filters.get("overdue") is True:
        stmt = stmt.where(overdue_condition(today))
    if filters.get("opened_from"):
        stmt = stmt.where(Case.created_at >= _day_start(filters["opened_from"]))
    if filters.get("opened_to"):
        stmt = stmt.where(Case.created_at < _day_start(filters["opened_to"] + timedelta(days=1)))
    if filters.get("q"):
        stmt = stmt.where(search_condition(filters["q"], tenant_id))
    return stmt


_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "0123456789" * 2)


def search_condition(query: str, tenant_id: int):
    """A case number (or part of one), a beneficiary's national ID or mobile (exact), or words of their name."""
    query = query.strip()
    digits = ascii_digits(query)
    if "-" in query and any(ch.isdigit() for ch in digits):
        return Case.number.contains(query.translate(_DIGITS).upper(), autoescape=True)
    beneficiaries = select(Beneficiary.id).where(Beneficiary.tenant_id == tenant_id)
    if looks_like_national_id(query):
        return Case.beneficiary_id.in_(beneficiaries.where(
            Beneficiary.national_id_index == national_id_index(digits, tenant_id)))
    if looks_like_mobile(query):
        try:
            index = mobile_index(normalise_mobile(query), tenant_id)
        except IdentityError:
            return false()
        return Case.beneficiary_id.in_(beneficiaries.where(Beneficiary.mobile_index == index))
    words = search_words(query)
    if not words:
        return false()
    for word in words:
        beneficiaries = beneficiaries.where(Beneficiary.name_search.contains(word, autoescape=True))
    return Case.beneficiary_id.in_(beneficiaries)


def inbox_statement(user_id: int, roles_by_tenant: dict[int, set[str]]) -> Select:
    """Active cases assigned to the person, waiting for a role they qualify for, or with a check of theirs."""
    if not roles_by_tenant:
        return select(Case).where(false())
    waiting = [and_(Case.tenant_id == tenant_id, Case.waiting_role.in_(sorted(roles)),
                    or_(Case.assignee_id.is_(None), Case.status == CaseStatus.REFERRED))
               for tenant_id, roles in roles_by_tenant.items() if roles]
    checks = select(EligibilityCheck.case_id).where(EligibilityCheck.assignee_id == user_id,
                                                    EligibilityCheck.completed_at.is_(None))
    mine = or_(Case.assignee_id == user_id, Case.id.in_(checks), *waiting)
    return (select(Case).where(Case.tenant_id.in_(sorted(roles_by_tenant)), Case.status.in_(ACTIVE_STATUSES), mine)
            .order_by(Case.decision_due_on.is_(None), Case.decision_due_on, Case.created_at.desc(), Case.id.desc()))
