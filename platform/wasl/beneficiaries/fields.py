"""Marshmallow pieces whose error messages name the field, in the language of the request.

Marshmallow's own messages ("Missing data for required field.") are English
and do not say which field they are about. Fields built with ``labelled``
carry a translatable label and report codes instead; ``LocalisedSchema``
turns the codes into sentences naming the field when an error is raised.
"""

from __future__ import annotations

import re
from datetime import date

from flask_babel import gettext as _
from flask_babel import ngettext
from hijridate import Gregorian, Hijri
from marshmallow import Schema, ValidationError, fields, pre_load

from wasl.beneficiaries.identity import IdentityError, normalise_mobile, normalise_national_id
from wasl.beneficiaries.names import has_arabic_letters
from wasl.i18n.dates import HIJRI_FIRST, HIJRI_LAST, gregorian_phrase, in_hijri_range, typed_date

REQUIRED = "wasl:required"
INVALID = "wasl:invalid"
_CODED = {"required": REQUIRED, "null": REQUIRED, "invalid": INVALID, "type": INVALID, "format": INVALID}
_ANY_DIGITS = {**{0x0660 + i: str(i) for i in range(10)}, **{0x06F0 + i: str(i) for i in range(10)}}


def labelled(field_class, label, *args, **kwargs):
    """A field of ``field_class`` whose errors will name it by ``label`` (a lazy translatable string)."""
    kwargs.setdefault("metadata", {})["label"] = label
    kwargs["error_messages"] = {**_CODED, **kwargs.get("error_messages", {})}
    return field_class(*args, **kwargs)


def _label(field, name: str) -> str:
    return str(field.metadata.get("label", name)) if field is not None else name


def _localise_list(messages: list, field, name: str) -> list:
    out = []
    for message in messages:
        if message == REQUIRED:
            message = _("“{field}” is required.").format(field=_label(field, name))
        elif message == INVALID:
            message = _("“{field}” is not valid.").format(field=_label(field, name))
        elif message == "Unknown field.":
            message = _("“{field}” is not a field that can be set here.").format(field=name)
        out.append(str(message))
    return out


def _nested_schema(field):
    if isinstance(field, fields.List):
        field = field.inner
    return field.schema if isinstance(field, fields.Nested) else None


def localise(schema: Schema, messages):
    """Replace error codes in ``messages`` (as marshmallow nests them) with sentences naming the field."""
    out = {}
    for name, value in messages.items():
        field = schema.fields.get(name) if schema is not None else None
        if isinstance(value, list):
            out[name] = _localise_list(value, field, name)
        elif isinstance(value, dict):
            nested = _nested_schema(field) if field is not None else None
            if all(isinstance(k, int) for k in value):
                out[name] = {k: localise(nested, v) if isinstance(v, dict) else _localise_list(v, field, name)
                             for k, v in value.items()}
            else:
                out[name] = localise(nested, value)
        else:
            out[name] = value
    return out


class LocalisedSchema(Schema):
    """Strips text input (an empty string counts as not given) and reports errors naming each field."""

    @pre_load
    def _clean_text(self, data, **kwargs):
        if not isinstance(data, dict):
            return data
        cleaned = {}
        for key, value in data.items():
            if isinstance(value, str):
                value = value.strip() or None
            cleaned[key] = value
        return cleaned

    def handle_error(self, error: ValidationError, data, *, many: bool, **kwargs):
        raise ValidationError(localise(self, error.normalized_messages()), data=error.data,
                              valid_data=error.valid_data)


def one_of(label, choices):
    """A validator that names the field and lists the accepted values."""

    def validate(value):
        if value not in choices:
            raise ValidationError(_("“{field}” must be one of: {choices}.").format(
                field=str(label), choices=", ".join(choices)))

    return validate


def max_length(label, limit: int):
    def validate(value):
        if value is not None and len(value) > limit:
            raise ValidationError(ngettext("“%(field)s” must be at most %(num)d character.",
                                           "“%(field)s” must be at most %(num)d characters.", limit, field=str(label)))

    return validate


def arabic_letters(label):
    def validate(value):
        if not has_arabic_letters(value):
            raise ValidationError(_("“{field}” must be written in Arabic letters.").format(field=str(label)))

    return validate


class NationalIdField(fields.String):
    """A Saudi national ID or Iqama number, normalised to ten ASCII digits."""

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return normalise_national_id(super()._deserialize(value, attr, data, **kwargs))
        except IdentityError as error:
            raise ValidationError(error.message) from error


class SaudiMobileField(fields.String):
    """A Saudi mobile number, normalised to E.164."""

    def _deserialize(self, value, attr, data, **kwargs):
        try:
            return normalise_mobile(super()._deserialize(value, attr, data, **kwargs))
        except IdentityError as error:
            raise ValidationError(error.message) from error


def hijri_iso(value: date) -> str | None:
    """A Gregorian date written as its Umm al-Qura date, ``YYYY-MM-DD``; None outside the calendar's range."""
    if not in_hijri_range(value):
        return None
    hijri = Gregorian.fromdate(value).to_hijri()
    return f"{hijri.year:04d}-{hijri.month:02d}-{hijri.day:02d}"


def _date_parts(text: str) -> tuple[int, int, int] | None:
    match = re.fullmatch(r"(\d{4})[-/](\d{1,2})[-/](\d{1,2})", text.strip().translate(_ANY_DIGITS))
    return tuple(int(p) for p in match.groups()) if match else None


class GregorianDateField(fields.Date):
    """An ISO date, also accepted with Arabic-Indic digits or slashes."""

    def _deserialize(self, value, attr, data, **kwargs):
        parts = _date_parts(value) if isinstance(value, str) else None
        if parts is None:
            raise ValidationError(_("{field}: enter the date as year-month-day, for example 1990-01-31.").format(
                field=_label(self, attr)))
        try:
            day = date(*parts)
        except ValueError as error:
            raise ValidationError(_("{field}: {value} is not a date that exists.").format(
                field=_label(self, attr), value=typed_date(value))) from error
        if not in_hijri_range(day):
            raise ValidationError(_("{field}: the date must be between {first} and {last}.").format(
                field=_label(self, attr), first=gregorian_phrase(HIJRI_FIRST), last=gregorian_phrase(HIJRI_LAST)))
        return day


class HijriDateField(fields.Field):
    """A date entered in the Umm al-Qura calendar (``1410-05-12``); loads as the Gregorian date."""

    def _serialize(self, value, attr, obj, **kwargs):
        return None if value is None else hijri_iso(value)

    def _deserialize(self, value, attr, data, **kwargs):
        parts = _date_parts(value) if isinstance(value, str) else None
        if parts is None:
            raise ValidationError(_("{field}: enter the date as year-month-day, for example 1410-05-12.").format(
                field=_label(self, attr)))
        try:
            gregorian = Hijri(*parts).to_gregorian()
        except OverflowError as error:
            raise ValidationError(_("{field}: the year must be between 1343 and 1500 AH.").format(
                field=_label(self, attr))) from error
        except ValueError as error:
            raise ValidationError(_("{field}: {value} is not a valid Umm al-Qura date.").format(
                field=_label(self, attr), value=typed_date(value))) from error
        return date(gregorian.year, gregorian.month, gregorian.day)
