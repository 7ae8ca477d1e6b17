"""Staff pages for cases: my inbox across associations, the case list, the case page and the letter.

The intake (``intake_views``), the case page's actions (``action_views``) and
the pledge's signature (``pledge_views``) add their routes to the same
blueprint. Pages call the same service functions as the API; access is
declared on each view and enforced in one place.
"""

from __future__ import annotations

from flask import Blueprint, Response, g, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError

from wasl.accounts import access
from wasl.api.pagination import page_number
from wasl.api.schemas import PageArgsSchema
from wasl.cases import page_data, services
from wasl.cases.api.schemas import CaseFilterSchema
from wasl.cases.catalogue import catalogue_of
from wasl.cases.web.forms import FilterForm
from wasl.db import utcnow
from wasl.errors import Refused
from wasl.i18n import current_language
from wasl.i18n.dates import local_date
from wasl.i18n.validation import translate_errors
from wasl.kernel.bilingual import pick
from wasl.kernel.form_errors import attach_errors
from wasl.web.navigation import add_nav_item

bp = Blueprint("cases", __name__, url_prefix="/<slug>/cases")
inbox_bp = Blueprint("inbox", __name__)

# A list page counts its rows up to this many past its first: "more than 1,000 requests" costs no more to say
# for an association with a hundred thousand than for one with a thousand.
COUNT_BEYOND = 1000

def render(template: str, status: int = 200, **context):
    language = current_language()
    tenant = g.get("tenant")
    context.setdefault("terms", page_data.terms(tenant, language) if tenant is not None else {
        "one": _("beneficiary"), "many": _("beneficiaries")})
    return render_template(f"cases/{template}", labels=page_data, today=local_date(utcnow()), **context), status


@inbox_bp.route("/inbox")
@access.requires_signed_in
def inbox():
    page_number()  # a page number out of range is a clear 422 page
    args = PageArgsSchema().load({k: v for k, v in request.args.items() if k in ("page", "per_page")})
    page = services.inbox(g.actor, args["page"], args["per_page"], count_beyond=COUNT_BEYOND)
    return render("inbox.html", page=page, catalogue_of=catalogue_of, pick=pick)


@bp.route("")
@access.requires("cases.view")
def index():
    form = FilterForm(request.args)
    form.set_choices(services.filter_choices(g.tenant, current_language()))
    page_number()  # before the filters: the form has no field to show a page number's error on
    try:
        args = CaseFilterSchema().load(_filter_args())
    except ValidationError as invalid:
        _attach(form, translate_errors(invalid.normalized_messages()))
        return render("list.html", 422, form=form, page=None, per_page=25, catalogue_of=catalogue_of)
    number, per_page = args.pop("page"), args.pop("per_page")
    page = services.list_cases(args, number, per_page, count_beyond=COUNT_BEYOND)
    pager_args = {key: value for key, value in request.args.items() if key != "page"}
    return render("list.html", form=form, page=page, per_page=per_page, catalogue_of=catalogue_of,
                  pager_args=pager_args)


def _filter_args() -> dict:
    """The query string without empty values (an empty select means "any"); ``overdue`` only when ticked."""
    return {key: value for key, value in request.args.items() if value not in ("", None)}


def _attach(form, messages: dict) -> None:
    """Each message beside its filter; one about no field of the form goes beside the search box."""
    form.q.errors = [*form.q.errors, *attach_errors(form, messages)]


@bp.route("/<int:case_id>")
@access.requires("cases.view")
def show(case_id: int):
    from wasl.cases.web.action_views import case_page

    return case_page(services.require_case(case_id))


@bp.route("/<int:case_id>/letter")
@access.requires("cases.view")
def letter(case_id: int):
    """The decision letter as a page of its own, ready to print."""
    return Response(_letter(services.require_case(case_id)).html, mimetype="text/html")


@bp.route("/<int:case_id>/letter.pdf")
@access.requires("cases.view")
def letter_pdf(case_id: int):
    letter = _letter(services.require_case(case_id))
    response = Response(letter.pdf(), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{letter.filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


def _letter(case):
    language = request.args.get("letter", current_language())
    if language not in ("ar", "en"):
        raise Refused(_("The letter parameter must be \"ar\" or \"en\"."), 400)
    return services.issued_letter(case, language)


def beneficiary_cases(beneficiary_id: int) -> list:
    """For the beneficiary page: their requests in this association, newest first."""
    return services.beneficiary_history(beneficiary_id)


def init_app(app) -> None:
    from wasl.cases.web import action_views, intake_views, pledge_views  # noqa: F401 - their routes join ``bp``

    app.register_blueprint(bp)
    app.register_blueprint(inbox_bp)
    app.add_template_global(beneficiary_cases, "beneficiary_cases")
    app.add_template_global(page_data.step_label, "case_step_label")
    app.add_template_global(page_data.status_label, "case_status_label")
    add_nav_item(app, "cases.index", _l("Cases"), permission="cases.view", order=10)
    add_nav_item(app, "inbox.inbox", _l("My inbox"), permission="cases.view", order=11)
