"""The import in the JSON API: its state and progress, the mapping it takes, and its report lines."""

from __future__ import annotations

from flask import url_for
from flask_babel import lazy_gettext as _l
from marshmallow import Schema, fields

from wasl.api.schemas import PageArgsSchema
from wasl.beneficiaries.fields import LocalisedSchema, labelled, one_of
from wasl.i18n import current_language
from wasl.imports import targets
from wasl.imports.models import IssueKind

KINDS = tuple(k.value for k in IssueKind)


class ImportSchema(Schema):
    id = fields.Integer()
    status = fields.String(metadata={"description": "uploaded, mapped, checked, queued, running, done or failed"})
    original_name = fields.String()
    file_format = fields.String(metadata={"description": "xlsx or csv"})
    size_bytes = fields.Integer()
    row_count = fields.Integer()
    headers = fields.List(fields.String())
    mapping = fields.Dict(keys=fields.String(), values=fields.String(),
                          metadata={"description": "column header -> field; empty until the mapping is saved"})
    proposed_mapping = fields.Method("_proposed", metadata={
        "description": "the mapping to offer: saved, else remembered for these headers, else guessed"})
    fields_available = fields.Method("_targets")
    error_count = fields.Integer()
    error_rows = fields.Integer()
    known_count = fields.Integer(metadata={"description": "rows already in the registry; skipped on import"})
    checked_at = fields.DateTime(allow_none=True)
    can_start = fields.Boolean()
    progress = fields.Integer(metadata={"description": "percent of rows the job has been through"})
    processed_rows = fields.Integer()
    imported_count = fields.Integer()
    skipped_count = fields.Integer()
    failed_batches = fields.Integer()
    runs = fields.Integer()
    error = fields.String(allow_none=True)
    created_at = fields.DateTime()
    started_at = fields.DateTime(allow_none=True)
    finished_at = fields.DateTime(allow_none=True)
    report_url = fields.Method("_report_url")

    def _proposed(self, job) -> dict:
        from wasl.imports.services import mapping_of

        return mapping_of(job)

    def _targets(self, job) -> list[dict]:
        return [{"key": t.key, "label": str(t.label), "required": t.required} for t in targets.TARGETS]

    def _report_url(self, job) -> str:
        return url_for("api_imports.report", import_id=job.id)


class MappingInputSchema(LocalisedSchema):
    mapping = labelled(fields.Dict, _l("Mapping"), keys=fields.String(), values=fields.String(allow_none=True),
                       required=True, metadata={"description": "column header -> field key, or \"\" to ignore"})


class IssueSchema(Schema):
    row_number = fields.Integer(metadata={"description": "as a spreadsheet shows it: the header is row 1"})
    kind = fields.String(metadata={"description": "error, skipped or batch"})
    field = fields.String(allow_none=True)
    column = fields.String(allow_none=True)
    message = fields.Function(lambda issue: issue.message(current_language()))
    message_ar = fields.String()
    message_en = fields.String()


class ReportArgsSchema(PageArgsSchema):
    kind = labelled(fields.String, _l("Kind"), load_default=None, validate=one_of(_l("Kind"), KINDS))
