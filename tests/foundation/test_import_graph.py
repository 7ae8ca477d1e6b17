"""The allowed import graph between Wasl's packages: a DAG, so no cycle between features can come back.

``ALLOWED`` says which packages each package may import at module level (the edges that
``scripts/import_graph.py`` computes). A new edge must be added here on purpose, and the test
refuses any set of edges with a cycle. Imports inside a function are not counted, by decision:
they are the deliberate late binding of the app factory (every ``init_app`` imports its own
modules, ``wasl.models`` gathers every feature's tables) and of a few reads across a feature
boundary that go upward (the registry's pages ask privacy for a reason to read); counted, they
would put 27 packages in one cycle made of registrations rather than of dependencies.
Top-level modules (``wasl.db``, ``wasl.jobs``, ``wasl.events``...) are not features: they are
left out of ``ALLOWED`` but kept out of cycles by the last test.
"""

from __future__ import annotations

from scripts.import_graph import ROOT, graph, strongly_connected

# package -> the packages it may import at module level.
ALLOWED: dict[str, set[str]] = {
    "accounts": {"audit", "i18n", "kernel", "tenancy"},
    "administration": {"accounts", "api", "archive", "audit", "documents", "i18n", "kernel", "onboarding",
        "tenancy", "web"},
    "api": {"accounts", "onboarding", "web"},
    "archive": {"accounts", "audit", "documents", "kernel", "tenancy"},
    "audit": {"i18n", "kernel", "tenancy"},
    "beneficiaries": {"accounts", "api", "audit", "i18n", "kernel", "onboarding", "tenancy", "web"},
    "cases": {"accounts", "api", "audit", "beneficiaries", "documents", "i18n", "kernel", "policy", "tenancy", "web"},
    "dashboards": {"accounts", "api", "cases", "i18n", "kernel", "policy"},
    "documents": {"accounts", "api", "audit", "i18n", "kernel", "tenancy", "web"},
    "exports": {"accounts", "administration", "audit", "beneficiaries", "cases", "dashboards", "documents", "i18n",
        "kernel", "policy", "privacy", "surveys", "tenancy"},
    "feedback": {"accounts", "administration", "api", "audit", "beneficiaries", "cases", "i18n", "notifications",
        "portal", "tenancy", "web"},
    "health": {"accounts"},
    "home": {"accounts", "tenancy", "web"},
    "i18n": set(),
    "imports": {"accounts", "administration", "api", "audit", "beneficiaries", "documents", "i18n", "tenancy", "web"},
    "kernel": {"i18n"},
    "notifications": {"accounts", "api", "audit", "i18n", "kernel", "onboarding", "tenancy", "web"},
    "onboarding": {"accounts", "audit", "tenancy"},
    "operator": {"accounts", "administration", "api", "archive", "audit", "documents", "kernel", "onboarding",
        "tenancy", "web"},
    "policy": {"accounts", "api", "audit", "documents", "i18n", "kernel", "onboarding", "tenancy", "web"},
    "portal": {"accounts", "api", "audit", "beneficiaries", "cases", "documents", "i18n", "kernel",
        "notifications", "policy", "privacy", "tenancy", "web"},
    "privacy": {"accounts", "api", "audit", "beneficiaries", "cases", "documents", "i18n", "notifications",
        "tenancy", "web"},
    "scorecard": {"accounts", "cases", "dashboards", "i18n", "policy", "surveys", "tenancy"},
    "surveys": {"accounts", "cases", "dashboards", "i18n", "kernel", "notifications", "policy", "tenancy", "web"},
    "tenancy": set(),
    "transparency": {"accounts", "api", "audit", "cases", "dashboards", "i18n", "policy", "surveys", "tenancy",
        "web"},
    "web": {"accounts", "audit", "i18n", "tenancy"},
}


def _packages() -> list[str]:
    return sorted(path.name for path in ROOT.iterdir() if (path / "__init__.py").is_file())


def _package_edges() -> dict[tuple[str, str], set[str]]:
    packages = set(_packages())
    return {edge: modules for edge, modules in graph().items() if set(edge) <= packages}


def test_every_package_has_its_place_in_the_allowed_graph():
    assert sorted(ALLOWED) == _packages()


def test_no_package_imports_one_it_is_not_allowed_to():
    unexpected = {f"{a} -> {b}": sorted(modules) for (a, b), modules in _package_edges().items()
                  if b not in ALLOWED.get(a, set())}
    assert unexpected == {}, "add the edge to ALLOWED only if it keeps the graph acyclic"


def test_the_allowed_graph_has_no_cycle():
    edges = {(a, b) for a, targets in ALLOWED.items() for b in targets}
    assert strongly_connected(ALLOWED, edges) == []


def test_no_cycle_runs_through_the_top_level_modules_either():
    edges = graph()
    nodes = {name for edge in edges for name in edge}
    assert strongly_connected(nodes, edges) == []
