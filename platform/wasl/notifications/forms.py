"""Forms of the notification pages (CSRF on all of them)."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    IntegerField,
    PasswordField,
    SelectField,
    StringField,
    TextAreaField,
    TimeField,
)
from wtforms.validators import DataRequired, Length, NumberRange, Optional

from wasl.notifications.models import Channel

CHANNEL_LABELS = {"email": _l("E-mail"), "sms": _l("SMS"), "whatsapp": _l("WhatsApp")}


class ActionForm(FlaskForm):
    """A button that changes something (resend, reset): CSRF only."""


class TemplateForm(FlaskForm):
    subject = StringField(_l("Subject"), validators=[Optional(), Length(max=300)])
    body = TextAreaField(_l("Message text"), validators=[DataRequired(_l("Message text: enter the text.")),
                                                         Length(max=5000)])
    whatsapp_template = StringField(_l("WhatsApp template name"), validators=[Optional(), Length(max=120)])
    whatsapp_params = TextAreaField(_l("WhatsApp template parameters (one per line)"),
                                    validators=[Optional(), Length(max=5000)])

    def parts(self, channel: str) -> dict:
        params = [line.strip() for line in (self.whatsapp_params.data or "").splitlines() if line.strip()]
        return {"subject": self.subject.data if channel == "email" else None, "body": self.body.data or "",
                "template": (self.whatsapp_template.data or "").strip() or None, "params": params}


class RulesForm(FlaskForm):
    quiet_hours_enabled = BooleanField(_l("Hold text messages (SMS and WhatsApp) during quiet hours"))
    quiet_start = TimeField(_l("Quiet hours start (Riyadh time)"),
                            validators=[DataRequired(_l("Quiet hours start: enter a time."))])
    quiet_end = TimeField(_l("Quiet hours end (Riyadh time)"),
                          validators=[DataRequired(_l("Quiet hours end: enter a time."))])
    first = SelectField(_l("First fallback channel"))
    second = SelectField(_l("Second fallback channel"))
    third = SelectField(_l("Third fallback channel"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(c.value, CHANNEL_LABELS[c.value]) for c in Channel]
        for field in (self.first, self.second, self.third):
            field.choices = choices

    def fallback_order(self) -> list[str]:
        return [self.first.data, self.second.data, self.third.data]


def provider_form(provider_cls, **kwargs) -> FlaskForm:
    """A form with one field per setting the provider declares; secrets are never shown back."""
    attrs = {"enabled": BooleanField(_l("Send through this provider"), default=True)}
    for field in provider_cls.fields:
        validators = [Optional()]
        if field.kind == "int":
            attrs[field.name] = IntegerField(field.label, validators=[*validators, NumberRange(1, 65535)])
        elif field.kind == "choice":
            attrs[field.name] = SelectField(field.label, choices=list(field.choices))
        elif field.secret:
            attrs[field.name] = PasswordField(field.label, validators=[*validators, Length(max=2000)])
        else:
            attrs[field.name] = StringField(field.label, validators=[*validators, Length(max=500)])
    form_cls = type(f"{provider_cls.__name__}Form", (FlaskForm,), attrs)
    return form_cls(**kwargs)
