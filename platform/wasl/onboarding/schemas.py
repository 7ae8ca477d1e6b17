"""Schemas for an association: its definition file (tenants/<slug>/tenant.yaml) and its API profile."""

from __future__ import annotations

import re

from marshmallow import Schema, ValidationError, fields, validate, validates

from wasl.accounts.email_address import EmailField
from wasl.tenancy.slugs import slug_problem

SOCIAL_PLATFORMS = ("x", "instagram", "facebook", "snapchat", "youtube", "tiktok", "whatsapp", "linkedin",
                    "telegram")


class Bilingual(Schema):
    ar = fields.String(required=True, validate=validate.Length(min=1))
    en = fields.String(required=True, validate=validate.Length(min=1))


class PhoneField(fields.String):
    """A published contact number, kept as the association prints it (older landlines included).

    Beneficiaries' mobiles are validated strictly elsewhere; here only the shape is checked.
    """

    def _deserialize(self, value, attr, data, **kwargs):
        text = super()._deserialize(value, attr, data, **kwargs).replace(" ", "")
        if not re.fullmatch(r"\+?[0-9]{7,15}", text):
            raise ValidationError("Not a telephone number.")
        return text


class BankAccount(Schema):
    bank = fields.Nested(Bilingual, required=True)
    iban = fields.String(required=True, validate=validate.Regexp(r"^SA\d{22}$", error="Not a Saudi IBAN."))


class Contacts(Schema):
    phone = PhoneField()
    fax = PhoneField()
    email = EmailField()
    website = fields.Url()
    po_box = fields.String()
    address = fields.Nested(Bilingual)
    bank_account = fields.Nested(BankAccount)


class SocialAccount(Schema):
    platform = fields.String(validate=validate.OneOf(SOCIAL_PLATFORMS))
    handle = fields.String(required=True, validate=validate.Length(min=1, max=100))


class Terminology(Schema):
    beneficiary = fields.Nested(Bilingual, required=True)
    beneficiaries = fields.Nested(Bilingual, required=True)
    # The plural as it stands alone, as a heading, where Arabic's case ending differs from the word
    # inside the policy's sentences (المستخدمون, not المستخدمين); the plain plural when absent.
    beneficiaries_heading = fields.Nested(Bilingual)


class Letterhead(Schema):
    tagline = fields.Nested(Bilingual)
    logo = fields.String()


class TenantDefinitionSchema(Schema):
    """``tenants/<slug>/tenant.yaml``: who the association is."""

    slug = fields.String(required=True)
    name = fields.Nested(Bilingual, required=True)
    registration_number = fields.String(validate=validate.Regexp(r"^[0-9A-Za-z-]{1,32}$"))
    registration_authority = fields.Nested(Bilingual)
    city = fields.Nested(Bilingual)
    region = fields.Nested(Bilingual)
    contacts = fields.Nested(Contacts, load_default=dict)
    social = fields.List(fields.Nested(SocialAccount), load_default=list)
    default_locale = fields.String(load_default="ar", validate=validate.OneOf(("ar", "en")))
    terminology = fields.Nested(Terminology, load_default=None)
    letterhead = fields.Nested(Letterhead, load_default=dict)

    @validates("slug")
    def _slug(self, value, **kwargs):
        problem = slug_problem(value)
        if problem == "reserved":
            raise ValidationError("This slug is reserved.")
        if problem:
            raise ValidationError("Use lowercase letters, digits and hyphens (at most 63).")


class TenantProfileSchema(Schema):
    slug = fields.String()
    name = fields.Function(lambda t: {"ar": t.name_ar, "en": t.name_en})
    registration_number = fields.String(allow_none=True)
    city = fields.Function(lambda t: {"ar": t.city_ar, "en": t.city_en})
    region = fields.Function(lambda t: {"ar": t.region_ar, "en": t.region_en})
    contacts = fields.Dict()
    social_accounts = fields.List(fields.Dict())
    terminology = fields.Dict()
    default_locale = fields.String()
    status = fields.Function(lambda t: t.status.value)
