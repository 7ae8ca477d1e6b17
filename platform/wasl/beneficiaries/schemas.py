"""What a beneficiary looks like coming in (validated, normalised) and going out (API)."""

from __future__ import annotations

from datetime import date

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, ValidationError, fields, post_load, validates_schema

from wasl.api.schemas import PageArgsSchema
from wasl.beneficiaries import models as m
from wasl.beneficiaries.fields import (
    GregorianDateField,
    HijriDateField,
    LocalisedSchema,
    NationalIdField,
    SaudiMobileField,
    arabic_letters,
    hijri_iso,
    labelled,
    max_length,
    one_of,
)
from wasl.db import utcnow
from wasl.i18n.dates import local_date

LABELS = {
    "national_id": _l("National ID or Iqama number"),
    "full_name_ar": _l("Full name in Arabic"),
    "full_name_en": _l("Full name in Latin letters"),
    "mobile": _l("Mobile number"),
    "email": _l("E-mail"),
    "gender": _l("Gender"),
    "birth_on": _l("Birth date (Gregorian)"),
    "birth_on_hijri": _l("Birth date (Hijri)"),
    "city": _l("City"),
    "preferred_language": _l("Preferred language"),
    "preferred_channel": _l("Preferred channel"),
    "opted_out_non_essential": _l("Opted out of non-essential messages"),
    "consents": _l("Consents"),
    "purpose": _l("Purpose of the consent"),
    "given_on": _l("Date the consent was given"),
    "channel": _l("Channel the consent was given through"),
    "reason": _l("Reason for the correction"),
    "birth_calendar": _l("Calendar of the birth date"),
}


def _f(field_class, name: str, *args, **kwargs):
    return labelled(field_class, LABELS[name], *args, **kwargs)


def today() -> date:
    """Today in Riyadh."""
    return local_date(utcnow())


class ConsentInputSchema(LocalisedSchema):
    purpose = _f(fields.String, "purpose", required=True, validate=one_of(LABELS["purpose"], m.CONSENT_PURPOSES))
    given_on = _f(GregorianDateField, "given_on", load_default=today)
    channel = _f(fields.String, "channel", required=True, validate=one_of(LABELS["channel"], m.CONSENT_CHANNELS))

    @validates_schema
    def _not_in_future(self, data, **kwargs):
        if data.get("given_on") and data["given_on"] > today():
            raise ValidationError(_("“{field}” cannot be in the future.").format(field=LABELS["given_on"]), "given_on")


class BeneficiaryInputSchema(LocalisedSchema):
    """A beneficiary as staff or an integration enter it; loads normalised values."""

    national_id = _f(NationalIdField, "national_id", required=True)
    full_name_ar = _f(fields.String, "full_name_ar", required=True,
                      validate=[max_length(LABELS["full_name_ar"], 200), arabic_letters(LABELS["full_name_ar"])])
    full_name_en = _f(fields.String, "full_name_en", allow_none=True, validate=max_length(LABELS["full_name_en"], 200))
    mobile = _f(SaudiMobileField, "mobile", required=True)
    email = _f(fields.Email, "email", allow_none=True, validate=max_length(LABELS["email"], 254))
    gender = _f(fields.String, "gender", required=True, validate=one_of(LABELS["gender"], m.GENDERS))
    birth_on = _f(GregorianDateField, "birth_on", allow_none=True)
    birth_on_hijri = _f(HijriDateField, "birth_on_hijri", allow_none=True)
    city = _f(fields.String, "city", allow_none=True, validate=max_length(LABELS["city"], 120))
    preferred_language = _f(fields.String, "preferred_language", load_default="ar",
                            validate=one_of(LABELS["preferred_language"], m.LANGUAGES))
    preferred_channel = _f(fields.String, "preferred_channel", load_default="sms",
                           validate=one_of(LABELS["preferred_channel"], m.CONTACT_CHANNELS))
    opted_out_non_essential = _f(fields.Boolean, "opted_out_non_essential", load_default=False)
    consents = _f(fields.List, "consents", fields.Nested(ConsentInputSchema), load_default=list, metadata={
        "description": "Consents the person gave. When the association's published policy has "
                       "intake.consent_required, one with purpose data_processing is required: without it the "
                       "registration (and opening a case for a new beneficiary) is refused with 422 on consents."})

    @validates_schema
    def _birth_dates_agree(self, data, **kwargs):
        gregorian, hijri = data.get("birth_on"), data.get("birth_on_hijri")
        if gregorian and hijri and gregorian != hijri:
            raise ValidationError(_(
                "The Hijri birth date {hijri} is {converted} in the Gregorian calendar, which differs from "
                "the Gregorian birth date {gregorian}. Enter one of the two, or two that agree."
            ).format(hijri=hijri_iso(hijri), converted=hijri.isoformat(), gregorian=gregorian.isoformat()),
                "birth_on_hijri")
        born = hijri or gregorian
        if born and born > today():
            field = "birth_on_hijri" if hijri else "birth_on"
            raise ValidationError(_("“{field}” cannot be in the future.").format(field=LABELS[field]), field)

    @post_load
    def _one_birth_date(self, data, **kwargs):
        """Keep one stored date, remembering which calendar it was entered in."""
        if "birth_on" not in data and "birth_on_hijri" not in data:
            return data
        hijri = data.pop("birth_on_hijri", None)
        gregorian = data.get("birth_on")
        data["birth_on"] = hijri or gregorian
        data["birth_calendar"] = "hijri" if hijri else ("gregorian" if gregorian else None)
        return data


