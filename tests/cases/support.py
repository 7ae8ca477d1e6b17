"""Building cases for tests through the same services the application uses."""

from __future__ import annotations

import base64
import io
from contextlib import contextmanager
from dataclasses import dataclass, field

from tests.support.files import PDF_BYTES, upload
from wasl.beneficiaries.identity import luhn_check_digit
from wasl.db import db
from wasl.tenancy.scope import tenant_scope

ROLE_KEYS = ("admin", "relations_officer", "social_researcher", "supervisor", "committee_member", "viewer")


def national_id(n: int, kind: str = "1") -> str:
    """A valid national ID (``1…``) or Iqama (``2…``) number with its Luhn check digit."""
    first_nine = f"{kind}{n:08d}"
    return first_nine + luhn_check_digit(first_nine)


# Staff record the person's consent to the processing of their data at intake (some policies require it).
CONSENT = {"purpose": "data_processing", "channel": "in_person"}


def person(n: int = 1, **overrides) -> dict:
    data = {"national_id": national_id(n), "full_name_ar": "فاطمة علي الزهراني", "full_name_en": "Fatimah Alzahrani",
            "mobile": f"055{n:07d}", "gender": "female", "city": "جدة", "consents": [CONSENT]}
    data.update(overrides)
    return data


def signature(size=(240, 90), blank: bool = False, fmt: str = "PNG") -> str:
    """A drawn signature as the browser's canvas sends it: a PNG data URL."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", size, (255, 255, 255, 0))
    if not blank:
        ImageDraw.Draw(image).line([(10, size[1] - 20), (size[0] // 2, 15), (size[0] - 10, size[1] - 25)],
                                   fill=(20, 20, 60, 255), width=4)
    out = io.BytesIO()
    image.convert("RGB" if fmt == "JPEG" else "RGBA").save(out, format=fmt)
    return "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()


@dataclass
class Association:
    tenant: object
    users: dict = field(default_factory=dict)
    tokens: dict = field(default_factory=dict)

    @property
    def slug(self) -> str:
        return self.tenant.slug

    def membership(self, role: str):
        from wasl.accounts.services import membership_in

        return membership_in(self.users[role], self.tenant)


_people = iter(range(1, 10**9))


def staff(factory, tenant, roles=ROLE_KEYS, tokens: bool = False) -> Association:
    """One member per role; without passwords (they use API tokens), which keeps hashing out of the tests."""
    from wasl.accounts.services import create_user

    association = Association(tenant)
    for role in roles:
        user = create_user(f"{role}.{tenant.slug}.{next(_people)}@cases.example", f"موظف {role}")
        association.users[role] = factory.member(tenant, role, user=user)
        if tokens:
            association.tokens[role] = factory.token(association.users[role])
    return association


@contextmanager
def scope(tenant):
    with tenant_scope(db.session, tenant.id):
        yield


def open_case(association: Association, role: str = "relations_officer", **data):
    from wasl.cases.services import open_case as open_

    data.setdefault("service", _first_service(association.tenant))
    data.setdefault("channel", "phone")
    if "beneficiary_id" not in data:
        data.setdefault("beneficiary", person(next(_people)))
    with scope(association.tenant):
        return open_(data, association.users[role])


def _first_service(tenant) -> str:
    from wasl.policy.services import published_version

    with scope(tenant):
        return published_version(tenant).content["services"][0]["key"]


def act(association: Association, case, action: str, payload: dict | None = None, role: str = "relations_officer"):
    from wasl.cases.services import perform_transition

    with scope(association.tenant):
        return perform_transition(case, action, payload or {}, association.users[role])


def attach_document(association: Association, case, expires_on, kind: str = "national_id"):
    from wasl.documents.services import store_upload

    with scope(association.tenant):
        return store_upload(upload(PDF_BYTES, "id.pdf"), kind=kind, expires_on=expires_on, case_id=case.id,
                            actor=association.users["relations_officer"])


def flow_of(association: Association, case):
    from wasl.cases.workflow import workflow_of

    with scope(association.tenant):
        return workflow_of(case)


def responsible(association: Association, case) -> str:
    return flow_of(association, case).step(case.step).responsible_role


def voters(association: Association) -> list[str]:
    from wasl.accounts.permissions import ROLE_TEMPLATES

    return [role for role in association.users if "cases.vote" in ROLE_TEMPLATES[role]["permissions"]]


def complete_checks(association: Association, case, reviewer: str = "supervisor") -> None:
    """Schedule and report every check of the current round, and evaluate every criterion as met."""
    from datetime import datetime, timedelta

    from wasl.cases.evidence import checks_of

    with scope(association.tenant):
        checks = [(c.id, c.mechanism) for c in checks_of(case)]
        criteria = len(flow_of(association, case).catalogue.criteria)
    when = (datetime.now().astimezone() + timedelta(days=1)).isoformat()
    for check_id, mechanism in checks:
        if mechanism == "administrative_review":
            act(association, case, "record_check", {"check_id": check_id, "outcome": "satisfied", "checklist": [
                {"item": "الهوية سارية", "ok": True}]}, role=reviewer)
            continue
        act(association, case, "schedule_check", {"check_id": check_id, "scheduled_at": when,
                                                  "assignee_id": association.users[reviewer].id,
                                                  "address": "حي العزيزية، مكة المكرمة"}, role=reviewer)
        act(association, case, "record_check", {"check_id": check_id, "outcome": "satisfied",
                                                "report": "تمت الزيارة والتحقق من الحالة."}, role=reviewer)
    for index in range(criteria):
        act(association, case, "evaluate_criterion", {"criterion_index": index, "met": True}, role=reviewer)


def vote_all(association: Association, case, vote: str = "accept") -> None:
    for role in voters(association):
        act(association, case, "vote", {"vote": vote, "reasons": "الحالة مستوفية للشروط"}, role=role)


def finish_step(association: Association, case, *, outcome: str = "accepted") -> None:
    """Complete the case's current step the shortest way its policy allows."""
    from datetime import date, timedelta

    role = responsible(association, case)
    step = case.step
    if step == "reception":
        act(association, case, "complete_reception", role=role)
    elif step == "completeness_check":
        attach_document(association, case, date.today() + timedelta(days=365))
        act(association, case, "confirm_complete", {"checklist": ["national_id"]}, role=role)
    elif step == "referral":
        act(association, case, "proceed", role=role)
    elif step == "pledge":
        act(association, case, "sign_pledge", {"signed_name": "فاطمة علي", "signature": signature()}, role=role)
        act(association, case, "submit", role=role)
    elif step == "committee_review":
        complete_checks(association, case)
        vote_all(association, case, "accept" if outcome == "accepted" else "reject")
        act(association, case, "decide", {"outcome": outcome, "reasons": "قرار اللجنة بعد الدراسة"}, role=role)
    elif step == "registration":
        act(association, case, "register", role=role)
    elif step == "service_delivery":
        act(association, case, "record_delivery", {"description": "سلة غذائية", "quantity": "1"}, role=role)
        act(association, case, "close", role=role)


def advance_to(association: Association, case, step_type: str) -> None:
    while case.step != step_type:
        finish_step(association, case)
