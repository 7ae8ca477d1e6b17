"""Policy pages: the public policy and its PDF; for the association, the overview, a version, board
approval, publishing and the history with its differences. The section editor is in ``editor.py``.
"""

from __future__ import annotations

from flask import Blueprint, flash, g, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError
from wtforms.fields.choices import SelectChoice

from wasl.accounts import access
from wasl.db import db
from wasl.documents.views import attachment
from wasl.i18n import current_language
from wasl.i18n.validation import translate_errors
from wasl.kernel.form_errors import attach_errors
from wasl.policy import editor, services, vocabulary
from wasl.policy.errors import PolicyConflict, UnknownLanguage
from wasl.policy.forms import ApproveForm, CompareForm, ConfirmForm, ShareForm, StartDraftForm
from wasl.policy.models import PolicyStatus
from wasl.policy.rendering import LANGUAGES
from wasl.web.routing import TenantSuspended

bp = Blueprint("policy", __name__)
ADMIN = "/<slug>/admin/policy"


def _refuse_suspended() -> None:
    if not g.tenant.is_active:
        raise TenantSuspended(g.tenant)  # the suspended notice; the data itself is kept


@bp.route("/<slug>/policy")
@access.public
def public_page():
    _refuse_suspended()
    version = services.published_version(g.tenant)
    document = services.document(g.tenant, version, current_language()) if version else None
    return render_template("policy/public.html", version=version, document=document)


def _requested_language() -> str:
    language = request.args.get("lang") or current_language()
    if language not in LANGUAGES:
        # Worded for any parameter that names a language, so the catalogue holds one such message.
        raise UnknownLanguage(_("The “{name}” parameter must be “ar” or “en”.").format(name="lang"))
    return language


@bp.route("/<slug>/policy.pdf")
@access.public
def public_pdf():
    language = _requested_language()
    _refuse_suspended()
    path, name = services.published_pdf(g.tenant, language)
    response = send_file(path, mimetype="application/pdf", as_attachment=True, download_name=name, max_age=300)
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


# --- the association's pages ---------------------------------------------------------------------------------

@bp.route(ADMIN)
@access.requires("policy.view")
def overview():
    form = StartDraftForm()
    form.copy_from.choices = _copy_choices()
    return render_template("policy/overview.html", published=services.published_version(g.tenant),
                           draft=services.current_draft(g.tenant), versions=services.list_versions(g.tenant),
                           form=form)


def _copy_choices() -> list[SelectChoice]:
    language = current_language()
    return [SelectChoice(p.slug, _("{association} — version {number}").format(association=p.name.get(language),
                                                                            number=p.number))
            for p in services.copyable(g.tenant)]


@bp.route(f"{ADMIN}/drafts", methods=["POST"])
@access.requires("policy.edit")
def start_draft():
    form = StartDraftForm()
    form.copy_from.choices = _copy_choices()
    if not form.validate_on_submit():
        flash(_("Choose where the new draft starts from."), "danger")
        return redirect(url_for("policy.overview"))
    try:
        with db.session.begin_nested():
            version = services.start_draft(g.actor, form.source.data, form.copy_from.data or None, tenant=g.tenant)
    except (ValidationError, PolicyConflict) as refused:
        flash(_refusal(refused), "danger")
        return redirect(url_for("policy.overview"))
    flash(_("Version {number} was started as a draft.").format(number=version.number), "success")
    return redirect(url_for("policy.version_page", policy_version_id=version.id))


def _refusal(refused) -> str:
    if isinstance(refused, ValidationError):
        messages = translate_errors(refused.messages)
        return " ".join(m for value in messages.values() for m in (value if isinstance(value, list) else [value]))
    return refused.detail


@bp.route(f"{ADMIN}/<int:policy_version_id>")
@access.requires("policy.view")
def version_page(policy_version_id: int):
    version = services.get_version(policy_version_id)
    return render_template("policy/version.html", version=version, sections=vocabulary.SECTION_TITLES,
                           document=services.document(g.tenant, version, current_language()),
                           confirm=ConfirmForm(), share=ShareForm(shareable=version.shareable))


@bp.route(f"{ADMIN}/<int:policy_version_id>/preview")
@access.requires("policy.view")
def preview(policy_version_id: int):
    version = services.get_version(policy_version_id)
    return render_template("policy/preview.html", version=version,
                           document=services.document(g.tenant, version, current_language()))


