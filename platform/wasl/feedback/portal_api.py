"""The person's feedback API at ``/api/v1/<slug>/portal/feedback`` (a portal token, never a staff one)."""

from __future__ import annotations

from flask import g, jsonify, url_for

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.query import json_object
from wasl.api.spec import operation
from wasl.feedback import services
from wasl.feedback.schemas import FeedbackInput, MyFeedbackSchema, RatingInput
from wasl.i18n import current_language

bp = api_blueprint("portal_feedback", __name__, "/<slug>/portal/feedback")


@bp.before_request
def _nobody_from_staff() -> None:
    g.actor = None


@bp.get("")
@access.portal
@operation("My enquiries, suggestions and complaints, newest first", response=MyFeedbackSchema(many=True))
def my_items():
    return jsonify(MyFeedbackSchema(many=True).dump(services.my_items()))


@bp.post("")
@access.portal
@operation("File an enquiry, a suggestion or a complaint, optionally about one of my requests (404 for "
           "a request that is not mine)", request=FeedbackInput, response=MyFeedbackSchema, status=201)
def file_item():
    item = services.file_from_portal(g.tenant, g.beneficiary_id, json_object(), current_language())
    response = jsonify(MyFeedbackSchema().dump(item))
    response.status_code = 201
    response.headers["Location"] = url_for("api_portal_feedback.my_item", feedback_id=item.id)
    return response


@bp.get("/<int:feedback_id>")
@access.portal
@operation("One of my items, with the reply once there is one", response=MyFeedbackSchema)
def my_item(feedback_id: int):
    return jsonify(MyFeedbackSchema().dump(services.my_item(feedback_id)))


@bp.post("/<int:feedback_id>/rating")
@access.portal
@operation("Rate the reply from 1 to 5, once (409 before a reply or after a rating)", request=RatingInput,
           response=MyFeedbackSchema)
def rate(feedback_id: int):
    item = services.my_item(feedback_id)
    services.rate(item, json_object())
    return jsonify(MyFeedbackSchema().dump(item))
