"""Start and stop production builds (``reflex run --env prod``) for the benchmarks.

The same way ``make run`` and the browser tests serve the app: bun from ``.tools`` on PATH,
a free port, the database from ``REFLEX_DB_URL``. Every process a server starts lives in its
own process group, which :meth:`ProdServer.stop` ends; :func:`serving` stops them on any
exit, including Ctrl-C and SIGTERM.
"""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BARE_APP = ROOT / "benchmarks" / "bare_app"
BIN = Path(sys.executable).parent
BUN_BIN = ROOT / ".tools" / "node_modules" / ".bin"
START_TIMEOUT_S = 600


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class ProdServer:
    """``reflex run --env prod --frontend-port P`` of the app in ``app_dir``."""

    def __init__(self, name: str, app_dir: Path, log_path: Path, db_url: str | None = None):
        self.name = name
        self.app_dir = app_dir
        self.log_path = log_path
        self.db_url = db_url
        self.port = free_port()
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def start(self) -> None:
        if not (BUN_BIN / "bun").exists():
            raise RuntimeError(f"bun is missing from {BUN_BIN}: run `make run` once first")
        env = {
            **os.environ,
            "REFLEX_TELEMETRY_ENABLED": "false",
            "PATH": f"{BUN_BIN}:{BIN}:{os.environ.get('PATH', '')}",
        }
        env.pop("REFLEX_DB_URL", None)
        if self.db_url:
            env["REFLEX_DB_URL"] = self.db_url
        started = time.monotonic()
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                [str(BIN / "reflex"), "run", "--env", "prod", "--frontend-port", str(self.port)],
                cwd=self.app_dir,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait_until_serving()
        print(
            f"  {self.name}: serving on :{self.port} after {time.monotonic() - started:.0f} s",
            flush=True,
        )

    def _wait_until_serving(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process and self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited early; see {self.log_path}")
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
        raise TimeoutError(f"{self.name} did not start in {START_TIMEOUT_S}s; see {self.log_path}")

    def backend_pids(self) -> list[int]:
        """The processes of this server that listen on its port (the backend workers)."""
        return listening_pids(self.port, self.process_tree())

    def process_tree(self) -> list[int]:
        """The server's process and all its descendants."""
        if self.process is None:
            return []
        children: dict[int, list[int]] = {}
        for stat in Path("/proc").glob("[0-9]*/stat"):
            with contextlib.suppress(OSError):
                text = stat.read_text()
                ppid = int(text.rpartition(")")[2].split()[1])
                children.setdefault(ppid, []).append(int(stat.parent.name))
        tree, todo = [], [self.process.pid]
        while todo:
            pid = todo.pop()
            tree.append(pid)
            todo.extend(children.get(pid, []))
        return tree

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
        with contextlib.suppress(ProcessLookupError):  # anything left in the group
            os.killpg(self.process.pid, signal.SIGKILL)
        self.process = None


def listening_pids(port: int, candidates: list[int] | None = None) -> list[int]:
    """The processes (among ``candidates``, else all) holding a socket listening on ``port``."""
    inodes = _listening_inodes(port)
    if candidates is None:
        candidates = [int(path.name) for path in Path("/proc").glob("[0-9]*")]
    pids = []
    for pid in candidates:
        with contextlib.suppress(OSError):
            for fd in Path(f"/proc/{pid}/fd").iterdir():
                with contextlib.suppress(OSError):
                    target = os.readlink(fd)
                    if target.startswith("socket:[") and target[8:-1] in inodes:
                        pids.append(pid)
                        break
    return pids


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time used so far by ``pids`` (all their threads)."""
    ticks = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            fields = Path(f"/proc/{pid}/stat").read_text().rpartition(")")[2].split()
            ticks += int(fields[11]) + int(fields[12])
    return ticks / os.sysconf("SC_CLK_TCK")


def _listening_inodes(port: int) -> set[str]:
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        with contextlib.suppress(OSError), open(table) as lines:
            next(lines)
            for line in lines:
                fields = line.split()
                if fields[3] == "0A" and int(fields[1].rsplit(":", 1)[1], 16) == port:
                    inodes.add(fields[9])
    return inodes


def rss_mb(pids: list[int]) -> float:
    """Resident memory of ``pids`` in MB (VmRSS from /proc)."""
    total_kb = 0
    for pid in pids:
        with contextlib.suppress(OSError):
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total_kb += int(line.split()[1])
    return total_kb / 1024


def migrated_sqlite(workdir: Path) -> tuple[str, str]:
    """A fresh SQLite database with the app's migrations applied: (db_url, file path)."""
    from alembic import command
    from alembic.config import Config

    path = workdir / "bench.db"
    db_url = f"sqlite:///{path}"
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.attributes["db_url"] = db_url
    config.attributes["configure_logger"] = False
    command.upgrade(config, "head")
    return db_url, str(path)


@contextlib.contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    def interrupt(_signum, _frame):
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


@contextlib.contextmanager
def serving(*servers: ProdServer) -> Iterator[tuple[ProdServer, ...]]:
    """Start ``servers`` one after the other (builds share two cores); always stop them."""
    with _sigterm_as_interrupt():
        try:
            for server in servers:
                server.start()
            yield servers
        finally:
            for server in servers:
                server.stop()


def workdir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))
