"""Staff pages of the registry: search, a beneficiary's page, registering (look-up first) and editing."""

from __future__ import annotations

from flask import Blueprint, abort, flash, g, redirect, render_template, request, url_for
from flask_babel import LazyString
from flask_babel import gettext as _
from marshmallow import ValidationError

from wasl.accounts import access
from wasl.api.pagination import page_number
from wasl.beneficiaries import corrections, services
from wasl.beneficiaries.consents import NOTIFICATIONS
from wasl.beneficiaries.forms import (
    CONSENT_CHANNEL_CHOICES,
    PURPOSE_CHOICES,
    ConsentForm,
    EditBeneficiaryForm,
    LookupForm,
    NewBeneficiaryForm,
    WithdrawConsentForm,
    attach_errors,
)
from wasl.beneficiaries.schemas import SearchArgsSchema
from wasl.beneficiaries.services import DuplicateBeneficiary
from wasl.beneficiaries.terms import Terms, terms_for
from wasl.i18n import current_language
from wasl.web.navigation import add_nav_item

bp = Blueprint("beneficiaries", __name__, url_prefix="/<slug>/beneficiaries")


def terms() -> Terms:
    """The headings naming beneficiaries in the association in scope (Quway'iyah says "users")."""
    return terms_for(g.tenant, current_language())


def _nav_label() -> str:
    return terms().many


def init_app(app) -> None:
    # Evaluated per request, so each association's navigation shows its own word.
    add_nav_item(app, "beneficiaries.index", LazyString(_nav_label), permission="beneficiaries.view", order=20)
    app.add_template_global(corrections.field_label, "correction_field")
    app.add_template_global(corrections.shown_value, "correction_value")


def _render(template: str, status: int = 200, **context):
    return render_template(f"beneficiaries/{template}", terms=terms(), **context), status


@bp.route("/")
@access.requires("beneficiaries.view")
def index():
    page_number()  # a page number out of range is a clear 422 page
    args = SearchArgsSchema().load({k: v for k, v in request.args.items() if k in ("q", "page", "per_page")})
    results = services.search(args["q"], args["page"], args["per_page"])
    return _render("list.html", results=results, q=args["q"], per_page=args["per_page"])


@bp.route("/<int:beneficiary_id>")
@access.requires("beneficiaries.view")
def show(beneficiary_id: int):
    from wasl.privacy.services import open_record, reason_to_open

    beneficiary = services.profile_in_scope(beneficiary_id)
    reason = reason_to_open(beneficiary, "profile")  # asks first, while the association records reads
    page = _show(beneficiary, ConsentForm())
    if reason is not None:
        open_record(beneficiary, "page", reason)
    return page


def _show(beneficiary, consent_form: ConsentForm, general_errors=(), status: int = 200):
    return _render("show.html", status, beneficiary=beneficiary, consent_form=consent_form,
                   withdraw_form=WithdrawConsentForm(),
                   general_errors=general_errors, purposes=dict(PURPOSE_CHOICES),
                   consent_channels=dict(CONSENT_CHANNEL_CHOICES),
                   corrections=services.corrections_of(beneficiary.id))


@bp.route("/new", methods=["GET", "POST"])
@access.requires("beneficiaries.edit")
def new():
    if request.method == "POST" and request.form.get("stage") == "register":
        return _register()
    lookup_form = LookupForm()
    if request.method == "GET" or not lookup_form.validate_on_submit():
        return _render("new.html", lookup_form=lookup_form, status=200 if request.method == "GET" else 400)
    try:
        found = services.intake_lookup(lookup_form.lookup.data)
    except ValidationError as error:
        attach_errors(lookup_form, error.messages)
        return _render("new.html", lookup_form=lookup_form, status=422)
    form = NewBeneficiaryForm(formdata=None, data={found.kind: found.value})
    return _render("new.html", lookup_form=lookup_form, found=found,
                   form=None if found.blocks_registration else form)


def _register():
    form = NewBeneficiaryForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        beneficiary = services.register_beneficiary(form.service_data(), g.actor)
    except DuplicateBeneficiary as duplicate:
        form.national_id.errors = [_duplicate_message()]
        return _render("new.html", lookup_form=LookupForm(formdata=None), form=form,
                       existing=duplicate.existing, status=409)
    except ValidationError as error:
        general = form.show_errors(error)
        return _render("new.html", lookup_form=LookupForm(formdata=None), form=form, general_errors=general,
                       status=422)
    flash(_("Registered {name}.").format(name=beneficiary.full_name_ar), "success")
    return redirect(url_for("beneficiaries.show", beneficiary_id=beneficiary.id))


def _duplicate_message() -> str:
    return _("A person with this national ID or Iqama number is already registered in this association.")


def _edit_form(beneficiary) -> EditBeneficiaryForm:
    """The form filled from the record, the birth date in the calendar it was entered in."""
    form = EditBeneficiaryForm(obj=beneficiary)
    if beneficiary.birth_calendar == "hijri":
        form.birth_on.data = None
    else:
        form.birth_on_hijri.data = None
    return form


@bp.route("/<int:beneficiary_id>/edit", methods=["GET", "POST"])
@access.requires("beneficiaries.edit")
def edit(beneficiary_id: int):
    beneficiary = services.beneficiary_in_scope(beneficiary_id)
    if request.method == "GET":
        return _render("edit.html", beneficiary=beneficiary, form=_edit_form(beneficiary))
    form = EditBeneficiaryForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        services.update_beneficiary(beneficiary, form.service_data(), g.actor)
    except DuplicateBeneficiary as duplicate:
        form.national_id.errors = [_duplicate_message()]
        return _render("edit.html", beneficiary=beneficiary, form=form, existing=duplicate.existing, status=409)
    except ValidationError as error:
        general = form.show_errors(error)
        return _render("edit.html", beneficiary=beneficiary, form=form, general_errors=general, status=422)
    flash(_("The changes were saved."), "success")
    return redirect(url_for("beneficiaries.show", beneficiary_id=beneficiary.id))


@bp.route("/<int:beneficiary_id>/consents", methods=["POST"])
@access.requires("beneficiaries.edit")
def add_consent(beneficiary_id: int):
    beneficiary = services.beneficiary_in_scope(beneficiary_id)
    form = ConsentForm()
    if not form.validate_on_submit():
        abort(400)
    try:
        services.record_consent(beneficiary, form.service_data(), g.actor)
    except ValidationError as error:
        general = attach_errors(form, error.messages)
        return _show(services.profile_in_scope(beneficiary_id), form, general, 422)
    flash(_("The consent was recorded."), "success")
    return redirect(url_for("beneficiaries.show", beneficiary_id=beneficiary.id))


@bp.route("/<int:beneficiary_id>/consents/<int:consent_id>/withdraw", methods=["POST"])
@access.requires("beneficiaries.edit")
def withdraw_consent(beneficiary_id: int, consent_id: int):
    beneficiary = services.beneficiary_in_scope(beneficiary_id)
    consent = services.consent_in_file(beneficiary, consent_id)
    if not WithdrawConsentForm().validate_on_submit():
        abort(400)
    services.withdraw_consent(beneficiary, consent, g.actor)
    flash(_("The consent was withdrawn. Messages that are not essential to the person's requests stop now.")
          if consent.purpose == NOTIFICATIONS else _("The consent was withdrawn."), "success")
    return redirect(url_for("beneficiaries.show", beneficiary_id=beneficiary.id) + "#consents")
