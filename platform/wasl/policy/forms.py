"""Forms of the policy pages: the pieces every section form is made of, and the lifecycle forms.

A section form converts both ways: ``from_content`` fills it from the draft's
content, ``to_data`` turns what was posted into the section's data for
``services.update_draft``. The service's field-path errors are put back on the
fields with ``attach_errors``, so the person sees each message next to what
it is about.
"""

from __future__ import annotations

import re

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    Field,
    FieldList,
    Form,
    FormField,
    HiddenField,
    IntegerField,
    RadioField,
    SelectField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.validators import InputRequired, Length, NumberRange, Optional, Regexp


class TextLine(Form):
    """One short text in both languages (a title, a label)."""

    ar = StringField(_l("Arabic"), validators=[Length(max=8000)])
    en = StringField(_l("English"), validators=[Length(max=8000)])


class TextBlock(Form):
    """One paragraph in both languages."""

    ar = TextAreaField(_l("Arabic"), validators=[Length(max=8000)])
    en = TextAreaField(_l("English"), validators=[Length(max=8000)])


def text_data(value) -> dict:
    """Content ``{ar, en}`` -> the pair's form data."""
    value = value or {}
    return {"ar": value.get("ar", ""), "en": value.get("en", "")}


def text_value(pair) -> dict | None:
    """A pair's input -> content ``{ar[, en]}``; None when both are blank. Arabic is always sent, even
    blank, so that the service names it when only the English was written."""
    ar = _clean(pair.ar.data)
    en = _clean(pair.en.data)
    if not ar and not en:
        return None
    return {"ar": ar, "en": en} if en else {"ar": ar}


def _clean(value) -> str:
    return (value or "").replace("\r\n", "\n").strip()


def is_blank(subform, *, ignore=("key", "remove", "enabled", "scale", "kind", "measure")) -> bool:
    """True when a row was left empty: nothing typed in any of its texts."""
    for field in subform:
        if field.short_name in ignore:
            continue
        if hasattr(field, "form"):
            if not is_blank(field.form, ignore=ignore):
                return False
        elif isinstance(field.data, str) and field.data.strip():
            return False
    return True


def make_key(text: str, taken: set[str], fallback: str) -> str:
    """A content key for a new row, from its English label: ``"Mobile app"`` -> ``mobile_app``."""
    words = [w for w in re.split(r"[^a-z0-9]+", (text or "").lower()) if w]
    base = ""
    for word in words:
        if len(base) + len(word) + 1 > 48:
            break
        base = f"{base}_{word}" if base else word
    if not base or not base[0].isalpha():
        base = f"{fallback}_{base}".strip("_") if base else fallback
    key, n = base, 2
    while key in taken:
        key, n = f"{base}_{n}", n + 1
    taken.add(key)
    return key


REMOVE = _l("Remove")


def kept_rows(form_list) -> list:
    """The rows of a list that carry an item: not ticked for removal, not left empty."""
    return [row.form for row in form_list if not row.form.remove.data and not is_blank(row.form)]


class SectionForm(FlaskForm):
    """Base of the section forms: the draft's revision travels with every form."""

    lock_version = HiddenField(validators=[InputRequired()])
    # The content key the section's errors are rooted at, and whether its value is a list.
    content_key: str | None = None
    list_field: str | None = None

    def expected_lock(self) -> int | None:
        try:
            return int(self.lock_version.data)
        except (TypeError, ValueError):
            return None

    @classmethod
    def from_content(cls, content: dict, lock_version: int, **kwargs):
        form = cls(formdata=None, data=cls.content_to_form(content), **kwargs)
        form.lock_version.data = str(lock_version)
        form.add_blank_rows()
        return form

    @classmethod
    def from_data(cls, data, lock_version: int, **kwargs):
        """The form showing section ``data`` (what was posted, as understood), e.g. to attach its errors."""
        content = data if cls.content_key is None else {cls.content_key: data}
        return cls.from_content(content or {}, lock_version, **kwargs)

    @classmethod
    def content_to_form(cls, content: dict) -> dict:
        raise NotImplementedError

    def add_blank_rows(self) -> None:
        """Offer one empty row at the end of each list, for adding an item without scripts."""

    def to_data(self):
        raise NotImplementedError


def attach_errors(form: SectionForm, messages) -> list[str]:
    """Put the service's errors (rooted at the content) on the form's fields; returns ``label: message``
    lines for the summary at the top of the form."""
    if form.content_key is not None and isinstance(messages, dict):
        messages = messages.get(form.content_key, messages)
    if form.list_field is not None:
        messages = {form.list_field: messages}
    lines: list[str] = []
    _walk(form, messages, [], lines)
    return lines


def _is_leaf(messages) -> bool:
    return isinstance(messages, (list, tuple)) and not any(isinstance(m, (dict, list, tuple)) for m in messages)


