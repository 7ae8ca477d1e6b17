"""The registry's JSON API: register, read, change, search, record consents."""

from __future__ import annotations

from flask import g, jsonify, request, url_for
from flask_babel import gettext as _

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.query import query_args
from wasl.api.schemas import DuplicateProblemSchema, page_of
from wasl.api.spec import operation
from wasl.beneficiaries import services
from wasl.beneficiaries.schemas import (
    BeneficiaryChangesSchema,
    BeneficiaryInputSchema,
    BeneficiarySchema,
    BeneficiarySummarySchema,
    ConsentInputSchema,
    ConsentSchema,
    CorrectionSchema,
    SearchArgsSchema,
)
from wasl.beneficiaries.services import DuplicateBeneficiary
from wasl.web.errors import fail, problem

bp = api_blueprint("beneficiaries", __name__, "/<slug>/beneficiaries")


def _body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        fail(400, _("The request body must be a JSON object."))
    return body


def _duplicate(duplicate: DuplicateBeneficiary):
    return problem(duplicate.status, duplicate.detail, kind=duplicate.kind, **duplicate.extra,
                   existing_url=url_for("api_beneficiaries.read", beneficiary_id=duplicate.existing.id))


def _found(beneficiary_id: int):
    return services.profile_in_scope(beneficiary_id, _("There is no such beneficiary in this association."))


@bp.post("")
@access.requires("beneficiaries.edit")
@operation("Register a beneficiary (409 with existing_id when the national ID is already registered)",
           request=BeneficiaryInputSchema, response=BeneficiarySchema, status=201,
           problems={409: DuplicateProblemSchema})
def create():
    try:
        beneficiary = services.register_beneficiary(_body(), g.actor)
    except DuplicateBeneficiary as duplicate:
        return _duplicate(duplicate)
    location = url_for("api_beneficiaries.read", beneficiary_id=beneficiary.id)
    return jsonify(BeneficiarySchema().dump(_found(beneficiary.id))), 201, {"Location": location}


@bp.get("")
@access.requires("beneficiaries.view")
@operation("Search by national ID/Iqama, mobile, file number or Arabic name (newest first without q)",
           query=SearchArgsSchema, response=page_of(BeneficiarySummarySchema))
def search_beneficiaries():
    args = query_args(SearchArgsSchema)
    results = services.search(args["q"], args["page"], args["per_page"])
    return jsonify({
        "items": BeneficiarySummarySchema(many=True).dump(results.items),
        "page": results.page, "per_page": results.per_page, "total": results.total, "pages": results.pages,
    })


@bp.get("/<int:beneficiary_id>")
@access.requires("beneficiaries.view")
@operation("A beneficiary with their consents (while the association records reads: give a reason, audited)",
           query="ReadReasonArgs", response=BeneficiarySchema)
def read(beneficiary_id: int):
    beneficiary = _found(beneficiary_id)
    # Privacy builds on the registry, so the registry names its reason schema and imports it late, as its page does.
    from wasl.privacy import services as privacy

    reason = privacy.api_reason()
    if reason is not None:
        privacy.open_record(beneficiary, "api", reason)
    return jsonify(BeneficiarySchema().dump(beneficiary))


@bp.patch("/<int:beneficiary_id>")
@access.requires("beneficiaries.edit")
@operation("Change some of a beneficiary's fields", request=BeneficiaryChangesSchema, response=BeneficiarySchema)
def update(beneficiary_id: int):
    beneficiary = _found(beneficiary_id)
    try:
        services.update_beneficiary(beneficiary, _body(), g.actor)
    except DuplicateBeneficiary as duplicate:
        return _duplicate(duplicate)
    return jsonify(BeneficiarySchema().dump(beneficiary))


@bp.get("/<int:beneficiary_id>/corrections")
@access.requires("beneficiaries.view")
@operation("The record's history of corrections, newest first", response=CorrectionSchema(many=True))
def corrections(beneficiary_id: int):
    return jsonify(CorrectionSchema(many=True).dump(services.corrections_of(_found(beneficiary_id).id)))


@bp.post("/<int:beneficiary_id>/consents")
@access.requires("beneficiaries.edit")
@operation("Record a consent the beneficiary gave", request=ConsentInputSchema, response=ConsentSchema,
           status=201)
def add_consent(beneficiary_id: int):
    consent = services.record_consent(_found(beneficiary_id), _body(), g.actor)
    return jsonify(ConsentSchema().dump(consent)), 201


@bp.post("/<int:beneficiary_id>/consents/<int:consent_id>/withdrawal")
@access.requires("beneficiaries.edit")
@operation("Withdraw a consent; withdrawing the one to notifications stops every non-essential message at once",
           response=ConsentSchema)
def withdraw_consent(beneficiary_id: int, consent_id: int):
    beneficiary = _found(beneficiary_id)
    consent = services.consent_in_file(beneficiary, consent_id, _("This beneficiary has no such consent."))
    services.withdraw_consent(beneficiary, consent, g.actor)
    return jsonify(ConsentSchema().dump(consent))
