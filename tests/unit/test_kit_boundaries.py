"""Tests and benchmarks share ``testkit`` and never import each other (issue 13)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from testkit.paths import ROOT

# package -> the top-level packages it must never import
FORBIDDEN = {
    "tests": {"benchmarks"},
    "benchmarks": {"tests"},
    "testkit": {"tests", "benchmarks"},
}


def imported_packages(path: Path) -> set[str]:
    """Top-level names ``path`` imports (module level and inside functions)."""
    names = set()
    for node in ast.walk(ast.parse(path.read_text(), str(path))):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_keeps_out_of_the_others(package: str):
    crossings = {
        str(path.relative_to(ROOT)): sorted(imported_packages(path) & FORBIDDEN[package])
        for path in sorted((ROOT / package).rglob("*.py"))
    }
    assert {path: names for path, names in crossings.items() if names} == {}


def test_the_checker_sees_a_crossing(tmp_path: Path):
    module = tmp_path / "m.py"
    module.write_text("def f():\n    from benchmarks.memory import measure\n")
    assert "benchmarks" in imported_packages(module)


def test_processes_are_read_with_psutil_not_proc():
    proc = "/" + "proc"  # spelled so that this file does not match itself
    readers = [
        str(path.relative_to(ROOT))
        for package in ("tests", "benchmarks", "testkit", "scripts")
        for path in sorted((ROOT / package).rglob("*.py"))
        if f'"{proc}' in path.read_text() or f"'{proc}" in path.read_text()
    ]
    assert readers == []
