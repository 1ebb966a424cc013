"""Page modules stay small, and pages are added one way only (issue 13).

The 400-line limit for every module is ``test_import_layers.test_no_app_module_is_over_400_lines``.
"""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[2] / "fullstack_guide"
MAX_PAGE_LINES = 260


def _sources() -> list[Path]:
    return sorted(PACKAGE.rglob("*.py"))


def _lines(path: Path) -> int:
    return len(path.read_text(encoding="utf-8").splitlines())


def test_page_modules_stay_around_250_lines():
    pages = {str(p.relative_to(PACKAGE)): _lines(p) for p in (PACKAGE / "pages").rglob("*.py")}
    over = {name: n for name, n in pages.items() if n > MAX_PAGE_LINES}
    assert over == {}


class _AddPageCalls(ast.NodeVisitor):
    """The innermost function around every ``<something>.add_page(...)`` call."""

    def __init__(self) -> None:
        self.scope = ["<module>"]
        self.callers: list[str] = []

    def visit_FunctionDef(self, node: ast.FunctionDef | ast.AsyncFunctionDef) -> None:
        self.scope.append(node.name)
        self.generic_visit(node)
        self.scope.pop()

    visit_AsyncFunctionDef = visit_FunctionDef

    def visit_Call(self, node: ast.Call) -> None:
        if isinstance(node.func, ast.Attribute) and node.func.attr == "add_page":
            self.callers.append(self.scope[-1])
        self.generic_visit(node)


def _add_page_callers(path: Path) -> list[str]:
    visitor = _AddPageCalls()
    visitor.visit(ast.parse(path.read_text(encoding="utf-8")))
    return [f"{path.relative_to(PACKAGE)}:{name}" for name in visitor.callers]


def test_only_the_page_declaration_adds_pages():
    callers = {caller for path in _sources() for caller in _add_page_callers(path)}
    assert callers == {"templates/template.py:add_pages"}


def test_every_page_is_declared_with_the_decorator():
    from fullstack_guide import pages  # noqa: F401  (declares the pages)
    from fullstack_guide.templates.template import PAGES, UNLISTED_PAGES

    routes = {spec.route for spec in UNLISTED_PAGES}
    assert routes == {"404", "/shared/[token]"}
    assert len(PAGES) > 100
