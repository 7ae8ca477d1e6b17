"""The API face of personal-data rights: an access request's answer, and erasure."""

from __future__ import annotations

from flask import g, jsonify, request
from flask_babel import gettext as _
from marshmallow import Schema, fields, validate

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.spec import operation
from wasl.privacy import services

bp = api_blueprint("privacy", __name__, "/<slug>/beneficiaries")


class ErasureRequestSchema(Schema):
    reason = fields.String(required=True, validate=validate.Length(min=1, max=500))


class ErasureResultSchema(Schema):
    documents = fields.Integer(metadata={"description": "Documents deleted from storage."})
    letters = fields.Integer(metadata={"description": "Cached decision letters deleted."})
    texts = fields.Integer(metadata={"description": "Texts about the person with their identifiers removed."})
    notifications = fields.Integer()
    feedback = fields.Integer(metadata={"description": "Enquiries and complaints whose texts lost the identifiers."})
    corrections = fields.Integer(metadata={"description": "Corrections to the record whose values were wiped."})
    export_files = fields.Integer(metadata={"description": "List exports with personal data whose files were "
                                                           "deleted (asked again, they are written without the person)."})
    archives = fields.Integer(metadata={"description": "Archives of the association's complete data deleted."})
    audit_events = fields.Integer()


def _person(beneficiary_id: int):
    return services.person(beneficiary_id, _("There is no such beneficiary in this association."))


@bp.get("/<int:beneficiary_id>/personal-data")
@access.requires("tenant.admin")
@operation("Everything held about one person (an access request under the personal data law); audited, "
           "with the reason while the association records reads", query=services.ReadReasonArgs)
def personal_data(beneficiary_id: int):
    person = _person(beneficiary_id)
    data = services.export_personal_data(person, "api", services.api_reason())
    return jsonify(data)


@bp.post("/<int:beneficiary_id>/erasure")
@access.requires("tenant.admin")
@operation("Erase a person's identity, keeping the facts of their closed requests (409 while one is open)",
           request=ErasureRequestSchema, response=ErasureResultSchema)
def erase(beneficiary_id: int):
    person = _person(beneficiary_id)  # another association's person is a 404 before anything is read
    body = ErasureRequestSchema().load(request.get_json(silent=True) or {})
    done = services.erase_person(person, body["reason"], g.actor)
    return jsonify(ErasureResultSchema().dump(done))
