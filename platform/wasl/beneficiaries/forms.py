"""Staff forms for the registry; the schemas validate, the forms carry CSRF and show errors inline.

Choice fields do not check their choices themselves (``validate_choice=False``):
the service's schema does, with a message naming the field, so the page and
the API refuse the same input with the same words.
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from marshmallow import ValidationError
from wtforms import BooleanField, EmailField, HiddenField, SelectField, StringField, TextAreaField
from wtforms.fields.choices import SelectChoice

from wasl.beneficiaries.schemas import LABELS
from wasl.kernel import form_errors

GENDER_CHOICES = [("", "—"), ("male", _l("Male")), ("female", _l("Female"))]
LANGUAGE_CHOICES = [("ar", "العربية"), ("en", "English")]
CHANNEL_CHOICES = [("sms", _l("SMS")), ("whatsapp", _l("WhatsApp")), ("email", _l("E-mail"))]
PURPOSE_CHOICES = [
    ("data_processing", _l("Processing their personal data to provide services")),
    ("notifications", _l("Receiving notifications about their requests")),
    ("data_sharing", _l("Sharing their data with partner bodies when needed for a service")),
]
CONSENT_CHANNEL_CHOICES = [
    ("in_person", _l("In person")),
    ("paper_form", _l("Signed paper form")),
    ("phone", _l("Phone call")),
    ("online", _l("Online")),
    ("sms", _l("SMS")),
    ("whatsapp", _l("WhatsApp")),
    ("email", _l("E-mail")),
]


def _choices(pairs) -> list[SelectChoice]:
    return [SelectChoice(value, label) for value, label in pairs]


_NUMERIC = {"inputmode": "numeric", "dir": "ltr", "autocomplete": "off"}


class LookupForm(FlaskForm):
    """The first step of registering: who is this, by ID or mobile?"""

    lookup = StringField(_l("National ID, Iqama or mobile number"), render_kw=_NUMERIC)


class BeneficiaryForm(FlaskForm):
    national_id = StringField(LABELS["national_id"], render_kw=_NUMERIC)
    full_name_ar = StringField(LABELS["full_name_ar"], render_kw={"dir": "rtl", "lang": "ar"})
    full_name_en = StringField(LABELS["full_name_en"], render_kw={"dir": "ltr", "lang": "en"})
    mobile = StringField(LABELS["mobile"], render_kw={**_NUMERIC, "inputmode": "tel",
                                                      "placeholder": "05XXXXXXXX"})
    email = EmailField(LABELS["email"], render_kw={"dir": "ltr"})
    gender = SelectField(LABELS["gender"], choices=_choices(GENDER_CHOICES), validate_choice=False)
    birth_on = StringField(LABELS["birth_on"], render_kw={"type": "date", "dir": "ltr"})
    birth_on_hijri = StringField(LABELS["birth_on_hijri"], render_kw={"dir": "ltr", "placeholder": "1410-05-12"})
    city = StringField(LABELS["city"])
    preferred_language = SelectField(LABELS["preferred_language"], choices=_choices(LANGUAGE_CHOICES), validate_choice=False)
    preferred_channel = SelectField(LABELS["preferred_channel"], choices=_choices(CHANNEL_CHOICES), validate_choice=False)
    opted_out_non_essential = BooleanField(LABELS["opted_out_non_essential"])

    DATA_FIELDS = ("national_id", "full_name_ar", "full_name_en", "mobile", "email", "gender", "birth_on",
                   "birth_on_hijri", "city", "preferred_language", "preferred_channel", "opted_out_non_essential")

    def service_data(self) -> dict:
        """What the service receives; an emptied field is sent as empty, so it is cleared or refused."""
        return {name: self[name].data for name in self.DATA_FIELDS}

    def show_errors(self, error: ValidationError) -> list[str]:
        """Put each message beside its field; returns those that belong to no field."""
        return attach_errors(self, error.messages)


class EditBeneficiaryForm(BeneficiaryForm):
    """Correcting a record: the same fields, and why (kept in the record's history of corrections)."""

    reason = TextAreaField(LABELS["reason"], render_kw={"rows": 2, "maxlength": 500})

    def service_data(self) -> dict:
        return {**super().service_data(), "reason": self.reason.data or None}


class NewBeneficiaryForm(BeneficiaryForm):
    stage = HiddenField(default="register")
    consent_given = BooleanField(_l("The person consents to the processing of their personal data "
                                    "to provide services"))
    consent_channel = SelectField(LABELS["channel"], choices=_choices(CONSENT_CHANNEL_CHOICES), validate_choice=False)

    @property
    def consent_required(self) -> bool:
        """Whether the association's policy requires the consent before registering (shown beside the box)."""
        from flask import g

        from wasl.beneficiaries.consent_policy import consent_required

        tenant = g.get("tenant")
        return tenant is not None and consent_required(tenant.id)

    def service_data(self) -> dict:
        data = super().service_data()
        if self.consent_given.data:
            data["consents"] = [{"purpose": "data_processing", "channel": self.consent_channel.data}]
        return data


class WithdrawConsentForm(FlaskForm):
    """Only the CSRF token: the consent is named by the address the form posts to."""


class ConsentForm(FlaskForm):
    purpose = SelectField(LABELS["purpose"], choices=_choices(PURPOSE_CHOICES), validate_choice=False)
    channel = SelectField(LABELS["channel"], choices=_choices(CONSENT_CHANNEL_CHOICES), validate_choice=False)
    given_on = StringField(LABELS["given_on"], render_kw={"type": "date", "dir": "ltr"})

    def service_data(self) -> dict:
        data = {"purpose": self.purpose.data, "channel": self.channel.data}
        if self.given_on.data:
            data["given_on"] = self.given_on.data  # left empty: today
        return data


def consent_field(form: FlaskForm) -> str:
    """Where a consent error belongs: the box when it was not ticked, else the channel it was given through."""
    return "consent_given" if "consent_given" in form and not form.consent_given.data else "consent_channel"


def attach_errors(form: FlaskForm, messages: dict) -> list[str]:
    """Spread marshmallow's messages over a person's form, a consent's beside its box or channel; nested and
    unknown ones go to the top."""
    places = {"consents": consent_field(form)} if "consent_channel" in form else {}
    return form_errors.attach_errors(form, messages, places)


