"""The intake: a new request starts from a beneficiary look-up, so that no one is registered twice.

1. Look up by national ID/Iqama or mobile. 2a. Found: open the request for
that person. 2b. Not found: register them inline together with the request.
A duplicate ID at that point (someone registered them meanwhile) is offered
back as the existing record. One service call (``open_case``) does the writing.
"""

from __future__ import annotations

from flask import flash, g, redirect, request, url_for
from flask_babel import gettext as _
from marshmallow import ValidationError

from wasl.accounts import access
from wasl.beneficiaries.forms import LookupForm, NewBeneficiaryForm
from wasl.beneficiaries.forms import attach_errors as attach_person_errors
from wasl.beneficiaries.services import DuplicateBeneficiary, get_beneficiary, intake_lookup
from wasl.cases import services
from wasl.cases.errors import TransitionNotAllowed
from wasl.cases.web.forms import CaseFieldsForm
from wasl.cases.web.views import bp, render
from wasl.errors import found
from wasl.i18n import current_language
from wasl.i18n.validation import translate_errors
from wasl.kernel.form_errors import attach_errors

LOOKUP, OPEN, REGISTER = "lookup", "open", "register"


def _beneficiary_form(formdata=None, **kwargs) -> NewBeneficiaryForm:
    # Part of the intake's one HTML form: the case form carries the CSRF token.
    return NewBeneficiaryForm(formdata=formdata, prefix="b", meta={"csrf": False}, **kwargs)


def _case_form(stage: str, formdata=None, beneficiary_id=None) -> CaseFieldsForm:
    """The request's fields; what they offer is set when the page is shown (``_page``): a request opened
    from a submitted form never needs the staff list, since the service checks every choice itself."""
    if formdata is not None:
        form = CaseFieldsForm(formdata=formdata)
    else:
        offered = _choices().services
        form = CaseFieldsForm(formdata=None, data={
            "stage": stage, "beneficiary_id": beneficiary_id or "", "priority": "normal",
            "service": offered[0][0] if len(offered) == 1 else ""})
    form.stage.data = stage
    return form


def _choices():
    """What the intake offers, read once per request."""
    key = "wasl.intake_choices"
    if key not in request.environ:
        request.environ[key] = services.filter_choices(g.tenant, current_language())
    return request.environ[key]


def _page(status: int = 200, **context):
    context.setdefault("lookup_form", LookupForm(formdata=None))
    choices = _choices()
    if context.get("case_form") is not None:
        context["case_form"].set_choices(choices)
    return render("new.html", status, choices=choices, **context)


@bp.route("/new", methods=["GET", "POST"])
@access.requires("cases.create")
def new():
    if request.method == "GET":
        return _start()
    stage = request.form.get("stage", LOOKUP)
    if stage == OPEN:
        return _open_for_existing()
    if stage == REGISTER:
        return _register_and_open()
    return _lookup()


def _start():
    raw = request.args.get("beneficiary_id", "")
    if not raw:
        return _page()
    beneficiary = _beneficiary(raw)
    return _page(beneficiary=beneficiary, case_form=_case_form(OPEN, beneficiary_id=beneficiary.id))


def _lookup():
    form = LookupForm()
    if not form.validate_on_submit():
        return _page(400, lookup_form=form)
    try:
        result = intake_lookup(form.lookup.data)
    except ValidationError as invalid:
        form.lookup.errors = list(translate_errors(invalid.normalized_messages()).get("lookup", []))
        return _page(422, lookup_form=form)
    context = {"lookup_form": form, "found": result}
    if not result.blocks_registration:
        context["beneficiary_form"] = _beneficiary_form(data={result.kind: result.value})
        context["case_form"] = _case_form(REGISTER)
    return _page(**context)


def _open_for_existing():
    form = _case_form(OPEN, formdata=request.form)
    if not form.validate_on_submit():
        return _page(400, case_form=form)
    beneficiary = _beneficiary(form.beneficiary_id.data or "")
    return _open({**form.case_data(), "beneficiary_id": beneficiary.id}, form, beneficiary=beneficiary)


def _beneficiary(raw: str):
    """The beneficiary a form names by id, in the association in scope; NotFound otherwise."""
    beneficiary = get_beneficiary(int(raw)) if raw.isdigit() else None
    return found(beneficiary, _("There is no such beneficiary in this association."))


def _register_and_open():
    form = _case_form(REGISTER, formdata=request.form)
    person = _beneficiary_form(formdata=request.form)
    if not form.validate_on_submit():
        return _page(400, case_form=form, beneficiary_form=person)
    return _open({**form.case_data(), "beneficiary": person.service_data()}, form, beneficiary_form=person)


def _open(data: dict, form: CaseFieldsForm, **context):
    try:
        case = services.open_case(data, g.actor)
    except DuplicateBeneficiary as duplicate:
        return _page(409, case_form=form, existing=duplicate.existing, **context)
    except ValidationError as invalid:
        general = _attach(form, context.get("beneficiary_form"), translate_errors(invalid.normalized_messages()))
        return _page(422, case_form=form, general_errors=general, **context)
    except TransitionNotAllowed as refused:
        return _page(refused.status, case_form=form, general_errors=[refused.detail], **context)
    flash(_("Request {number} opened.").format(number=case.number), "success")
    return redirect(url_for("cases.show", case_id=case.id))


def _attach(form, person, messages: dict) -> list[str]:
    """Spread the service's messages over both forms; what fits neither is shown above them."""
    general = []
    for name, value in messages.items():
        if name == "beneficiary" and isinstance(value, dict) and person is not None:
            general.extend(attach_person_errors(person, value))
        else:
            general.extend(attach_errors(form, {name: value}, {"stage": None}))
    return general
