"""The drawn signature: a PNG the browser captured from a canvas, sent as a ``data:`` URL.

It is decoded strictly, must really be a PNG (by its bytes), stay within a
size and dimension bound, and carry some ink: a blank canvas is not a signature.
"""

from __future__ import annotations

import base64
import binascii
from io import BytesIO

from flask import current_app, has_app_context
from flask_babel import gettext as _
from marshmallow import ValidationError, fields

PREFIX = "data:image/png;base64,"
PNG_MAGIC = b"\x89PNG\r\n\x1a\n"
DEFAULT_MAX_BYTES = 200 * 1024
MAX_WIDTH, MAX_HEIGHT = 3000, 1500
MIN_WIDTH, MIN_HEIGHT = 40, 20


def max_bytes() -> int:
    if has_app_context():
        return int(current_app.config.get("WASL_SIGNATURE_MAX_BYTES", DEFAULT_MAX_BYTES))
    return DEFAULT_MAX_BYTES


def decode_signature(value: str) -> bytes:
    """The PNG bytes of a signature data URL; ValidationError with a reason for people otherwise."""
    if not isinstance(value, str) or not value.startswith(PREFIX):
        raise ValidationError(_("The signature must be a PNG image drawn on the signature pad."))
    limit = max_bytes()
    encoded = value[len(PREFIX):]
    if len(encoded) > (limit + 2) // 3 * 4:
        raise ValidationError(_("The signature image is larger than {size} KB.").format(size=limit // 1024))
    try:
        data = base64.b64decode(encoded, validate=True)
    except (binascii.Error, ValueError) as error:
        raise ValidationError(_("The signature is not a valid image.")) from error
    if not data.startswith(PNG_MAGIC):
        raise ValidationError(_("The signature must be a PNG image drawn on the signature pad."))
    _check_image(data)
    return data


def _check_image(data: bytes) -> None:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        with Image.open(BytesIO(data)) as image:
            width, height = image.size
            if not (MIN_WIDTH <= width <= MAX_WIDTH and MIN_HEIGHT <= height <= MAX_HEIGHT):
                raise ValidationError(_("The signature image must be between {min_w}×{min_h} and {max_w}×{max_h} "
                                        "pixels.").format(min_w=MIN_WIDTH, min_h=MIN_HEIGHT, max_w=MAX_WIDTH,
                                                          max_h=MAX_HEIGHT))
            rgba = image.convert("RGBA")
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as error:
        raise ValidationError(_("The signature is not a valid image.")) from error
    paper = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
    ink = ImageOps.invert(Image.alpha_composite(paper, rgba).convert("L")).point(lambda v: 255 if v > 24 else 0)
    if ink.getbbox() is None:
        raise ValidationError(_("The signature is empty: ask the beneficiary to sign on the pad."))


class SignatureField(fields.String):
    """Loads a signature data URL into PNG bytes."""

    def _deserialize(self, value, attr, data, **kwargs) -> bytes:
        return decode_signature(super()._deserialize(value, attr, data, **kwargs))
