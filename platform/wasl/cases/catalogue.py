"""What a case reads from its policy version: steps, services, channels, mechanisms, criteria, the window.

A frozen, typed view of ``PolicyVersion.content`` (the policy.yaml format), so
the workflow never digs through nested dicts and a sixth association's
different procedure is only different data.

Services: a version's ``services`` list is its catalogue; a case must name one
of them. A version without a catalogue cannot open cases (the association
adds one to its policy), so no service is ever invented by code.

Mechanisms of a service: its own ``mechanisms`` list when given, otherwise the
mechanisms the eligibility section enables, otherwise none.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType

from wasl.kernel.bilingual import pick


@dataclass(frozen=True)
class StepSpec:
    type: str
    position: int
    responsible_role: str
    wording: dict
    target_role: str | None = None
    decision_body: dict | None = None
    declaration: dict | None = None


@dataclass(frozen=True)
class DocumentSpec:
    key: str
    name: dict
    has_expiry: bool
    must_be_valid_at_submission: bool


@dataclass(frozen=True)
class ServiceSpec:
    key: str
    name: dict
    documents: tuple[DocumentSpec, ...]
    mechanisms: tuple[str, ...]

    def document(self, key: str) -> DocumentSpec | None:
        return next((d for d in self.documents if d.key == key), None)


@dataclass(frozen=True)
class CriterionSpec:
    index: int
    kind: str
    text: dict


class Catalogue:
    """The parts of one policy version's content that drive cases."""

    def __init__(self, content: dict):
        content = content or {}
        self.steps = tuple(_step(i, s) for i, s in enumerate((content.get("procedure") or {}).get("steps") or []))
        self._channels = {c["key"]: c for c in content.get("channels") or []}
        eligibility = content.get("eligibility") or {}
        self.eligibility_mechanisms = tuple(
            m["key"] for m in eligibility.get("mechanisms") or [] if m.get("enabled", True))
        self.criteria = tuple(CriterionSpec(i, c["kind"], c["text"])
                              for i, c in enumerate(eligibility.get("criteria") or []))
        self.services = MappingProxyType({s["key"]: self._service(s) for s in content.get("services") or []})
        self.decision_window = dict(content.get("decision_window") or {"days": 14, "counting": "calendar"})

    def _service(self, raw: dict) -> ServiceSpec:
        documents = tuple(DocumentSpec(d["key"], d["name"], bool(d.get("has_expiry")),
                                       bool(d.get("must_be_valid_at_submission")))
                          for d in raw.get("required_documents") or [])
        mechanisms = raw.get("mechanisms")
        return ServiceSpec(raw["key"], raw["name"], documents,
                           tuple(mechanisms) if mechanisms is not None else self.eligibility_mechanisms)

    @property
    def step_types(self) -> tuple[str, ...]:
        return tuple(step.type for step in self.steps)

    def step(self, step_type: str | None) -> StepSpec | None:
        return next((s for s in self.steps if s.type == step_type), None)

    def next_step(self, step_type: str) -> StepSpec | None:
        step = self.step(step_type)
        if step is None or step.position + 1 >= len(self.steps):
            return None
        return self.steps[step.position + 1]

    @property
    def first_step(self) -> StepSpec | None:
        return self.steps[0] if self.steps else None

    @property
    def enabled_channels(self) -> tuple[str, ...]:
        return tuple(key for key, channel in self._channels.items() if channel.get("enabled", True))

    def channel_label(self, key: str, language: str) -> str:
        channel = self._channels.get(key)
        return pick(channel["label"], language) if channel else key

    def service(self, key: str | None) -> ServiceSpec | None:
        return self.services.get(key) if key else None

    def service_label(self, key: str, language: str) -> str:
        service = self.services.get(key)
        return pick(service.name, language) if service else key


def _step(position: int, raw: dict) -> StepSpec:
    return StepSpec(type=raw["type"], position=position, responsible_role=raw["responsible_role"],
                    wording=raw.get("wording") or {}, target_role=raw.get("target_role"),
                    decision_body=raw.get("decision_body"), declaration=raw.get("declaration"))


_CACHE: dict[str, Catalogue] = {}
_CACHE_SIZE = 256


def catalogue_of(version) -> Catalogue:
    """The catalogue of a ``PolicyVersion``; kept per content hash, since equal content reads the same."""
    key = version.content_hash
    catalogue = _CACHE.get(key) if key else None
    if catalogue is None:
        catalogue = Catalogue(version.content)
        if key:
            if len(_CACHE) >= _CACHE_SIZE:
                _CACHE.clear()
            _CACHE[key] = catalogue
    return catalogue
