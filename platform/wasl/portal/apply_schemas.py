"""The portal API's bodies for applying from home and answering staff, and what the application form offers.

Multipart bodies are described for the OpenAPI document; the services validate
them (the personal data with the intake's schema, the signature with the pledge
step's decoder), so these schemas only say what may be sent.
"""

from __future__ import annotations

from marshmallow import EXCLUDE, Schema, fields

DOCUMENT_FIELDS = ("Each required document travels as file-<key> (the PDF, JPEG or PNG, checked by its content) "
                   "with expires-<key> (its expiry date, Gregorian 2028-09-01 or Umm al-Qura Hijri 1450/03/15); "
                   "the keys are the service's documents in GET …/portal/application-form.")


class _Multipart(Schema):
    class Meta:
        unknown = EXCLUDE  # file-<key> and expires-<key> are named by the service's documents


class ApplicationBodySchema(_Multipart):
    """``multipart/form-data``: the service, the personal data (recorded values stay for fields left out)."""

    service = fields.String(required=True, metadata={"description": "A service key from the application form."})
    full_name_ar = fields.String()
    full_name_en = fields.String()
    email = fields.String()
    gender = fields.String(metadata={"enum": ["male", "female"]})
    birth_on = fields.String(metadata={"description": "Gregorian, YYYY-MM-DD."})
    birth_on_hijri = fields.String(metadata={"description": "Umm al-Qura, YYYY-MM-DD."})
    city = fields.String()
    preferred_language = fields.String(metadata={"enum": ["ar", "en"]})
    preferred_channel = fields.String(metadata={"enum": ["sms", "whatsapp", "email"]})
    description = fields.String()
    consent = fields.Boolean(metadata={"description": "Consent to the processing of personal data, where the "
                                                      "policy requires it (consent_needed in the form)."})
    signed_name = fields.String(metadata={"description": "The name typed under the pledge."})
    signature = fields.String(metadata={"description": "The drawn signature, a data:image/png;base64 URL."})
    file_national_id = fields.Raw(data_key="file-national_id", metadata={
        "type": "string", "format": "binary", "description": DOCUMENT_FIELDS})
    expires_national_id = fields.String(data_key="expires-national_id", metadata={"description": DOCUMENT_FIELDS})


class DocumentsBodySchema(_Multipart):
    """``multipart/form-data``: the documents asked for (``documents_wanted`` of the request)."""

    file_national_id = fields.Raw(data_key="file-national_id", metadata={
        "type": "string", "format": "binary", "description": DOCUMENT_FIELDS})
    expires_national_id = fields.String(data_key="expires-national_id", metadata={"description": DOCUMENT_FIELDS})


class SignatureBodySchema(Schema):
    signed_name = fields.String(required=True)
    signature = fields.String(required=True, metadata={"description": "A data:image/png;base64 URL."})


class DocumentSpecSchema(Schema):
    key = fields.String()
    name = fields.Method("_name")
    has_expiry = fields.Boolean()
    must_be_valid_at_submission = fields.Boolean()

    def _name(self, spec) -> str:
        return pick_language(spec.name)


class ServiceOfferSchema(Schema):
    key = fields.String()
    name = fields.Method("_name")
    documents = fields.List(fields.Nested(DocumentSpecSchema))

    def _name(self, service) -> str:
        return pick_language(service.name)


class ApplicationFormSchema(Schema):
    """What applying online offers: services with their documents, the declaration to sign, the consent."""

    services = fields.List(fields.Nested(ServiceOfferSchema))
    declaration = fields.String(allow_none=True,
                                metadata={"description": "The pledge to sign; null where the procedure has none."})
    consent_needed = fields.Boolean()
    person = fields.Dict(metadata={"description": "The recorded personal data, to confirm or correct."})


def pick_language(text: dict | None) -> str | None:
    from wasl.i18n import current_language
    from wasl.kernel.bilingual import pick

    return pick(text, current_language()) if text else None
