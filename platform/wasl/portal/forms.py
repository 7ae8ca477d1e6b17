"""The portal's forms: the details that ask for a code, the code, applying from home and answering staff."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, HiddenField, StringField, TextAreaField
from wtforms.validators import DataRequired, Length

from wasl.beneficiaries.forms import BeneficiaryForm
from wasl.portal.applications import PERSON_FIELDS, SIGNED_NAME_LABEL


class SignInForm(FlaskForm):
    national_id = StringField(_l("National ID or Iqama number"),
                              validators=[DataRequired(_l("Enter your national ID or Iqama number.")),
                                          Length(max=40)])
    mobile = StringField(_l("Mobile number"),
                         validators=[DataRequired(_l("Enter your mobile number.")), Length(max=40)])


class CodeForm(FlaskForm):
    code = StringField(_l("The code from the text message"),
                       validators=[DataRequired(_l("Enter the code we sent you.")), Length(max=20)])


class ApplicationForm(BeneficiaryForm):
    """Applying from home: the intake's personal-data fields (less the ID and mobile signed in with), then
    the consent box, the name typed under the pledge and the drawn signature. The schemas validate."""

    national_id = None
    mobile = None
    opted_out_non_essential = None
    service = HiddenField()
    description = TextAreaField(_l("What you need, in your own words (optional)"), validators=[Length(max=4000)],
                                render_kw={"rows": 3})
    consent = BooleanField(_l("I consent to the association processing my personal data to provide its services"))
    signed_name = StringField(SIGNED_NAME_LABEL, render_kw={"autocomplete": "name"})
    signature = HiddenField()

    PERSON_FIELDS = PERSON_FIELDS

    def person_data(self) -> dict:
        return {name: self[name].data for name in self.PERSON_FIELDS}


class SignatureForm(FlaskForm):
    """Signing a request's pledge again."""

    signed_name = StringField(SIGNED_NAME_LABEL, render_kw={"autocomplete": "name"})
    signature = HiddenField()


class DocumentsAnswerForm(FlaskForm):
    """The CSRF token of the upload of missing documents; the files are read by their field names."""
