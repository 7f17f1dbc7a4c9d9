"""The web package's modules import one another one way only (no cycle, not even one hidden
behind `if TYPE_CHECKING:`), so each can be read and loaded on its own."""

from __future__ import annotations

import ast
from pathlib import Path

import newsdesk.web

WEB = Path(newsdesk.web.__file__).parent


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            if node.module == "newsdesk.web":
                names.update(f"newsdesk.web.{alias.name}" for alias in node.names)
            elif node.module.startswith("newsdesk.web."):
                names.add(node.module)
        elif isinstance(node, ast.Import):
            names.update(a.name for a in node.names if a.name.startswith("newsdesk.web."))
    return names


def test_web_modules_import_each_other_without_a_cycle() -> None:
    graph = {f"newsdesk.web.{p.stem}": _imports(p) for p in WEB.glob("*.py")}

    def cycle_from(start: str) -> list[str] | None:
        stack = [(start, [start])]
        while stack:
            node, path = stack.pop()
            for nxt in graph.get(node, ()):
                if nxt == start:
                    return [*path, nxt]
                if nxt not in path:
                    stack.append((nxt, [*path, nxt]))
        return None

    cycles = [c for c in (cycle_from(m) for m in sorted(graph)) if c]
    assert not cycles, " ; ".join(" → ".join(c) for c in cycles)
