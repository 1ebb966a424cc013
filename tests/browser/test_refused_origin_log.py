"""A websocket refused for its origin leaves a line in the server's (or worker's) log saying why."""

from __future__ import annotations

import time
from pathlib import Path

from tests.browser.test_origins import _websocket_handshake

REFUSED = "https://refused.example"
LOG_WAIT_S = 10


def _server_log(app_server) -> str:
    """The single server's log, or every cluster worker's (nginx passes the Origin on)."""
    path = Path(app_server.log_path)
    files = sorted(path.glob("worker-*.log")) if path.is_dir() else [path]
    return "\n".join(f.read_text(errors="replace") for f in files if f.exists())


def test_a_refused_origin_is_logged_with_its_cause(app_server):
    assert _websocket_handshake(app_server.url, REFUSED) == 403
    deadline = time.monotonic() + LOG_WAIT_S
    wanted = f"Refused the event websocket from origin {REFUSED}: it is not one of the accepted"
    while wanted not in (log := _server_log(app_server)) and time.monotonic() < deadline:
        time.sleep(0.2)  # the log is written by another process; poll it until the deadline
    line = next((line for line in log.splitlines() if wanted in line), None)
    assert line is not None, f"no refusal logged; log ends with:\n{log[-2000:]}"
    assert app_server.url in line  # the accepted list names the site's own origin
