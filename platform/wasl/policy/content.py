"""The policy's content: the format of ``tenants/<slug>/policy.yaml`` and of ``PolicyVersion.content``.

Validated strictly: unknown keys are refused everywhere, every error is keyed
by its field path (``procedure.steps.2.target_role``). Bilingual texts are
``{ar, en}``: Arabic is required, English may be missing from a draft being
written but is never blank; imported files must have both
(``require_english``). ``{association}`` is the only placeholder a text may
hold: the association's name always comes from the tenant.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from marshmallow import EXCLUDE, RAISE, Schema, ValidationError, fields, post_load, validate, validates_schema

from wasl.accounts.permissions import ROLE_TEMPLATES
from wasl.i18n.validation import translate_errors
from wasl.onboarding.definitions import DefinitionError, flatten_errors, read_yaml
from wasl.policy import vocabulary as vocab
from wasl.policy.approval import BoardDateError, parse_gregorian, reconcile_printed_pair, resolve_board_date

PLACEHOLDER = "{association}"
MAX_TEXT = 8000
MAX_ITEMS = 60
ROLE_KEYS = tuple(ROLE_TEMPLATES)
KEY = validate.Regexp(r"^[a-z][a-z0-9_]{0,62}$",
                      error=_l("Use lowercase English letters, digits and underscores, starting with a letter."))
# Which step type takes which parameter, and what it says when the parameter is missing.
STEP_PARAMETERS = {
    "target_role": ("referral", _l("A referral step must name the role it refers to.")),
    "decision_body": ("committee_review", _l("A committee review step must name the body that decides.")),
    "declaration": ("pledge", _l("A pledge step must give the declaration the applicant signs.")),
}


def _text_rules(value: str) -> None:
    if not value.strip():
        raise ValidationError(_("This text may not be empty."))
    rest = value.replace(PLACEHOLDER, "")
    if "{" in rest or "}" in rest:
        raise ValidationError(
            _("Braces may only hold {placeholder}, which stands for the association's name.").format(
                placeholder=PLACEHOLDER)
        )


def _one_of(choices) -> validate.OneOf:
    return validate.OneOf(list(choices))


def _list(item, *, required: bool = False, minimum: int = 0) -> fields.List:
    return fields.List(item, required=required, validate=validate.Length(min=minimum, max=MAX_ITEMS))


def _duplicates(original, list_name: str, key: str | None, message) -> dict:
    """Errors at ``list_name.<i>.<key>`` for every item repeating an earlier item's key (read from the raw input)."""
    items = original.get(list_name) if isinstance(original, dict) else None
    if not isinstance(items, list):
        return {}
    seen: dict[str, int] = {}
    errors: dict = {}
    for index, item in enumerate(items):
        value = item.get(key) if key and isinstance(item, dict) else item
        if not isinstance(value, str):
            continue
        if value in seen:
            text = str(message).format(value=value, position=seen[value] + 1)
            errors[index] = {key: [text]} if key else [text]
        else:
            seen[value] = index
    return {list_name: errors} if errors else {}


