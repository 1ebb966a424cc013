"""Shared test set-up: every test run uses its own throw-away SQLite database."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from hypothesis import settings

from tests import reflex_deprecations

_TMP = Path(tempfile.mkdtemp(prefix="fsg-tests-"))
# Must be set before rxconfig is first read, so the app never touches data/.
os.environ["REFLEX_DB_URL"] = f"sqlite:///{_TMP / 'unit.db'}"
os.environ.setdefault("REFLEX_TELEMETRY_ENABLED", "false")
reflex_deprecations.install()  # before any app code runs; pyproject makes them errors

# `make test` draws the same generated inputs every run, so a red CI means the change broke
# something, not that a new draw came up. `make fuzz` draws fresh inputs, FSG_FUZZ_SCALE times as
# many, to hunt for new bugs; pin each one it finds with @example so `make test` keeps it.
settings.register_profile("repeatable", derandomize=True, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile(os.environ.get("FSG_HYPOTHESIS_PROFILE", "repeatable"))
FUZZ_SCALE = max(1, int(os.environ.get("FSG_FUZZ_SCALE", "1")))


def examples(count: int) -> int:
    """How many generated inputs a property test tries: ``count``, times FSG_FUZZ_SCALE."""
    return count * FUZZ_SCALE
