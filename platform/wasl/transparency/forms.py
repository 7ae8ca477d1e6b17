"""The admin's form: publish the transparency page or not, and its period."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, SelectField

from wasl.transparency.models import PERIOD_CHOICES

PERIOD_LABELS = {90: _l("The last 3 months"), 180: _l("The last 6 months"), 365: _l("The last 12 months")}


class TransparencyForm(FlaskForm):
    published = BooleanField(_l("Publish the transparency page"))
    period_days = SelectField(_l("Period shown"), coerce=int, validate_choice=True,
                              choices=[(days, PERIOD_LABELS[days]) for days in PERIOD_CHOICES])
