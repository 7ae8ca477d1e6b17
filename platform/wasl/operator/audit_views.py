"""The platform-level audit log (operators' actions, sign-ins), for operators."""

from __future__ import annotations

from flask import Response, render_template, request, stream_with_context

from wasl.accounts import access
from wasl.administration.audit_log import AuditFilter, csv_rows, page_of, platform_events
from wasl.administration.forms import AuditFilterForm
from wasl.api.pagination import page_number
from wasl.operator.blueprint import bp


def _criteria() -> tuple[AuditFilterForm, AuditFilter]:
    form = AuditFilterForm(request.args)
    if not form.validate():
        return form, AuditFilter()
    return form, AuditFilter(actor=form.actor.data, action=form.action.data, object_type=form.object_type.data,
                             object_id=form.object_id.data, date_from=form.date_from.data,
                             date_to=form.date_to.data)


@bp.route("/audit")
@access.operator_only
def platform_audit():
    form, criteria = _criteria()
    page = page_number()
    rows, more = page_of(platform_events(criteria), page)
    return render_template("operator/audit.html", form=form, rows=rows, page=page, more=more)


@bp.route("/audit.csv")
@access.operator_only
def platform_audit_csv():
    _form, criteria = _criteria()
    return Response(stream_with_context(csv_rows(platform_events(criteria))), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="wasl-platform-audit.csv"'})
