"""Forms of the operator side: second factor, onboarding wizard steps, lifecycle."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import EmailField, HiddenField, RadioField, SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length, Optional, Regexp, ValidationError

from wasl.accounts.email_address import EmailAddress
from wasl.onboarding.schemas import SOCIAL_PLATFORMS
from wasl.operator.policy_start import KINDS
from wasl.tenancy.slugs import slug_problem


class CodeForm(FlaskForm):
    code = StringField(_l("Code"), validators=[DataRequired(_l("Code: enter the code.")), Length(max=40)])
    next = HiddenField()


def _slug_rules(form, field):
    from wasl.operator.onboarding import slug_taken

    problem = slug_problem(field.data or "")
    if problem == "reserved":
        raise ValidationError(_l("Slug: this word is reserved by the platform; choose another."))
    if problem:
        raise ValidationError(_l("Slug: use lowercase Latin letters, digits and hyphens (2 to 63)."))
    if slug_taken(field.data):
        raise ValidationError(_l("Slug: another association already uses this address."))


def _text(label, required=False, max_length=255, message=None):
    rules = [DataRequired(message)] if required else [Optional()]
    return StringField(label, validators=[*rules, Length(max=max_length)])


class IdentityStep(FlaskForm):
    slug = StringField(_l("Address (slug)"), validators=[DataRequired(_l("Slug: enter the address.")),
                                                         _slug_rules])
    name_ar = _text(_l("Name in Arabic"), True, message=_l("Name in Arabic: enter the name."))
    name_en = _text(_l("Name in English"), True, message=_l("Name in English: enter the name."))
    registration_number = StringField(_l("Licence / registration number"), validators=[
        Optional(), Regexp(r"^[0-9A-Za-z-]{1,32}$", message=_l("Licence number: letters, digits and hyphens."))])
    city_ar = _text(_l("City in Arabic"), max_length=120)
    city_en = _text(_l("City in English"), max_length=120)
    region_ar = _text(_l("Region in Arabic"), max_length=120)
    region_en = _text(_l("Region in English"), max_length=120)
    default_locale = SelectField(_l("Default language"), choices=[("ar", "العربية"), ("en", "English")])


class ContactsStep(FlaskForm):
    phone = StringField(_l("Telephone"), validators=[Optional(), Regexp(
        r"^\+?[0-9 ]{7,18}$", message=_l("Telephone: digits only, optionally starting with +."))])
    email = EmailField(_l("E-mail"), validators=[Optional(), EmailAddress(_l("E-mail: not a valid address."))])
    website = StringField(_l("Website"), validators=[Optional(), Regexp(
        r"^https?://\S+$", message=_l("Website: start with http:// or https://."))])
    po_box = _text(_l("P.O. box"), max_length=60)
    address_ar = _text(_l("Address in Arabic"))
    address_en = _text(_l("Address in English"))
    social = TextAreaField(_l("Social accounts, one per line as platform:handle"), validators=[
        Optional(), Length(max=2000)])

    def validate_social(self, field):
        for line in (field.data or "").splitlines():
            if line.strip() and line.split(":", 1)[0].strip().lower() not in SOCIAL_PLATFORMS + ("",):
                raise ValidationError(_l("Social accounts: unknown platform in “{line}”.").format(line=line))


class LetterheadStep(FlaskForm):
    logo = FileField(_l("Letterhead logo (PNG or SVG)"))
    tagline_ar = _text(_l("Letterhead line in Arabic"))
    tagline_en = _text(_l("Letterhead line in English"))
    beneficiary_ar = _text(_l("Word for one beneficiary, in Arabic"), True, 60,
                           _l("Beneficiary term in Arabic: enter a word."))
    beneficiary_en = _text(_l("Word for one beneficiary, in English"), True, 60,
                           _l("Beneficiary term in English: enter a word."))
    beneficiaries_ar = _text(_l("Word for beneficiaries, in Arabic"), True, 60,
                             _l("Plural term in Arabic: enter a word."))
    beneficiaries_en = _text(_l("Word for beneficiaries, in English"), True, 60,
                             _l("Plural term in English: enter a word."))


class PolicyStep(FlaskForm):
    source = RadioField(_l("Start the policy from"), choices=[(k, k) for k in KINDS], default="standard")
    copy_from = SelectField(_l("Published example to copy"), choices=[], validate_choice=False)
    policy_file = FileField(_l("policy.yaml file"))


class AdminStep(FlaskForm):
    admin_email = EmailField(_l("First admin's e-mail"), validators=[
        DataRequired(_l("First admin's e-mail: enter an address.")), EmailAddress(_l("E-mail: not a valid address."))])
    admin_name = _text(_l("First admin's name"), max_length=200)


class ConfirmStep(FlaskForm):
    pass


class ReasonForm(FlaskForm):
    reason = TextAreaField(_l("Reason"), validators=[Optional(), Length(max=500)])


class InviteAdminForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("E-mail: enter an address.")),
                                                 EmailAddress(_l("E-mail: not a valid address."))])
