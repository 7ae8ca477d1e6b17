"""Forms for signing in and choosing the language."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, HiddenField, PasswordField, SelectField
from wtforms.validators import DataRequired, Length

from wasl.accounts.email_address import EmailAddress


class LoginForm(FlaskForm):
    email = EmailField(_l("E-mail"), validators=[DataRequired(_l("Enter your e-mail address.")),
                                                 EmailAddress(_l("Enter a valid e-mail address.")),
                                                 Length(max=254)])
    password = PasswordField(_l("Password"), validators=[DataRequired(_l("Enter your password.")),
                                                         Length(max=512)])
    next = HiddenField()


class LocaleForm(FlaskForm):
    locale = SelectField(choices=[("ar", "العربية"), ("en", "English")])
    next = HiddenField()


class SwitchAssociationForm(FlaskForm):
    slug = HiddenField(validators=[DataRequired()])
