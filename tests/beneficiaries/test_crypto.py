"""Encryption at rest and blind indexes: round trips, key rotation, nothing readable in the table."""

import pytest
from cryptography.fernet import Fernet
from sqlalchemy import select, text

from tests.beneficiaries.conftest import CITIZEN_ID, person
from wasl.audit.models import PlatformAuditEvent
from wasl.beneficiaries.models import Beneficiary
from wasl.beneficiaries.services import find_by_national_id, register_beneficiary
from wasl.crypto import (
    CryptoConfigError,
    DecryptionFailed,
    blind_index,
    decrypt,
    encrypt,
    generate_key,
    is_current,
    rotate,
)
from wasl.db import db
from wasl.tenancy.scope import TenantContextMissing, tenant_scope


@pytest.fixture
def keys(app, monkeypatch):
    """Use explicit keys; returns a function that switches the configured list."""

    def use(*fernet_keys: str) -> None:
        monkeypatch.setitem(app.config, "WASL_ENCRYPTION_KEYS", ",".join(fernet_keys))

    monkeypatch.setitem(app.config, "WASL_BLIND_INDEX_KEY", "an-index-key-for-tests-that-is-long-enough")
    return use


def test_round_trip_and_tokens_differ_each_time():
    token = encrypt(CITIZEN_ID)
    assert decrypt(token) == CITIZEN_ID
    assert encrypt(CITIZEN_ID) != token
    assert CITIZEN_ID not in token
    assert decrypt(encrypt("فاطمة")) == "فاطمة"


def test_old_ciphertexts_still_decrypt_after_a_new_key_is_added(keys):
    old, new = generate_key(), generate_key()
    keys(old)
    token = encrypt(CITIZEN_ID)
    keys(new, old)
    assert decrypt(token) == CITIZEN_ID
    assert not is_current(token)
    rotated = rotate(token)
    assert rotated != token and is_current(rotated)
    assert rotate(rotated) == rotated  # already current: left alone
    keys(new)
    assert decrypt(rotated) == CITIZEN_ID
    with pytest.raises(DecryptionFailed):
        decrypt(token)


def test_malformed_keys_are_refused(keys):
    keys("not-a-fernet-key")
    with pytest.raises(CryptoConfigError):
        encrypt("x")


def test_production_requires_keys(app, monkeypatch):
    monkeypatch.setitem(app.config, "WASL_ENV", "production")
    monkeypatch.setitem(app.config, "WASL_ENCRYPTION_KEYS", "")
    monkeypatch.delenv("WASL_ENCRYPTION_KEYS", raising=False)
    with pytest.raises(CryptoConfigError):
        encrypt("x")


def test_blind_index_is_stable_keyed_and_scoped_by_tenant(keys, app, monkeypatch):
    first = blind_index("national_id", CITIZEN_ID, 1)
    assert first == blind_index("national_id", CITIZEN_ID, 1)
    assert first != blind_index("national_id", CITIZEN_ID, 2)
    assert first != blind_index("mobile", CITIZEN_ID, 1)
    keys(generate_key())
    assert blind_index("national_id", CITIZEN_ID, 1) == first  # encryption keys do not affect it
    monkeypatch.setitem(app.config, "WASL_BLIND_INDEX_KEY", "another-index-key-for-tests-long-enough")
    assert blind_index("national_id", CITIZEN_ID, 1) != first


def test_blind_index_needs_one_tenant(db_session):
    with pytest.raises(TenantContextMissing):
        blind_index("national_id", CITIZEN_ID)


def test_the_table_holds_no_plain_id_or_mobile(scoped, officer):
    beneficiary = register_beneficiary(person(), officer)
    db.session.flush()
    row = db.session.connection().execute(
        text("SELECT national_id_encrypted, mobile_encrypted, national_id_index, mobile_index "
             "FROM beneficiary WHERE id = :id"), {"id": beneficiary.id}).one()
    for stored in row:
        assert CITIZEN_ID not in stored
        assert "501234567" not in stored
    assert decrypt(row.national_id_encrypted) == CITIZEN_ID
    assert decrypt(row.mobile_encrypted) == "+966501234567"
    assert "1012345672" not in repr(beneficiary)


def test_rotate_command_reencrypts_everything_and_keeps_lookups(app, keys, factory, officer):
    old, new = generate_key(), generate_key()
    keys(old)
    other = factory.tenant()
    ids = {}
    for tenant in (factory.tenant(), other):
        with tenant_scope(db.session, tenant.id):
            ids[tenant.id] = register_beneficiary(person(), officer).id
    factory.commit()
    before = _stored(ids)
    keys(new, old)
    result = app.test_cli_runner().invoke(args=["crypto", "rotate"])
    assert result.exit_code == 0, result.output
    assert "beneficiary: 2 rows re-encrypted" in result.output
    keys(new)  # the old key is gone: everything must open with the new one
    after = _stored(ids)
    for tenant_id, beneficiary_id in ids.items():
        assert after[beneficiary_id][0] != before[beneficiary_id][0]
        assert decrypt(after[beneficiary_id][0]) == CITIZEN_ID
        assert after[beneficiary_id][1] == before[beneficiary_id][1]  # blind index unchanged
        with tenant_scope(db.session, tenant_id):
            db.session.expire_all()
            assert find_by_national_id(CITIZEN_ID).id == beneficiary_id
    assert db.session.scalar(select(PlatformAuditEvent).where(PlatformAuditEvent.action == "crypto.rotated"))
    again = app.test_cli_runner().invoke(args=["crypto", "rotate"])
    assert "beneficiary: 0 rows re-encrypted" in again.output


def _stored(ids: dict) -> dict:
    with tenant_scope(db.session, *ids):
        rows = db.session.execute(select(Beneficiary.id, Beneficiary.national_id_encrypted,
                                         Beneficiary.national_id_index).where(Beneficiary.id.in_(ids.values())))
        return {row.id: (row.national_id_encrypted, row.national_id_index) for row in rows}


def test_generate_key_command(app):
    result = app.test_cli_runner().invoke(args=["crypto", "generate-key"])
    assert result.exit_code == 0
    key = result.output.strip()
    assert len(key) == 44
    assert Fernet(key.encode()).decrypt(Fernet(key.encode()).encrypt(b"ok")) == b"ok"
