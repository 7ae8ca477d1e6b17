"""The person's pages in the portal at ``/<slug>/portal/feedback``: my items, file one, read the reply, rate it.

``access.portal``: the portal's gate has checked the session and installed the
beneficiary scope before any of these runs.
"""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from wasl.accounts import access
from wasl.administration.forms import EmptyForm
from wasl.feedback import services
from wasl.feedback.labels import KIND_LABELS, kind_label, state_label
from wasl.feedback.schemas import MESSAGE_LIMIT, NAME_LIMIT, whole_number
from wasl.i18n import current_language

bp = Blueprint("portal_feedback", __name__, url_prefix="/<slug>/portal/feedback")
FIELDS = ("kind", "message", "case_id", "staff_named")


def render(template: str, status: int = 200, **context):
    return render_template(f"feedback/{template}", kind_label=kind_label, state_label=state_label,
                           **context), status


@bp.route("/")
@access.portal
def index():
    return render("portal_list.html", items=services.my_items())


def _form(errors: dict | None = None, status: int = 200):
    language = current_language()
    cases = services.requests_to_name(language)
    typed = request.form if request.method == "POST" else {"case_id": request.args.get("case_id", "")}
    return render("portal_new.html", status, form=EmptyForm(), errors=errors or {}, kinds=KIND_LABELS,
                  cases=cases, typed=typed, message_limit=MESSAGE_LIMIT, name_limit=NAME_LIMIT)


@bp.route("/new", methods=["GET", "POST"])
@access.portal
def new():
    if request.method == "GET":
        return _form()
    EmptyForm().validate_on_submit() or abort(400)
    try:
        item = services.file_from_portal(g.tenant, g.beneficiary_id, {k: request.form.get(k) for k in FIELDS},
                                         current_language())
    except ValidationError as error:
        return _form(error.messages, 422)
    flash(_("Thank you. We received it under the reference {number}.").format(number=item.number), "success")
    return redirect(url_for("portal_feedback.show", feedback_id=item.id))


@bp.route("/<int:feedback_id>")
@access.portal
def show(feedback_id: int):
    return render("portal_item.html", item=services.my_item(feedback_id), form=EmptyForm(), errors={})


@bp.route("/<int:feedback_id>/rating", methods=["POST"])
@access.portal
def rate(feedback_id: int):
    item = services.my_item(feedback_id)
    EmptyForm().validate_on_submit() or abort(400)
    try:
        services.rate(item, {"rating": whole_number(request.form.get("rating"))})
    except ValidationError as error:
        return render("portal_item.html", 422, item=item, form=EmptyForm(), errors=error.messages)
    except services.RatingRefused as refused:
        flash(refused.detail, "warning")
        return redirect(url_for("portal_feedback.show", feedback_id=feedback_id))
    flash(_("Thank you for rating our reply."), "success")
    return redirect(url_for("portal_feedback.show", feedback_id=feedback_id))
