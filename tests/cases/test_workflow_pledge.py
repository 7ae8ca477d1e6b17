"""The pledge: a typed name and a drawn PNG signature, bound to the beneficiary's attested data."""

from __future__ import annotations

import base64

import pytest
from marshmallow import ValidationError
from sqlalchemy import func, select

from tests.cases.support import act, advance_to, national_id, open_case, scope, signature, vote_all
from wasl.beneficiaries.services import update_beneficiary
from wasl.cases.errors import TransitionNotAllowed
from wasl.cases.models import CaseEvent, Pledge
from wasl.cases.services import available_actions
from wasl.db import db

NEW_ID = national_id(987654)


def pledges() -> int:
    return db.session.scalar(select(func.count(Pledge.id)))


def at_pledge(association):
    case = open_case(association)
    advance_to(association, case, "pledge")
    return case


def sign(association, case, **payload):
    act(association, case, "sign_pledge", {"signed_name": "فاطمة علي الزهراني", "signature": signature(), **payload})


def change(association, case, **fields):
    with scope(association.tenant):
        update_beneficiary(case.beneficiary, fields, association.users["relations_officer"])


def test_the_pledge_is_requested_with_the_policys_declaration(shaair, emitted):
    case = at_pledge(shaair)
    requested = [p for name, p in emitted if name == "case.pledge_requested"]
    assert len(requested) == 1 and requested[0]["case_id"] == case.id
    assert requested[0]["declaration"]["ar"].startswith("أتعهد بصحة البيانات")  # Shaair's own wording
    with pytest.raises(TransitionNotAllowed) as unsigned:
        act(shaair, case, "submit")
    assert unsigned.value.status == 409
    sign(shaair, case)
    with scope(shaair.tenant):
        pledge = db.session.scalars(select(Pledge)).one()
    assert pledge.declaration["en"].startswith("I undertake") and pledge.signature_png.startswith(b"\x89PNG")
    act(shaair, case, "submit")
    assert case.step == "committee_review"


@pytest.mark.parametrize("field,value", [("national_id", NEW_ID), ("mobile", "0559876543")])
def test_a_changed_attested_field_voids_the_pledge_until_signed_again(wefaq, field, value):
    case = at_pledge(wefaq)
    sign(wefaq, case)
    change(wefaq, case, **{field: value})
    with scope(wefaq.tenant):
        kinds = [e.kind for e in db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id))]
        assert "pledge_voided" in kinds
        assert db.session.scalars(select(Pledge)).one().voided_at is not None
    with pytest.raises(TransitionNotAllowed) as blocked:
        act(wefaq, case, "submit")
    assert blocked.value.status == 409 and case.step == "pledge"
    sign(wefaq, case)
    act(wefaq, case, "submit")
    assert case.step == "committee_review"


def test_a_change_after_submission_blocks_the_decision_until_the_pledge_is_signed_again(wefaq):
    case = at_pledge(wefaq)
    sign(wefaq, case)
    act(wefaq, case, "submit")
    vote_all(wefaq, case)
    with scope(wefaq.tenant):
        officer = {a.name for a in available_actions(case, wefaq.membership("relations_officer"))}
    assert "sign_pledge" not in officer  # the pledge holds: nothing to sign at the committee
    change(wefaq, case, mobile="0559876543")
    with pytest.raises(TransitionNotAllowed):
        act(wefaq, case, "decide", {"outcome": "accepted", "reasons": "مستحق"}, role="committee_member")
    with scope(wefaq.tenant):
        decide = {a.name: a for a in available_actions(case, wefaq.membership("committee_member"))}["decide"]
        assert decide.blocked
    sign(wefaq, case)  # signed again at the committee step
    act(wefaq, case, "decide", {"outcome": "accepted", "reasons": "مستحق"}, role="committee_member")
    assert case.step == "registration"


def test_a_change_of_data_the_pledge_does_not_attest_keeps_it(wefaq):
    case = at_pledge(wefaq)
    sign(wefaq, case)
    change(wefaq, case, preferred_language="en")
    act(wefaq, case, "submit")
    assert case.step == "committee_review"


def _data_url(raw: bytes, kind: str = "png") -> str:
    return f"data:image/{kind};base64," + base64.b64encode(raw).decode()


@pytest.mark.parametrize("bad", [
    "not a data url",
    "data:image/png;base64,@@@@",
    _data_url(b"#!/bin/sh\necho hi\n"),  # a script dressed as a PNG
    signature(fmt="JPEG"),  # a JPEG under a PNG label
    signature(blank=True),  # nothing drawn
    signature(size=(5, 5)),  # too small to be a signature
    _data_url(b"\x89PNG\r\n\x1a\n" + b"\0" * 300_000),  # oversized
])
def test_a_signature_must_be_a_real_bounded_drawn_png(wefaq, bad):
    case = at_pledge(wefaq)
    with scope(wefaq.tenant):
        before = pledges()
    with pytest.raises(ValidationError) as invalid:
        act(wefaq, case, "sign_pledge", {"signed_name": "فاطمة", "signature": bad})
    assert "signature" in invalid.value.messages
    with scope(wefaq.tenant):
        assert pledges() == before == 0


def test_the_typed_name_is_required(wefaq):
    case = at_pledge(wefaq)
    with pytest.raises(ValidationError) as invalid:
        act(wefaq, case, "sign_pledge", {"signature": signature()})
    assert "signed_name" in invalid.value.messages
