"""Staff pages: the queue at ``/<slug>/feedback`` with its clock and filters, one item with the reply
form, closing, and the admin's response window at ``/<slug>/admin/feedback``.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from wasl.accounts import access
from wasl.administration.forms import EmptyForm
from wasl.api.pagination import page_number
from wasl.errors import Refused
from wasl.feedback import services
from wasl.feedback.labels import KIND_LABELS, STATE_LABELS
from wasl.feedback.schemas import MAX_RESPONSE_DAYS, QueueArgs, whole_number

bp = Blueprint("feedback", __name__, url_prefix="/<slug>/feedback")
settings_bp = Blueprint("feedback_settings", __name__, url_prefix="/<slug>/admin/feedback")
PER_PAGE = 25
HANDLE = "feedback.handle"


class FilterRefused(Refused):
    """The queue was asked for with a type or a state that is not one of the lists'."""


def _filters() -> dict:
    raw = {key: request.args.get(key) or None for key in ("kind", "state")}
    try:
        return QueueArgs(only=("kind", "state")).load({k: v for k, v in raw.items() if v})
    except ValidationError:
        raise FilterRefused(_("This filter is not valid. Choose a type and a state from the lists.")) from None


@bp.route("")
@access.requires(HANDLE)
def queue():
    filters = _filters()
    page = services.queue(g.membership, filters, page_number(), PER_PAGE)
    return render_template("feedback/queue.html", page=page, filters=filters, kinds=KIND_LABELS,
                           states=STATE_LABELS, window=services.response_days())


def _found(feedback_id: int):
    return services.staff_item(g.membership, feedback_id)


def _show(item, errors: dict | None = None, status: int = 200):
    return render_template("feedback/item.html", row=services.item_row(item), form=EmptyForm(),
                           errors=errors or {}, typed=request.form.get("reply", "")), status


@bp.route("/<int:feedback_id>")
@access.requires(HANDLE)
def show(feedback_id: int):
    return _show(_found(feedback_id))


@bp.route("/<int:feedback_id>/reply", methods=["POST"])
@access.requires(HANDLE)
def reply(feedback_id: int):
    item = _found(feedback_id)
    EmptyForm().validate_on_submit() or abort(400)
    try:
        services.reply(item, {"reply": request.form.get("reply")}, g.actor, request.form.get("then") == "close")
    except ValidationError as error:
        return _show(_found(feedback_id), error.messages, 422)
    except services.FeedbackStateError as error:
        return _refused(feedback_id, error.detail)
    flash(_("The reply was sent to the person."), "success")
    return redirect(url_for("feedback.show", feedback_id=feedback_id))


@bp.route("/<int:feedback_id>/close", methods=["POST"])
@access.requires(HANDLE)
def close(feedback_id: int):
    item = _found(feedback_id)
    EmptyForm().validate_on_submit() or abort(400)
    try:
        services.close(item, g.actor)
    except services.FeedbackStateError as error:
        return _refused(feedback_id, error.detail)
    flash(_("The item is closed."), "success")
    return redirect(url_for("feedback.show", feedback_id=feedback_id))


def _refused(feedback_id: int, message: str):
    flash(message, "danger")
    return redirect(url_for("feedback.show", feedback_id=feedback_id))


@settings_bp.route("", methods=["GET", "POST"])
@access.requires("tenant.admin")
def settings():
    form, errors = EmptyForm(), {}
    if request.method == "POST":
        form.validate_on_submit() or abort(400)
        try:
            services.update_settings({"response_days": whole_number(request.form.get("response_days"))})
        except ValidationError as error:
            errors = error.messages
        else:
            flash(_("The response window was saved; items filed from now on are due by it."), "success")
            return redirect(url_for("feedback_settings.settings"))
    days = request.form.get("response_days") or services.response_days()
    return render_template("feedback/settings.html", form=form, errors=errors, days=days,
                           most=MAX_RESPONSE_DAYS), 422 if errors else 200
