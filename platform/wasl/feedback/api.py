"""The staff's feedback API at ``/api/v1/<slug>/feedback``: the queue, one item, reply, close, the window."""

from __future__ import annotations

from flask import g, jsonify

from wasl.accounts import access
from wasl.api import api_blueprint
from wasl.api.query import json_object, query_args
from wasl.api.schemas import page_of
from wasl.api.spec import operation
from wasl.feedback import services
from wasl.feedback.schemas import FeedbackSchema, QueueArgs, ReplyInput, SettingsInput, SettingsSchema

bp = api_blueprint("feedback", __name__, "/<slug>/feedback")
HANDLE = "feedback.handle"


def _dump(item, status: int = 200):
    return jsonify(FeedbackSchema().dump(services.item_row(item))), status


@bp.get("")
@access.requires(HANDLE)
@operation("The queue: enquiries, suggestions and complaints with their clock, oldest waiting first",
           query=QueueArgs, response=page_of(FeedbackSchema))
def queue():
    args = query_args(QueueArgs)
    page = services.queue(g.membership, args, args["page"], args["per_page"])
    return jsonify({"items": FeedbackSchema(many=True).dump(page.items), "page": page.page,
                    "per_page": page.per_page, "total": page.total, "pages": page.pages})


@bp.get("/<int:feedback_id>")
@access.requires(HANDLE)
@operation("One item with its clock and reply", response=FeedbackSchema)
def read(feedback_id: int):
    return _dump(services.staff_item(g.membership, feedback_id))


@bp.post("/<int:feedback_id>/reply")
@access.requires(HANDLE)
@operation("Reply once; the person is notified (409 when already answered or closed)", request=ReplyInput,
           response=FeedbackSchema)
def reply(feedback_id: int):
    item = services.staff_item(g.membership, feedback_id)
    services.reply(item, json_object(), g.actor)
    return _dump(item)


@bp.post("/<int:feedback_id>/close")
@access.requires(HANDLE)
@operation("Close an answered item (409 without a reply)", response=FeedbackSchema)
def close(feedback_id: int):
    item = services.staff_item(g.membership, feedback_id)
    services.close(item, g.actor)
    return _dump(item)


@bp.get("/settings")
@access.requires(HANDLE)
@operation("The association's response window, in working days", response=SettingsSchema)
def read_settings():
    return jsonify(SettingsSchema().dump({"response_days": services.response_days()}))


@bp.put("/settings")
@access.requires("tenant.admin")
@operation("Set the response window (1 to 60 working days)", request=SettingsInput, response=SettingsSchema)
def save_settings():
    row = services.update_settings(json_object())
    return jsonify(SettingsSchema().dump(row))
