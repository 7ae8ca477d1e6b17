"""What changed between two versions of a policy, section by section, in words people read.

Each section is turned into the items a reader sees (a channel, a step with
its responsible role, a goal...), rendered as text in one language; items
with a key (channels, steps, services) are matched by key, plain lists
(goals, practices) are aligned with ``difflib``. A changed text also carries
a word-level diff for highlighting.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from difflib import SequenceMatcher

from flask_babel import force_locale, ngettext
from flask_babel import gettext as _

from wasl.accounts.permissions import ROLE_TEMPLATES
from wasl.i18n import current_language
from wasl.i18n.digits import display_digits
from wasl.policy import vocabulary as vocab
from wasl.policy.content import PLACEHOLDER


@dataclass(frozen=True)
class Change:
    kind: str  # "added", "removed", "changed" or "moved" (same items, new order)
    label: str
    before: str | None = None
    after: str | None = None
    words: tuple[tuple[str, str], ...] = ()  # ("equal" | "delete" | "insert", text), for "changed"
    whole: bool = False  # a number, a date or a period: shown as old → new, never split into pieces


@dataclass(frozen=True)
class SectionDiff:
    key: str
    title: str
    changes: tuple[Change, ...]


class _Reader:
    """Renders content pieces as text in one language, the association's name put in."""

    def __init__(self, tenant, language: str):
        self.language = language
        self.association = tenant.name(language) if tenant is not None else PLACEHOLDER
        self.separator = "، " if language == "ar" else ", "

    def text(self, value) -> str:
        if not isinstance(value, dict):
            return ""
        other = "en" if self.language == "ar" else "ar"
        return (value.get(self.language) or value.get(other) or "").replace(PLACEHOLDER, self.association)

    def role(self, key: str | None) -> str:
        template = ROLE_TEMPLATES.get(key or "")
        return template["name"][self.language] if template else (key or "")

    def join(self, values) -> str:
        return self.separator.join(str(v) for v in values)

    def num(self, value) -> str:
        return display_digits(value)


def word_diff(before: str, after: str) -> tuple[tuple[str, str], ...]:
    """``before`` → ``after`` as runs of equal, deleted and inserted words (whitespace kept)."""
    a, b = re.split(r"(\s+)", before), re.split(r"(\s+)", after)
    runs: list[tuple[str, str]] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if tag == "equal":
            runs.append(("equal", "".join(a[i1:i2])))
            continue
        if i2 > i1:
            runs.append(("delete", "".join(a[i1:i2])))
        if j2 > j1:
            runs.append(("insert", "".join(b[j1:j2])))
    return tuple(runs)


def _single(label: str, before: str, after: str, whole: bool = False) -> list[Change]:
    if before == after:
        return []
    if not before:
        return [Change("added", label, after=after)]
    if not after:
        return [Change("removed", label, before=before)]
    if whole:
        return [Change("changed", label, before, after, whole=True)]
    return [Change("changed", label, before, after, word_diff(before, after))]


def _sequence(label: Callable[[int], str], before: list[str], after: list[str]) -> list[Change]:
    """Plain lists aligned with difflib: a replaced run pairs up as changes, the rest is added or removed."""
    changes: list[Change] = []
    for tag, i1, i2, j1, j2 in SequenceMatcher(a=before, b=after, autojunk=False).get_opcodes():
        if tag == "equal":
            continue
        pairs = min(i2 - i1, j2 - j1) if tag == "replace" else 0
        for k in range(pairs):
            changes.extend(_single(label(j1 + k + 1), before[i1 + k], after[j1 + k]))
        changes.extend(Change("removed", label(i + 1), before=before[i]) for i in range(i1 + pairs, i2))
        changes.extend(Change("added", label(j + 1), after=after[j]) for j in range(j1 + pairs, j2))
    return changes


def _keyed(label: Callable[[str], str], before: dict[str, str], after: dict[str, str]) -> list[Change]:
    """Items matched by key: added, removed or changed."""
    changes: list[Change] = []
    for key in [*after, *(k for k in before if k not in after)]:
        changes.extend(_single(label(key), before.get(key, ""), after.get(key, "")))
    return changes


