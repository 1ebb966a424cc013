"""The app package: no import cycle, a pure review schedule, no module over 400 lines.

A cycle only works while names are looked up at call time, and it hides which module owns
what; walking the package's own import statements with ``ast`` finds one before it grows.
"""

from __future__ import annotations

import ast
from pathlib import Path

import fullstack_guide

PACKAGE = Path(fullstack_guide.__file__).parent
NAME = "fullstack_guide"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path, modules: set[str], *, deferred: bool) -> set[str]:
    """The package modules ``path`` imports (``from pkg import mod`` counts as ``pkg.mod``)."""
    found: set[str] = set()
    for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8")), deferred=deferred):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names if alias.name.startswith(NAME)}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            if not node.module.startswith(NAME):
                continue
            for alias in node.names:
                child = f"{node.module}.{alias.name}"
                found.add(child if child in modules else node.module)
    return found & modules


def _runtime_nodes(tree: ast.AST, *, deferred: bool) -> list[ast.AST]:
    """Nodes that run: never those under ``if TYPE_CHECKING:`` (annotations only), and
    function bodies (imports deferred to call time) only when ``deferred``."""
    nodes, stack = [], [tree]
    while stack:
        node = stack.pop()
        nodes.append(node)
        if isinstance(node, ast.If) and ast.unparse(node.test).endswith("TYPE_CHECKING"):
            stack.extend(node.orelse)
            continue
        if not deferred and isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            continue
        stack.extend(ast.iter_child_nodes(node))
    return nodes


def import_graph(*, deferred: bool = False) -> dict[str, set[str]]:
    """Which package modules each module imports, at import time (or also inside functions)."""
    files = {_module_name(path): path for path in PACKAGE.rglob("*.py")}
    modules = set(files)
    return {
        name: _imports(path, modules, deferred=deferred) - {name} for name, path in files.items()
    }


def find_cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle as a path of module names, or ``None`` (iterative DFS)."""
    done: set[str] = set()
    for root in sorted(graph):
        if root in done:
            continue
        path, on_path, stack = [root], {root}, [iter(sorted(graph[root]))]
        while stack:
            child = next(stack[-1], None)
            if child is None:
                stack.pop()
                done.add(path[-1])
                on_path.discard(path.pop())
            elif child in on_path:
                return [*path[path.index(child) :], child]
            elif child not in done:
                path.append(child)
                on_path.add(child)
                stack.append(iter(sorted(graph[child])))
    return None


def test_the_app_package_has_no_import_cycle() -> None:
    cycle = find_cycle(import_graph())
    assert cycle is None, "import cycle: " + " -> ".join(cycle or [])


def test_no_import_inside_a_function_dodges_a_cycle() -> None:
    """An import deferred into a function body still closes a cycle: the whole package,
    pages and states included, stays a layered graph with function-level imports counted."""
    cycle = find_cycle(import_graph(deferred=True))
    assert cycle is None, "import cycle through a deferred import: " + " -> ".join(cycle or [])


def test_deferred_imports_are_seen() -> None:
    """The graph with deferred imports counts an import made inside a function body."""
    tree = ast.parse("def f():\n    import fullstack_guide.state\n")
    nodes = _runtime_nodes(tree, deferred=True)
    assert any(isinstance(node, ast.Import) for node in nodes)
    assert not any(isinstance(node, ast.Import) for node in _runtime_nodes(tree, deferred=False))


def test_the_cycle_finder_sees_a_cycle() -> None:
    assert find_cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert find_cycle({"a": {"b"}, "b": set()}) is None


def test_the_review_schedule_imports_no_service() -> None:
    graph = import_graph()
    services = {m for m in graph if m.startswith(f"{NAME}.services.")}
    assert graph[f"{NAME}.services.schedule"] & services == set()


def test_the_history_is_an_event_log_that_needs_no_other_service() -> None:
    graph = import_graph(deferred=True)
    services = {m for m in graph if m.startswith(f"{NAME}.services.")}
    assert graph[f"{NAME}.services.history"] & services <= {f"{NAME}.services.clock"}


def test_no_app_module_is_over_400_lines() -> None:
    """A module that long does several jobs; split it by job (as transfer and accounts were)."""
    long = {
        str(path.relative_to(PACKAGE)): lines
        for path in PACKAGE.rglob("*.py")
        if (lines := len(path.read_text(encoding="utf-8").splitlines())) > 400
    }
    assert long == {}
