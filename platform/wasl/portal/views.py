"""The portal's pages at ``/<slug>/portal/``: sign in with a code, my requests, one request, its letter.

Applying from home and answering staff are in ``apply_views``, on the same blueprint.

Signing in is open to anyone (``access.public``) and answers the same for
every set of details; the other pages are ``access.portal``: the gate has
checked the person's session and installed their scope before any of them runs.
"""

from __future__ import annotations

from flask import Blueprint, Response, flash, g, redirect, render_template, request, session, url_for
from flask_babel import gettext as _

from wasl.accounts import access
from wasl.beneficiaries.identity import IdentityError, mask_mobile, normalise_mobile, normalise_national_id
from wasl.db import utcnow
from wasl.extensions import limiter
from wasl.i18n import current_language
from wasl.i18n.dates import local_date
from wasl.portal import limits, services, sessions
from wasl.portal.forms import CodeForm, SignInForm
from wasl.unit_of_work import keep_writes
from wasl.web.errors import fail
from wasl.web.routing import TenantSuspended

bp = Blueprint("portal", __name__, url_prefix="/<slug>/portal")
CHALLENGE_KEY = "portal_challenge"


@bp.before_request
def _nobody_from_staff() -> None:
    g.actor = None  # a staff sign-in in the same browser never acts here, not even on the sign-in pages


def render(template: str, status: int = 200, **context):
    return render_template(f"portal/{template}", **context), status


def _open_association() -> None:
    if not g.tenant.is_active:
        raise TenantSuspended(g.tenant)


@bp.route("/sign-in", methods=["GET", "POST"])
@access.public
@limiter.limit(limits.code_per_ip, methods=["POST"])
@limiter.limit(limits.per_person, methods=["POST"], key_func=limits.national_id_key)
@limiter.limit(limits.per_person, methods=["POST"], key_func=limits.mobile_key)
def sign_in():
    _open_association()
    if request.method == "GET" and sessions.find(sessions.raw_token(), g.tenant.id) is not None:
        return redirect(url_for("portal.index"))
    form = SignInForm()
    if not form.validate_on_submit():
        return render("sign_in.html", 200 if request.method == "GET" else 422, form=form)
    identity = _identity(form)
    if identity is None:
        return render("sign_in.html", 422, form=form)
    challenge = services.request_code(g.tenant, identity, current_language())
    session[CHALLENGE_KEY] = {"tenant": g.tenant.id, "challenge": challenge, "mobile": mask_mobile(identity.mobile)}
    return redirect(url_for("portal.code"))


def _identity(form: SignInForm) -> services.Identity | None:
    """Both numbers normalised, or None with each field's own message attached."""
    values = {}
    for field, normalise in ((form.national_id, normalise_national_id), (form.mobile, normalise_mobile)):
        try:
            values[field.name] = normalise(field.data)
        except IdentityError as error:
            field.errors = [*field.errors, error.message]
    return services.Identity(**values) if len(values) == 2 else None


def _pending() -> dict | None:
    pending = session.get(CHALLENGE_KEY)
    return pending if isinstance(pending, dict) and pending.get("tenant") == g.tenant.id else None


@bp.route("/code", methods=["GET", "POST"])
@access.public
@limiter.limit(limits.verify_per_ip, methods=["POST"])
def code():
    _open_association()
    pending = _pending()
    if pending is None:
        flash(_("Enter your details first and we will send you a code."), "info")
        return redirect(url_for("portal.sign_in"))
    form = CodeForm()
    if not form.validate_on_submit():
        return render("code.html", 200 if request.method == "GET" else 422, form=form, pending=pending)
    try:
        beneficiary_id = services.verify_code(g.tenant, pending["challenge"], form.code.data)
    except services.CodeRefused as refused:
        keep_writes()  # the wrong try counts
        form.code.errors = [refused.message]
        return render("code.html", refused.status, form=form, pending=pending, refused=refused.reason)
    raw = services.open_session(g.tenant.id, beneficiary_id, sessions.WEB)
    session.pop(CHALLENGE_KEY, None)
    return sessions.set_cookie(redirect(url_for("portal.index")), raw, g.tenant.slug)


@bp.route("/sign-out", methods=["POST"])
@access.portal
def sign_out():
    services.close_session(g.portal_session)
    flash(_("You have signed out of the portal."), "info")
    return sessions.clear_cookie(redirect(url_for("portal.sign_in")), g.tenant.slug)


@bp.route("/")
@access.portal
def index():
    language = current_language()
    rows = [services.request_row(case, language) for case in services.my_requests()]
    news = services.news(g.tenant, language, local_date(utcnow()))
    return render("requests.html", person=services.person(g.beneficiary_id), rows=rows, news=news)


def mine(case_id: int):
    """One of the signed-in person's requests; another person's id is a 404 like an unknown one."""
    return services.mine(case_id)


def request_page(case, status: int = 200, *, upload_problems=None, signature_form=None):
    """The request's page, with the forms that answer staff (and their errors, after a refused answer)."""
    from wasl.portal.forms import DocumentsAnswerForm, SignatureForm

    language = current_language()
    from wasl.kernel.bilingual import pick

    return render("request.html", status, view=services.request_view(case, language), pick=pick,
                  quantity=services.quantity_text,
                  upload_form=DocumentsAnswerForm(formdata=None), upload_problems=upload_problems or {},
                  signature_form=signature_form or SignatureForm(formdata=None))


@bp.route("/requests/<int:case_id>")
@access.portal
def show(case_id: int):
    return request_page(mine(case_id))


@bp.route("/requests/<int:case_id>/letter.pdf")
@access.portal
def letter_pdf(case_id: int):
    language = request.args.get("letter", current_language())
    if language not in ("ar", "en"):
        fail(400, _("The letter parameter must be \"ar\" or \"en\"."))
    letter = services.my_decision_letter(mine(case_id), language)
    response = Response(letter.pdf(), mimetype="application/pdf")
    response.headers["Content-Disposition"] = f'attachment; filename="{letter.filename}"'
    return response
