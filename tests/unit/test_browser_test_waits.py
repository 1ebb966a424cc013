"""Browser tests act on a page only once it has hydrated.

A prerendered page is visible and clickable before React has hydrated it, and since the pages
load their modules after the first paint (stop 25), ``page.goto`` can return before the modules
have even started. A click in that window does nothing, so a test that clicks right after
``goto`` fails when the machine is slow. Three did, one at a time. This reads every browser test
and fails on a navigation followed by an action on the same page with no wait in between.
"""

from __future__ import annotations

import ast
from pathlib import Path

BROWSER_TESTS = Path(__file__).resolve().parents[1] / "browser"
NAVIGATIONS = {"goto", "reload", "go_back", "go_forward"}
ACTIONS = {
    "click",
    "dblclick",
    "tap",
    "fill",
    "type",
    "press",
    "press_sequentially",
    "check",
    "uncheck",
    "set_checked",
    "select_option",
    "set_input_files",
    "dispatch_event",
}
# Helpers (conftest.py) that wait for ``main[aria-busy=false]`` before anything else.
WAITS = {"wait_until_ready", "tick", "download_export"}
# Playwright waits that say nothing about hydration: a pause, the load event (which can come
# before the modules run) or a URL.
NOT_WAITS = {"wait_for_timeout", "wait_for_load_state", "wait_for_url"}
# A navigation with this comment on it or on the line above acts before hydration on purpose.
ON_PURPOSE = "# before hydration:"


def _call_name(call: ast.Call) -> str | None:
    func = call.func
    if isinstance(func, ast.Attribute):
        return func.attr
    return func.id if isinstance(func, ast.Name) else None


def _receiver(call: ast.Call) -> str | None:
    """The variable a call chain starts from: ``page`` in ``page.get_by_role(...).click()``."""
    node: ast.expr = call.func
    while True:
        if isinstance(node, ast.Attribute):
            node = node.value
        elif isinstance(node, ast.Call):
            node = node.func
        elif isinstance(node, ast.Subscript):
            node = node.value
        else:
            return node.id if isinstance(node, ast.Name) else None


def _acts_before_ready(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    lines = source.splitlines()
    found = []
    for function in ast.walk(ast.parse(source)):
        if not isinstance(function, ast.FunctionDef):
            continue
        calls = sorted(
            (node for node in ast.walk(function) if isinstance(node, ast.Call)),
            key=lambda node: (node.lineno, node.col_offset),
        )
        navigated: dict[str, int] = {}  # page variable -> line of its last navigation
        for call in calls:
            line = call.lineno
            name, receiver = _call_name(call), _receiver(call)
            if name in NAVIGATIONS and receiver is not None:
                # The comment may stand on the line above, or on any line of the call.
                marked = lines[max(line - 2, 0) : call.end_lineno or line]
                if not any(ON_PURPOSE in text for text in marked):
                    navigated[receiver] = line
                continue
            segment = ast.get_source_segment(source, call) or ""
            waits = name in WAITS or ((name or "").startswith("wait_for") and name not in NOT_WAITS)
            if waits or "aria-busy" in segment:
                for argument in call.args[:1]:
                    if isinstance(argument, ast.Name):
                        navigated.pop(argument.id, None)
                if receiver is not None:
                    navigated.pop(receiver, None)
                continue
            if name in ACTIONS and receiver in navigated:
                found.append(
                    f"{path.name}:{line} {function.name}: {receiver}.{name} after the "
                    f"navigation on line {navigated.pop(receiver)}, with no wait for hydration"
                )
    return found


def test_no_browser_test_acts_on_a_page_before_it_is_ready():
    found = [
        problem
        for path in sorted(BROWSER_TESTS.glob("*.py"))
        for problem in _acts_before_ready(path)
    ]
    assert found == []


def test_the_check_finds_a_click_right_after_goto(tmp_path: Path):
    sample = tmp_path / "test_sample.py"
    sample.write_text(
        "def test_a(page):\n"
        "    page.goto('/who-uses-python')\n"
        "    expect(page.get_by_role('tab', name='All')).to_be_visible()\n"
        "    page.get_by_role('tab', name='Business').click()\n"
        "def test_b(page):\n"
        "    page.goto('/checklist')\n"
        "    wait_until_ready(page)\n"
        "    page.get_by_role('checkbox').first.click()\n"
        "def test_c(page, other):\n"
        "    other.goto('/x')\n"
        "    page.keyboard.press('Tab')\n"
        "def test_d(page):\n"
        "    page.goto('/')  # before hydration: the skip link needs no script\n"
        "    page.keyboard.press('Tab')\n"
        "def test_e(page):\n"
        "    page.goto('/checklist')\n"
        "    page.wait_for_timeout(500)\n"
        "    page.get_by_role('checkbox').first.click()\n",
        encoding="utf-8",
    )
    found = _acts_before_ready(sample)
    assert len(found) == 2
    assert "test_a" in found[0] and "line 2" in found[0]
    assert "test_e" in found[1], "a pause is not a wait for hydration"
