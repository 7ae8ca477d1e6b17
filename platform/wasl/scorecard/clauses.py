"""Which clauses of a published policy can be measured, the target each states, and how it is judged.

The rows are generated from the policy's own data: the decision window is
always there; the pledge and referral rows come with those procedure steps;
the channel row with the enabled channels; online share and satisfaction with
the detailed goals that name them (and the survey section). Where the policy
promises a thing but states no number, Wasl's standard target is used and the
row says so.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask_babel import lazy_gettext as _l
from flask_babel import ngettext

from wasl.surveys.questions import measures_satisfaction

DECISION, PLEDGE, CHANNELS, ONLINE, RESPONSE, SATISFACTION, REFERRAL = (
    "decision_window", "pledge", "channels", "online_share", "survey_response", "satisfaction", "referral")
REFERRAL_DAYS = 3  # the policies ask for an answer but set no number of days
RESPONSE_TARGET = 0.30
SATISFACTION_TARGET = 0.80
OK, WARN, BAD, EMPTY, INFO = "met", "close", "missed", "empty", "info"

LABELS = {
    DECISION: _l("Decision issued within the decision window"),
    PLEDGE: _l("Pledge signed before submission to the committee"),
    CHANNELS: _l("Every enabled channel used"),
    ONLINE: _l("Requests submitted online"),
    RESPONSE: _l("Satisfaction measured (response rate)"),
    SATISFACTION: _l("Satisfied beneficiaries (4–5 of 5)"),
}
LIGHTS = {OK: _l("Met"), WARN: _l("Close to the target"), BAD: _l("Not met"),
          EMPTY: _l("Nothing to measure in this period"), INFO: _l("For information: the policy sets no target")}


@dataclass(frozen=True)
class Clause:
    """One measurable clause: its key, the share it aims at (None: no target), and the margin of "close"."""

    key: str
    target: float | None
    margin: float = 0.0
    standard: bool = False  # the target is Wasl's, the policy states none

    def light(self, share: float | None) -> str:
        if share is None:
            return EMPTY
        if self.target is None:
            return INFO
        if share >= self.target - 1e-9:
            return OK
        return WARN if share >= self.target - self.margin else BAD


def _measures(content: dict) -> set[str]:
    return {goal.get("measure") for goal in content.get("detailed_goals") or [] if goal.get("measure")}


def clauses_of(content: dict | None) -> list[Clause]:
    """The measurable clauses of a policy version's content, in the order the scorecard shows them."""
    content = content or {}
    steps = {step.get("type") for step in (content.get("procedure") or {}).get("steps") or []}
    rows = [Clause(DECISION, 1.0, 0.10)]
    if "pledge" in steps:
        rows.append(Clause(PLEDGE, 1.0))
    rows.append(Clause(CHANNELS, 1.0))
    if "online_share" in _measures(content):
        rows.append(Clause(ONLINE, None))
    if measures_satisfaction(content):
        rows += [Clause(RESPONSE, RESPONSE_TARGET, 0.10, standard=True),
                 Clause(SATISFACTION, SATISFACTION_TARGET, 0.10, standard=True)]
    if "referral" in steps:
        rows.append(Clause(REFERRAL, 0.90, 0.15, standard=True))
    return rows


def label_of(key: str) -> str:
    if key == REFERRAL:
        return ngettext("Referral answered within %(num)s day", "Referral answered within %(num)s days",
                        REFERRAL_DAYS)
    return str(LABELS[key])
