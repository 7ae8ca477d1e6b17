"""Applying from home and answering staff, at the service layer, inside the person's beneficiary scope."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import func, select

from tests.cases.support import act, advance_to, scope, signature
from tests.portal.apply_support import application, count_rows, id_upload, in_portal, without_website
from tests.support.files import SCRIPT_BYTES, upload
from wasl.cases.attestation import pledge_state
from wasl.cases.errors import TransitionNotAllowed
from wasl.cases.models import Case, CaseEvent, Pledge
from wasl.db import db
from wasl.documents.models import Document
from wasl.portal import answers, applications
from wasl.portal.documents import AnswerInvalid, Upload


def test_applying_opens_a_website_case_at_the_first_step_with_its_document_and_pledge(wefaq, noura):
    with in_portal(wefaq, noura):
        case = applications.apply(application())
        assert case.channel == "website" and case.step == "reception" and case.opened_by_id is None
        [document] = db.session.scalars(select(Document).where(Document.case_id == case.id)).all()
        assert document.kind == "national_id" and document.uploaded_by_id is None
        assert pledge_state(case) == "valid"
        kinds = [e.kind for e in db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id))]
        assert kinds[:3] == ["opened", "document_uploaded", "pledge_signed"]
    db.session.commit()


def test_the_personal_data_is_validated_like_the_staff_intake(wefaq, noura):
    before = count_rows(wefaq)
    with in_portal(wefaq, noura), pytest.raises(AnswerInvalid) as refused:
        applications.apply(application(person={"full_name_ar": "", "gender": "robot",
                                               "full_name_en": "Noura"}))
    errors = refused.value.normalized_messages()
    assert "الاسم الكامل بالعربية" in errors["full_name_ar"][0]
    assert "gender" in errors and refused.value.status == 422
    db.session.rollback()
    assert count_rows(wefaq) == before


def test_a_script_renamed_pdf_is_refused_and_nothing_is_written(wefaq, noura):
    before = count_rows(wefaq)
    disguised = {"national_id": Upload(upload(SCRIPT_BYTES, "id.pdf", "file-national_id"), "1452/01/01")}
    with in_portal(wefaq, noura), pytest.raises(AnswerInvalid) as refused:
        applications.apply(application(documents=disguised))
    assert refused.value.status == 415 and "file-national_id" in refused.value.normalized_messages()
    db.session.rollback()
    assert count_rows(wefaq) == before


@pytest.mark.parametrize("typed", ["2020-01-01", "1440/01/01"])
def test_a_document_expired_on_the_submission_date_is_refused(wefaq, noura, typed):
    before = count_rows(wefaq)
    with in_portal(wefaq, noura), pytest.raises(AnswerInvalid) as refused:
        applications.apply(application(documents={"national_id": id_upload(typed)}))
    [message] = refused.value.normalized_messages()["expires-national_id"]
    assert "انتهت صلاحية المستند" in message or "expired" in message
    db.session.rollback()
    assert count_rows(wefaq) == before


def test_missing_fields_are_each_named(wefaq, noura):
    with in_portal(wefaq, noura), pytest.raises(AnswerInvalid) as refused:
        applications.apply(applications.Application(service="", person={}, documents={}, pledge={}))
    errors = refused.value.normalized_messages()
    assert {"service", "signed_name", "signature"} <= set(errors)
    db.session.rollback()


def test_a_policy_without_the_website_channel_refuses(wefaq, noura):
    without_website(wefaq)
    before = count_rows(wefaq)
    with in_portal(wefaq, noura), pytest.raises(TransitionNotAllowed) as refused:
        applications.apply(application())
    assert refused.value.status == 403 and "موقعها الإلكتروني" in refused.value.detail
    assert "المقابلة" in refused.value.detail
    db.session.rollback()
    assert count_rows(wefaq) == before


def test_consent_is_asked_where_the_policy_requires_it_and_recorded_once_given(wefaq, monkeypatch):
    from tests.portal.conftest import make_person
    from wasl.beneficiaries.models import Consent

    monkeypatch.setattr(applications, "consent_required", lambda tenant_id: True)
    who = make_person(wefaq, 7301, consents=[])
    with in_portal(wefaq, who):
        with pytest.raises(AnswerInvalid) as refused:
            applications.apply(application())
        assert "consent" in refused.value.normalized_messages()
        applications.apply(application(consent=True))
        [consent] = db.session.scalars(select(Consent)).all()
        assert (consent.purpose, consent.channel, consent.taken_by_id) == ("data_processing", "online", None)


def test_a_requested_document_is_answered_on_the_case(wefaq, noura):
    with scope(wefaq.tenant):
        case = db.session.get(Case, noura.case_id)
    advance_to(wefaq, case, "completeness_check") if case.step != "completeness_check" else None
    act(wefaq, case, "request_documents")
    with in_portal(wefaq, noura):
        assert [spec.key for spec in answers.documents_wanted(case)] == ["national_id"]
        with pytest.raises(AnswerInvalid):
            answers.answer_documents(case, {"national_id": id_upload("2019-05-05")})
        [document] = answers.answer_documents(case, {"national_id": id_upload()})
        assert document.case_id == case.id and answers.documents_wanted(case) == ()
        last = db.session.scalars(select(CaseEvent).where(CaseEvent.case_id == case.id)
                                  .order_by(CaseEvent.id.desc())).first()
        assert last.kind == "document_uploaded" and last.details["via"] == "portal"
        with pytest.raises(TransitionNotAllowed):
            answers.answer_documents(case, {"national_id": id_upload()})


def test_a_voided_pledge_is_signed_again_in_the_portal(wefaq, noura, emitted):
    from wasl.beneficiaries.services import update_beneficiary

    with scope(wefaq.tenant):
        case = db.session.get(Case, noura.case_id)
    advance_to(wefaq, case, "pledge")
    act(wefaq, case, "sign_pledge", {"signed_name": "نورة", "signature": signature()})
    with scope(wefaq.tenant):
        update_beneficiary(case.beneficiary, {"city": "الرياض"}, wefaq.users["relations_officer"])
        assert pledge_state(case) == "void"
    assert any(name == "case.pledge_requested" and facts.get("reason") == "attested_data_changed"
               for name, facts in emitted)
    with in_portal(wefaq, noura):
        assert answers.pledge_wanted(case)
        with pytest.raises(AnswerInvalid) as blank:
            answers.sign_again(case, {"signed_name": "نورة", "signature": signature(blank=True)})
        assert "signature" in blank.value.normalized_messages()
        answers.sign_again(case, {"signed_name": "نورة سعد", "signature": signature()})
        assert pledge_state(case) == "valid" and not answers.pledge_wanted(case)
        assert db.session.scalar(select(func.count(Pledge.id)).where(Pledge.case_id == case.id)) == 2


def test_a_pledge_signed_when_applying_is_not_asked_for_again(wefaq, noura, emitted):
    with in_portal(wefaq, noura):
        case = applications.apply(application())
    advance_to(wefaq, case, "pledge")
    assert not [facts for name, facts in emitted if name == "case.pledge_requested" and facts["case_id"] == case.id]
    act(wefaq, case, "submit")
    assert case.step == "committee_review"


def test_the_submission_date_is_today_for_an_application(wefaq, noura):
    with in_portal(wefaq, noura):
        case = applications.apply(application(documents={"national_id": id_upload(
            (date.today() + timedelta(days=1)).isoformat())}))
        assert case.received_on >= date.today() - timedelta(days=1)
