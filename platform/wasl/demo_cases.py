"""Demo cases: six months of service requests per association, written as the case services write them.

Driving every case through ``perform_transition`` would take minutes and
stamp every row with today's time, so the histories (``demo_stories``) are
written in bulk instead: the same cases, referrals, pledges, checks, votes,
decisions, deliveries, timeline entries and audit events, back-dated to when
each thing happened. Seeded per association, so every build is the same; an
association that already has cases is left as it is.
"""

from __future__ import annotations

import hashlib
import io
import random
from dataclasses import dataclass

from sqlalchemy import insert, select, update

from wasl.accounts.models import Membership, Role
from wasl.audit.models import AuditEvent
from wasl.beneficiaries.services import FILE_NUMBER_SEQUENCE, attested_digest
from wasl.cases import clock
from wasl.cases.catalogue import catalogue_of
from wasl.cases.models import Case, CaseEvent, CaseStatus, Decision, Pledge, Referral, ServiceDelivery
from wasl.cases.numbering import DIGITS
from wasl.cases.tenant_settings import number_prefix, quorum
from wasl.db import db, utcnow
from wasl.demo_committee import committee_rows
from wasl.demo_people import demo_beneficiary
from wasl.demo_stories import new_story, opening_moments, walk
from wasl.i18n.dates import local_date
from wasl.policy.services import published_version
from wasl.tenancy.scope import tenant_scope
from wasl.tenancy.sequences import TenantSequence, next_number

CASE_COUNTS = {"wefaq": 320, "hope": 140, "shaair": 110, "quwayiyah": 90, "modeem": 80}
DEFAULT_COUNT = 60
RETURNING_SHARE = 0.12  # requests from someone who already asked before
QUESTIONS = ("هل تنطبق شروط الدعم على أسرة يعولها الابن الأكبر؟", "هل يلزم تقرير طبي حديث للحالة؟",
             "الأسرة مسجلة في جمعية أخرى، هل يمنع ذلك الاستفادة؟")
ANSWERS = ("نعم، تنطبق الشروط بعد التحقق من الدخل.", "يكفي تقرير خلال ستة أشهر.",
           "لا يمنع، بشرط عدم ازدواج الخدمة نفسها.")


@dataclass
class Staff:
    """The association's demo members by role key, with whoever may stand in for a missing role."""

    by_role: dict
    voters: list
    fallback: int

    def who(self, role: str | None) -> int:
        return self.by_role.get(role, self.fallback)


def seed_demo_cases(tenant, count: int | None = None) -> int:
    """Fill ``tenant`` with its demo cases (none if it already has cases); returns how many were added."""
    with tenant_scope(db.session, tenant.id):
        if db.session.scalar(select(Case.id).limit(1)) is not None:
            return 0
        version = published_version(tenant)
        if version is None:
            return 0
        builder = _Builder(tenant, version, _staff(tenant))
        stories = builder.stories(count if count is not None else CASE_COUNTS.get(tenant.slug, DEFAULT_COUNT))
        builder.write(stories)
        return len(stories)


def _staff(tenant) -> Staff:
    rows = db.session.execute(select(Membership.user_id, Role.key, Role.permissions).join(
        Role, (Role.id == Membership.role_id) & (Role.tenant_id == Membership.tenant_id)).where(
        Membership.tenant_id == tenant.id, Membership.active.is_(True)).order_by(Membership.id)).all()
    by_role = {}
    for user_id, key, _permissions in rows:
        by_role.setdefault(key, user_id)
    voters = [user_id for user_id, _key, permissions in rows if "cases.vote" in (permissions or [])]
    fallback = by_role.get("admin") or (rows[0][0] if rows else None)
    return Staff(by_role, voters or ([fallback] if fallback else []), fallback)