def _walk(node, messages, labels: list[str], lines: list[str]) -> None:
    if _is_leaf(messages):
        _add(node, [str(m) for m in messages], labels, lines)
        return
    items = messages.items() if isinstance(messages, dict) else enumerate(messages)
    for key, child in items:
        target, label = _child(node, key)
        _walk(target, child, [*labels, label], lines)


def _child(node, key):
    """The field under ``node`` for one part of an error path, and how to name it to a person."""
    is_index = isinstance(key, int) or (isinstance(key, str) and key.isdigit())
    label = _("Item %(number)s", number=int(key) + 1) if is_index else None  # as the rows are labelled
    try:
        field = node[int(key)] if is_index else node[key]
    except (KeyError, IndexError, TypeError, ValueError):
        return node, label or str(key)  # no field of its own: the message goes on the nearest one
    if label is None:
        label = str(getattr(getattr(field, "label", None), "text", "") or key)
    return field, label


def _add(node, messages: list[str], labels: list[str], lines: list[str]) -> None:
    """Messages on a plain field go to its ``errors``; on a list or a row, to ``wasl_errors``."""
    if isinstance(node, Field):
        attribute = "wasl_errors" if isinstance(node, (FieldList, FormField)) else "errors"
        setattr(node, attribute, [*list(getattr(node, attribute, None) or ()), *messages])
    where = " › ".join(label for label in labels if label and label != "_schema")
    lines.extend(f"{where}: {message}" if where else message for message in messages)


class StartDraftForm(FlaskForm):
    source = RadioField(_l("Start from"), choices=[
        SelectChoice("published", _l("The association's published policy")),
        SelectChoice("template", _l("The standard template (the NCNP model)")),
        SelectChoice("copy", _l("A copy of another association's shared policy")),
    ], default="published",
                        validators=[InputRequired(_l("Choose where the new draft starts from."))])
    copy_from = SelectField(_l("Association to copy from"), choices=[], validate_choice=False)


class ApproveForm(FlaskForm):
    lock_version = HiddenField(validators=[InputRequired(), Regexp(r"^\d{1,9}$")])
    meeting_number = StringField(_l("Board meeting number"),
                                 validators=[InputRequired(_l("Enter the number of the board meeting.")),
                                             Length(max=32)])
    date_hijri = StringField(_l("Meeting date (Hijri, YYYY-MM-DD)"), validators=[Optional(), Length(max=10)])
    date_gregorian = StringField(_l("Meeting date (Gregorian, YYYY-MM-DD)"), validators=[Optional(), Length(max=10)])
    supersedes_previous = BooleanField(_l("This policy supersedes all earlier policies"), default=True)


class ConfirmForm(FlaskForm):
    """Publishing and discarding: a button with a confirmation step, nothing else."""

    confirm = BooleanField(_l("I confirm"), validators=[InputRequired(_l("Tick the box to confirm."))])


class ShareForm(FlaskForm):
    shareable = BooleanField(_l("Allow other associations to start from this policy"))


class CompareForm(FlaskForm):
    class Meta:
        csrf = False  # a read-only comparison sent with GET

    a = SelectField(_l("From version"), coerce=int, choices=[], validate_choice=False)
    b = SelectField(_l("To version"), coerce=int, choices=[], validate_choice=False)


class SurveyRow(Form):
    key = HiddenField()
    text = FormField(TextLine, label=_l("Question"))
    scale = StringField(_l("Answer scale (1 to…)"))
    remove = BooleanField(REMOVE)


class SurveyForm(SectionForm):
    content_key = list_field = "satisfaction_survey"
    satisfaction_survey = FieldList(FormField(SurveyRow), label=_l("Questions"))

    @classmethod
    def content_to_form(cls, content):
        return {"satisfaction_survey": [{"key": q.get("key", ""), "text": text_data(q.get("text")),
                                         "scale": str(q.get("scale", 5))}
                                        for q in content.get("satisfaction_survey") or []]}

    def add_blank_rows(self):
        self.satisfaction_survey.append_entry()

    def to_data(self):
        taken = {row.form.key.data for row in self.satisfaction_survey if row.form.key.data}
        questions = []
        for row in kept_rows(self.satisfaction_survey):
            key = row.key.data or make_key(row.text.en.data, taken, "question")
            scale = int(row.scale.data) if (row.scale.data or "").isdigit() else 5
            questions.append({"key": key, "text": text_value(row.text) or {"ar": ""}, "scale": scale})
        return questions or None  # no questions: the section is left out


class DecisionWindowForm(SectionForm):
    content_key = "decision_window"
    days = IntegerField(_l("Days to a decision"), validators=[
        InputRequired(_l("Enter the number of days to a decision.")),
        NumberRange(min=1, max=365, message=_l("Enter a number of days from 1 to 365."))])
    counting = StringField(_l("Counted in"))

    @classmethod
    def content_to_form(cls, content):
        window = content.get("decision_window") or {}
        return {"days": window.get("days"), "counting": window.get("counting", "calendar")}

    def to_data(self):
        return {"days": self.days.data, "counting": self.counting.data or ""}
