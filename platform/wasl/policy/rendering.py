"""Turning a policy's content into the document that the public page, the preview and the PDF show.

``render_document`` takes plain data (the tenant, the content dict, the
version's approval facts) and returns a frozen view model in one language; the
templates only lay it out. The association's name and its word for the people
it serves always come from the tenant, never from the stored text.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from markupsafe import Markup, escape

from wasl.accounts.permissions import ROLE_TEMPLATES
from wasl.i18n.digits import display_digits
from wasl.kernel.bilingual import pick
from wasl.onboarding.definitions import DEFAULT_TERMINOLOGY
from wasl.policy import vocabulary, wording
from wasl.policy.formatting import gregorian_long, hijri_from_text, hijri_long, hijri_of, isolated
from wasl.policy.letterhead import LANGUAGES, Letterhead, build_letterhead


@dataclass(frozen=True)
class Item:
    text: str
    label: str | None = None
    notes: tuple[str, ...] = ()
    children: tuple[Item, ...] = ()
    link: str | None = None
    tag: str | None = None


@dataclass(frozen=True)
class Section:
    key: str
    heading: str | None
    paragraphs: tuple[str, ...] = ()
    intro: str | None = None
    items: tuple[Item, ...] = ()
    ordered: bool = False
    subsections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Approval:
    heading: str
    statement: Markup
    supersedes: str | None
    meeting_number: str | None
    hijri: str | None
    gregorian: str | None


@dataclass(frozen=True)
class PolicyDocument:
    language: str
    direction: str
    title: str
    letterhead: Letterhead
    sections: tuple[Section, ...]
    approval: Approval | None


class _Context:
    """One language's view of the tenant: names, terms and the document's wording."""

    def __init__(self, tenant, content: Mapping, language: str, role_names: Mapping | None):
        self.language = language
        self.tenant = tenant
        self.association = tenant.name(language)
        terms = content.get("terminology") or tenant.terminology or DEFAULT_TERMINOLOGY
        self.terms = {key: self.pick(terms.get(key) or DEFAULT_TERMINOLOGY[key]) for key in DEFAULT_TERMINOLOGY}
        self.role_names = {**{k: v["name"] for k, v in ROLE_TEMPLATES.items()}, **(role_names or {})}

    def pick(self, value) -> str:
        """The text in this language (the other one if missing), with the association's name put in."""
        if value is None:
            return ""
        if isinstance(value, Mapping):
            value = pick(value, self.language)
        return str(value).replace("{association}", self.association)

    def say(self, table: Mapping, key: str, **values) -> str:
        return table[key][self.language].format(**self.terms, **values)

    def heading(self, key: str, stored=None) -> str:
        return self.pick(stored) if stored else self.say(wording.HEADINGS, key)

    def role(self, key: str | None) -> str:
        names = self.role_names.get(key or "")
        return self.pick(names) if names else (key or "")


def render_document(tenant, content: Mapping, version=None, language: str = "ar",
                    role_names: Mapping | None = None) -> PolicyDocument:
    """The policy in ``language``: letterhead, sections in the document's order, board approval."""
    if language not in LANGUAGES:
        raise ValueError(f"unsupported language {language!r}")
    ctx = _Context(tenant, content, language, role_names)
    builders = (_preamble, _general_goal, _detailed_goals, _practices, _channels, _references, _procedure,
                _eligibility, _services, _decision_window, _survey)
    sections = tuple(s for s in (build(ctx, content) for build in builders) if s is not None)
    return PolicyDocument(
        language=language,
        direction="rtl" if language == "ar" else "ltr",
        title=ctx.pick(content.get("title")) or ctx.say(wording.HEADINGS, "channels"),
        letterhead=build_letterhead(tenant, language),
        sections=sections,
        approval=_approval(ctx, content, version),
    )


def _paragraphs(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in text.split("\n\n") if p.strip())


def _preamble(ctx: _Context, content: Mapping) -> Section | None:
    text = ctx.pick(content.get("preamble"))
    return Section("preamble", ctx.heading("preamble"), paragraphs=_paragraphs(text)) if text else None


def _general_goal(ctx: _Context, content: Mapping) -> Section | None:
    text = ctx.pick(content.get("general_goal"))
    return Section("general_goal", ctx.heading("general_goal"), paragraphs=_paragraphs(text)) if text else None


