"""The survey page at ``/<slug>/survey/<token>``: no sign-in, phone first, one answer per link.

Every refusal has its own page and status: 404 for a link that matches no
survey of this association, 410 for one that has expired or was answered.
"""

from __future__ import annotations

from flask import Blueprint, g, redirect, render_template, request, url_for
from flask_babel import gettext as _

from wasl.accounts import access
from wasl.extensions import limiter
from wasl.i18n import current_language
from wasl.surveys import services
from wasl.surveys.services import SurveyRefused
from wasl.web.routing import TenantSuspended

bp = Blueprint("surveys", __name__, url_prefix="/<slug>/survey")


@bp.before_request
def _nobody_from_staff() -> None:
    g.actor = None  # answers are the person's own: a staff sign-in in the same browser plays no part


def _refused(refused: SurveyRefused):
    return render_template("surveys/refused.html", reason=refused.reason), refused.status


@bp.route("/<token>", methods=["GET", "POST"])
@access.public
@limiter.limit("30 per minute")
def answer(token: str):
    if not g.tenant.is_active:
        raise TenantSuspended(g.tenant)
    try:
        survey = services.open_survey(token, g.tenant.id)
    except SurveyRefused as refused:
        return _refused(refused)
    questions = services.questions_for(survey)
    chosen, errors = {}, {}
    if request.method == "POST":
        chosen, errors = _read(questions)
        if not errors:
            try:
                services.answer(survey, chosen, request.form.get("comment"), current_language())
            except SurveyRefused as refused:
                return _refused(refused)
            return redirect(url_for("surveys.thanks"))
    status = 422 if errors else 200
    return render_template("surveys/answer.html", questions=questions, chosen=chosen, errors=errors,
                           comment=request.form.get("comment", ""), limit=services.COMMENT_LIMIT), status


def _read(questions) -> tuple[dict, dict]:
    """The number chosen for each question, and a message for each question left unanswered."""
    chosen, errors = {}, {}
    for question in questions:
        raw = request.form.get(f"q-{question.key}", "")
        if raw.isdigit() and 1 <= int(raw) <= question.scale:
            chosen[question.key] = int(raw)
        else:
            errors[question.key] = _("Choose one answer for this question.")
    return chosen, errors


@bp.route("/thanks")
@access.public
def thanks():
    return render_template("surveys/thanks.html")