def _raise_if(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


_DUPLICATE_KEY = _l("The key “{value}” is already used by item {position}.")


class _Strict(Schema):
    class Meta:
        unknown = RAISE


class Text(_Strict):
    ar = fields.String(required=True, validate=[validate.Length(max=MAX_TEXT), _text_rules])
    en = fields.String(validate=[validate.Length(max=MAX_TEXT), _text_rules])


def _text(**kwargs) -> fields.Nested:
    return fields.Nested(Text, **kwargs)


class Goal(_Strict):
    text = _text(required=True)
    measure = fields.String(validate=_one_of(vocab.MEASURES))


class Channel(_Strict):
    key = fields.String(required=True, validate=KEY)
    label = _text(required=True)
    enabled = fields.Boolean(load_default=True)


class Reference(_Strict):
    key = fields.String(required=True, validate=KEY)
    kind = fields.String(required=True, validate=_one_of(vocab.REFERENCE_KINDS))
    title = _text(required=True)
    url = fields.Url(schemes={"http", "https"}, validate=validate.Length(max=2000))
    file = fields.String(validate=validate.Regexp(
        r"^[A-Za-z0-9][A-Za-z0-9._-]{0,199}$", error=_l("Not a stored file name.")))

    @validates_schema
    def _one_source(self, data, **kwargs):
        if data.get("url") and data.get("file"):
            raise ValidationError({"file": [_("A reference is either a link or an uploaded file, not both.")]})


class References(_Strict):
    heading = _text()
    items = _list(fields.Nested(Reference), required=True)

    @validates_schema(pass_original=True, skip_on_field_errors=False)
    def _unique(self, data, original, **kwargs):
        _raise_if(_duplicates(original, "items", "key", _DUPLICATE_KEY))


class Step(_Strict):
    type = fields.String(required=True, validate=_one_of(vocab.STEP_TYPES))
    wording = _text(required=True)
    responsible_role = fields.String(required=True, validate=_one_of(ROLE_KEYS))
    target_role = fields.String(validate=_one_of(ROLE_KEYS))
    decision_body = _text()
    declaration = _text()

    @validates_schema(pass_original=True, skip_on_field_errors=False)
    def _parameters(self, data, original, **kwargs):
        step_type = data.get("type")
        if step_type is None or not isinstance(original, dict):
            return
        errors = {}
        for field, (owner, missing_message) in STEP_PARAMETERS.items():
            given = original.get(field) is not None
            if step_type == owner and not given:
                errors[field] = [str(missing_message)]
            elif step_type != owner and given:
                errors[field] = [_("Only a “{step}” step takes this field.").format(step=vocab.STEP_TYPES[owner])]
        _raise_if(errors)


class Procedure(_Strict):
    heading = _text()
    steps = _list(fields.Nested(Step), required=True, minimum=1)

    @validates_schema(pass_original=True, skip_on_field_errors=False)
    def _each_type_once(self, data, original, **kwargs):
        message = _l("The step “{value}” already appears as step {position}; each step type appears once.")
        _raise_if(_duplicates(original, "steps", "type", message))


class Mechanism(_Strict):
    key = fields.String(required=True, validate=_one_of(vocab.MECHANISMS))
    description = _text()
    enabled = fields.Boolean(load_default=True)


class Criterion(_Strict):
    kind = fields.String(required=True, validate=_one_of(vocab.CRITERION_KINDS))
    text = _text(required=True)


class Eligibility(_Strict):
    heading = _text()
    steps = _list(_text())
    information_sources = _list(_text())
    mechanisms = _list(fields.Nested(Mechanism), required=True, minimum=1)
    criteria = _list(fields.Nested(Criterion))
    purposes_intro = _text()
    purposes = _list(_text())

    @validates_schema(pass_original=True, skip_on_field_errors=False)
    def _unique(self, data, original, **kwargs):
        _raise_if(_duplicates(original, "mechanisms", "key", _DUPLICATE_KEY))


class RequiredDocument(_Strict):
    key = fields.String(required=True, validate=KEY)
    name = _text(required=True)
    has_expiry = fields.Boolean(load_default=False)
    must_be_valid_at_submission = fields.Boolean(load_default=False)

    @validates_schema
    def _expiry(self, data, **kwargs):
        if data.get("must_be_valid_at_submission") and not data.get("has_expiry"):
            raise ValidationError({"must_be_valid_at_submission": [
                _("Only a document that expires can be required to be valid at submission.")]})


class Service(_Strict):
    key = fields.String(required=True, validate=KEY)
    name = _text(required=True)
    description = _text()
    required_documents = _list(fields.Nested(RequiredDocument))
    mechanisms = _list(fields.String(validate=_one_of(vocab.MECHANISMS)))

    @validates_schema(pass_original=True, skip_on_field_errors=False)
    def _unique(self, data, original, **kwargs):
        errors = _duplicates(original, "required_documents", "key", _DUPLICATE_KEY)
        errors.update(_duplicates(original, "mechanisms", None, _l("“{value}” is already listed as item {position}.")))
        _raise_if(errors)


class DecisionWindow(_Strict):
    days = fields.Integer(required=True, strict=True, validate=validate.Range(min=1, max=365))
    counting = fields.String(required=True, validate=_one_of(vocab.COUNTING))


class Intake(_Strict):
    """How staff take a new beneficiary in; absent (older policies) means consent is recorded when given."""

    consent_required = fields.Boolean(load_default=False)


class SurveyQuestion(_Strict):
    """Answered on a scale from 1 to ``scale`` (at most 5)."""

    key = fields.String(required=True, validate=KEY)
    text = _text(required=True)
    scale = fields.Integer(load_default=5, strict=True, validate=validate.Range(min=2, max=5))


class Approval(_Strict):
    """The board's approval as printed in the document; both dates are stored once resolved."""

    meeting_number = fields.String(required=True, validate=[validate.Length(min=1, max=32), _text_rules])
    date_hijri = fields.String()
    date_gregorian = fields.String()
    printed_gregorian = fields.String()
    supersedes_previous = fields.Boolean(load_default=True)

    @validates_schema
    def _dates(self, data, **kwargs):
        resolve_board_date(data.get("date_hijri"), data.get("date_gregorian"))
        if data.get("printed_gregorian"):
            try:
                parse_gregorian(data["printed_gregorian"])
            except BoardDateError as error:
                raise ValidationError({"printed_gregorian": error.messages["date_gregorian"]}) from error

    @post_load
    def _both_calendars(self, data, **kwargs):
        day = resolve_board_date(data.get("date_hijri"), data.get("date_gregorian"))
        return dict(data, date_hijri=day.hijri, date_gregorian=day.gregorian.isoformat())


class PolicyContentSchema(_Strict):
    title = _text(required=True)
    preamble = _text(required=True)
    general_goal = _text(required=True)
    detailed_goals = _list(fields.Nested(Goal), required=True, minimum=1)
    practices_intro = _text()
    practices = _list(_text(), required=True)
    channels = _list(fields.Nested(Channel), required=True, minimum=1)
    references = fields.Nested(References, required=True)
    procedure = fields.Nested(Procedure, required=True)
    eligibility = fields.Nested(Eligibility)
    services = _list(fields.Nested(Service))
    decision_window = fields.Nested(DecisionWindow, required=True)
    satisfaction_survey = _list(fields.Nested(SurveyQuestion))
    approval = fields.Nested(Approval)
    intake = fields.Nested(Intake)

    @validates_schema(pass_original=True, skip_on_field_errors=False)
    def _unique_keys(self, data, original, **kwargs):
        errors = {}
        for name in ("channels", "services", "satisfaction_survey"):
            errors.update(_duplicates(original, name, "key", _DUPLICATE_KEY))
        _raise_if(errors)

    @validates_schema
    def _channels_and_mechanisms(self, data, **kwargs):
        errors = {}
        if "channels" in data and not any(channel["enabled"] for channel in data["channels"]):
            errors["channels"] = [_("Enable at least one channel.")]
        errors.update(_unavailable_mechanisms(data))
        _raise_if(errors)


def _unavailable_mechanisms(data: dict) -> dict:
    """A service may only need mechanisms the eligibility section enables (any of them when it is absent)."""
    eligibility = data.get("eligibility")
    if eligibility is None:
        enabled = set(vocab.MECHANISMS)
    else:
        enabled = {m["key"] for m in eligibility["mechanisms"] if m["enabled"]}
    errors: dict = {}
    for index, service in enumerate(data.get("services") or []):
        for position, key in enumerate(service.get("mechanisms") or []):
            if key not in enabled:
                message = _("The mechanism “{mechanism}” is not enabled in the eligibility section.").format(
                    mechanism=vocab.MECHANISMS[key])
                errors.setdefault(index, {}).setdefault("mechanisms", {})[position] = [message]
    return {"services": errors} if errors else {}


def validate_content(data, *, require_english: bool = False, only: tuple[str, ...] | None = None) -> dict:
    """The loaded content (derived fields filled in); ValidationError keyed by field path otherwise.

    With ``only``, just those top-level keys are checked (one section of the editor).
    """
    schema = PolicyContentSchema() if only is None else PolicyContentSchema(only=only, unknown=EXCLUDE)
    content = schema.load(data)
    if require_english:
        _raise_if(english_gaps(content))
    return content


def iter_texts(value, path: tuple = ()):
    """Every bilingual text in ``value`` with its path: ``(("procedure", "steps", 2, "wording"), {...})``."""
    if isinstance(value, dict):
        if "ar" in value and set(value) <= {"ar", "en"}:
            yield path, value
            return
        for key, child in value.items():
            yield from iter_texts(child, (*path, key))
    elif isinstance(value, list):
        for index, child in enumerate(value):
            yield from iter_texts(child, (*path, index))


def errors_at(problems: list[tuple[tuple, str]]) -> dict:
    """``[(("channels", 2, "label", "en"), "msg")]`` -> ``{"channels": {2: {"label": {"en": ["msg"]}}}}``."""
    errors: dict = {}
    for path, message in problems:
        node = errors
        for part in path[:-1]:
            node = node.setdefault(part, {})
        node.setdefault(path[-1], []).append(message)
    return errors


def english_gaps(content: dict) -> dict:
    return errors_at([((*path, "en"), _("Write the English text too."))
                      for path, text in iter_texts(content) if not text.get("en")])


def name_mentions(content: dict, names) -> dict:
    """Errors wherever a text spells out one of ``names`` instead of using the placeholder."""
    names = [n for n in names if n]
    message = _("Write {placeholder} instead of the association's name.").format(placeholder=PLACEHOLDER)
    return errors_at([((*path, language), message)
                      for path, text in iter_texts(content)
                      for language, value in text.items()
                      if any(name in value for name in names)])


def canonical_json(content) -> str:
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))


def content_digest(content) -> str:
    """sha256 of the canonical JSON: equal content, equal hash, whatever the key order."""
    return hashlib.sha256(canonical_json(content).encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class LoadedPolicy:
    """A policy file's validated content and, when its printed approval pair disagreed, the correction made."""

    path: Path
    content: dict
    correction: dict | None = None


def load_policy_file(path: Path, names=()) -> LoadedPolicy:
    """Read and validate ``path`` (a policy.yaml); DefinitionError naming the file, field path and reason."""
    data = read_yaml(path)
    approval, correction = reconcile_printed_pair(data.get("approval"))
    if correction is not None:
        data = dict(data, approval=approval)
    try:
        content = validate_content(data, require_english=True)
    except ValidationError as error:
        raise DefinitionError(path, flatten_errors(translate_errors(error.messages))) from error
    mentions = name_mentions(content, names)
    if mentions:
        raise DefinitionError(path, flatten_errors(mentions))
    return LoadedPolicy(path=path, content=content, correction=correction)