class BeneficiaryChangesSchema(BeneficiaryInputSchema):
    """Changes to an existing beneficiary: any subset of the fields; consents are recorded separately."""

    reason = _f(fields.String, "reason", allow_none=True, validate=max_length(LABELS["reason"], 500), metadata={
        "description": "Why the record is corrected; kept in its history of corrections with each changed field."})

    def __init__(self, **kwargs):
        kwargs.setdefault("partial", True)
        kwargs.setdefault("exclude", ("consents",))
        super().__init__(**kwargs)


def update_schema() -> BeneficiaryChangesSchema:
    return BeneficiaryChangesSchema()


class ConsentSchema(Schema):
    id = fields.Integer()
    purpose = fields.String()
    given_on = fields.Date()
    channel = fields.String()
    taken_by_id = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    withdrawn_at = fields.DateTime(allow_none=True, metadata={
        "description": "When the person withdrew it; a withdrawn consent to notifications stops every "
                       "non-essential message at once."})


class BeneficiarySchema(Schema):
    """A beneficiary in full: only for a single record, never in lists."""

    id = fields.Integer()
    national_id = fields.String()
    id_kind = fields.String(metadata={"description": "citizen (ID starts with 1) or resident (Iqama, 2)"})
    full_name_ar = fields.String()
    full_name_en = fields.String(allow_none=True)
    mobile = fields.String(metadata={"description": "E.164, +9665XXXXXXXX"})
    email = fields.String(allow_none=True)
    gender = fields.String()
    birth_on = fields.Date(allow_none=True)
    birth_on_hijri = fields.String(allow_none=True)
    birth_calendar = fields.String(allow_none=True)
    city = fields.String(allow_none=True)
    preferred_language = fields.String()
    preferred_channel = fields.String()
    opted_out_non_essential = fields.Boolean()
    is_registered = fields.Boolean()
    registered_at = fields.DateTime(allow_none=True)
    file_number = fields.Integer(allow_none=True)
    created_at = fields.DateTime()
    updated_at = fields.DateTime()
    consents = fields.List(fields.Nested(ConsentSchema))


class CorrectionSchema(Schema):
    """One field of the record changed: before and after, who, when and why."""

    id = fields.Integer()
    field = fields.String(metadata={"description": "The field changed, as the registry API names it."})
    old_value = fields.String(allow_none=True, metadata={"description": "Dates in ISO form, flags true/false."})
    new_value = fields.String(allow_none=True)
    reason = fields.String(allow_none=True)
    corrected_at = fields.DateTime()
    corrected_by_id = fields.Integer(allow_none=True, metadata={"description": "Null: the person, from the portal."})


class BeneficiarySummarySchema(Schema):
    """A beneficiary in a list: the ID and mobile masked."""

    id = fields.Integer()
    full_name_ar = fields.String()
    full_name_en = fields.String(allow_none=True)
    national_id_masked = fields.String()
    mobile_masked = fields.String()
    id_kind = fields.String()
    city = fields.String(allow_none=True)
    file_number = fields.Integer(allow_none=True)
    registered_at = fields.DateTime(allow_none=True)


class SearchArgsSchema(PageArgsSchema):
    q = fields.String(load_default="", validate=max_length(_l("Search"), 100),
                      metadata={"description": "National ID/Iqama, mobile, file number, or part of a name"})
