"""The portal's forms: the details that ask for a code, and the code."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import StringField
from wtforms.validators import DataRequired, Length


class SignInForm(FlaskForm):
    national_id = StringField(_l("National ID or Iqama number"),
                              validators=[DataRequired(_l("Enter your national ID or Iqama number.")),
                                          Length(max=40)])
    mobile = StringField(_l("Mobile number"),
                         validators=[DataRequired(_l("Enter your mobile number.")), Length(max=40)])


class CodeForm(FlaskForm):
    code = StringField(_l("The code from the text message"),
                       validators=[DataRequired(_l("Enter the code we sent you.")), Length(max=20)])
