"""The form that asks for an export: which list, which format, and whether personal data goes in."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import BooleanField, RadioField, SelectField, StringField

from wasl.exports.datasets import DATASETS
from wasl.privacy.read_audit import NOTE_LIMIT, REASONS

FORMAT_LABELS = {"xlsx": _l("Excel workbook (XLSX)"), "csv": _l("CSV (UTF-8, opens in Excel)")}


class ExportForm(FlaskForm):
    dataset = RadioField(_l("List"), default="cases", validate_choice=True,
                         choices=[(key, d.label) for key, d in DATASETS.items()])
    file_format = RadioField(_l("Format"), default="xlsx", validate_choice=True,
                             choices=list(FORMAT_LABELS.items()))
    personal_data = BooleanField(_l("Include personal data: names, ID numbers, mobiles, e-mails and birth dates"))
    # Asked only while the association records who reads personal data (``privacy.read_audit``).
    read_reason = SelectField(_l("Why are you exporting personal data?"), validate_choice=False,
                              choices=[("", "—"), *REASONS.items()])
    read_note = StringField(_l("Explanation"), render_kw={"maxlength": NOTE_LIMIT})