def _order(r: _Reader, label: str, name: Callable[[str], str], before: list[str], after: list[str]) -> list[Change]:
    """A change in the order of the items both versions keep."""
    kept_before = [k for k in before if k in after]
    kept_after = [k for k in after if k in before]
    if kept_before == kept_after:
        return []
    return [Change("moved", label, r.join(map(name, kept_before)), r.join(map(name, kept_after)))]


def _texts(r: _Reader, a: dict, b: dict) -> list[Change]:
    changes: list[Change] = []
    for key in ("title", "preamble", "general_goal"):
        changes += _single(str(vocab.TEXT_TITLES[key]), r.text(a.get(key)), r.text(b.get(key)))
    goal = lambda g: r.text(g.get("text"))  # noqa: E731
    changes += _sequence(lambda n: _("Detailed goal {number}").format(number=r.num(n)),
                         [goal(g) for g in a.get("detailed_goals") or []], [goal(g) for g in b.get("detailed_goals") or []])
    changes += _single(str(vocab.TEXT_TITLES["practices_intro"]), r.text(a.get("practices_intro")),
                       r.text(b.get("practices_intro")))
    changes += _sequence(lambda n: _("Practice {number}").format(number=r.num(n)),
                         [r.text(p) for p in a.get("practices") or []], [r.text(p) for p in b.get("practices") or []])
    return changes


def _channels(r: _Reader, a: dict, b: dict) -> list[Change]:
    def items(content):
        return {c["key"]: r.text(c["label"]) if c.get("enabled", True)
                else _("{channel} — this channel is disabled").format(channel=r.text(c["label"]))
                for c in content.get("channels") or []}

    names = {**{k: r.text(v) for k, v in vocab.CANONICAL_CHANNELS.items()},
             **{c["key"]: r.text(c["label"]) for c in [*(a.get("channels") or []), *(b.get("channels") or [])]}}
    before, after = items(a), items(b)
    return (_keyed(lambda k: _("Channel “{name}”").format(name=names.get(k, k)), before, after)
            + _order(r, _("Order of the channels"), lambda k: names.get(k, k), list(before), list(after)))


def _reference(r: _Reader, item: dict) -> str:
    parts = [r.text(item.get("title")), str(vocab.REFERENCE_KINDS.get(item.get("kind"), item.get("kind")))]
    if item.get("url"):
        parts.append(item["url"])
    if item.get("file"):
        parts.append(attached_file_name(item["file"]))
    return " · ".join(parts)


def _references(r: _Reader, a: dict, b: dict) -> list[Change]:
    ra, rb = a.get("references") or {}, b.get("references") or {}
    titles = {i["key"]: r.text(i["title"]) for i in [*(ra.get("items") or []), *(rb.get("items") or [])]}
    return _single(_("Heading"), r.text(ra.get("heading")), r.text(rb.get("heading"))) + _keyed(
        lambda k: _("Reference “{title}”").format(title=titles.get(k, k)),
        {i["key"]: _reference(r, i) for i in ra.get("items") or []},
        {i["key"]: _reference(r, i) for i in rb.get("items") or []})


def _step(r: _Reader, step: dict) -> str:
    lines = [r.text(step.get("wording")), _("Responsible: {role}").format(role=r.role(step.get("responsible_role")))]
    if step.get("target_role"):
        lines.append(_("Refers to: {role}").format(role=r.role(step["target_role"])))
    if step.get("decision_body"):
        lines.append(_("Decided by: {body}").format(body=r.text(step["decision_body"])))
    if step.get("declaration"):
        lines.append(_("Declaration: {text}").format(text=r.text(step["declaration"])))
    return "\n".join(lines)