def _detailed_goals(ctx: _Context, content: Mapping) -> Section | None:
    goals = content.get("detailed_goals") or []
    items = tuple(Item(ctx.pick(goal.get("text") if isinstance(goal, Mapping) and "text" in goal else goal))
                  for goal in goals)
    return Section("detailed_goals", ctx.heading("detailed_goals"), items=items) if items else None


def _practices(ctx: _Context, content: Mapping) -> Section | None:
    """The practices continue the goals in the seeds, introduced by their own sentence; a heading is only
    supplied when there is no such sentence."""
    items = tuple(Item(ctx.pick(p)) for p in content.get("practices") or [])
    if not items:
        return None
    intro = ctx.pick(content.get("practices_intro")) or None
    return Section("practices", None if intro else ctx.heading("practices"), intro=intro, items=items, ordered=True)


def _channels(ctx: _Context, content: Mapping) -> Section | None:
    items = tuple(Item(ctx.pick(c.get("label"))) for c in content.get("channels") or [] if c.get("enabled", True))
    return Section("channels", ctx.heading("channels"), items=items, ordered=True) if items else None


def _references(ctx: _Context, content: Mapping) -> Section | None:
    references = content.get("references") or {}
    items = tuple(
        Item(ctx.pick(ref.get("title")), link=ref.get("url") or None)
        for ref in references.get("items") or []
    )
    return Section("references", ctx.heading("references", references.get("heading")), items=items) if items else None


def _procedure(ctx: _Context, content: Mapping) -> Section | None:
    procedure = content.get("procedure") or {}
    items = tuple(_step(ctx, step) for step in procedure.get("steps") or [])
    if not items:
        return None
    return Section("procedure", ctx.heading("procedure", procedure.get("heading")), items=items, ordered=True)


def _step(ctx: _Context, step: Mapping) -> Item:
    notes = []
    if step.get("type") == "referral" and step.get("target_role"):
        notes.append(ctx.say(wording.PHRASES, "refers_to", role=ctx.role(step["target_role"])))
    if step.get("type") == "committee_review" and step.get("decision_body"):
        notes.append(ctx.say(wording.PHRASES, "decided_by", body=ctx.pick(step["decision_body"])))
    if step.get("type") == "pledge" and step.get("declaration"):
        notes.append(ctx.say(wording.PHRASES, "declaration", text=ctx.pick(step["declaration"])))
    tag = (vocabulary.printed(vocabulary.STEPS, step.get("type")) or {}).get(ctx.language)
    return Item(ctx.pick(step.get("wording")), tag=tag, notes=tuple(notes))


def _eligibility(ctx: _Context, content: Mapping) -> Section | None:
    eligibility = content.get("eligibility")
    if not eligibility:
        return None
    subsections = tuple(s for s in (
        _plain_list(ctx, "information_sources", eligibility.get("information_sources")),
        _criteria(ctx, eligibility.get("criteria")),
        _mechanisms(ctx, eligibility.get("mechanisms")),
        _plain_list(ctx, "purposes", eligibility.get("purposes"), eligibility.get("purposes_intro")),
    ) if s is not None)
    steps = tuple(Item(ctx.pick(s)) for s in eligibility.get("steps") or [])
    return Section("eligibility", ctx.heading("eligibility", eligibility.get("heading")), items=steps,
                   ordered=True, subsections=subsections)


def _plain_list(ctx: _Context, key: str, values, intro=None) -> Section | None:
    items = tuple(Item(ctx.pick(v)) for v in values or [])
    return Section(key, ctx.heading(key), intro=ctx.pick(intro) or None, items=items) if items else None


def _criteria(ctx: _Context, criteria) -> Section | None:
    items = tuple(Item(ctx.pick(c.get("text")), label=ctx.pick(vocabulary.printed(vocabulary.CRITERIA, c.get("kind"))) or None)
                  for c in criteria or [])
    return Section("criteria", ctx.heading("criteria"), items=items) if items else None


def _mechanisms(ctx: _Context, mechanisms) -> Section | None:
    items = []
    for mechanism in mechanisms or []:
        if isinstance(mechanism, str):
            mechanism = {"key": mechanism}
        if not mechanism.get("enabled", True):
            continue
        items.append(Item(ctx.pick(mechanism.get("description")), label=_mechanism_name(ctx, mechanism.get("key"))))
    return Section("mechanisms", ctx.heading("mechanisms"), items=tuple(items), ordered=True) if items else None


def _mechanism_name(ctx: _Context, key: str | None) -> str:
    return ctx.pick(vocabulary.printed(vocabulary.VERIFICATIONS, key)) or (key or "")


