"""Print the import graph between Wasl's packages, from module-level imports only.

An edge ``a -> b (n)`` means ``n`` modules of ``wasl.a`` import something from
``wasl.b`` at module level (an import inside a function is deliberate late
binding and is not counted). Then the strongly connected components (each a
cycle) and, for every cycle, the edges whose removal leaves a DAG with the
fewest importing modules in all (one such cut: there may be others as cheap).
Run from the repository root:

    python scripts/import_graph.py [--modules] [--lazy]

``--modules`` also lists, per edge, which modules import which; ``--lazy``
counts the imports inside functions too, for comparison.
"""

from __future__ import annotations

import ast
import itertools
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1] / "platform" / "wasl"


def package_of(module: str) -> str | None:
    """``wasl.cases.models.case`` -> ``cases``; top-level modules (``wasl.db``) are their own name."""
    parts = module.split(".")
    if parts[0] != "wasl" or len(parts) < 2:
        return None
    return parts[1]


def module_name(path: Path) -> str:
    relative = path.relative_to(ROOT.parent).with_suffix("")
    parts = list(relative.parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _top_level(body):
    """Statements run when the module is imported: the body, and inside top-level if/try blocks."""
    for node in body:
        if isinstance(node, ast.If | ast.Try):
            yield from _top_level(node.body)
            yield from _top_level(node.orelse)
            for handler in getattr(node, "handlers", []):
                yield from _top_level(handler.body)
            yield from _top_level(getattr(node, "finalbody", []))
        else:
            yield node


def imported_modules(path: Path, module: str, lazy: bool = False) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    is_package = path.name == "__init__.py"
    found = set()
    for node in ast.walk(tree) if lazy else _top_level(tree.body):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                source = ".".join([*base, node.module] if node.module else base)
            else:
                source = node.module or ""
            found.add(source)
            found.update(f"{source}.{alias.name}" for alias in node.names)  # ``from wasl import jobs``
    return found


def graph(lazy: bool = False) -> dict[tuple[str, str], set[str]]:
    edges: dict[tuple[str, str], set[str]] = defaultdict(set)
    for path in sorted(ROOT.rglob("*.py")):
        module = module_name(path)
        source = package_of(module)
        if source is None:
            continue
        for target_module in imported_modules(path, module, lazy):
            target = package_of(target_module)
            if target is not None and target != source and ((ROOT / target).is_dir() or (ROOT / f"{target}.py").exists()):
                edges[(source, target)].add(module)
    return edges


def strongly_connected(nodes, edges) -> list[list[str]]:
    """Tarjan's algorithm; components of more than one package are the cycles."""
    successors = defaultdict(list)
    for a, b in edges:
        successors[a].append(b)
    index, low, stack, on_stack, components = {}, {}, [], set(), []

    def visit(node):
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for succ in sorted(successors[node]):
            if succ not in index:
                visit(succ)
                low[node] = min(low[node], low[succ])
            elif succ in on_stack:
                low[node] = min(low[node], index[succ])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            components.append(sorted(component))

    sys.setrecursionlimit(10_000)
    for node in sorted(nodes):
        if node not in index:
            visit(node)
    return [c for c in components if len(c) > 1]


def cheapest_cut(component: list[str], edges) -> list[tuple[str, str]]:
    """The edges to remove, fewest importing modules in all, so that the packages of a cycle form a DAG.

    Exact for a small cycle (every order of its packages is tried: an edge pointing forward in the
    order is cut); greedy for a large one (the edge on a cycle with the fewest importing modules first).
    """
    inside = {e: len(m) for e, m in edges.items() if e[0] in component and e[1] in component}
    if len(component) <= 8:
        best = None
        for order in itertools.permutations(component):
            rank = {name: position for position, name in enumerate(order)}
            cut = sorted(e for e in inside if rank[e[0]] < rank[e[1]])
            cost = (sum(inside[e] for e in cut), len(cut))
            if best is None or cost < best[0]:
                best = (cost, cut)
        return best[1]
    cut = []
    while True:
        remaining = {e: edges[e] for e in inside if e not in cut}
        cycles = strongly_connected(component, remaining)
        if not cycles:
            return cut
        members = set(cycles[0])
        candidates = [e for e in remaining if e[0] in members and e[1] in members]
        cut.append(min(candidates, key=lambda e: (inside[e], e)))


def main(argv: list[str]) -> None:
    lazy = "--lazy" in argv
    edges = graph(lazy)
    nodes = {n for edge in edges for n in edge}
    counted = "every import, inside functions too" if lazy else "module-level imports only"
    print(f"{len(nodes)} packages, {len(edges)} package-level edges ({counted})\n")
    for source in sorted(nodes):
        targets = sorted((t, len(m)) for (s, t), m in edges.items() if s == source)
        print(f"{source} -> " + ", ".join(f"{t} ({n})" for t, n in targets))
        if "--modules" in argv:
            for target, _ in targets:
                print(f"    {target}: {', '.join(sorted(edges[(source, target)]))}")
    for component in strongly_connected(nodes, edges):
        print(f"\ncycle of {len(component)} packages: {', '.join(component)}")
        cut = cheapest_cut(component, edges)
        print(f"cutting {len(cut)} edge(s) ({sum(len(edges[e]) for e in cut)} importing modules) leaves a DAG:")
        for a, b in cut:
            print(f"    {a} -> {b}  ({', '.join(sorted(edges[(a, b)]))})")


if __name__ == "__main__":
    main(sys.argv[1:])
