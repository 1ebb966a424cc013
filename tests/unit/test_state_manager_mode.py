"""``make run``'s one process keeps tab states in memory; a cluster keeps its Redis."""

from __future__ import annotations

from scripts.serve import use_memory_state_manager
from tests.unit.served_app import last_line_printed

CREATED_MANAGER = """
from reflex.istate.manager import StateManager
print(type(StateManager.create()).__name__)
"""


def _manager_created_by_serve(tmp_path, **env: str) -> str:
    """The state manager Reflex creates for the app as ``scripts.serve`` loads it."""
    return last_line_printed(CREATED_MANAGER, tmp_path, **env)


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
