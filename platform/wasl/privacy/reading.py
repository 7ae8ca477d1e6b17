"""The pages' side of recording reads: ask for a reason before a person's data is shown, remember it a while.

A view calls ``page_reason(beneficiary, target)``: None when the association
does not record reads, the reason given a few minutes ago, or ``ReasonNeeded``,
which the app answers with the question (``privacy/read_reason.html``).
"""

from __future__ import annotations

from flask import Blueprint, abort, redirect, render_template, url_for
from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import HiddenField, RadioField, TextAreaField

from wasl.accounts import access
from wasl.privacy import read_audit, services

bp = Blueprint("privacy_reading", __name__, url_prefix="/<slug>/beneficiaries")

# Where a reason leads once given: the endpoints that asked for it.
TARGETS = {"profile": "beneficiaries.show", "personal_data": "privacy.personal_data"}


class ReasonNeeded(Exception):
    def __init__(self, beneficiary, target: str):
        super().__init__(beneficiary.id)
        self.beneficiary, self.target = beneficiary, target


class ReadReasonForm(FlaskForm):
    reason = RadioField(_l("Why are you opening this person's data?"), validate_choice=False,
                        choices=list(read_audit.REASONS.items()))
    note = TextAreaField(_l("Explanation"), render_kw={"rows": 2, "maxlength": read_audit.NOTE_LIMIT})
    target = HiddenField()


def page_reason(beneficiary, target: str) -> read_audit.ReadReason | None:
    """The reason this page may be shown for; raises ReasonNeeded when one must be asked first."""
    if not read_audit.is_on():
        return None
    reason = read_audit.remembered_reason(beneficiary.id)
    if reason is None:
        raise ReasonNeeded(beneficiary, target)
    return reason


def _ask(beneficiary, form: ReadReasonForm, status: int = 200):
    return render_template("privacy/read_reason.html", beneficiary=beneficiary, form=form), status


def ask(error: ReasonNeeded):
    return _ask(error.beneficiary, ReadReasonForm(formdata=None, data={"target": error.target}))


@bp.route("/<int:beneficiary_id>/reading-reason", methods=["POST"])
@access.requires("beneficiaries.view")
def give_reason(beneficiary_id: int):
    beneficiary = services.person(beneficiary_id)
    form = ReadReasonForm()
    if not form.validate_on_submit() or form.target.data not in TARGETS:
        abort(400)
    try:
        reason = services.reason_from(form.reason.data, form.note.data)
    except read_audit.ReasonMissing as missing:
        for name, messages in missing.errors.items():
            form[name].errors = messages
        return _ask(beneficiary, form, 422)
    services.remember_reason(beneficiary, reason)
    return redirect(url_for(TARGETS[form.target.data], beneficiary_id=beneficiary.id))


def init_app(app) -> None:
    app.register_blueprint(bp)
    app.register_error_handler(ReasonNeeded, ask)
