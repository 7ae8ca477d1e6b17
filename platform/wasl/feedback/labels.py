"""What the pages and messages call each kind and state, and the clock in words."""

from __future__ import annotations

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from wasl.feedback import clock
from wasl.feedback.models import FeedbackKind, FeedbackSource, FeedbackState

KIND_LABELS = {
    FeedbackKind.ENQUIRY: _l("Enquiry"),
    FeedbackKind.SUGGESTION: _l("Suggestion"),
    FeedbackKind.COMPLAINT: _l("Complaint"),
}
STATE_LABELS = {
    FeedbackState.OPEN: _l("Waiting for a reply"),
    FeedbackState.ANSWERED: _l("Answered"),
    FeedbackState.CLOSED: _l("Closed"),
}


def kind_label(kind) -> str:
    return str(KIND_LABELS[FeedbackKind(kind)])


def state_label(state) -> str:
    return str(STATE_LABELS[FeedbackState(state)])


SOURCE_LABELS = {FeedbackSource.PORTAL: _l("Beneficiary portal"), FeedbackSource.PUBLIC: _l("Public policy page")}


def _both(label) -> dict[str, str]:
    names = {}
    for language in ("ar", "en"):
        with force_locale(language):
            names[language] = str(label)
    return names


def kind_names(kind) -> dict[str, str]:
    """The kind in both languages, for a message or an audit detail read in either."""
    return _both(KIND_LABELS[FeedbackKind(kind)])


def source_names(source) -> dict[str, str]:
    return _both(SOURCE_LABELS[FeedbackSource(source)])


def standing_text(standing: clock.Standing) -> str:
    if standing.state == clock.ANSWERED:
        return _("Replied")
    if standing.state == clock.DUE_TODAY:
        return _("The reply is due today")
    if standing.state == clock.OVERDUE:
        return ngettext("Overdue by %(num)d working day", "Overdue by %(num)d working days", standing.days)
    return ngettext("%(num)d working day left", "%(num)d working days left", standing.days)


def age_text(standing: clock.Standing) -> str:
    if standing.age_days == 0:
        return _("Filed today")
    return ngettext("Filed %(num)d working day ago", "Filed %(num)d working days ago", standing.age_days)