@bp.route(f"{ADMIN}/<int:policy_version_id>/approve", methods=["GET", "POST"])
@access.requires("policy.approve")
def approve(policy_version_id: int):
    version = services.get_version(policy_version_id)
    if not version.is_draft:
        return editor.read_only(version)
    form = ApproveForm() if request.method == "POST" else ApproveForm(lock_version=version.lock_version)
    if not form.validate_on_submit():
        return render_template("policy/approve.html", version=version, form=form), 422 if form.is_submitted() else 200
    try:
        with db.session.begin_nested():
            services.approve(version, form.meeting_number.data, form.date_hijri.data or None,
                             form.date_gregorian.data or None, g.actor,
                             supersedes_previous=form.supersedes_previous.data,
                             expected_lock=int(form.lock_version.data))
    except ValidationError as error:
        attach_errors(form, translate_errors(error.messages))
        return render_template("policy/approve.html", version=services.get_version(policy_version_id), form=form), 422
    except PolicyConflict as conflict:
        flash(conflict.detail, "danger")
        return redirect(url_for("policy.version_page", policy_version_id=policy_version_id))
    flash(_("The board's approval of version {number} was recorded.").format(number=version.number), "success")
    return redirect(url_for("policy.version_page", policy_version_id=version.id))


@bp.route(f"{ADMIN}/<int:policy_version_id>/publish", methods=["GET", "POST"])
@access.requires("policy.publish")
def publish(policy_version_id: int):
    version = services.get_version(policy_version_id)
    if request.method == "GET" and version.status != PolicyStatus.APPROVED:
        flash(_("Only an approved version can be published; record the board's approval first."), "info")
        return redirect(url_for("policy.version_page", policy_version_id=version.id))
    form = ConfirmForm()
    if not form.validate_on_submit():
        status = 422 if form.is_submitted() else 200
        return render_template("policy/publish.html", version=version, form=form,
                               published=services.published_version(g.tenant)), status
    try:
        with db.session.begin_nested():
            services.publish(version, g.actor)
    except PolicyConflict as conflict:
        flash(conflict.detail, "danger")
        return redirect(url_for("policy.version_page", policy_version_id=policy_version_id))
    flash(_("Version {number} is now the published policy.").format(number=version.number), "success")
    return redirect(url_for("policy.overview"))


@bp.route(f"{ADMIN}/<int:policy_version_id>/discard", methods=["POST"])
@access.requires("policy.edit")
def discard(policy_version_id: int):
    version = services.get_version(policy_version_id)
    form = ConfirmForm()
    if not form.validate_on_submit():
        flash(_("Tick the box to confirm that the draft should be discarded."), "danger")
        return redirect(url_for("policy.version_page", policy_version_id=policy_version_id))
    number = version.number
    try:
        with db.session.begin_nested():
            services.discard_draft(version, g.actor)
    except PolicyConflict as conflict:
        flash(conflict.detail, "danger")
        return redirect(url_for("policy.version_page", policy_version_id=policy_version_id))
    flash(_("Version {number} was discarded.").format(number=number), "success")
    return redirect(url_for("policy.overview"))


@bp.route(f"{ADMIN}/<int:policy_version_id>/share", methods=["POST"])
@access.requires("policy.publish")
def share(policy_version_id: int):
    version = services.get_version(policy_version_id)
    form = ShareForm()
    if form.validate_on_submit():
        try:
            with db.session.begin_nested():
                services.set_shareable(version, form.shareable.data, g.actor)
        except PolicyConflict as conflict:
            flash(conflict.detail, "danger")
            return redirect(url_for("policy.version_page", policy_version_id=policy_version_id))
        flash(_("Sharing was updated."), "success")
    return redirect(url_for("policy.version_page", policy_version_id=policy_version_id))


@bp.route(f"{ADMIN}/history")
@access.requires("policy.view")
def history():
    versions = services.list_versions(g.tenant)
    form = CompareForm(request.args)
    form.a.choices = form.b.choices = [SelectChoice(v.id, _("Version %(number)s", number=v.number))
                                       for v in versions]
    changes = None
    if request.args.get("a") and request.args.get("b") and form.validate():
        a, b = services.get_version(form.a.data), services.get_version(form.b.data)
        # The document is bilingual and a change may touch one language only: compare each, the page's first.
        first = current_language()
        changes = {language: services.diff_versions(a, b, language)
                   for language in (first, *(other for other in LANGUAGES if other != first))}
    elif len(versions) >= 2:
        form.a.data, form.b.data = versions[1].id, versions[0].id
    return render_template("policy/history.html", versions=versions, form=form, changes=changes)


@bp.route(f"{ADMIN}/<int:policy_version_id>/references/<int:document_id>")
@access.requires("policy.view")
def reference_file(policy_version_id: int, document_id: int):
    """A file a reference of this version points to (staff only: it is a working tool, not a public page)."""
    return attachment(services.reference_file(services.get_version(policy_version_id), document_id))


editor.register_routes(bp)


def init_app(app) -> None:
    from flask_babel import lazy_gettext as _l

    from wasl.web.navigation import add_nav_item

    app.register_blueprint(bp)
    add_nav_item(app, "policy.overview", _l("Policy"), permission="policy.edit", order=30)