def _services(ctx: _Context, content: Mapping) -> Section | None:
    services = content.get("services") or []
    items = tuple(_service(ctx, service) for service in services)
    return Section("services", ctx.heading("services"), items=items) if items else None


def _service(ctx: _Context, service: Mapping) -> Item:
    """The service's name, its description, the checks it needs, then its documents."""
    notes = []
    mechanisms = [_mechanism_name(ctx, key) for key in service.get("mechanisms") or []]
    if mechanisms:
        separator = "، " if ctx.language == "ar" else ", "
        notes.append(ctx.say(wording.PHRASES, "needs_mechanisms", mechanisms=separator.join(mechanisms)))
    documents = tuple(_document(ctx, d) for d in service.get("required_documents") or [])
    if documents:
        notes.append(ctx.say(wording.PHRASES, "documents") + ":")
    return Item(ctx.pick(service.get("description")), label=ctx.pick(service.get("name")), notes=tuple(notes),
                children=documents)


def _document(ctx: _Context, document: Mapping) -> Item:
    note = (ctx.say(wording.PHRASES, "valid_at_submission"),) if document.get("must_be_valid_at_submission") else ()
    return Item(ctx.pick(document.get("name")), notes=note)


def _decision_window(ctx: _Context, content: Mapping) -> Section | None:
    window = content.get("decision_window")
    if not window or not window.get("days"):
        return None
    key = "window_working" if window.get("counting") == "working" else "window_calendar"
    days = display_digits(window["days"])
    return Section("decision_window", ctx.heading("decision_window"),
                   paragraphs=(ctx.say(wording.PHRASES, key, days=days),))


def _survey(ctx: _Context, content: Mapping) -> Section | None:
    questions = content.get("satisfaction_survey") or []
    items = tuple(Item(ctx.pick(q.get("text"))) for q in questions)
    return Section("survey", ctx.heading("survey"), items=items, ordered=True) if items else None


def _approval(ctx: _Context, content: Mapping, version) -> Approval | None:
    stored = content.get("approval") or {}
    meeting = getattr(version, "approval_meeting_number", None) or stored.get("meeting_number")
    if not meeting:
        return None
    gregorian_on, hijri = _approval_dates(version, stored)
    values = {"meeting": isolated(meeting)}
    if gregorian_on is not None:
        values.update(hijri=hijri_long(hijri, ctx.language), gregorian=gregorian_long(gregorian_on, ctx.language))
        statement = Markup(escape(wording.PHRASES["approved"][ctx.language])).format(**values)
    else:
        statement = Markup(escape(wording.PHRASES["approved_undated"][ctx.language])).format(**values)
    supersedes = getattr(version, "supersedes_previous", None)
    if supersedes is None:
        supersedes = stored.get("supersedes_previous", False)
    return Approval(
        heading=ctx.heading("approval"),
        statement=statement,
        supersedes=ctx.say(wording.PHRASES, "supersedes") if supersedes else None,
        meeting_number=str(meeting),
        hijri=hijri_long(hijri, ctx.language) if hijri else None,
        gregorian=gregorian_long(gregorian_on, ctx.language) if gregorian_on else None,
    )


def _approval_dates(version, stored: Mapping):
    """The approval day: the version's recorded dates, else the file's (its Hijri date wins a disagreement)."""
    gregorian_on = getattr(version, "approved_on", None)
    hijri = getattr(version, "approved_on_hijri", None)
    if gregorian_on is None and stored.get("date_hijri"):
        hijri = hijri_from_text(stored["date_hijri"])
        gregorian_on = hijri.to_gregorian()
    elif gregorian_on is None and stored.get("date_gregorian"):
        gregorian_on = date.fromisoformat(str(stored["date_gregorian"]))
    if gregorian_on is None:
        return None, None
    return gregorian_on, hijri_from_text(hijri) if hijri else hijri_of(gregorian_on)


def tenant_role_names(tenant) -> dict[str, dict[str, str]]:
    """The association's own names for its roles (the tenant must be in scope)."""
    from sqlalchemy import select

    from wasl.accounts.models import Role
    from wasl.db import db

    return {role.key: {"ar": role.name_ar, "en": role.name_en}
            for role in db.session.scalars(select(Role).where(Role.tenant_id == tenant.id))}


def document_for(tenant, version, language: str) -> PolicyDocument:
    """``version`` of ``tenant``'s policy as a document in ``language``, with the tenant's role names."""
    return render_document(tenant, version.content, version, language, tenant_role_names(tenant))
