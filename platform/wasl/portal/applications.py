"""Applying from home: the signed-in person picks a service, confirms their data, uploads, signs and submits.

Everything is checked first — the personal data with the staff intake's schema
(``BeneficiaryInputSchema``), the consent the policy may require, each document
as the staff side checks it, the drawn signature as the pledge step does — and
only then written, through the staff side's services: ``update_beneficiary``,
``record_consent``, ``cases.services.open_case`` (channel ``website``, the
procedure's first step), ``store_upload`` and the pledge step's ``record_pledge``.
A refusal writes nothing; the caller commits once.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import ValidationError, fields

from wasl.beneficiaries.consent_policy import REQUIRED_PURPOSE, consent_required
from wasl.beneficiaries.fields import LocalisedSchema, labelled, max_length
from wasl.beneficiaries.models import Beneficiary
from wasl.beneficiaries.schemas import BeneficiaryInputSchema
from wasl.beneficiaries.services import get_beneficiary, record_consent, update_beneficiary
from wasl.cases import services as cases
from wasl.cases.catalogue import Catalogue, ServiceSpec, catalogue_of
from wasl.cases.errors import TransitionNotAllowed
from wasl.cases.models import Case
from wasl.cases.signatures import SignatureField
from wasl.cases.timeline import log
from wasl.cases.workflow.steps.base import riyadh_today
from wasl.cases.workflow.steps.pledge import declaration_in, record_pledge
from wasl.db import db
from wasl.i18n import current_language
from wasl.kernel.bilingual import pick
from wasl.portal.documents import VIA_PORTAL, Problems, Upload, check_documents, store_documents
from wasl.portal.scope import current
from wasl.tenancy.models import Tenant

ONLINE_CHANNEL = "website"
CONSENT_CHANNEL = "online"
# The personal data the person confirms or corrects; the ID and mobile they signed in with stay as they are.
PERSON_FIELDS = ("full_name_ar", "full_name_en", "email", "gender", "birth_on", "birth_on_hijri", "city",
                 "preferred_language", "preferred_channel")
SIGNED_NAME_LABEL = _l("Your full name, as you sign")
SIGNATURE_LABEL = _l("Signature")


class PledgeInput(LocalisedSchema):
    """The person's signature under the declaration: each error names its field."""

    signed_name = labelled(fields.String, SIGNED_NAME_LABEL, required=True,
                           validate=max_length(SIGNED_NAME_LABEL, 200))
    signature = labelled(SignatureField, SIGNATURE_LABEL, required=True)


@dataclass
class Application:
    """What the person sends: the service, their data, the consent box, the documents, the signature."""

    service: str
    person: Mapping = field(default_factory=dict)
    consent: bool = False
    documents: Mapping[str, Upload] = field(default_factory=dict)
    pledge: Mapping = field(default_factory=dict)
    description: str | None = None


@dataclass(frozen=True)
class ApplicationForm:
    """What the form offers: the services, the declaration to sign, whether consent is asked for."""

    services: tuple[ServiceSpec, ...]
    declaration: dict
    consent_needed: bool
    catalogue: Catalogue


def _tenant() -> Tenant:
    scope = current(db.session)
    if scope is None:
        raise RuntimeError("portal services run inside the beneficiary scope")
    return db.session.get(Tenant, scope.tenant_id)


def _person() -> Beneficiary:
    return get_beneficiary(current(db.session).beneficiary_id)


def application_form() -> ApplicationForm:
    """The published policy's offer for applying online; TransitionNotAllowed where it does not take them."""
    tenant = _tenant()
    catalogue = _online_catalogue(tenant)
    return ApplicationForm(tuple(catalogue.services.values()), declaration_in(catalogue),
                           _consent_needed(tenant.id, _person()), catalogue)


