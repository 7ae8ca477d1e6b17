"""The staff's feedback API at ``/api/v1/<slug>/feedback``: the queue, one item, reply, close, the window."""

from __future__ import annotations

from flask import g, jsonify, request
from flask_babel import gettext as _

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.query import query_args
from wasl.api.schemas import page_of
from wasl.api.spec import operation
from wasl.db import db
from wasl.feedback import clock, handling
from wasl.feedback.schemas import FeedbackSchema, QueueArgs, ReplyInput, SettingsInput, SettingsSchema
from wasl.web.errors import fail, problem

bp = api_blueprint("feedback", __name__, "/<slug>/feedback")
HANDLE = "feedback.handle"


def _body() -> dict:
    body = request.get_json(silent=True)
    if not isinstance(body, dict):
        fail(400, _("The request body must be a JSON object."))
    return body


def _found(feedback_id: int):
    item = handling.get_item(g.membership, feedback_id)
    if item is None:
        fail(404, _("There is no such item in this association."))
    return item


def _dump(item, status: int = 200):
    return jsonify(FeedbackSchema().dump(handling.item_row(item))), status


def _state_conflict(error: handling.FeedbackStateError):
    db.session.rollback()
    return problem(409, str(error), kind="feedback-state")


@bp.get("")
@access.requires(HANDLE)
@operation("The queue: enquiries, suggestions and complaints with their clock, oldest waiting first",
           query=QueueArgs, response=page_of(FeedbackSchema))
def queue():
    args = query_args(QueueArgs)
    page = handling.queue(g.membership, args, args["page"], args["per_page"])
    return jsonify({"items": FeedbackSchema(many=True).dump(page.items), "page": page.page,
                    "per_page": page.per_page, "total": page.total, "pages": page.pages})


@bp.get("/<int:feedback_id>")
@access.requires(HANDLE)
@operation("One item with its clock and reply", response=FeedbackSchema)
def read(feedback_id: int):
    return _dump(_found(feedback_id))


@bp.post("/<int:feedback_id>/reply")
@access.requires(HANDLE)
@operation("Reply once; the person is notified (409 when already answered or closed)", request=ReplyInput,
           response=FeedbackSchema)
def reply(feedback_id: int):
    item = _found(feedback_id)
    try:
        handling.reply(item, _body(), g.actor)
    except handling.FeedbackStateError as error:
        return _state_conflict(error)
    db.session.commit()
    return _dump(item)


@bp.post("/<int:feedback_id>/close")
@access.requires(HANDLE)
@operation("Close an answered item (409 without a reply)", response=FeedbackSchema)
def close(feedback_id: int):
    item = _found(feedback_id)
    try:
        handling.close(item, g.actor)
    except handling.FeedbackStateError as error:
        return _state_conflict(error)
    db.session.commit()
    return _dump(item)


@bp.get("/settings")
@access.requires(HANDLE)
@operation("The association's response window, in working days", response=SettingsSchema)
def read_settings():
    return jsonify(SettingsSchema().dump({"response_days": clock.response_days()}))


@bp.put("/settings")
@access.requires("tenant.admin")
@operation("Set the response window (1 to 60 working days)", request=SettingsInput, response=SettingsSchema)
def save_settings():
    row = handling.update_settings(_body())
    db.session.commit()
    return jsonify(SettingsSchema().dump(row))
