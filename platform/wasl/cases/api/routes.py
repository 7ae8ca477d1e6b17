"""Cases in the JSON API: open, list, read with history, act on, and the decision letter; the inbox."""

from __future__ import annotations

from flask import Response, g, jsonify, request, url_for
from flask_babel import gettext as _

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.query import query_args
from wasl.api.schemas import DuplicateProblemSchema, PageArgsSchema, page_of
from wasl.api.spec import operation
from wasl.beneficiaries.services import DuplicateBeneficiary
from wasl.cases import services
from wasl.cases.api.schemas import (
    CaseDetailSchema,
    CaseFilterSchema,
    CaseSchema,
    LetterArgs,
    OpenCaseInput,
    ReferralSchema,
    TransitionInput,
)
from wasl.cases.api.transition_docs import transition_body
from wasl.errors import Refused
from wasl.web.errors import problem

bp = api_blueprint("cases", __name__, "/<slug>/cases")
inbox_bp = api_blueprint("inbox", __name__)
CasePageSchema = page_of(CaseSchema)


def _body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        raise Refused(_("The request body must be a JSON object."), 400)
    return body


def _envelope(page) -> dict:
    return {"items": CaseSchema().dump(page.items, many=True), "page": page.page, "per_page": page.per_page,
            "total": page.total, "pages": page.pages}


@bp.post("")
@access.requires("cases.create")
@operation("Open a case under the published policy (409 with existing_id for an already registered ID)",
           request=OpenCaseInput, response=CaseSchema, status=201, problems={409: DuplicateProblemSchema})
def create():
    try:
        case = services.open_case(_body(), g.actor)
    except DuplicateBeneficiary as duplicate:
        return problem(409, _("A person with this national ID or Iqama number is already registered in this "
                              "association: open the case with beneficiary_id."), kind="duplicate-beneficiary",
                       existing_id=duplicate.existing.id)
    response = jsonify(CaseSchema().dump(services.fresh_case(case.id)))
    response.status_code = 201
    response.headers["Location"] = url_for("api_cases.read", case_id=case.id)
    return response


@bp.get("")
@access.requires("cases.view")
@operation("The association's cases, newest first, with filters and search", query=CaseFilterSchema,
           response=CasePageSchema)
def index():
    args = query_args(CaseFilterSchema)
    page, per_page = args.pop("page"), args.pop("per_page")
    return jsonify(_envelope(services.list_cases(args, page, per_page)))


@bp.get("/referrals")
@access.requires("cases.review")
@operation("Open referrals addressed to a role I qualify for", response=ReferralSchema(many=True))
def referrals():
    return jsonify(ReferralSchema(many=True).dump(services.referrals_for(g.membership)))


@bp.get("/<int:case_id>")
@access.requires("cases.view")
@operation("A case with its timeline, checks, votes, decisions and the actions I may take",
           response=CaseDetailSchema)
def read(case_id: int):
    case = services.require_case(case_id)
    return jsonify(CaseDetailSchema().dump(services.case_details(case, g.membership)))


@bp.post("/<int:case_id>/transitions")
@access.requires("cases.view")
@operation("Take an action of the case's current step: {action, payload}, one payload schema per action",
           request=transition_body, response=CaseDetailSchema)
def transition(case_id: int):
    case = services.require_case(case_id)
    body = TransitionInput().load(_body())
    services.perform_transition(case, body["action"], body["payload"], g.actor)
    return jsonify(CaseDetailSchema().dump(services.case_details(services.fresh_case(case_id), g.membership)))


@bp.get("/<int:case_id>/letter.pdf")
@access.requires("cases.view")
@operation("The decision letter as a PDF on the association's letterhead", query=LetterArgs)
def letter_pdf(case_id: int):
    case = services.require_case(case_id)
    language = LetterArgs().load({"lang": request.args.get("lang", "ar")})["lang"]
    letter = services.issued_letter(case, language)
    response = Response(letter.pdf(), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{letter.filename}"'
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@inbox_bp.get("/inbox")
@access.requires_signed_in
@operation("Cases waiting for me in every association I belong to", query=PageArgsSchema,
           response=CasePageSchema, tags=("cases",))
def inbox():
    args = query_args(PageArgsSchema)
    return jsonify(_envelope(services.inbox(g.actor, args["page"], args["per_page"])))
