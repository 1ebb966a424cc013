"""The type checker's rules stay honest: no blanket ignores, and every per-line ignore says
which error it silences and why (a Reflex stub defect, say), so none outlives its reason."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import fullstack_guide

PACKAGE = Path(fullstack_guide.__file__).parent
PYPROJECT = PACKAGE.parent / "pyproject.toml"
_IGNORE = re.compile(r"#\s*type:\s*ignore(?P<codes>\[[^\]]+\])?(?P<rest>.*)$")
_BLANKET = ("ignore_errors", "disable_error_code")


def unexplained_ignores(text: str) -> list[int]:
    """Lines whose ``# type: ignore`` names no error code or gives no ``# reason`` after it."""
    lines = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _IGNORE.search(line)
        if match and (not match["codes"] or not match["rest"].strip().startswith("#")):
            lines.append(number)
    return lines


def test_every_type_ignore_in_the_app_names_its_error_and_its_reason() -> None:
    found = {
        f"{path.relative_to(PACKAGE)}:{line}"
        for path in PACKAGE.rglob("*.py")
        for line in unexplained_ignores(path.read_text(encoding="utf-8"))
    }
    assert found == set()


def test_the_rule_sees_a_bare_or_unexplained_ignore() -> None:
    assert unexplained_ignores("x = f()  # type: ignore\n") == [1]
    assert unexplained_ignores("x = f()  # type: ignore[arg-type]\n") == [1]
    assert unexplained_ignores("x = f()  # type: ignore[arg-type]  # Reflex stub: …\n") == []
    assert unexplained_ignores("x = f()\n") == []


def test_the_mypy_config_silences_nothing_of_the_app() -> None:
    mypy = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["tool"]["mypy"]
    assert not any(key in mypy for key in _BLANKET)
    for override in mypy.get("overrides", []):
        module = override["module"]
        modules = module if isinstance(module, list) else [module]
        assert not any(key in override for key in _BLANKET), modules
        assert not any(module.startswith("fullstack_guide") for module in modules), modules
