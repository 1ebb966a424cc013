"""Shared test set-up: every test run uses its own throw-away SQLite database."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="fsg-tests-"))
# Must be set before rxconfig is first read, so the app never touches data/.
os.environ["REFLEX_DB_URL"] = f"sqlite:///{_TMP / 'unit.db'}"
os.environ.setdefault("REFLEX_TELEMETRY_ENABLED", "false")

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT.parent / "shared" / "seeds"
