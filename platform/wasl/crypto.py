"""Field encryption at rest (Fernet, rotatable keys) and keyed blind indexes for exact look-ups.

Keys come from configuration (``wasl.config`` reads them from the environment):

- ``WASL_ENCRYPTION_KEYS``: comma-separated Fernet keys, the first one current.
  Older keys stay in the list until ``flask --app wsgi crypto rotate`` has
  re-encrypted everything with the current key.
- ``WASL_BLIND_INDEX_KEY``: a separate secret for the HMAC blind indexes; it is
  never used to encrypt, so a leaked index key reveals no ciphertext.

In development and tests, keys are derived from ``SECRET_KEY`` when unset; any
other environment refuses to run without them.

A model declares an encrypted column with ``encrypted_column()`` and reads it
through ``Decrypted``; a blind index column with ``blind_index_column(kind,
source)``. The rotate command finds both kinds of column by themselves, so
every feature's secrets rotate together.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
from dataclasses import dataclass, field

import click
from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import String, Text, bindparam, select, type_coerce
from sqlalchemy.orm import mapped_column

ENCRYPTED_INFO = "wasl_encrypted"
BLIND_INDEX_INFO = "wasl_blind_index"
_DEV_ENVIRONMENTS = {"development", "test"}
_CACHE_KEY = "wasl.crypto"


class CryptoConfigError(RuntimeError):
    """The encryption or blind-index keys are missing or malformed."""


class DecryptionFailed(RuntimeError):
    """A ciphertext that none of the configured keys opens (a key was dropped too early?)."""


@dataclass(frozen=True)
class _Keys:
    fernet: MultiFernet
    current: Fernet
    index_key: bytes


def _setting(name: str) -> str:
    return (current_app.config.get(name) or "").strip()


def _dev_secret(label: str) -> bytes:
    if current_app.config.get("WASL_ENV") not in _DEV_ENVIRONMENTS:
        raise CryptoConfigError(f"{label} must be set when WASL_ENV is not development or test")
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hmac.new(secret, f"wasl.{label}".encode(), hashlib.sha256).digest()


def _build_keys(raw_keys: str, raw_index: str) -> _Keys:
    if raw_keys:
        try:
            fernets = [Fernet(k.strip().encode()) for k in raw_keys.split(",") if k.strip()]
        except (ValueError, TypeError) as error:
            raise CryptoConfigError("WASL_ENCRYPTION_KEYS holds a key that is not a Fernet key") from error
    else:
        fernets = [Fernet(base64.urlsafe_b64encode(_dev_secret("WASL_ENCRYPTION_KEYS")))]
    if not fernets:
        raise CryptoConfigError("WASL_ENCRYPTION_KEYS is empty")
    index_key = raw_index.encode() if raw_index else _dev_secret("WASL_BLIND_INDEX_KEY")
    if raw_index and len(index_key) < 32:
        raise CryptoConfigError("WASL_BLIND_INDEX_KEY must be at least 32 characters")
    if raw_index and raw_index in raw_keys.split(","):
        raise CryptoConfigError("WASL_BLIND_INDEX_KEY must differ from every encryption key")
    return _Keys(MultiFernet(fernets), fernets[0], index_key)


def _keys() -> _Keys:
    """The keys of the current app, rebuilt only when its configuration changes."""
    raw = (_setting("WASL_ENCRYPTION_KEYS"), _setting("WASL_BLIND_INDEX_KEY"),
           current_app.config.get("SECRET_KEY"), current_app.config.get("WASL_ENV"))
    cached = current_app.extensions.get(_CACHE_KEY)
    if cached is None or cached[0] != raw:
        cached = (raw, _build_keys(raw[0], raw[1]))
        current_app.extensions[_CACHE_KEY] = cached
    return cached[1]


def generate_key() -> str:
    """A fresh Fernet key, to put first in WASL_ENCRYPTION_KEYS."""
    return Fernet.generate_key().decode()


def encrypt(text: str) -> str:
    """Encrypt ``text`` with the current key; every call gives a different token."""
    return _keys().fernet.encrypt(text.encode("utf-8")).decode("ascii")


def decrypt(token: str) -> str:
    """Open a token made with the current key or any older key still configured."""
    try:
        return _keys().fernet.decrypt(token.encode("ascii")).decode("utf-8")
    except InvalidToken as error:
        raise DecryptionFailed("no configured key opens this ciphertext") from error


def is_current(token: str) -> bool:
    """Whether ``token`` is already encrypted with the current key."""
    try:
        _keys().current.decrypt(token.encode("ascii"))
    except InvalidToken:
        return False
    return True


def rotate(token: str) -> str:
    """``token`` re-encrypted with the current key (unchanged when it already is)."""
    if is_current(token):
        return token
    try:
        return _keys().fernet.rotate(token.encode("ascii")).decode("ascii")
    except InvalidToken as error:
        raise DecryptionFailed("no configured key opens this ciphertext") from error


def blind_index(kind: str, value: str, tenant_id: int | None = None) -> str:
    """HMAC-SHA256 of a normalised ``value``, keyed per tenant and per kind of value.

    Equal values in two associations give different indexes, so an index
    reveals nothing across tenants. ``tenant_id`` defaults to the single
    tenant in the database session's scope.
    """
    if tenant_id is None:
        tenant_id = _scoped_tenant_id()
    tenant_key = hmac.new(_keys().index_key, f"tenant:{tenant_id}".encode(), hashlib.sha256).digest()
    message = f"{kind}\x00{value}".encode()
    return hmac.new(tenant_key, message, hashlib.sha256).hexdigest()


def _scoped_tenant_id() -> int:
    from wasl.db import db
    from wasl.tenancy.scope import TenantContextMissing, current_scope

    scope = current_scope(db.session)
    if scope is None or scope.write_tenant_id is None:
        raise TenantContextMissing("a blind index needs exactly one tenant in scope")
    return scope.write_tenant_id


# --- declaring encrypted and indexed columns -------------------------------------------------------


def encrypted_column(*, nullable: bool = False, **kwargs):
    """A column holding a Fernet token; the rotate command re-encrypts it."""
    return mapped_column(Text, nullable=nullable, info={ENCRYPTED_INFO: True}, **kwargs)


def blind_index_column(kind: str, source: str, *, nullable: bool = False, **kwargs):
    """A column holding ``blind_index(kind, <plain value of attribute source>)``."""
    return mapped_column(String(64), nullable=nullable, info={BLIND_INDEX_INFO: (kind, source)}, **kwargs)


class Decrypted:
    """The plain value of an encrypted column, as a model attribute.

    Reading decrypts (once per ciphertext); assigning encrypts. The plain value
    is never stored on the row or put into a repr.
    """

    def __init__(self, column_attr: str):
        self.column_attr = column_attr

    def __set_name__(self, owner, name: str) -> None:
        self.cache_attr = f"_wasl_plain_{name}"

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        token = getattr(obj, self.column_attr)
        if token is None:
            return None
        cached = obj.__dict__.get(self.cache_attr)
        if cached is not None and cached[0] == token:
            return cached[1]
        plain = decrypt(token)
        obj.__dict__[self.cache_attr] = (token, plain)
        return plain

    def __set__(self, obj, value: str | None) -> None:
        if value is None:
            setattr(obj, self.column_attr, None)
            return
        token = encrypt(value)
        setattr(obj, self.column_attr, token)
        obj.__dict__[self.cache_attr] = (token, value)


# --- rotation across every feature ------------------------------------------------------------------


@dataclass
class RotationReport:
    reencrypted: dict[str, int] = field(default_factory=dict)
    reindexed: dict[str, int] = field(default_factory=dict)


def _encrypted_tables(metadata):
    for table in metadata.sorted_tables:
        columns = [c for c in table.columns if c.info.get(ENCRYPTED_INFO)]
        if columns:
            yield table, columns


def _rotate_table(session, table, columns, batch_size: int) -> int:
    (pk,) = table.primary_key.columns
    changed, last = 0, None
    while True:
        stmt = select(pk, *(type_coerce(c, Text).label(c.name) for c in columns)).order_by(pk).limit(batch_size)
        if last is not None:
            stmt = stmt.where(pk > last)
        rows = session.execute(stmt).all()
        if not rows:
            return changed
        for row in rows:
            updates = {c.name: rotate(row._mapping[c.name]) for c in columns if row._mapping[c.name] is not None}
            updates = {k: v for k, v in updates.items() if v != row._mapping[k]}
            if updates:
                values = {k: bindparam(f"new_{k}", type_=Text) for k in updates}
                session.execute(table.update().where(pk == row[0]).values(values),
                                {f"new_{k}": v for k, v in updates.items()})
                changed += 1
        last = rows[-1][0]
        session.commit()


def _indexed_mappers(registry):
    for mapper in registry.mappers:
        columns = [c for c in mapper.columns if c.info.get(BLIND_INDEX_INFO)]
        if columns:
            yield mapper, columns


def _reindex_mapper(session, mapper, columns, batch_size: int) -> int:
    pk = mapper.class_.__mapper__.primary_key[0]
    pk_attr = mapper.get_property_by_column(pk).key
    changed, last = 0, None
    while True:
        stmt = select(mapper.class_).order_by(pk).limit(batch_size)
        if last is not None:
            stmt = stmt.where(pk > last)
        objects = session.scalars(stmt).all()
        if not objects:
            return changed
        for obj in objects:
            changed += _reindex_object(obj, mapper, columns)
        last = getattr(objects[-1], pk_attr)
        session.commit()


def _reindex_object(obj, mapper, columns) -> int:
    dirty = False
    for column in columns:
        kind, source = column.info[BLIND_INDEX_INFO]
        plain = getattr(obj, source)
        wanted = None if plain is None else blind_index(kind, plain, obj.tenant_id)
        attr = mapper.get_property_by_column(column).key
        if getattr(obj, attr) != wanted:
            setattr(obj, attr, wanted)
            dirty = True
    return int(dirty)


def rotate_all(batch_size: int = 500) -> RotationReport:
    """Re-encrypt every encrypted column with the current key and recompute every blind index.

    Runs over all associations at once; commits batch by batch, so it can be
    interrupted and run again.
    """
    from wasl.db import db
    from wasl.tenancy.scope import tenant_scope

    report = RotationReport()
    with tenant_scope(db.session, all_tenants=True):
        for table, columns in _encrypted_tables(db.metadata):
            report.reencrypted[table.name] = _rotate_table(db.session, table, columns, batch_size)
        for mapper, columns in _indexed_mappers(db.Model.registry):
            report.reindexed[mapper.local_table.name] = _reindex_mapper(db.session, mapper, columns, batch_size)
    return report


crypto_cli = AppGroup("crypto", help="Encryption keys for personal data and credentials.")


@crypto_cli.command("rotate")
@click.option("--batch-size", default=500, show_default=True)
def rotate_command(batch_size: int):
    """Re-encrypt every encrypted field with the current key (the first of WASL_ENCRYPTION_KEYS)."""
    from wasl.audit.services import record
    from wasl.db import db

    report = rotate_all(batch_size)
    record("crypto.rotated", reencrypted=report.reencrypted, reindexed=report.reindexed)
    db.session.commit()
    for table, count in sorted(report.reencrypted.items()):
        click.echo(f"{table}: {count} rows re-encrypted")
    for table, count in sorted(report.reindexed.items()):
        click.echo(f"{table}: {count} rows re-indexed")


@crypto_cli.command("generate-key")
def generate_key_command():
    """Print a new key; put it first in WASL_ENCRYPTION_KEYS, keep the old ones after it, then rotate."""
    click.echo(generate_key())
