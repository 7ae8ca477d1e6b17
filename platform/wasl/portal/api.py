"""The portal in the JSON API: ask for a code, exchange it for a portal token, my requests, one request.

A portal token is not a staff token: the staff API ignores it, and it opens
only this association's portal routes, for this one person (see ``portal.gate``).
"""

from __future__ import annotations

from flask import Response, g, jsonify, request
from flask_babel import gettext as _
from marshmallow import ValidationError

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.spec import operation
from wasl.beneficiaries.identity import IdentityError, normalise_mobile, normalise_national_id
from wasl.cases.api.schemas import LetterArgs
from wasl.extensions import limiter
from wasl.i18n import current_language
from wasl.portal import limits, services, sessions
from wasl.portal.schemas import (
    ChallengeSchema,
    CodeInput,
    CodeRequestInput,
    PortalTokenSchema,
    RequestDetailSchema,
    RequestRowSchema,
)
from wasl.unit_of_work import keep_writes
from wasl.web.errors import fail
from wasl.web.routing import TenantSuspended

bp = api_blueprint("portal", __name__, "/<slug>/portal")


@bp.before_request
def _nobody_from_staff() -> None:
    g.actor = None


def _body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        fail(400, _("The request body must be a JSON object."))
    return body


def _open_association() -> None:
    if not g.tenant.is_active:
        raise TenantSuspended(g.tenant)


@bp.post("/sign-in-code")
@access.public
@limiter.limit(limits.code_per_ip)
@limiter.limit(limits.per_person, key_func=limits.national_id_key)
@limiter.limit(limits.per_person, key_func=limits.mobile_key)
@operation("Ask for a sign-in code by text message (the same answer whether or not the person is registered)",
           request=CodeRequestInput, response=ChallengeSchema, status=202, auth=False)
def request_code():
    _open_association()
    body = CodeRequestInput().load(_body())
    identity = _identity(body)
    challenge = services.request_code(g.tenant, identity, current_language())
    answer = {"challenge": challenge, "expires_in": services.CODE_TTL_MINUTES * 60,
              "detail": _("If these details match a registered person, a code is on its way by text message.")}
    response = jsonify(ChallengeSchema().dump(answer))
    response.status_code = 202
    return response


def _identity(body: dict) -> services.Identity:
    values, errors = {}, {}
    for name, normalise in (("national_id", normalise_national_id), ("mobile", normalise_mobile)):
        try:
            values[name] = normalise(body[name])
        except IdentityError as error:
            errors[name] = [error.message]
    if errors:
        raise ValidationError(errors)
    return services.Identity(**values)


@bp.post("/session")
@access.public
@limiter.limit(limits.verify_per_ip)
@operation("Exchange the challenge and the code for a portal token", request=CodeInput,
           response=PortalTokenSchema, status=201, auth=False)
def open_session():
    _open_association()
    body = CodeInput().load(_body())
    try:
        beneficiary_id = services.verify_code(g.tenant, body["challenge"], body["code"])
    except services.CodeRefused:
        keep_writes()  # the wrong try counts
        raise
    raw = services.open_session(g.tenant.id, beneficiary_id, sessions.API)
    answer = {"token": raw, "token_type": "Bearer", "expires_in": int(sessions.idle_limit().total_seconds())}
    response = jsonify(PortalTokenSchema().dump(answer))
    response.status_code = 201
    return response


@bp.delete("/session")
@access.portal
@operation("Sign out: the portal token stops working", status=204)
def close_session():
    services.close_session(g.portal_session)
    return Response(status=204)


@bp.get("/requests")
@access.portal
@operation("My requests in this association, newest first", response=RequestRowSchema(many=True))
def my_requests():
    language = current_language()
    rows = [services.request_row(case, language) for case in services.my_requests()]
    return jsonify(RequestRowSchema(many=True).dump(rows))


def _mine(case_id: int):
    return services.mine(case_id)


@bp.get("/requests/<int:case_id>")
@access.portal
@operation("One of my requests: timeline, what is missing, expected decision date, decision, deliveries",
           response=RequestDetailSchema)
def my_request(case_id: int):
    return jsonify(RequestDetailSchema().dump(services.request_view(_mine(case_id), current_language())))


@bp.get("/requests/<int:case_id>/letter.pdf")
@access.portal
@operation("The decision letter of one of my requests, as a PDF", query=LetterArgs)
def letter_pdf(case_id: int):
    case = _mine(case_id)
    language = LetterArgs().load({"lang": request.args.get("lang", current_language())})["lang"]
    letter = services.my_decision_letter(case, language)
    response = Response(letter.pdf(), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{letter.filename}"'
    return response


@bp.get("/personal-data")
@access.portal
@operation("Everything the association holds about me (an access request under the personal data law); "
           "recorded in its audit log as my own request")
def my_personal_data():
    from wasl.privacy.services import export_own_data

    data = export_own_data("api")
    return jsonify(data)


from wasl.portal import apply_api  # noqa: E402, F401 - applying and answering join this blueprint
