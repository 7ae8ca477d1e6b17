"""The person's feedback API at ``/api/v1/<slug>/portal/feedback`` (a portal token, never a staff one)."""

from __future__ import annotations

from flask import g, jsonify, request, url_for
from flask_babel import gettext as _

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.spec import operation
from wasl.db import db
from wasl.feedback import filing, mine
from wasl.feedback.schemas import FeedbackInput, MyFeedbackSchema, RatingInput
from wasl.i18n import current_language
from wasl.web.errors import fail, problem

bp = api_blueprint("portal_feedback", __name__, "/<slug>/portal/feedback")


@bp.before_request
def _nobody_from_staff() -> None:
    g.actor = None


def _body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        fail(400, _("The request body must be a JSON object."))
    return body


def _mine(feedback_id: int):
    item = mine.my_item(feedback_id)
    if item is None:
        fail(404, _("There is no such item in your file."))
    return item


@bp.get("")
@access.portal
@operation("My enquiries, suggestions and complaints, newest first", response=MyFeedbackSchema(many=True))
def my_items():
    return jsonify(MyFeedbackSchema(many=True).dump(mine.my_items()))


@bp.post("")
@access.portal
@operation("File an enquiry, a suggestion or a complaint, optionally about one of my requests (404 for "
           "a request that is not mine)", request=FeedbackInput, response=MyFeedbackSchema, status=201)
def file_item():
    try:
        item = filing.file_from_portal(g.tenant, g.beneficiary_id, _body(), current_language())
    except filing.UnknownCase as unknown:
        db.session.rollback()
        fail(404, unknown.message)
    db.session.commit()
    response = jsonify(MyFeedbackSchema().dump(item))
    response.status_code = 201
    response.headers["Location"] = url_for("api_portal_feedback.my_item", feedback_id=item.id)
    return response


@bp.get("/<int:feedback_id>")
@access.portal
@operation("One of my items, with the reply once there is one", response=MyFeedbackSchema)
def my_item(feedback_id: int):
    return jsonify(MyFeedbackSchema().dump(_mine(feedback_id)))


@bp.post("/<int:feedback_id>/rating")
@access.portal
@operation("Rate the reply from 1 to 5, once (409 before a reply or after a rating)", request=RatingInput,
           response=MyFeedbackSchema)
def rate(feedback_id: int):
    item = _mine(feedback_id)
    try:
        mine.rate(item, _body())
    except mine.RatingRefused:
        db.session.rollback()
        return problem(409, _("This reply has already been rated, or there is no reply to rate yet."),
                       kind="feedback-rating")
    db.session.commit()
    return jsonify(MyFeedbackSchema().dump(item))
