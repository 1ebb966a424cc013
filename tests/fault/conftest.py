"""Fault tests: servers killed or stopped under load by simulated learners (``make fault``).

Each test starts its own server on its own throw-away database and prints one summary line
of figures; they are repeated at the end of the run, under "fault figures".
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from fullstack_guide.content import get_content

_FIGURES: list[str] = []


@pytest.fixture
def report() -> Callable[[str], None]:
    """Record a summary line: printed now and in the run's terminal summary."""

    def add(line: str) -> None:
        _FIGURES.append(line)
        print(line, flush=True)

    return add


def pytest_terminal_summary(terminalreporter) -> None:
    if _FIGURES:
        terminalreporter.section("fault figures")
        for line in _FIGURES:
            terminalreporter.write_line(line)


@pytest.fixture
def workdir(request: pytest.FixtureRequest) -> Iterator[Path]:
    """A directory for the test's database and logs; kept when the test fails."""
    path = Path(tempfile.mkdtemp(prefix="fsg-fault-"))
    path.chmod(0o755)  # PostgreSQL and nginx run as their own accounts
    yield path
    report = getattr(request.node, "rep_call", None)
    if report is not None and report.passed:
        shutil.rmtree(path, ignore_errors=True)
    else:
        print(f"kept {path} (logs and database)")


@pytest.hookimpl(wrapper=True, tryfirst=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo):
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


@pytest.fixture(scope="session")
def items() -> list[str]:
    """Every checklist item slug, in a stable order."""
    return sorted(get_content().item_slugs)
