"""Where an export's file lives, and the two formats it is written in.

Files are kept under the instance folder, one folder per association
(``list-exports/<tenant id>/``), never under the static files; the path is
made from ids only. CSV is UTF-8 with a byte-order mark, so Excel reads the
Arabic; XLSX has its headers in bold and its sheet set right to left. Text
that a spreadsheet would run as a formula (a name typed as ``=HYPERLINK(…)``,
say) is kept as text in both.
"""

from __future__ import annotations

import csv
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

from flask import current_app

MEDIA_TYPES = {"csv": "text/csv; charset=utf-8",
               "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}


def export_path(tenant_id: int, export_id: int, file_format: str) -> Path:
    if file_format not in MEDIA_TYPES:
        raise ValueError(file_format)
    folder = Path(current_app.instance_path) / "list-exports" / str(int(tenant_id))
    return folder / f"export-{int(export_id)}.{file_format}"


def looks_like_formula(text: str) -> bool:
    """What Excel would evaluate: ``=…``, ``@…``, ``+``/``-`` before something other than a digit, tab, CR."""
    if not text:
        return False
    if text[0] in "=@\t\r":
        return True
    return text[0] in "+-" and not text[1:2].isdigit()


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, date | datetime):
        return value.isoformat()
    text = str(value)
    return "'" + text if looks_like_formula(text) else text


class CsvSheet:
    def __init__(self, path: Path):
        self._handle = path.open("w", encoding="utf-8-sig", newline="")
        self._writer = csv.writer(self._handle)

    def header(self, labels: list[str]) -> None:
        self._writer.writerow(labels)

    def rows(self, rows: list[list]) -> None:
        self._writer.writerows([[_text(v) for v in row] for row in rows])

    def close(self) -> None:
        self._handle.close()


class XlsxSheet:
    """A write-only workbook: rows go to a temporary file as they come, so memory stays flat."""

    def __init__(self, path: Path, title: str):
        from openpyxl import Workbook

        self._path = path
        self._book = Workbook(write_only=True)
        self._sheet = self._book.create_sheet(title=title[:31])
        self._sheet.sheet_view.rightToLeft = True

    def header(self, labels: list[str]) -> None:
        from openpyxl.cell import WriteOnlyCell
        from openpyxl.styles import Font

        cells = []
        for label in labels:
            cell = WriteOnlyCell(self._sheet, value=label)
            cell.font = Font(bold=True)
            cells.append(cell)
        self._sheet.append(cells)
        self._sheet.freeze_panes = "A2"

    def rows(self, rows: list[list]) -> None:
        for row in rows:
            self._sheet.append([self._cell(v) for v in row])

    def _cell(self, value):
        if isinstance(value, Decimal):
            return float(value)
        if isinstance(value, str) and value.startswith("="):
            from openpyxl.cell import WriteOnlyCell

            cell = WriteOnlyCell(self._sheet, value=value)
            cell.data_type = "s"  # openpyxl would write it as a formula
            return cell
        return value

    def close(self) -> None:
        self._book.save(self._path)


def open_sheet(path: Path, file_format: str, title: str):
    return XlsxSheet(path, title) if file_format == "xlsx" else CsvSheet(path)