def _procedure(r: _Reader, a: dict, b: dict) -> list[Change]:
    pa, pb = a.get("procedure") or {}, b.get("procedure") or {}
    before = {s["type"]: _step(r, s) for s in pa.get("steps") or []}
    after = {s["type"]: _step(r, s) for s in pb.get("steps") or []}
    name = lambda k: str(vocab.STEP_TYPES.get(k, k))  # noqa: E731
    return (_single(_("Heading"), r.text(pa.get("heading")), r.text(pb.get("heading")))
            + _keyed(lambda k: _("Step “{name}”").format(name=name(k)), before, after)
            + _order(r, _("Order of the steps"), name, list(before), list(after)))


def _eligibility(r: _Reader, a: dict, b: dict) -> list[Change]:
    ea, eb = a.get("eligibility") or {}, b.get("eligibility") or {}

    def texts(section, key):
        return [r.text(t) for t in section.get(key) or []]

    def mechanisms(section):
        return {m["key"]: r.text(m.get("description")) if m.get("enabled", True)
                else _("{mechanism} — this mechanism is disabled").format(mechanism=r.text(m.get("description")))
                for m in section.get("mechanisms") or []}

    def criteria(section):
        return [f"{vocab.CRITERION_KINDS.get(c['kind'], c['kind'])}: {r.text(c['text'])}"
                for c in section.get("criteria") or []]

    changes = _single(_("Heading"), r.text(ea.get("heading")), r.text(eb.get("heading")))
    # "Step" and "Criterion" are worded as the editor labels its rows, so the catalogue holds one string each.
    changes += _sequence(lambda n: _("Step %(number)s", number=r.num(n)), texts(ea, "steps"), texts(eb, "steps"))
    changes += _sequence(lambda n: _("Source of information {number}").format(number=r.num(n)),
                         texts(ea, "information_sources"), texts(eb, "information_sources"))
    changes += _keyed(lambda k: _("Mechanism “{name}”").format(name=vocab.MECHANISMS.get(k, k)),
                      mechanisms(ea), mechanisms(eb))
    changes += _sequence(lambda n: _("Criterion %(number)s", number=r.num(n)), criteria(ea), criteria(eb))
    changes += _single(_("Introduction to the purposes"), r.text(ea.get("purposes_intro")),
                       r.text(eb.get("purposes_intro")))
    changes += _sequence(lambda n: _("Purpose {number}").format(number=r.num(n)), texts(ea, "purposes"),
                         texts(eb, "purposes"))
    return changes


def _service(r: _Reader, service: dict) -> str:
    lines = [r.text(service.get("name")), r.text(service.get("description"))]
    documents = [_("{document} (must be valid at submission)").format(document=r.text(d["name"]))
                 if d.get("must_be_valid_at_submission") else r.text(d["name"])
                 for d in service.get("required_documents") or []]
    if documents:
        lines.append(_("Documents: {documents}").format(documents=r.join(documents)))
    if service.get("mechanisms"):
        lines.append(_("Checked by: {mechanisms}").format(
            mechanisms=r.join(vocab.MECHANISMS.get(m, m) for m in service["mechanisms"])))
    return "\n".join(line for line in lines if line)


def _services(r: _Reader, a: dict, b: dict) -> list[Change]:
    names = {s["key"]: r.text(s["name"]) for s in [*(a.get("services") or []), *(b.get("services") or [])]}
    return _keyed(lambda k: _("Service “{name}”").format(name=names.get(k, k)),
                  {s["key"]: _service(r, s) for s in a.get("services") or []},
                  {s["key"]: _service(r, s) for s in b.get("services") or []})


def _window(r: _Reader, window: dict | None) -> str:
    if not window:
        return ""
    days = window["days"]
    # One whole phrase per way of counting (the content allows only these two), each with its plural forms.
    if window["counting"] == "working":
        text = ngettext("%(num)d working day (Sunday to Thursday)", "%(num)d working days (Sunday to Thursday)", days)
    else:
        text = ngettext("%(num)d calendar day", "%(num)d calendar days", days)
    return r.num(text)


def _decision_window(r: _Reader, a: dict, b: dict) -> list[Change]:
    return _single(_("Decision within"), _window(r, a.get("decision_window")), _window(r, b.get("decision_window")),
                   whole=True)


