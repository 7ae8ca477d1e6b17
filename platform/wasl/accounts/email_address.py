"""One rule for what an e-mail address is, shared by the forms, the API schemas and the CLI.

The sign-in form, the invitation form, ``users create`` and every schema ask
the same question of the same library, so an address accepted anywhere can
always sign in.
"""

from __future__ import annotations

from email_validator import EmailNotValidError, validate_email
from marshmallow import ValidationError, fields
from wtforms.validators import ValidationError as FormValidationError

INVALID = "Not a valid email address."


def is_valid_email(address: str | None) -> bool:
    try:
        validate_email(address or "", check_deliverability=False)
    except EmailNotValidError:
        return False
    return True


class EmailAddress:
    """A WTForms validator: the same rule as ``is_valid_email``, with the form's own message."""

    def __init__(self, message):
        self.message = message

    def __call__(self, form, field) -> None:
        if field.data and not is_valid_email(field.data):
            raise FormValidationError(self.message)


class EmailField(fields.Email):
    """An e-mail address in an API body, validated by the same rule as the forms."""

    def _deserialize(self, value, attr, data, **kwargs):
        address = super()._deserialize(value, attr, data, **kwargs).strip()
        if not is_valid_email(address):
            raise ValidationError(INVALID)
        return address
