"""What a file really is, read from its bytes: only PDF, JPEG and PNG are accepted.

The name and the browser's declared type are never trusted; a script renamed
``.pdf`` starts with neither signature and is refused. Images are opened by
Pillow as well, so a file carrying only a forged signature is refused too.
"""

from __future__ import annotations

import io

PDF = "application/pdf"
JPEG = "image/jpeg"
PNG = "image/png"
ACCEPTED = (PDF, JPEG, PNG)
EXTENSIONS = {PDF: ".pdf", JPEG: ".jpg", PNG: ".png"}

_SIGNATURES = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
)
# How far from the end a PDF's end-of-file marker may sit (some writers append a little padding).
_PDF_TAIL = 2048


def signature_type(head: bytes) -> str | None:
    """The accepted type whose signature ``head`` starts with, if any."""
    for magic, content_type in _SIGNATURES:
        if head.startswith(magic):
            return content_type
    return None


def detect(data: bytes) -> str | None:
    """The content type of ``data`` when it is a well-formed PDF, JPEG or PNG; ``None`` otherwise."""
    content_type = signature_type(data[:16])
    if content_type == PDF:
        return PDF if b"%%EOF" in data[-_PDF_TAIL:] else None
    if content_type in (JPEG, PNG):
        return content_type if _image_opens_as(data, content_type) else None
    return None


def _image_opens_as(data: bytes, content_type: str) -> bool:
    from PIL import Image, UnidentifiedImageError

    expected = {JPEG: "JPEG", PNG: "PNG"}[content_type]
    try:
        with Image.open(io.BytesIO(data)) as image:
            if image.format != expected:
                return False
            image.verify()
    except (UnidentifiedImageError, Image.DecompressionBombError, OSError, SyntaxError, ValueError):
        return False
    return True
