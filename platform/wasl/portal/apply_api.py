"""Applying from home and answering staff in the portal API (the same services as the pages).

A refusal is a problem+json: 403 where the policy does not take requests
online, 409 when nothing is asked of the person, 415/413 for a refused file,
422 naming each field; nothing is written.
"""

from __future__ import annotations

from flask import g, jsonify, request
from flask_babel import gettext as _
from marshmallow import ValidationError

from wasl.accounts import access
from wasl.api.spec import operation
from wasl.cases.errors import TransitionNotAllowed
from wasl.i18n import current_language
from wasl.i18n.validation import translate_errors
from wasl.portal import services
from wasl.portal.api import _body, _mine, bp
from wasl.portal.apply_schemas import (
    ApplicationBodySchema,
    ApplicationFormSchema,
    DocumentsBodySchema,
    SignatureBodySchema,
    pick_language,
)
from wasl.portal.documents import uploads_from
from wasl.portal.schemas import RequestDetailSchema
from wasl.web.errors import problem

MULTIPART = "multipart/form-data"
_TRUE = {"1", "true", "on", "yes"}


@bp.errorhandler(TransitionNotAllowed)
def _refused(refused: TransitionNotAllowed):
    return problem(refused.status, refused.detail, kind="not-possible")


@bp.errorhandler(ValidationError)
def _invalid(invalid: ValidationError):
    return problem(getattr(invalid, "status", 422), _("Some fields are not valid."), kind="validation",
                   errors=translate_errors(invalid.normalized_messages()))


def _detail(case, status: int):
    response = jsonify(RequestDetailSchema().dump(services.request_view(case, current_language())))
    response.status_code = status
    return response


@bp.get("/application-form")
@access.portal
@operation("What applying from home offers: the services and their documents, the pledge, the consent asked for",
           response=ApplicationFormSchema)
def application_form():
    offer = services.application_form()
    person = services.person(g.beneficiary_id)
    data = {"services": offer.services, "declaration": pick_language(offer.declaration),
            "consent_needed": offer.consent_needed, "person": services.current_data(person)}
    return jsonify(ApplicationFormSchema().dump(data))


@bp.post("/requests")
@access.portal
@operation("Apply from home: a new request on the website channel, with its documents and signed pledge",
           request=ApplicationBodySchema, request_content=MULTIPART, response=RequestDetailSchema, status=201)
def apply():
    form = request.form
    offer = services.application_form()
    service = offer.catalogue.service(form.get("service"))
    application = services.Application(
        service=form.get("service", ""),
        person={name: form[name] for name in services.PERSON_FIELDS if name in form},
        consent=form.get("consent", "").lower() in _TRUE,
        documents=uploads_from(service.documents, request.files, form) if service else {},
        pledge={name: form[name] for name in ("signed_name", "signature") if name in form},
        description=form.get("description"))
    case = services.apply(application)
    return _detail(case, 201)


@bp.post("/requests/<int:case_id>/documents")
@access.portal
@operation("Upload the documents staff asked for on one of my requests", request=DocumentsBodySchema,
           request_content=MULTIPART, response=RequestDetailSchema, status=201)
def answer_documents(case_id: int):
    case = _mine(case_id)
    services.answer_documents(case, uploads_from(services.documents_wanted(case), request.files, request.form))
    return _detail(case, 201)


@bp.post("/requests/<int:case_id>/pledge")
@access.portal
@operation("Sign the pledge of one of my requests again (when it is asked for)", request=SignatureBodySchema,
           response=RequestDetailSchema, status=201)
def sign_pledge(case_id: int):
    case = _mine(case_id)
    services.sign_again(case, _body())
    return _detail(case, 201)
