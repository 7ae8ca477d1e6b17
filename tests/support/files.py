"""Real small files for upload tests: a PDF, a PNG, a JPEG, and disguised ones."""

from __future__ import annotations

import io

from werkzeug.datastructures import FileStorage


def _minimal_pdf() -> bytes:
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref))
    return out.getvalue()


def image_bytes(kind: str = "PNG", size=(4, 3)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (15, 110, 86)).save(out, format=kind)
    return out.getvalue()


PDF_BYTES = _minimal_pdf()
SCRIPT_BYTES = b"#!/bin/sh\necho 'not a document'\nrm -rf /tmp/nothing\n"
HTML_BYTES = b"<html><script>alert(1)</script></html>"


def upload(data: bytes, filename: str, field: str = "file", content_type: str = "application/pdf") -> FileStorage:
    """What Flask hands a view for one uploaded file."""
    return FileStorage(stream=io.BytesIO(data), filename=filename, name=field, content_type=content_type)
