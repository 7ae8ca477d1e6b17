"""The visitor's form at ``/<slug>/feedback/new``, linked from the public policy page: no sign-in,
a name and a Saudi mobile for the reply, CSRF-protected and rate-limited per IP address and per mobile.
"""

from __future__ import annotations

from flask import Blueprint, abort, g, redirect, render_template, request, session, url_for
from marshmallow import ValidationError

from wasl.accounts import access
from wasl.administration.forms import EmptyForm
from wasl.extensions import limiter
from wasl.feedback import limits, services
from wasl.feedback.labels import KIND_LABELS, kind_label
from wasl.feedback.schemas import MESSAGE_LIMIT, NAME_LIMIT
from wasl.i18n import current_language
from wasl.web.routing import TenantSuspended

bp = Blueprint("public_feedback", __name__, url_prefix="/<slug>/feedback")
FIELDS = ("kind", "message", "staff_named", "name", "mobile")
FILED_KEY = "feedback_filed"


@bp.before_request
def _nobody_from_staff() -> None:
    g.actor = None  # the visitor's own words: a staff sign-in in the same browser plays no part


def _open_association() -> None:
    if not g.tenant.is_active:
        raise TenantSuspended(g.tenant)


def _form(errors: dict | None = None, status: int = 200):
    return render_template("feedback/public_new.html", form=EmptyForm(), errors=errors or {}, kinds=KIND_LABELS,
                           typed=request.form, message_limit=MESSAGE_LIMIT, name_limit=NAME_LIMIT), status


@bp.route("/new", methods=["GET", "POST"])
@access.public
@limiter.limit(limits.per_ip, methods=["POST"])
@limiter.limit(limits.per_mobile, methods=["POST"], key_func=limits.mobile_key)
def new():
    _open_association()
    if request.method == "GET":
        return _form()
    EmptyForm().validate_on_submit() or abort(400)
    try:
        item = services.file_from_public(g.tenant, {k: request.form.get(k) for k in FIELDS}, current_language())
    except ValidationError as error:
        return _form(error.messages, 422)
    session[FILED_KEY] = {"tenant": g.tenant.id, "number": item.number, "kind": item.kind.value}
    return redirect(url_for("public_feedback.thanks"))


@bp.route("/thanks")
@access.public
def thanks():
    filed = session.get(FILED_KEY)
    if not isinstance(filed, dict) or filed.get("tenant") != g.tenant.id:
        return redirect(url_for("public_feedback.new"))
    return render_template("feedback/public_thanks.html", number=filed["number"], kind=kind_label(filed["kind"]))
