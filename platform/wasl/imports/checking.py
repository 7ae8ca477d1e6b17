"""Validating a register's rows exactly as the staff intake does, and finding who is already registered.

Each row goes through the registry's own ``BeneficiaryInputSchema`` (check
digit, Saudi mobile, Hijri or Gregorian birth date in the Umm al-Qura range,
Arabic name) and its contact rule. A national ID seen in an earlier row of the
file is an error; one already in the registry (by its blind index) is not:
that row is skipped, which is what makes a second import of a file harmless.
Messages are made in Arabic, and again in English for the rows that fail.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from flask_babel import force_locale
from flask_babel import gettext as _
from marshmallow import ValidationError
from sqlalchemy import bindparam, select

from wasl.beneficiaries.crypto import national_id_index
from wasl.beneficiaries.identity import IdentityError, normalise_national_id
from wasl.beneficiaries.models import Beneficiary
from wasl.beneficiaries.schemas import BeneficiaryInputSchema
from wasl.beneficiaries.services import _check_contact
from wasl.db import db
from wasl.imports import targets

LOOKUP_CHUNK = 500


@dataclass(frozen=True)
class Problem:
    row_number: int
    field: str | None
    column: str | None
    message_ar: str
    message_en: str


@dataclass
class RowCheck:
    """What checking some rows found: clean values to write, rows already registered, and problems."""

    clean: list[tuple[int, dict]] = field(default_factory=list)
    known: list[int] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def error_rows(self) -> int:
        return len({p.row_number for p in self.problems})


class Columns:
    """A mapping applied to rows: which cell goes to which field, and which column each field came from."""

    def __init__(self, headers: list[str], mapping: dict[str, str]):
        self.pairs = [(i, mapping[h]) for i, h in enumerate(headers) if mapping.get(h)]
        self.column_of: dict[str, str] = {}
        for header in headers:
            chosen = mapping.get(header)
            if chosen == targets.BIRTH_ANY:
                self.column_of["birth_on"] = self.column_of["birth_on_hijri"] = header
            elif chosen:
                self.column_of[chosen] = header
        self.id_position = next((i for i, f in self.pairs if f == "national_id"), None)

    def data(self, cells: list[str]) -> dict:
        out = {}
        for position, target in self.pairs:
            value = cells[position]
            if value:
                key, value = targets.as_input(target, value)
                out[key] = value
        return out

    def national_id(self, cells: list[str]) -> str | None:
        """The row's national ID normalised, or None when it is missing or not a valid ID."""
        if self.id_position is None:
            return None
        try:
            return normalise_national_id(cells[self.id_position])
        except IdentityError:
            return None


def _load(schema: BeneficiaryInputSchema, data: dict) -> tuple[dict | None, dict]:
    try:
        clean = schema.load(data)
        _check_contact(clean["preferred_channel"], clean.get("email"))
    except ValidationError as error:
        return None, error.normalized_messages()
    clean.pop("consents", None)
    return clean, {}


def _flat(messages: dict) -> list[tuple[str, str]]:
    """``(field, message)`` pairs from marshmallow's nested messages, in the schema's field order."""
    pairs = []
    for name, value in messages.items():
        if isinstance(value, dict):
            value = [text for texts in value.values() for text in (texts if isinstance(texts, list) else [texts])]
        for text in value if isinstance(value, list) else [value]:
            pairs.append((None if name == "_schema" else name, str(text)))
    return pairs


def _problems(row_number: int, data: dict, arabic: dict, columns: Columns) -> list[Problem]:
    with force_locale("en"):
        _clean, english = _load(BeneficiaryInputSchema(), data)
    arabic_pairs, english_pairs = _flat(arabic), _flat(english)
    if len(english_pairs) != len(arabic_pairs):
        english_pairs = arabic_pairs
    problems = []
    for (name, text), (_name, english_text) in zip(arabic_pairs, english_pairs, strict=True):
        if targets.words_for(name) and data.get(name):
            text, english_text = _not_understood(name, data[name])
        problems.append(Problem(row_number, name, columns.column_of.get(name or ""), text, english_text))
    return problems


def _not_understood(name: str, value: str) -> tuple[str, str]:
    """For a field with fixed values, the words the file may use instead of the registry's codes."""
    def say() -> str:
        return _("“{field}”: “{value}” is not understood. Write one of: {words}.").format(
            field=targets.label_of(name), value=value, words="، ".join(targets.words_for(name)))

    with force_locale("ar"):
        arabic = say()
    with force_locale("en"):
        english = say().replace("، ", ", ")
    return arabic, english


def _duplicate(row_number: int, first: int, columns: Columns) -> Problem:
    def say() -> str:
        return _("The same national ID or Iqama number is already in row {row} of this file.").format(row=first)

    with force_locale("ar"):
        arabic = say()
    with force_locale("en"):
        english = say()
    return Problem(row_number, "national_id", columns.column_of.get("national_id"), arabic, english)


def registered_indexes(indexes: Iterable[str]) -> set[str]:
    """Which of these national-ID indexes the association in scope has registered already."""
    wanted = list(dict.fromkeys(indexes))
    found: set[str] = set()
    for start in range(0, len(wanted), LOOKUP_CHUNK):
        # The (hexadecimal) indexes are written into the statement: PostgreSQL then hashes the list, where a
        # prepared statement's generic plan would compare every row with each of hundreds of parameters.
        chunk = bindparam("wanted", wanted[start:start + LOOKUP_CHUNK], expanding=True, literal_execute=True)
        found.update(db.session.scalars(select(Beneficiary.national_id_index)
                                        .where(Beneficiary.national_id_index.in_(chunk))))
    return found


def check_rows(rows: list[tuple[int, list[str]]], columns: Columns, tenant_id: int,
               seen: dict[str, int] | None = None) -> RowCheck:
    """Check ``rows``; ``seen`` (national ID -> first row) carries duplicates across calls."""
    seen = {} if seen is None else seen
    ids = [(number, cells, columns.national_id(cells)) for number, cells in rows]
    index_of = {nid: national_id_index(nid, tenant_id) for _n, _c, nid in ids if nid}
    known = registered_indexes(index_of.values())
    result = RowCheck()
    schema = BeneficiaryInputSchema()
    with force_locale("ar"):
        for number, cells, nid in ids:
            if nid and index_of[nid] in known:
                result.known.append(number)
                continue
            data = columns.data(cells)
            clean, errors = _load(schema, data)
            if errors:
                result.problems.extend(_problems(number, data, errors, columns))
            if nid and nid in seen:
                result.problems.append(_duplicate(number, seen[nid], columns))
                continue
            if nid:
                seen[nid] = number
            if clean is not None:
                result.clean.append((number, clean))
    return result
