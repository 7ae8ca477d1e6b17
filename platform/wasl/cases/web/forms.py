"""Staff forms for cases: the filters, the intake, and one form per step action.

The forms carry CSRF and show errors beside their fields; the services'
schemas do the validating, so the page and the API refuse the same input with
the same words. ``payload()`` turns a submitted form into the action's payload
(empty optional fields are left out, so the schema's defaults apply).
"""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import (
    BooleanField,
    FieldList,
    Form,
    FormField,
    HiddenField,
    RadioField,
    SelectField,
    SelectMultipleField,
    StringField,
    TextAreaField,
)
from wtforms.fields.choices import SelectChoice
from wtforms.widgets import CheckboxInput, ListWidget

_LTR = {"dir": "ltr"}
_NOTE = {"rows": 2}
_TEXT = {"rows": 4}


def options(pairs) -> list[SelectChoice]:
    """``(value, label)`` pairs as WTForms choices; values are strings, as the browser sends them."""
    return [SelectChoice(str(value), label) for value, label in pairs]


class MultiCheckboxField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class FilterForm(FlaskForm):
    """The case list's filters; a GET form, so it carries no CSRF token."""

    class Meta:
        csrf = False

    q = StringField(_l("Search"), render_kw={"placeholder": _l("Case number, national ID, mobile or name")})
    step = SelectField(_l("Step"), validate_choice=False)
    status = SelectField(_l("Status"), validate_choice=False)
    service = SelectField(_l("Service"), validate_choice=False)
    channel = SelectField(_l("Channel"), validate_choice=False)
    assignee_id = SelectField(_l("Assignee"), validate_choice=False)
    overdue = BooleanField(_l("Overdue only"))
    opened_from = StringField(_l("Opened from"), render_kw={"type": "date", **_LTR})
    opened_to = StringField(_l("Opened to"), render_kw={"type": "date", **_LTR})

    def set_choices(self, choices) -> None:
        anything = [("", _l("Any"))]
        self.step.choices = options(anything + choices.steps)
        self.status.choices = options(anything + choices.statuses)
        self.service.choices = options(anything + choices.services)
        self.channel.choices = options(anything + choices.channels)
        self.assignee_id.choices = options(anything + choices.staff)


class CaseFieldsForm(FlaskForm):
    """The request itself, at intake: what service, on which channel, how urgent, for whom."""

    beneficiary_id = HiddenField()
    stage = HiddenField()
    service = SelectField(_l("Service"), validate_choice=False)
    channel = SelectField(_l("Channel"), validate_choice=False)
    priority = SelectField(_l("Priority"), validate_choice=False, default="normal")
    assignee_id = SelectField(_l("Assignee"), validate_choice=False)
    description = TextAreaField(_l("What the request is about"), render_kw=_TEXT)

    def set_choices(self, choices) -> None:
        self.service.choices = options([("", "—"), *choices.services])
        self.channel.choices = options([("", "—"), *choices.channels])
        self.priority.choices = options(choices.priorities)
        self.assignee_id.choices = options([("", _l("Not assigned")), *choices.staff])

    def case_data(self) -> dict:
        data = {"service": self.service.data or "", "channel": self.channel.data or "",
                "priority": self.priority.data or "normal"}
        if self.assignee_id.data:
            data["assignee_id"] = self.assignee_id.data
        if (self.description.data or "").strip():
            data["description"] = self.description.data.strip()
        return data


# --- step actions ------------------------------------------------------------------------------------


class ActionForm(FlaskForm):
    """One action of the case's current step.

    Several forms share the case page, so each is prefixed (``vote``, ``record_check-12``); the page
    sends the prefix back in a plain ``form`` field, which names the action (and the item it is about).
    """

    PAYLOAD: tuple[str, ...] = ()

    def payload(self) -> dict:
        data = {}
        for name in self.PAYLOAD:
            value = self[name].data
            if isinstance(value, str):
                value = value.strip()
            if value not in ("", None):
                data[name] = value
        return data


class NoteForm(ActionForm):
    note = TextAreaField(_l("Note (optional)"), render_kw=_NOTE)
    PAYLOAD = ("note",)


class EnquiryForm(Form):
    question = StringField(_l("Question asked"))
    answer = StringField(_l("Answer given"))


class InteractionForm(ActionForm):
    notes = TextAreaField(_l("Notes of the interaction"), render_kw=_TEXT)
    enquiries = FieldList(FormField(EnquiryForm), min_entries=2, max_entries=30)
    PAYLOAD = ("notes",)

    def payload(self) -> dict:
        data = super().payload()
        rows = [{"question": (row.question.data or "").strip(), "answer": (row.answer.data or "").strip()}
                for row in self.enquiries]
        data["enquiries"] = [row for row in rows if row["question"] or row["answer"]]
        return data


class ChecklistForm(ActionForm):
    checklist = MultiCheckboxField(_l("Documents checked against the originals"), validate_choice=False)
    note = TextAreaField(_l("Note (optional)"), render_kw=_NOTE)
    PAYLOAD = ("note",)

    def payload(self) -> dict:
        return {**super().payload(), "checklist": list(self.checklist.data or [])}


class QuestionForm(ActionForm):
    question = TextAreaField(_l("Question for the referee"), render_kw=_TEXT)
    PAYLOAD = ("question",)


