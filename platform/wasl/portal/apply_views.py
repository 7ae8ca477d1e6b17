"""The portal's pages for applying from home and for answering staff on one of my requests.

``/<slug>/portal/apply`` offers the published policy's services (or goes
straight to the one there is); ``/apply?service=<key>`` is the form. On a
request's page the person uploads the documents asked for and signs the
pledge again. Each page calls one service; a refusal shows the page again
with each message beside its field and nothing written.
"""

from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from wasl.accounts import access
from wasl.beneficiaries.forms import attach_errors
from wasl.cases.errors import TransitionNotAllowed
from wasl.i18n import current_language
from wasl.i18n.dates import isolated
from wasl.i18n.validation import flatten_messages, translate_errors
from wasl.kernel.bilingual import pick
from wasl.portal import services
from wasl.portal.documents import uploads_from
from wasl.portal.forms import ApplicationForm, DocumentsAnswerForm, SignatureForm
from wasl.portal.views import bp, mine, render, request_page
from wasl.web.errors import fail


def _texts() -> dict:
    """What the templates need to show the policy's bilingual texts in the person's language."""
    language = current_language()
    separator = "، " if language == "ar" else ", "
    return {"pick": pick, "document_names": lambda service: separator.join(
        pick(spec.name, language) for spec in service.documents)}


def _offer():
    """The published policy's online offer, or the page that says why there is none (403/409)."""
    try:
        return services.application_form(), None
    except TransitionNotAllowed as refused:
        return None, render("apply_closed.html", refused.status, reason=refused.detail)


@bp.route("/apply", methods=["GET", "POST"])
@access.portal
def apply():
    offer, closed = _offer()
    if closed is not None:
        return closed
    key = request.values.get("service", "")
    service = offer.catalogue.service(key)
    if service is None:
        if len(offer.services) == 1 and request.method == "GET":
            return redirect(url_for("portal.apply", service=offer.services[0].key))
        return render("apply_services.html", offer=offer, **_texts())
    person = services.person(g.beneficiary_id)
    if request.method == "GET":
        form = ApplicationForm(formdata=None, data={**services.current_data(person), "service": key})
        return _form(offer, service, form, person)
    return _submit(offer, service, person)


def _form(offer, service, form, person, status: int = 200, problems=None, general=()):
    return render("apply.html", status, offer=offer, service=service, form=form, person=person,
                  problems=problems or {}, general=list(general), **_texts())


def _submit(offer, service, person):
    form = ApplicationForm()
    if not form.validate_on_submit():
        return _form(offer, service, form, person, 400, general=_form_errors(form))
    application = services.Application(
        service=service.key, person=form.person_data(), consent=bool(form.consent.data),
        documents=uploads_from(service.documents, request.files, request.form),
        pledge={"signed_name": form.signed_name.data, "signature": form.signature.data},
        description=form.description.data)
    try:
        case = services.apply(application)
    except ValidationError as invalid:
        problems = translate_errors(invalid.normalized_messages())
        general = attach_errors(form, {k: v for k, v in problems.items() if k in form})
        return _form(offer, service, form, person, getattr(invalid, "status", 422), problems, general)
    except TransitionNotAllowed as refused:
        return _form(offer, service, form, person, refused.status, general=[refused.detail])
    flash(_("Your request {number} has been received. You can follow it here.").format(
        number=isolated(case.number)), "success")
    return redirect(url_for("portal.show", case_id=case.id))


def _form_errors(form) -> list[str]:
    return [str(message) for messages in form.errors.values() for message in flatten_messages(messages)]


@bp.route("/requests/<int:case_id>/documents", methods=["POST"])
@access.portal
def answer_documents(case_id: int):
    case = mine(case_id)
    if not DocumentsAnswerForm().validate_on_submit():
        fail(400, _("The form expired or was sent from elsewhere. Reload the page and try again."))
    uploads = uploads_from(services.documents_wanted(case), request.files, request.form)
    try:
        stored = services.answer_documents(case, uploads)
    except ValidationError as invalid:
        return request_page(case, getattr(invalid, "status", 422),
                            upload_problems=translate_errors(invalid.normalized_messages()))
    except TransitionNotAllowed as refused:
        return request_page(case, refused.status, upload_problems={"documents": [refused.detail]})
    flash(_("Uploaded: {count} document(s).").format(count=len(stored)), "success")
    return redirect(url_for("portal.show", case_id=case_id))


@bp.route("/requests/<int:case_id>/pledge", methods=["POST"])
@access.portal
def sign_pledge(case_id: int):
    case = mine(case_id)
    form = SignatureForm()
    if not form.validate_on_submit():
        fail(400, _("The form expired or was sent from elsewhere. Reload the page and try again."))
    try:
        services.sign_again(case, {"signed_name": form.signed_name.data, "signature": form.signature.data})
    except ValidationError as invalid:
        attach_errors(form, translate_errors(invalid.normalized_messages()))
        return request_page(case, 422, signature_form=form)
    except TransitionNotAllowed as refused:
        form.signature.errors = [refused.detail]
        return request_page(case, refused.status, signature_form=form)
    flash(_("Thank you: your pledge is signed."), "success")
    return redirect(url_for("portal.show", case_id=case_id))

