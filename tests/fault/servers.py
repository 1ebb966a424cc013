"""The production backend alone, and how the fault tests stop a server: kill -9 or SIGTERM.

``reflex run --env prod`` serves the compiled frontend and the backend from one Granian
server: a supervisor process (``reflex run`` itself) and a worker process it forks, which
holds the listening socket and runs the app. "The backend process" is that listener.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.browser.server import BIN, BUN_BIN, free_port, listening_pids
from tests.conftest import ROOT

START_TIMEOUT_S = 180
GRANIAN_PANIC = "panicked at"  # how a Rust panic of the Granian worker shows in the log


def answers_ping(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/ping", timeout=2) as ping:
            return ping.status == 200
    except OSError:
        return False


def port_released(port: int, timeout: float) -> bool:
    """Wait until nothing listens on ``port`` any more."""
    deadline = time.monotonic() + timeout
    while listening_pids(port):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


class BackendServer:
    """``reflex run --env prod --backend-only --backend-port P``: the production backend alone.

    What the cluster runs per worker, and what replaces a crashed server here: it starts in
    seconds because nothing is compiled, but it serves no pages (a tab's websocket, the
    ``/ping`` and ``/_event`` routes are all the simulated learners use).
    """

    def __init__(self, db_url: str, log_path: Path, port: int | None = None) -> None:
        self.db_url = db_url
        self.log_path = log_path
        self.port = port or free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def start(self) -> None:
        env = {
            **os.environ,
            "REFLEX_DB_URL": self.db_url,
            "REFLEX_TELEMETRY_ENABLED": "false",
            # Reflex empties its states directory on start: keep ours off the checkout's.
            "REFLEX_STATES_WORKDIR": str(self.log_path.parent / "states"),
            "PATH": f"{BUN_BIN}:{BIN}:{os.environ.get('PATH', '')}",
        }
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [
                    str(BIN / "reflex"),
                    *("run", "--env", "prod", "--backend-only"),
                    *("--backend-port", str(self.port)),
                ],
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        deadline = time.monotonic() + START_TIMEOUT_S
        while not answers_ping(self.url):
            if self.process.poll() is not None:
                raise RuntimeError(f"backend exited early; see {self.log_path}")
            if time.monotonic() > deadline:
                raise TimeoutError(f"backend not up in {START_TIMEOUT_S}s; see {self.log_path}")
            time.sleep(0.2)

    def backend_pids(self) -> list[int]:
        """The processes listening on the port (the Granian worker)."""
        return listening_pids(self.port)

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

    def stop(self) -> None:
        if self.process is None:
            return
        with contextlib.suppress(ProcessLookupError):
            os.killpg(self.process.pid, signal.SIGTERM)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=30)
        with contextlib.suppress(ProcessLookupError):  # anything left in the group
            os.killpg(self.process.pid, signal.SIGKILL)
        with contextlib.suppress(subprocess.TimeoutExpired):
            self.process.wait(timeout=10)
        self.process = None

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""


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