def _survey(r: _Reader, a: dict, b: dict) -> list[Change]:
    """Questions matched by key, named by their place in the survey; the scale is a whole value."""
    questions = {"a": a.get("satisfaction_survey") or [], "b": b.get("satisfaction_survey") or []}
    places = {q["key"]: n for n, q in enumerate(questions["a"], 1)}
    places.update({q["key"]: n for n, q in enumerate(questions["b"], 1)})
    label = lambda k: _("Question {number}").format(number=r.num(places[k]))  # noqa: E731
    texts = [{q["key"]: r.text(q["text"]) for q in questions[side]} for side in ("a", "b")]
    scales = [{q["key"]: _("Answered from 1 to {scale}").format(scale=q.get("scale", 5)) for q in questions[side]}
              for side in ("a", "b")]
    changes = _keyed(label, *texts)
    for key in [k for k in scales[1] if k in scales[0]]:
        changes += _single(label(key), r.num(scales[0][key]), r.num(scales[1][key]), whole=True)
    return changes


def _approval_date(r: _Reader, approval: dict) -> str:
    """The meeting's day as the document prints it (both calendars), not as stored."""
    from datetime import date

    from wasl.policy.formatting import gregorian_long, hijri_long

    parts = []
    try:
        if approval.get("date_hijri"):
            parts.append(hijri_long(approval["date_hijri"], r.language))
        if approval.get("date_gregorian"):
            parts.append(gregorian_long(date.fromisoformat(str(approval["date_gregorian"])), r.language))
    except (ValueError, OverflowError):
        return " — ".join(str(approval.get(k) or "") for k in ("date_hijri", "date_gregorian"))
    return " — ".join(parts)


def _approval(r: _Reader, a: dict, b: dict) -> list[Change]:
    """The meeting and its day, each compared as a whole; whether it supersedes earlier policies."""
    pa, pb = a.get("approval") or {}, b.get("approval") or {}
    meeting = lambda p: r.num(p["meeting_number"]) if p.get("meeting_number") else ""  # noqa: E731
    supersedes = lambda p: _("Supersedes all earlier policies.") if p.get("supersedes_previous") else ""  # noqa: E731
    return (_single(_("Approval meeting number"), meeting(pa), meeting(pb), whole=True)
            + _single(_("Approval date"), _approval_date(r, pa) if pa else "", _approval_date(r, pb) if pb else "",
                      whole=True)
            + _single(_("Approval"), supersedes(pa), supersedes(pb)))


SECTIONS = (("texts", _texts), ("channels", _channels), ("references", _references), ("procedure", _procedure),
            ("eligibility", _eligibility), ("services", _services), ("decision_window", _decision_window),
            ("survey", _survey), ("approval", _approval))


def attached_file_name(stored: str) -> str:
    """``document-3`` (a reference's uploaded file) -> the file's own name, or "attached file"."""
    prefix = "document-"
    if stored.startswith(prefix) and stored[len(prefix):].isdigit():
        from wasl.db import db
        from wasl.documents.models import Document
        from wasl.tenancy.scope import current_scope

        if current_scope(db.session) is not None:
            document = db.session.get(Document, int(stored[len(prefix):]))
            if document is not None:
                return _("attached file “{name}”").format(name=document.original_name)
    return _("attached file")


def diff_content(before: dict, after: dict, tenant=None, language: str | None = None) -> list[SectionDiff]:
    """The sections that differ between two contents, each with its changes, in ``language``."""
    language = language or current_language()
    with force_locale(language):
        reader = _Reader(tenant, language)
        result = []
        for key, compare in SECTIONS:
            changes = compare(reader, before or {}, after or {})
            if changes:
                result.append(SectionDiff(key, str(vocab.SECTION_TITLES[key]), tuple(changes)))
        return result


def diff_versions(a, b, language: str | None = None) -> list[SectionDiff]:
    """What changed from version ``a`` to version ``b`` (of the same association)."""
    return diff_content(a.content, b.content, b.tenant, language)
