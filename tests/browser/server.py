"""Start and stop the app's production build as a real server for browser tests."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.conftest import ROOT

BIN = ROOT / ".venv" / "bin"
BUN_BIN = ROOT / ".tools" / "node_modules" / ".bin"
START_TIMEOUT_S = 420


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class AppServer:
    """``reflex run --env prod`` on its own port and database, like ``make run`` does."""

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
            "PATH": f"{BUN_BIN}:{BIN}:{os.environ.get('PATH', '')}",
        }
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [str(BIN / "reflex"), "run", "--env", "prod", "--frontend-port", str(self.port)],
            cwd=ROOT,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self._wait_until_serving()

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process and self.process.poll() is not None:
                raise RuntimeError(f"server exited early; see {self.log_path}")
            try:
                with (
                    urllib.request.urlopen(f"{self.url}/ping", timeout=2) as ping,
                    urllib.request.urlopen(f"{self.url}/", timeout=5) as home,
                ):
                    if ping.status == 200 and home.status == 200:
                        return
            except OSError:
                pass
            time.sleep(1)
        raise TimeoutError(f"server did not start in {START_TIMEOUT_S}s; see {self.log_path}")

    def stop(self) -> None:
        if self.process is None:
            return
        try:
            os.killpg(self.process.pid, signal.SIGTERM)
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=10)
        except ProcessLookupError:
            pass
        self.process = None

    def restart(self) -> None:
        self.stop()
        self.start()


class ClusterServer:
    """``scripts/cluster.py`` on free ports: nginx, two Reflex workers, Redis, a fresh PostgreSQL.

    The same class ``make cluster`` runs; here its data lives in the test's temporary directory.
    ``restart()`` restarts the workers (nginx, Redis and PostgreSQL stay up), like a deploy.
    """

    def __init__(self, workdir: Path, workers: int = 2) -> None:
        from scripts.cluster import Cluster, free_port

        taken: set[int] = set()

        def port() -> int:
            taken.add(number := free_port(taken))
            return number

        self.cluster = Cluster(
            workdir / "cluster",
            port=port(),
            worker_ports=[port() for _ in range(workers)],
            pg_port=port(),
            redis_port=port(),
        )
        self.log_path = self.cluster.logs

    @property
    def url(self) -> str:
        return self.cluster.origin

    @property
    def db_url(self) -> str:
        return self.cluster.db_url

    def worker_address(self, index: int) -> str:
        """How nginx names worker ``index`` in its ``X-FSG-Upstream`` response header."""
        return f"127.0.0.1:{self.cluster.worker_ports[index]}"

    def start(self) -> None:
        self.cluster.start()

    def stop(self) -> None:
        self.cluster.stop()

    def restart(self) -> None:
        self.cluster.restart_workers()

    def kill_worker(self, index: int) -> None:
        self.cluster.kill_worker(index)

    def start_worker(self, index: int) -> None:
        self.cluster.start_worker(index)
