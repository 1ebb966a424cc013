"""Run a snippet in a fresh interpreter that has loaded the app as ``make run`` does.

The app is loaded with :func:`scripts.serve.load_app` in a child process, so what Reflex
creates once per process (state manager, lifespan tasks) is seen as the server sees it, and
nothing of the test session's own ``REFLEX_*`` settings leaks in.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from testkit.paths import ROOT

LOAD_APP = """
from scripts.serve import load_app
from testkit.paths import ROOT
app = load_app(ROOT)
"""


def last_line_printed(snippet: str, tmp_path: Path, **env: str) -> str:
    """The last line ``snippet`` prints, run after the app is loaded (as ``app``)."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("REFLEX_")}
    done = subprocess.run(
        [sys.executable, "-c", LOAD_APP + snippet],
        cwd=ROOT,
        env={**clean, "REFLEX_STATES_WORKDIR": str(tmp_path / "states"), **env},
        capture_output=True,
        text=True,
        timeout=150,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]
