"""The platform-level audit log (operators' actions, sign-ins), for operators."""

from __future__ import annotations

from flask import Response, render_template, request, stream_with_context

from wasl.accounts import access
from wasl.administration.audit_log import AuditFilter
from wasl.administration.forms import AuditFilterForm
from wasl.api.pagination import page_number
from wasl.operator import services
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
    rows, more = services.platform_audit(criteria, page)
    return render_template("operator/audit.html", form=form, rows=rows, page=page, more=more)


@bp.route("/audit.csv")
@access.operator_only
def platform_audit_csv():
    _form, criteria = _criteria()
    return Response(stream_with_context(services.platform_audit_rows(criteria)), mimetype="text/csv",
                    headers={"Content-Disposition": 'attachment; filename="wasl-platform-audit.csv"'})
