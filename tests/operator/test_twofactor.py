import re
import time

import pyotp
import pytest
from sqlalchemy import select

from tests.administration.helpers import enrol, in_english, post, sign_in_as
from wasl.db import db
from wasl.operator import twofactor
from wasl.operator.models import RecoveryCode, TotpCredential


def _operator(factory):
    operator = factory.user(operator=True)
    factory.commit()
    return operator


def test_the_console_needs_an_enrolled_and_passed_second_factor(client, factory):
    operator = _operator(factory)
    sign_in_as(client, operator)
    in_english(client)
    response = client.get("/operator/")
    assert response.status_code == 302 and "/two-factor/setup" in response.headers["Location"]
    page = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "data:image/svg+xml;base64," in page
    secret = re.search(r'id="totp-secret">([A-Z2-7]+)<', page).group(1)
    assert "otpauth://totp/" in page
    wrong = post(client, "/two-factor/setup?next=/operator/", {"code": "000000", "next": "/operator/"})
    assert wrong.status_code == 422 and "not the code" in wrong.get_data(as_text=True)
    right = post(client, "/two-factor/setup", {"code": pyotp.TOTP(secret).now(), "next": "/operator/"})
    assert right.status_code == 200  # shown once, in the response that made them
    codes = re.findall(r"<li>([a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4})</li>", right.get_data(as_text=True))
    assert len(codes) == 10
    with client.session_transaction() as cookie:  # signed, not encrypted: the codes never travel in it
        assert not any(code in str(value) for code in codes for value in cookie.values())
    assert client.get("/operator/").status_code == 200
    stored = db.session.scalars(select(RecoveryCode.code_hash).where(RecoveryCode.user_id == operator.id))
    assert not set(codes) & set(stored)
    credential = db.session.scalar(select(TotpCredential).where(TotpCredential.user_id == operator.id))
    assert secret not in credential.secret_encrypted


def test_a_wrong_or_replayed_code_is_refused_and_a_recovery_code_works_once(client, factory, app):
    operator = _operator(factory)
    totp, codes = enrol(operator)
    factory.commit()
    sign_in_as(client, operator)
    in_english(client)
    assert client.get("/operator/").headers["Location"].startswith("/two-factor/verify")
    wrong = post(client, "/two-factor/verify", {"code": "123456", "next": "/operator/"})
    assert wrong.status_code == 401 and "not accepted" in wrong.get_data(as_text=True)
    assert client.get("/operator/").status_code == 302
    code = totp.now()
    assert post(client, "/two-factor/verify", {"code": code, "next": "/operator/"}).status_code == 302
    assert client.get("/operator/").status_code == 200

    other = app.test_client()
    sign_in_as(other, operator)
    in_english(other)
    assert post(other, "/two-factor/verify", {"code": code, "next": "/operator/"}).status_code == 401
    assert post(other, "/two-factor/verify", {"code": codes[0].upper(), "next": "/"}).status_code == 302
    third = app.test_client()
    sign_in_as(third, operator)
    assert post(third, "/two-factor/verify", {"code": codes[0], "next": "/"}).status_code == 401


def test_signing_out_forgets_the_second_factor(client, factory):
    operator = _operator(factory)
    totp, _codes = enrol(operator)
    factory.commit()
    sign_in_as(client, operator)
    post(client, "/two-factor/verify", {"code": totp.at(time.time() + 30), "next": "/operator/"})
    assert client.get("/operator/").status_code == 200
    post(client, "/logout", form_page="/operator/")
    sign_in_as(client, operator)
    assert client.get("/operator/").status_code == 302


def test_people_who_are_not_operators_are_refused(client, factory):
    person = factory.user()
    enrol(person)
    factory.commit()
    sign_in_as(client, person)
    assert client.get("/operator/").status_code == 403
    assert client.get("/operator/onboarding/identity").status_code == 403



def test_the_codes_left_after_a_recovery_code_are_counted_with_plural_forms(client, factory):
    operator = _operator(factory)
    _totp, codes = enrol(operator)
    factory.commit()
    sign_in_as(client, operator)
    in_english(client)
    assert post(client, "/two-factor/verify", {"code": codes[0], "next": "/operator/"}).status_code == 302
    assert "You used a recovery code; 9 remain." in client.get("/operator/").get_data(as_text=True)

    for code in codes[1:8]:
        assert twofactor.verify(operator, code) == "recovery"
    factory.commit()
    assert post(client, "/two-factor/verify", {"code": codes[8], "next": "/operator/"}).status_code == 302
    assert "You used a recovery code; 1 remains." in client.get("/operator/").get_data(as_text=True)


def test_a_recovery_code_or_totp_step_raced_by_another_request_is_refused(client, factory, monkeypatch):
    from sqlalchemy import update

    operator = _operator(factory)
    totp, codes = enrol(operator)
    factory.commit()
    real_now = twofactor.utcnow

    def spent_meanwhile():
        # Another request spends the same code between this one's check and its write.
        db.session.execute(update(RecoveryCode.__table__).where(RecoveryCode.user_id == operator.id)
                           .values(used_at=real_now()))
        return real_now()

    monkeypatch.setattr(twofactor, "utcnow", spent_meanwhile)
    with pytest.raises(twofactor.SecondFactorError):
        twofactor.verify(operator, codes[0])
    monkeypatch.setattr(twofactor, "utcnow", real_now)

    credential = twofactor.credential_of(operator)
    step = int(time.time() // 30)
    # Another request accepted this step already; this session still holds the older step.
    db.session.execute(update(TotpCredential.__table__).where(TotpCredential.id == credential.id)
                       .values(last_step=step + 1))
    with pytest.raises(twofactor.SecondFactorError):
        twofactor.verify(operator, totp.now())
