"""The production backend alone, and how the fault tests stop a server: kill -9 or SIGTERM.

``make run`` (``scripts/serve.py``) serves the exported frontend and the backend from one
process, which holds the listening socket and runs the app; ``reflex run --env prod
--backend-only`` (what the cluster runs per worker) is a Granian supervisor and a worker it
forks. "The backend process" is the listener either way.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from testkit.app_server import AppServer
from testkit.paths import BIN
from testkit.processes import listening_pids, port_released

START_TIMEOUT_S = 180
GRANIAN_PANIC = "panicked at"  # how a Rust panic of the Granian worker shows in the log


def answers_ping(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/ping", timeout=2) as ping:
            return ping.status == 200
    except OSError:
        return False


class BackendServer(AppServer):
    """``reflex run --env prod --backend-only --backend-port P``: the production backend alone.

    What the cluster runs per worker, and what replaces a crashed server here: it starts in
    seconds because nothing is compiled, but it serves no pages (a tab's websocket, the
    ``/ping`` and ``/_event`` routes are all the simulated learners use).
    """

    start_timeout_s = START_TIMEOUT_S
    poll_s = 0.2

    def __init__(self, db_url: str, log_path: Path, port: int | None = None) -> None:
        super().__init__(db_url, log_path, port, name="backend")

    def _command(self) -> list[str]:
        return [
            str(BIN / "reflex"),
            *("run", "--env", "prod", "--backend-only"),
            *("--backend-port", str(self.port)),
        ]

    def _extra_env(self) -> dict[str, str]:
        # Reflex empties its states directory on start: keep ours off the checkout's.
        return {"REFLEX_STATES_WORKDIR": str(self.log_path.parent / "states")}

    def _ready(self) -> bool:
        return answers_ping(self.url)

    def terminate(self, timeout: float) -> float | None:
        """SIGTERM to the server's main process, as ``kill``, systemd or ``docker stop`` send it.

        Returns the seconds until the process had exited and the port was free, None if that
        took longer than ``timeout`` (the process is left running for :meth:`stop`).
        """
        assert self.process is not None
        started = time.monotonic()
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            return None
        left = timeout - (time.monotonic() - started)
        return time.monotonic() - started if port_released(self.port, left) else None


def kill_listeners(port: int, process: subprocess.Popen | None, timeout: float = 30) -> float:
    """``kill -9`` the backend: every process listening on ``port``; returns when (monotonic).

    Granian's supervisor sees its worker die and exits; whatever is left of the server's
    process group (``process``) is killed too, so the port is free for a restart.
    """
    pids = listening_pids(port)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    killed_at = time.monotonic()
    if process is not None:
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait(10)
    if not port_released(port, timeout):
        raise RuntimeError(f"port {port} still in use after killing {pids}")
    return killed_at
