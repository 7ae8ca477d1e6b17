"""The questions a survey asks: the policy's own survey section, or a short standard set.

A policy that lists no questions but names satisfaction among its measurable
goals gets the standard questions, so every association that promises to
measure satisfaction can. The first question is the overall one: its answer,
brought to a 1–5 scale, is the survey's score.
"""

from __future__ import annotations

from dataclasses import dataclass

from wasl.kernel.bilingual import pick

SATISFACTION_MEASURE = "satisfaction"
TOP_SCALE = 5

STANDARD_QUESTIONS = (
    {"key": "overall", "scale": 5,
     "text": {"ar": "ما مدى رضاكم عن الخدمة التي قُدمت لكم؟",
              "en": "How satisfied are you with the service you received?"}},
    {"key": "treatment", "scale": 5,
     "text": {"ar": "ما مدى رضاكم عن تعامل الموظفين معكم؟",
              "en": "How satisfied are you with the way the staff treated you?"}},
    {"key": "speed", "scale": 5,
     "text": {"ar": "ما مدى رضاكم عن سرعة إنجاز طلبكم؟",
              "en": "How satisfied are you with how quickly your request was handled?"}},
)


@dataclass(frozen=True)
class Question:
    key: str
    text: dict
    scale: int

    def wording(self, language: str) -> str:
        return pick(self.text, language)


def questions_of(content: dict | None) -> tuple[Question, ...]:
    """The survey of a policy version's content; empty when the policy does not measure satisfaction."""
    content = content or {}
    listed = content.get("satisfaction_survey") or []
    if not listed and any(goal.get("measure") == SATISFACTION_MEASURE for goal in content.get("detailed_goals") or []):
        listed = STANDARD_QUESTIONS
    return tuple(Question(q["key"], dict(q["text"]), int(q.get("scale", TOP_SCALE))) for q in listed)


def measures_satisfaction(content: dict | None) -> bool:
    return bool(questions_of(content))


def overall_score(question: Question, value: int) -> int:
    """The answer to the overall question on a 1–5 scale (a 3-point "3" is a 5)."""
    if question.scale == TOP_SCALE:
        return value
    return round(1 + (value - 1) * (TOP_SCALE - 1) / (question.scale - 1))
