"""The dry-run (and import) report as an XLSX workbook, right to left in Arabic, both languages' messages.

Text from the uploaded file (a column name, a value quoted in a message) is
written as text, never as a formula, so a cell beginning with "=" stays inert.
"""

from __future__ import annotations

import io
import re

from flask_babel import gettext as _
from markupsafe import Markup, escape

from wasl.imports import targets
from wasl.imports.models import BeneficiaryImport, ImportIssue, IssueKind

# Dates, IDs and numbers (also a pattern such as 05XXXXXXXX) keep their left-to-right order in Arabic text.
_FIGURE = re.compile(r"\+?[0-9\u0660-\u0669X][0-9\u0660-\u0669X\-/:.]*[0-9\u0660-\u0669X]|[0-9\u0660-\u0669]")


def isolate_figures(text: str) -> Markup:
    """``text`` escaped, each figure in it wrapped in a left-to-right ``<bdi>``."""
    parts, last = [], 0
    for match in _FIGURE.finditer(text or ""):
        parts += [escape(text[last:match.start()]), Markup('<bdi dir="ltr">{}</bdi>').format(match.group())]
        last = match.end()
    parts.append(escape((text or "")[last:]))
    return Markup("").join(parts)


def _isolated_text(text: str) -> str:
    """The same for a spreadsheet cell, with Unicode's left-to-right isolate marks."""
    return _FIGURE.sub(lambda m: "\u2066" + m.group() + "\u2069", text or "")


def kind_label(kind: str) -> str:
    return {IssueKind.ERROR: _("Problem"), IssueKind.SKIPPED: _("Skipped: already registered"),
            IssueKind.BATCH: _("Batch not imported")}.get(kind, kind)


def _text_cell(sheet, value):
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value=value)
    if isinstance(value, str):
        cell.data_type = "s"
    return cell


def _row(sheet, values) -> None:
    sheet.append([_text_cell(sheet, v) for v in values])


def report_workbook(job: BeneficiaryImport, lines: list[ImportIssue], locale: str) -> bytes:
    """The report of ``job`` as XLSX bytes: a summary, then one line per problem or skipped row."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Report"))
    sheet.sheet_view.rightToLeft = locale == "ar"
    for width, letter in zip((10, 28, 28, 24, 70, 70), "ABCDEF", strict=True):
        sheet.column_dimensions[letter].width = width
    _row(sheet, [_("File"), job.original_name])
    _row(sheet, [_("Rows"), job.row_count])
    _row(sheet, [_("Problems"), job.error_count])
    _row(sheet, [_("Already registered"), job.known_count])
    _row(sheet, [])
    _row(sheet, [_("Row"), _("Column in the file"), _("Field"), _("Kind"), "الملاحظة (عربي)", "Note (English)"])
    for line in lines:
        _row(sheet, [line.row_number, line.column or "", targets.label_of(line.field), kind_label(line.kind),
                     _isolated_text(line.message_ar), line.message_en])
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
