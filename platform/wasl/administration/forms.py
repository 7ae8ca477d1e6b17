"""Forms of association administration: staff, roles, profile, letterhead, holidays, audit filters."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField
from wtforms import (
    DateField,
    EmailField,
    PasswordField,
    SelectField,
    SelectMultipleField,
    StringField,
    widgets,
)
from wtforms.validators import DataRequired, EqualTo, Length, Optional, Regexp

from wasl.accounts.email_address import EmailAddress
from wasl.accounts.passwords import MIN_LENGTH


class InviteForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("E-mail: enter an address.")),
                                                 EmailAddress(_l("E-mail: not a valid address.")), Length(max=254)])
    name = StringField(_l("Name"), validators=[Optional(), Length(max=200)])
    role_id = SelectField(_l("Role"), coerce=int, validate_choice=True)


class ChangeRoleForm(FlaskForm):
    role_id = SelectField(_l("Role"), coerce=int, validate_choice=True)


class EmptyForm(FlaskForm):
    """A button that only needs its CSRF token."""


class CheckboxList(SelectMultipleField):
    widget = widgets.ListWidget(prefix_label=False)
    option_widget = widgets.CheckboxInput()


class RoleForm(FlaskForm):
    key = StringField(_l("Key"), validators=[Optional(), Regexp(
        r"^[a-z][a-z0-9_]{1,63}$", message=_l("Key: lowercase letters, digits and underscores."))])
    name_ar = StringField(_l("Name in Arabic"), validators=[DataRequired(_l("Name in Arabic: enter a name.")),
                                                           Length(max=120)])
    name_en = StringField(_l("Name in English"), validators=[DataRequired(_l("Name in English: enter a name.")),
                                                            Length(max=120)])
    permissions = CheckboxList(_l("Permissions"), choices=[])


class AcceptInvitationForm(FlaskForm):
    name = StringField(_l("Your name"), validators=[DataRequired(_l("Name: enter your name.")), Length(max=200)])
    password = PasswordField(_l("Password"), validators=[
        DataRequired(_l("Password: choose a password.")),
        Length(min=MIN_LENGTH, max=512, message=_l("Password: at least %(min)d characters.")),
    ])
    confirm = PasswordField(_l("Password again"), validators=[
        EqualTo("password", message=_l("Password again: the two passwords differ."))])


class InvitationCodeForm(FlaskForm):
    code = StringField(_l("Code from the e-mail"), validators=[
        DataRequired(_l("Code: enter the six digits from the e-mail.")),
        Length(min=6, max=6, message=_l("Code: enter the six digits from the e-mail."))])


class ProfileForm(FlaskForm):
    name_ar = StringField(_l("Name in Arabic"), validators=[DataRequired(_l("Name in Arabic: enter the name.")),
                                                           Length(max=255)])
    name_en = StringField(_l("Name in English"), validators=[DataRequired(_l("Name in English: enter the name.")),
                                                            Length(max=255)])
    registration_number = StringField(_l("Licence / registration number"), validators=[
        Optional(), Regexp(r"^[0-9A-Za-z-]{1,32}$", message=_l("Licence number: letters, digits and hyphens."))])
    city_ar = StringField(_l("City in Arabic"), validators=[Optional(), Length(max=120)])
    city_en = StringField(_l("City in English"), validators=[Optional(), Length(max=120)])
    region_ar = StringField(_l("Region in Arabic"), validators=[Optional(), Length(max=120)])
    region_en = StringField(_l("Region in English"), validators=[Optional(), Length(max=120)])
    phone = StringField(_l("Telephone"), validators=[Optional(), Regexp(
        r"^\+?[0-9]{7,15}$", message=_l("Telephone: digits only, optionally starting with +."))])
    email = EmailField(_l("E-mail"), validators=[Optional(), EmailAddress(_l("E-mail: not a valid address."))])
    website = StringField(_l("Website"), validators=[Optional(), Regexp(
        r"^https?://\S+$", message=_l("Website: start with http:// or https://."))])
    default_locale = SelectField(_l("Default language"), choices=[("ar", "العربية"), ("en", "English")])
    beneficiary_ar = StringField(_l("Word for one beneficiary, in Arabic"), validators=[DataRequired(), Length(max=60)])
    beneficiary_en = StringField(_l("Word for one beneficiary, in English"), validators=[DataRequired(), Length(max=60)])
    beneficiaries_ar = StringField(_l("Word for beneficiaries, in Arabic"), validators=[DataRequired(), Length(max=60)])
    beneficiaries_en = StringField(_l("Word for beneficiaries, in English"), validators=[DataRequired(), Length(max=60)])


class LetterheadForm(FlaskForm):
    logo = FileField(_l("Logo (PNG or SVG)"))
    tagline_ar = StringField(_l("Letterhead line in Arabic"), validators=[Optional(), Length(max=255)])
    tagline_en = StringField(_l("Letterhead line in English"), validators=[Optional(), Length(max=255)])


class HolidayForm(FlaskForm):
    on = DateField(_l("Date"), validators=[DataRequired(_l("Date: enter a date as YYYY-MM-DD."))])
    name_ar = StringField(_l("Name in Arabic"), validators=[DataRequired(_l("Name in Arabic: enter a name.")),
                                                           Length(max=120)])
    name_en = StringField(_l("Name in English"), validators=[Optional(), Length(max=120)])


class AuditFilterForm(FlaskForm):
    class Meta:
        csrf = False

    actor = StringField(_l("Actor (e-mail)"), validators=[Optional(), Length(max=254)])
    action = StringField(_l("Action"), validators=[Optional(), Length(max=80)])
    object_type = StringField(_l("Object type"), validators=[Optional(), Length(max=60)])
    object_id = StringField(_l("Object id"), validators=[Optional(), Length(max=64)])
    date_from = DateField(_l("From"), validators=[Optional()])
    date_to = DateField(_l("To"), validators=[Optional()])