class AnswerForm(ActionForm):
    answer = TextAreaField(_l("Answer"), render_kw=_TEXT)
    PAYLOAD = ("answer",)


class SignatureInput(HiddenField):
    """The drawn signature as a PNG data URL, filled in by the signature pad (static/js/signature.js)."""


class SignatureForm(ActionForm):
    signed_name = StringField(_l("Full name, typed by the beneficiary"), render_kw={"autocomplete": "off"})
    signature = SignatureInput(_l("Signature"))
    PAYLOAD = ("signed_name", "signature")


class ScheduleForm(ActionForm):
    check_id = HiddenField()
    scheduled_at = StringField(_l("Date and time"), render_kw={"type": "datetime-local", **_LTR})
    assignee_id = SelectField(_l("Carried out by"), validate_choice=False)
    address = TextAreaField(_l("Address of the visit"), render_kw=_NOTE)
    PAYLOAD = ("check_id", "scheduled_at", "assignee_id", "address")


class ReportForm(ActionForm):
    check_id = HiddenField()
    outcome = RadioField(_l("Outcome"), validate_choice=False,
                         choices=options([("satisfied", _l("Satisfied")), ("not_satisfied", _l("Not satisfied"))]))
    report = TextAreaField(_l("Written report"), render_kw=_TEXT)
    items = MultiCheckboxField(_l("Reviewed and in order"), validate_choice=False)
    PAYLOAD = ("check_id", "outcome", "report")

    def payload(self) -> dict:
        data = super().payload()
        ticked = set(self.items.data or [])
        data["checklist"] = [{"item": str(choice.label), "ok": choice.value in ticked}
                             for choice in self.items.choices or []]
        return data


class EvaluationForm(ActionForm):
    criterion_index = HiddenField()
    met = RadioField(_l("Is the criterion met?"), choices=options([("true", _l("Met")), ("false", _l("Not met"))]),
                     validate_choice=False)
    notes = TextAreaField(_l("Notes"), render_kw=_NOTE)
    PAYLOAD = ("criterion_index", "met", "notes")


class BallotForm(ActionForm):
    vote = RadioField(_l("Your vote"), choices=options([("accept", _l("Accept")), ("reject", _l("Reject"))]),
                      validate_choice=False)
    reasons = TextAreaField(_l("Reasons"), render_kw=_NOTE)
    PAYLOAD = ("vote", "reasons")


class RulingForm(ActionForm):
    outcome = RadioField(_l("Decision"), choices=options([("accepted", _l("Accepted")),
                                                          ("rejected", _l("Rejected"))]),
                         validate_choice=False)
    reasons = TextAreaField(_l("Reasons, as the beneficiary will read them"), render_kw=_TEXT)
    PAYLOAD = ("outcome", "reasons")


class DeliveryForm(ActionForm):
    delivered_on = StringField(_l("Delivered on"), render_kw={"type": "date", **_LTR})
    description = TextAreaField(_l("What was delivered"), render_kw=_NOTE)
    quantity = StringField(_l("Quantity"), render_kw={"inputmode": "decimal", **_LTR})
    amount = StringField(_l("Amount (SAR)"), render_kw={"inputmode": "decimal", **_LTR})
    delivered_by_id = SelectField(_l("Delivered by"), validate_choice=False)
    PAYLOAD = ("delivered_on", "description", "quantity", "amount", "delivered_by_id")


class ReasonForm(ActionForm):
    reason = TextAreaField(_l("Reason"), render_kw=_NOTE)
    PAYLOAD = ("reason",)


class AssignmentForm(ActionForm):
    assignee_id = SelectField(_l("Assign to"), validate_choice=False)

    def payload(self) -> dict:
        return {"assignee_id": self.assignee_id.data or None}


class DocumentsForm(FlaskForm):
    """Uploads for the completeness check: a file and, when it expires, its expiry date per document."""


# Actions whose page form shares another's fields: the reception has one form (one notes box, one list of
# enquiries) with a button for each of its two actions.
SHARED_FIELDS = {"complete_reception": "record_interaction"}


def fields_prefix(prefix: str) -> str:
    """The prefix of the fields the page's form ``prefix`` sends (its own, or the form it shares)."""
    return SHARED_FIELDS.get(prefix, prefix)


def action_of(prefix: str) -> str:
    """``record_check-12`` -> ``record_check``."""
    return prefix.split("-", 1)[0]


ACTION_FORMS: dict[str, type[ActionForm]] = {
    "record_interaction": InteractionForm,
    "complete_reception": InteractionForm,
    "request_documents": NoteForm,
    "confirm_complete": ChecklistForm,
    "refer": QuestionForm,
    "answer_referral": AnswerForm,
    "proceed": NoteForm,
    "sign_pledge": SignatureForm,
    "submit": NoteForm,
    "schedule_check": ScheduleForm,
    "record_check": ReportForm,
    "evaluate_criterion": EvaluationForm,
    "vote": BallotForm,
    "decide": RulingForm,
    "register": NoteForm,
    "record_delivery": DeliveryForm,
    "close": NoteForm,
    "withdraw": ReasonForm,
    "reopen": ReasonForm,
    "reassign": AssignmentForm,
}
