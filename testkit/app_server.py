"""Start and stop the production server (``scripts/serve.py``, what ``make run`` runs).

Used by the browser tests, the fault tests and the benchmarks: bun from ``.tools`` on PATH, a
free port, the database from ``REFLEX_DB_URL``, every process in its own process group. The
script reuses the last build when nothing it is built from changed (a restart on the same
port rebuilds nothing) and retries a prerender timeout itself.
:class:`ClusterServer` runs ``scripts/cluster/`` the same way.
"""

from __future__ import annotations

import atexit
import fcntl
import os
import shutil
import subprocess
import tempfile
import time
import urllib.request
from pathlib import Path
from typing import IO

from testkit.paths import BIN, BUN_BIN, ROOT
from testkit.processes import free_port, listening_pids, process_tree, stop_process_group

START_TIMEOUT_S = 600
WEB_DIR = ROOT / ".web"
WEB_LOCK = ROOT / ".web.lock"


class AppServer:
    """``scripts/serve.py`` on its own port and database, as ``make run`` runs it.

    ``app_dir`` serves another Reflex app (the benchmarks' bare app); ``db_url=None`` leaves
    it the app's own default database.
    """

    start_timeout_s = START_TIMEOUT_S
    poll_s = 1.0

    def __init__(
        self,
        db_url: str | None,
        log_path: Path,
        port: int | None = None,
        *,
        app_dir: Path = ROOT,
        name: str = "server",
    ) -> None:
        self.db_url = db_url
        self.log_path = log_path
        self.port = port or free_port()
        self.app_dir = app_dir
        self.name = name
        self.process: subprocess.Popen | None = None
        self._web_lock: IO | None = None
        self._private_web: Path | None = None

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    @property
    def web_dir(self) -> Path:
        """The Reflex build workspace this server compiled and built in."""
        return self._web_workdir() if self.app_dir == ROOT else self.app_dir / ".web"

    def _web_workdir(self) -> Path:
        """``.web`` when no other server of this checkout is building there, else a private copy.

        Two ``reflex run`` in one ``.web`` overwrite each other's compiled pages and build, so
        a second concurrent server (another test run, a benchmark) builds in a copy that keeps
        the installed ``node_modules``. The lock is held, and the copy kept, until this
        process exits.
        """
        if self._private_web is not None:
            return self._private_web
        if self._web_lock is None:
            lock = WEB_LOCK.open("w")
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                lock.close()
            else:
                self._web_lock = lock
                return WEB_DIR
        else:
            return WEB_DIR
        copy_root = tempfile.mkdtemp(prefix="fsg-web-")
        atexit.register(shutil.rmtree, copy_root, True)
        self._private_web = Path(copy_root) / "web"
        if WEB_DIR.is_dir():
            shutil.copytree(WEB_DIR, self._private_web, symlinks=True, ignore=_skip_web_build)
        return self._private_web

    def start(self) -> None:
        if not (BUN_BIN / "bun").exists():
            raise RuntimeError(f"bun is missing from {BUN_BIN}: run `make run` once first")
        env = {
            **os.environ,
            "REFLEX_TELEMETRY_ENABLED": "false",
            "PATH": f"{BUN_BIN}:{BIN}:{os.environ.get('PATH', '')}",
            **self._extra_env(),
        }
        env.pop("REFLEX_DB_URL", None)
        if self.db_url:
            env["REFLEX_DB_URL"] = self.db_url
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                self._command(),
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait_until_serving()

    def _command(self) -> list[str]:
        return [
            str(BIN / "python"),
            *("-m", "scripts.serve", "--port", str(self.port)),
            *("--app-dir", str(self.app_dir)),
        ]

    def _extra_env(self) -> dict[str, str]:
        return {"REFLEX_WEB_WORKDIR": str(self._web_workdir())} if self.app_dir == ROOT else {}

    def _ready(self) -> bool:
        """The backend answers and the home page is served."""
        try:
            with (
                urllib.request.urlopen(f"{self.url}/ping", timeout=2) as ping,
                urllib.request.urlopen(f"{self.url}/", timeout=5) as home,
            ):
                return ping.status == 200 and home.status == 200
        except OSError:
            return False

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + self.start_timeout_s
        while time.monotonic() < deadline:
            if self.process and self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited early; see {self.log_path}")
            if self._ready():
                return
            time.sleep(self.poll_s)
        raise TimeoutError(
            f"{self.name} did not start in {self.start_timeout_s}s; see {self.log_path}"
        )

    def log_text(self) -> str:
        return self.log_path.read_text(errors="replace") if self.log_path.exists() else ""

    def stop(self) -> None:
        if self.process is None:
            return
        stop_process_group(self.process)
        self.process = None

    def process_tree(self) -> list[int]:
        """The server's process and all its descendants."""
        return process_tree(self.process.pid) if self.process is not None else []

    def backend_pids(self) -> list[int]:
        """The processes of this server that listen on its port (the backend workers)."""
        return listening_pids(self.port, self.process_tree())

    def restart(self) -> None:
        self.stop()
        self.start()


class ClusterServer:
    """``scripts/cluster/`` on free ports: nginx, two Reflex workers, Redis, a fresh PostgreSQL.

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
            test_hooks=True,  # the worker pinning test_cluster.py and test_two_tabs.py use
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


def _skip_web_build(directory: str, names: list[str]) -> list[str]:
    """Leave out ``.web/build`` (the old build), but not packages' own ``build`` folders."""
    return ["build"] if Path(directory) == WEB_DIR and "build" in names else []