class _Builder:
    """Writes one association's stories: people, cases, the rows behind each step, then the timeline."""

    def __init__(self, tenant, version, staff: Staff):
        self.tenant, self.version, self.staff = tenant, version, staff
        self.catalogue = catalogue_of(version)
        self.rng = random.Random(f"wasl-demo-{tenant.slug}")
        self.now = utcnow()
        self.events, self.audits = [], []
        self.signature = _signature_png()
        self.prefix, self.quorum = number_prefix(tenant), quorum(tenant.id)

    def stories(self, count: int) -> list:
        steps, channels = self.catalogue.step_types, self.catalogue.enabled_channels
        stories = [walk(self.rng, new_story(self.rng, moment, channels), steps, self.now)
                   for moment in opening_moments(self.rng, count, self.now)]
        people = 0
        for story in stories:
            returning = people and self.rng.random() < RETURNING_SHARE
            story.person = self.rng.randrange(people) if returning else people
            people += 0 if returning else 1
        return stories

    def write(self, stories: list) -> None:
        people = self._people(stories)
        numbers = self._case_numbers(stories)
        cases = [self._case(story, people[story.person], number) for story, number in zip(stories, numbers,
                                                                                            strict=True)]
        db.session.add_all(cases)
        db.session.flush()
        for story, case in zip(stories, cases, strict=True):
            self._history(story, case, people[story.person])
        db.session.flush()  # the referrals, pledges, checks, decisions and deliveries get their ids
        db.session.execute(insert(CaseEvent), [_with_ids(row) for row in self.events])
        db.session.execute(insert(AuditEvent), [_with_ids(row) for row in self.audits])

    def _case_numbers(self, stories: list) -> list[str]:
        """Each year's numbers in order of opening, taken from the year's counter in one block."""
        years = [local_date(story.opened_at).year for story in stories]
        following = {year: reserve(self.tenant.id, f"case-{year}", years.count(year)) for year in set(years)}
        numbers = []
        for year in years:
            numbers.append(f"{self.prefix}-{year}-{following[year]:0{DIGITS}d}")
            following[year] += 1
        return numbers

    # --- people and cases ---------------------------------------------------------------------------

    def _people(self, stories: list) -> list:
        first_seen = {}
        for story in stories:
            first_seen.setdefault(story.person, story)
        people = [demo_beneficiary(self.rng, self.tenant, self.tenant.id * 100_000 + index, story.opened_at,
                                   self.staff.who("relations_officer"), self.rng.randint(1950, 2004))
                  for index, story in sorted(first_seen.items())]
        first_time, seen = [], set()  # a returning person keeps the file number of their first registration
        for moment, index in sorted((s.left["registration"], s.person) for s in stories if "registration" in s.left):
            if index not in seen:
                seen.add(index)
                first_time.append((moment, index))
        file_number = reserve(self.tenant.id, FILE_NUMBER_SEQUENCE, len(first_time)) if first_time else 0
        for moment, index in first_time:
            people[index].file_number, people[index].registered_at = file_number, moment
            file_number += 1
        db.session.add_all(people)
        db.session.flush()
        for person in people:
            self._audit("beneficiary.created", "Beneficiary", person.id, person.created_at, person.created_by_id,
                        fields=["city", "full_name_ar", "full_name_en", "gender", "mobile", "national_id"])
            if person.registered_at is not None:
                self._audit("beneficiary.registered", "Beneficiary", person.id, person.registered_at,
                            self.staff.who("relations_officer"), file_number=person.file_number)
        return people

    def _case(self, story, person, number: str) -> Case:
        received_on = local_date(story.opened_at)
        step = self.catalogue.step(story.step)
        waiting = None
        if story.status == CaseStatus.OPEN:
            waiting = step.responsible_role
        elif story.status == CaseStatus.REFERRED:
            waiting = step.target_role
        case = Case(tenant_id=self.tenant.id, number=number,
                    beneficiary_id=person.id, policy_version_id=self.version.id,
                    service_key=self.rng.choice(list(self.catalogue.services)), channel=story.channel,
                    step=story.step, status=story.status, waiting_role=waiting, priority=story.priority,
                    assignee_id=self.staff.who("relations_officer") if self.rng.random() < 0.7 else None,
                    opened_by_id=self.staff.who("relations_officer"), received_on=received_on,
                    created_at=story.opened_at, updated_at=story.ended_at or story.last_at)
        submitted = story.entered.get("committee_review")
        if submitted is not None:
            case.committee_submitted_at = submitted
            case.decision_due_on = clock.decision_due_on(local_date(submitted), self.catalogue.decision_window)
        case.decided_at = story.left.get("committee_review")
        case.closed_at = story.ended_at
        return case

    # --- the rows behind each step, and the timeline ------------------------------------------------

    def _history(self, story, case: Case, person) -> None:
        officer = self.staff.who("relations_officer")
        self._log(case, story.opened_at, "opened", officer, step=self.catalogue.first_step.type,
                  service=case.service_key, channel=case.channel, policy_version=self.version.number)
        for step in self.catalogue.step_types:
            if step not in story.entered:
                break
            getattr(self, f"_step_{step}", self._step_plain)(story, case, person, step)
        if story.withdrawn_at is not None:
            self._log(case, story.withdrawn_at, "withdrawn", officer, action="withdraw", step=story.step,
                      reason=story.withdraw_reason)

    def _advance(self, story, case: Case, step: str, kind: str, action: str, actor: int, **details) -> bool:
        """Log the step's last action if the story left the step; whether it did."""
        left = story.left.get(step)
        if left is None:
            return False
        following = self.catalogue.next_step(step)
        if story.rejected and step == "committee_review":
            following = None
        to_step = following.type if following else ("closed" if story.status == CaseStatus.CLOSED else None)
        self._log(case, left, kind, actor, action=action, step=step, to_step=to_step, **details)
        if to_step == "closed":
            self._log(case, left, "closed", actor, step=step)
        return True

    def _step_plain(self, story, case, person, step) -> None:
        self._advance(story, case, step, f"{step}_completed", "proceed", self.staff.who("relations_officer"))

    def _step_reception(self, story, case, person, step) -> None:
        self._advance(story, case, step, "reception_completed", "complete_reception",
                      self.staff.who("relations_officer"), enquiries=[])

    def _step_completeness_check(self, story, case, person, step) -> None:
        self._advance(story, case, step, "documents_confirmed", "confirm_complete",
                      self.staff.who("relations_officer"), documents=[])

    def _step_referral(self, story, case, person, step) -> None:
        officer, spec = self.staff.who("relations_officer"), self.catalogue.step(step)
        if story.referral is not None:
            asked, answered = story.referral
            which = self.rng.randrange(len(QUESTIONS))
            referral = Referral(tenant_id=case.tenant_id, case_id=case.id, target_role=spec.target_role,
                                question=QUESTIONS[which], referred_by_id=officer, referred_at=asked)
            referee = self.staff.who(spec.target_role)
            if answered is not None:
                referral.answer, referral.answered_by_id, referral.answered_at = ANSWERS[which], referee, answered
            db.session.add(referral)
            self._log(case, asked, "referred", officer, action="refer", step=step, referral_id=referral,
                      target_role=spec.target_role, question=referral.question)
            if answered is not None:
                self._log(case, answered, "referral_answered", referee, action="answer_referral", step=step,
                          referral_id=referral, answer=referral.answer)
        self._advance(story, case, step, "referral_step_completed", "proceed", officer)

    def _step_pledge(self, story, case, person, step) -> None:
        officer, entered = self.staff.who("relations_officer"), story.entered[step]
        self._log(case, entered, "pledge_requested", officer, step=step)
        left = story.left.get(step)
        if left is None and (story.status != CaseStatus.OPEN or self.rng.random() < 0.5):
            return
        signed_at = entered + ((left or self.now) - entered) * 0.6
        spec = self.catalogue.step(step)
        pledge = Pledge(tenant_id=case.tenant_id, case_id=case.id, declaration=dict(spec.declaration or {}),
                        signed_name=person.full_name_ar, signature_png=self.signature,
                        signature_sha256=hashlib.sha256(self.signature).hexdigest(),
                        attested_hash=attested_digest(person), taken_by_id=officer, signed_at=signed_at)
        db.session.add(pledge)
        self._log(case, signed_at, "pledge_signed", officer, action="sign_pledge", step=step, pledge_id=pledge,
                  signed_name=pledge.signed_name, attested_hash=pledge.attested_hash,
                  signature_sha256=pledge.signature_sha256)
        self._advance(story, case, step, "pledge_step_completed", "submit", officer)

    def _step_committee_review(self, story, case, person, step) -> None:
        spec, entered = self.catalogue.step(step), story.entered[step]
        self._log(case, entered, "submitted", self.staff.who("relations_officer"), step=step,
                  decision_due_on=case.decision_due_on.isoformat(), decision_body=dict(spec.decision_body or {}))
        decided = story.left.get(step)
        service = self.catalogue.service(case.service_key)
        outcome = "rejected" if story.rejected else "accepted"
        for moment, kind, actor, details in committee_rows(self, case, service, entered, decided, outcome):
            self._log(case, moment, kind, actor, action=details.pop("action"), step=step, **details)
        if decided is None:
            return
        voters = self.staff.voters
        decision = Decision(tenant_id=case.tenant_id, case_id=case.id, outcome=outcome,
                            reasons=_reasons(outcome), votes_for=len(voters) if outcome == "accepted" else 0,
                            votes_against=0 if outcome == "accepted" else len(voters), quorum=self.quorum,
                            decided_by_id=self.staff.who(spec.responsible_role), decided_at=decided)
        db.session.add(decision)
        self._advance(story, case, step, "decided", "decide", decision.decided_by_id, decision_id=decision,
                      outcome=outcome, reasons=decision.reasons, votes_for=decision.votes_for,
                      votes_against=decision.votes_against)

    def _step_registration(self, story, case, person, step) -> None:
        self._advance(story, case, step, "registered", "register", self.staff.who("relations_officer"),
                      file_number=person.file_number)

    def _step_service_delivery(self, story, case, person, step) -> None:
        officer = self.staff.who("relations_officer")
        for moment, description, amount in story.deliveries:
            delivery = ServiceDelivery(tenant_id=case.tenant_id, case_id=case.id, delivered_on=local_date(moment),
                                       description=description, quantity=1, amount=amount, delivered_by_id=officer,
                                       recorded_at=moment)
            db.session.add(delivery)
            self._log(case, moment, "service_delivered", officer, action="record_delivery", step=step,
                      delivery_id=delivery, delivered_on=delivery.delivered_on.isoformat(),
                      description=description, quantity="1.00", amount=str(amount), delivered_by_id=officer)
        self._advance(story, case, step, "delivery_completed", "close", officer)

    # --- writing the timeline -----------------------------------------------------------------------

    def _log(self, case: Case, moment, kind: str, actor: int | None, *, action: str | None = None,
             step: str | None = None, to_step: str | None = None, **details) -> None:
        """A timeline entry and its audit event, as ``cases.timeline.log`` writes them."""
        self.events.append({"tenant_id": case.tenant_id, "case_id": case.id, "kind": kind, "action": action,
                            "step": step or case.step, "to_step": to_step, "review_round": case.review_round,
                            "actor_id": actor, "details": details, "created_at": moment})
        self._audit(f"case.{kind}", "Case", case.id, moment, actor, number=case.number,
                    **({"case_action": action} if action else {}), **details)

    def _audit(self, action: str, object_type: str, object_id: int, moment, actor: int | None, **details) -> None:
        self.audits.append({"tenant_id": self.tenant.id, "action": action, "object_type": object_type,
                            "object_id": str(object_id), "actor_user_id": actor, "details": details,
                            "created_at": moment})


def reserve(tenant_id: int, name: str, count: int) -> int:
    """The first of ``count`` consecutive numbers of counter ``name``, as ``count`` calls of ``next_number``."""
    first = next_number(tenant_id, name)
    if count > 1:
        db.session.execute(update(TenantSequence).where(TenantSequence.name == name)
                           .values(value=TenantSequence.value + count - 1))
    return first


def _with_ids(row: dict) -> dict:
    """A timeline or audit row whose details name rows written with it: each by its id, known after the flush."""
    details = {key: value.id if isinstance(value, db.Model) else value for key, value in row["details"].items()}
    return {**row, "details": details}


def _reasons(outcome: str) -> str:
    if outcome == "accepted":
        return "الحالة مستوفية لشروط الاستحقاق بعد الدراسة والتحقق من المستندات."
    return "الدخل الشهري للأسرة يتجاوز الحد المعتمد في سياسة الدعم."


def _signature_png() -> bytes:
    """One drawn signature, the same for every demo pledge."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (240, 90), (255, 255, 255, 0))
    ImageDraw.Draw(image).line([(12, 70), (80, 20), (140, 60), (228, 18)], fill=(20, 20, 60, 255), width=4)
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()
