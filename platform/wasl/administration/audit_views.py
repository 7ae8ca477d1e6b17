"""The association's audit log, for its admins: filters, pages, CSV."""

from __future__ import annotations

from flask import Response, g, render_template, request, stream_with_context

from wasl.accounts import access
from wasl.administration import services
from wasl.administration.blueprint import bp
from wasl.administration.forms import AuditFilterForm
from wasl.api.pagination import page_number


def _criteria() -> tuple[AuditFilterForm, services.AuditFilter]:
    form = AuditFilterForm(request.args)
    if not form.validate():
        return form, services.AuditFilter()
    return form, services.AuditFilter(actor=form.actor.data, action=form.action.data, object_type=form.object_type.data,
                             object_id=form.object_id.data, date_from=form.date_from.data,
                             date_to=form.date_to.data)


@bp.route("/audit")
@access.requires("tenant.admin")
def audit_log():
    form, criteria = _criteria()
    page = page_number()
    rows, more = services.audit_page(criteria, page)
    return render_template("administration/audit.html", form=form, rows=rows, page=page, more=more,
                           object_types=services.audit_object_types())


@bp.route("/audit.csv")
@access.requires("tenant.admin")
def audit_csv():
    _form, criteria = _criteria()
    name = f"wasl-{g.tenant.slug}-audit.csv"
    return Response(stream_with_context(services.audit_csv(criteria)), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})
