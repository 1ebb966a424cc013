"""``make run``'s one process keeps tab states in memory; a cluster keeps its Redis."""

from __future__ import annotations

import os
import subprocess
import sys

from scripts.serve import use_memory_state_manager
from testkit.paths import ROOT

CREATED_MANAGER = """
from scripts.serve import load_app
from testkit.paths import ROOT
load_app(ROOT)
from reflex.istate.manager import StateManager
print(type(StateManager.create()).__name__)
"""


def _manager_created_by_serve(tmp_path, **env: str) -> str:
    """The state manager Reflex creates for the app as ``scripts.serve`` loads it."""
    clean = {k: v for k, v in os.environ.items() if not k.startswith("REFLEX_")}
    done = subprocess.run(
        [sys.executable, "-c", CREATED_MANAGER],
        cwd=ROOT,
        env={**clean, "REFLEX_STATES_WORKDIR": str(tmp_path / "states"), **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )
    return done.stdout.strip().splitlines()[-1]


def test_the_single_server_keeps_tab_states_in_memory(tmp_path):
    """Not the disk manager, which pickles every touched tab's substates every 2 s."""
    assert _manager_created_by_serve(tmp_path) == "StateManagerMemory"


def test_a_mode_chosen_on_purpose_reaches_the_server(tmp_path):
    mode = {"REFLEX_STATE_MANAGER_MODE": "disk"}
    assert _manager_created_by_serve(tmp_path, **mode) == "StateManagerDisk"


def test_a_configured_redis_is_kept():
    environ = {"REFLEX_REDIS_URL": "redis://127.0.0.1:6379"}
    use_memory_state_manager(environ)
    assert environ == {"REFLEX_REDIS_URL": "redis://127.0.0.1:6379"}


def test_a_mode_set_on_purpose_is_kept():
    environ = {"REFLEX_STATE_MANAGER_MODE": "disk"}
    use_memory_state_manager(environ)
    assert environ == {"REFLEX_STATE_MANAGER_MODE": "disk"}