def _online_catalogue(tenant: Tenant) -> Catalogue:
    from wasl.policy.services import published_version

    version = published_version(tenant)
    if version is None:
        raise TransitionNotAllowed(_("The association has not published its policy yet, so requests cannot be "
                                     "made online."), 409)
    catalogue = catalogue_of(version)
    if ONLINE_CHANNEL not in catalogue.enabled_channels:
        language = current_language()
        separator = "، " if language == "ar" else ", "
        channels = separator.join(catalogue.channel_label(c, language) for c in catalogue.enabled_channels)
        raise TransitionNotAllowed(_("This association's policy does not take requests through its website. "
                                     "You can reach it through: {channels}.").format(channels=channels), 403)
    if not catalogue.services:
        raise TransitionNotAllowed(_("This association has no services to apply for online yet."), 409)
    return catalogue


def _consent_needed(tenant_id: int, person: Beneficiary) -> bool:
    return consent_required(tenant_id) and not any(c.purpose == REQUIRED_PURPOSE for c in person.consents)


def current_data(person: Beneficiary) -> dict:
    """The person's recorded data in the form the intake schema reads (the birth date in its own calendar)."""
    data = {name: getattr(person, name, None) for name in PERSON_FIELDS if name not in ("birth_on", "birth_on_hijri")}
    if person.birth_on is not None:
        key = "birth_on_hijri" if person.birth_calendar == "hijri" else "birth_on"
        data[key] = person.birth_on_hijri if key == "birth_on_hijri" else person.birth_on.isoformat()
    return data


def apply(application: Application) -> Case:
    """Check everything, then open the case on the website channel with its documents and signed pledge."""
    person = _person()
    form = application_form()
    problems = Problems()
    service = _service(form.catalogue, application.service, problems)
    data = _personal_data(person, application.person, problems)
    if form.consent_needed and not application.consent:
        problems["consent"] = [_("The association's policy asks for your consent to the processing of your "
                                 "personal data before it handles your request. Tick the box to give it.")]
    today = riyadh_today()
    documents = check_documents(service.documents, application.documents, today, problems,
                                all_required=True) if service else []
    signature = _signature(form, application.pledge, problems)
    problems.raise_any()
    _save_person(person, data, form.consent_needed)
    case = cases.open_case({"beneficiary_id": person.id, "service": service.key, "channel": ONLINE_CHANNEL,
                            "description": application.description or None}, None)
    store_documents(case, documents)
    if signature is not None:
        sign(case, form.declaration, signature)
    return case


def _service(catalogue: Catalogue, key: str | None, problems: Problems) -> ServiceSpec | None:
    service = catalogue.service(key)
    if service is None:
        language = current_language()
        separator = "، " if language == "ar" else ", "
        choices = separator.join(pick(s.name, language) for s in catalogue.services.values())
        problems["service"] = [_("Choose the service you are applying for: {choices}.").format(choices=choices)]
    return service


def _personal_data(person: Beneficiary, submitted: Mapping, problems: Problems) -> dict:
    """The person's data as the intake validates it: what they typed over what is recorded."""
    typed = {name: submitted[name] for name in PERSON_FIELDS if name in submitted}
    if "birth_on" in typed or "birth_on_hijri" in typed:  # the date typed replaces the recorded one
        typed.setdefault("birth_on", None)
        typed.setdefault("birth_on_hijri", None)
    data = {**current_data(person), **typed}
    try:
        BeneficiaryInputSchema().load({**data, "national_id": person.national_id, "mobile": person.mobile})
    except ValidationError as invalid:
        problems.update(invalid.normalized_messages())
    return data


def _signature(form: ApplicationForm, submitted: Mapping, problems: Problems) -> dict | None:
    if not form.declaration:  # the association's procedure has no pledge step
        return None
    try:
        return PledgeInput().load(dict(submitted or {}))
    except ValidationError as invalid:
        problems.update(invalid.normalized_messages())
        return None


def _save_person(person: Beneficiary, data: dict, record_the_consent: bool) -> None:
    update_beneficiary(person, data, None)
    if record_the_consent:
        record_consent(person, {"purpose": REQUIRED_PURPOSE, "channel": CONSENT_CHANNEL}, None)


def sign(case: Case, declaration: dict, signature: Mapping) -> None:
    """The pledge step's own record of a signed pledge, on the timeline as the person's doing."""
    result = record_pledge(case, declaration, signature["signed_name"], signature["signature"], None)
    log(case, result.kind, None, via=VIA_PORTAL, **result.details)
