"""Checking an uploaded register by its bytes, and reading its rows as text.

Accepted: a real XLSX workbook (a zip holding a workbook part) or a CSV in
UTF-8 (with or without the byte-order mark Excel writes). The name and the
browser's declared type are never trusted. openpyxl is imported only here,
when a workbook is actually read.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass
from datetime import date, datetime

from flask import current_app
from flask_babel import gettext as _
from flask_babel import ngettext

from wasl.documents import sniffing
from wasl.documents.errors import EMPTY, NOT_ACCEPTED, TOO_LARGE, UploadRefused
from wasl.documents.services import size_text

CSV, XLSX = "csv", "xlsx"
FIELD = "file"
BOM = b"\xef\xbb\xbf"
# A workbook may unpack to at most this many times the upload limit (a zip bomb is refused unread).
MAX_UNPACKED_RATIO = 30
DEFAULT_MAX_ROWS = 50_000
MAX_COLUMNS = 100


@dataclass(frozen=True)
class Sheet:
    """The file's headers and its non-blank rows, each with its row number as a spreadsheet shows it."""

    headers: list[str]
    rows: list[tuple[int, list[str]]]


def max_rows() -> int:
    return int(current_app.config.get("WASL_IMPORT_MAX_ROWS") or DEFAULT_MAX_ROWS)


def _refuse(status: int, message: str) -> UploadRefused:
    return UploadRefused(status, FIELD, message)


def read_upload(file_storage) -> tuple[bytes, str]:
    """The bytes and format of an uploaded register, or UploadRefused saying why not."""
    limit = int(current_app.config["WASL_MAX_UPLOAD_BYTES"])
    data = file_storage.stream.read(limit + 1) if file_storage is not None else b""
    if not data:
        raise _refuse(EMPTY, _("The file is empty or missing. Choose an Excel (XLSX) or CSV file."))
    if len(data) > limit:
        raise _refuse(TOO_LARGE, _("The file is larger than the limit of {limit}.").format(limit=size_text(limit)))
    return data, detect(data)


def detect(data: bytes) -> str:
    """``xlsx`` or ``csv`` from the content; UploadRefused for anything else."""
    if data.startswith(b"PK\x03\x04"):
        _check_workbook(data)
        return XLSX
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _refuse(NOT_ACCEPTED, _("This is an old Excel file (XLS). Open it in Excel and save it as XLSX "
                                      "or as CSV UTF-8, then upload it again."))
    if sniffing.signature_type(data[:16]) is not None:
        raise _refuse(NOT_ACCEPTED, _not_a_register())  # a PDF or an image, whatever its name says
    text = _utf8_text(data)
    if "\x00" in text or text.lstrip().startswith("<"):
        raise _refuse(NOT_ACCEPTED, _not_a_register())
    return CSV


def _not_a_register() -> str:
    return _("The file is neither an Excel workbook (XLSX) nor a CSV file. Files are checked by their content, "
             "not their name.")


def _utf8_text(data: bytes) -> str:
    try:
        return data.removeprefix(BOM).decode("utf-8")
    except UnicodeDecodeError as error:
        raise _refuse(NOT_ACCEPTED, _(
            "The CSV file is not in UTF-8. In Excel choose “Save as” then “CSV UTF-8”, and upload that file."
        )) from error


def _check_workbook(data: bytes) -> None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            unpacked = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, ValueError) as error:
        raise _refuse(NOT_ACCEPTED, _not_a_register()) from error
    if "[Content_Types].xml" not in names or "xl/workbook.xml" not in names:
        raise _refuse(NOT_ACCEPTED, _not_a_register())
    if unpacked > MAX_UNPACKED_RATIO * int(current_app.config["WASL_MAX_UPLOAD_BYTES"]):
        raise _refuse(TOO_LARGE, _("The workbook unpacks to more data than Wasl accepts. Split it into "
                                   "smaller files."))


# --- rows -------------------------------------------------------------------------------------------


def cell_text(value) -> str:
    """A cell as the text a person typed: 1012345672.0 is 1012345672, a date is year-month-day."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    return str(value).strip()


def _csv_rows(data: bytes):
    text = data.removeprefix(BOM).decode("utf-8")
    sample = text[:4096]
    try:
        dialect = csv.Sniffer().sniff(sample, delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    yield from csv.reader(io.StringIO(text, newline=""), dialect)


def _xlsx_rows(data: bytes):
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # noqa: BLE001 - any failure to open means the file is not a workbook
        raise _refuse(NOT_ACCEPTED, _not_a_register()) from error
    try:
        yield from workbook.worksheets[0].iter_rows(values_only=True)
    finally:
        workbook.close()


def read_sheet(data: bytes, file_format: str) -> Sheet:
    """Headers (first row) and the non-blank rows below them, all as text; UploadRefused when unusable."""
    source = _xlsx_rows(data) if file_format == XLSX else _csv_rows(data)
    headers: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    limit = max_rows()
    for number, raw in enumerate(source, start=1):
        cells = [cell_text(value) for value in raw]
        if headers is None:
            headers = _headers(cells)
            continue
        if not any(cells):
            continue
        if len(rows) >= limit:
            raise _refuse(TOO_LARGE, ngettext("The file has more than %(num)d row; split it into smaller files.",
                                              "The file has more than %(num)d rows; split it into smaller files.",
                                              limit))
        rows.append((number, (cells + [""] * len(headers))[:len(headers)]))
    if not headers:
        raise _refuse(EMPTY, _("The file has no header row. Its first row must name the columns."))
    if not rows:
        raise _refuse(EMPTY, _("The file has a header row but no rows of beneficiaries below it."))
    return Sheet(headers, rows)


def _headers(cells: list[str]) -> list[str]:
    while cells and not cells[-1]:
        cells = cells[:-1]
    if len(cells) > MAX_COLUMNS:
        raise _refuse(NOT_ACCEPTED, ngettext("The file has more than %(num)d column.",
                                             "The file has more than %(num)d columns.", MAX_COLUMNS))
    seen: set[str] = set()
    for position, header in enumerate(cells, start=1):
        if not header:
            raise _refuse(NOT_ACCEPTED, _("Column {number} of the first row has no name. Name every column "
                                          "in the first row.").format(number=position))
        if header in seen:
            raise _refuse(NOT_ACCEPTED, _("Two columns are both named “{header}”. Give each column its own "
                                          "name.").format(header=header))
        seen.add(header)
    return cells


def sample(data: bytes, file_format: str, count: int = 3) -> list[list[str]]:
    """The first ``count`` non-blank rows below the header, to show beside the mapping; reads no further."""
    source = _xlsx_rows(data) if file_format == XLSX else _csv_rows(data)
    rows: list[list[str]] = []
    width = None
    for raw in source:
        cells = [cell_text(value) for value in raw]
        if width is None:
            width = len(_headers(cells))
            continue
        if any(cells):
            rows.append((cells + [""] * width)[:width])
        if len(rows) >= count:
            source.close()
            break
    return rows
