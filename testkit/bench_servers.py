"""Start and stop production builds (``reflex run --env prod``) for the benchmarks.

:class:`~testkit.app_server.AppServer`, named; :func:`serving` stops them on any exit,
including Ctrl-C and SIGTERM.
"""

from __future__ import annotations

import contextlib
import signal
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

from testkit.app_server import AppServer
from testkit.migrations import upgrade
from testkit.paths import BARE_APP, ROOT


class ProdServer(AppServer):
    """A named production server of the app in ``app_dir`` that says when it is serving."""

    def __init__(self, name: str, app_dir: Path, log_path: Path, db_url: str | None = None):
        super().__init__(db_url, log_path, app_dir=app_dir, name=name)

    def start(self) -> None:
        started = time.monotonic()
        super().start()
        print(
            f"  {self.name}: serving on :{self.port} after {time.monotonic() - started:.0f} s",
            flush=True,
        )


def migrated_sqlite(workdir: Path) -> tuple[str, str]:
    """A fresh SQLite database with the app's migrations applied: (db_url, file path)."""
    path = workdir / "bench.db"
    db_url = f"sqlite:///{path}"
    upgrade(db_url)
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


@contextlib.contextmanager
def ours_and_bare(prefix: str) -> Iterator[tuple[ProdServer, ProdServer, str]]:
    """This app on a fresh migrated SQLite database and the bare app, both serving:
    ``(ours, bare, sqlite_path)``; stopped on any exit."""
    tmp = workdir(prefix)
    db_url, db_path = migrated_sqlite(tmp)
    ours = ProdServer("ours", ROOT, tmp / "ours.log", db_url)
    bare = ProdServer("bare", BARE_APP, tmp / "bare.log")
    print(f"Starting both production builds (logs in {tmp})...", flush=True)
    with serving(bare, ours):
        yield ours, bare, db_path


def workdir(prefix: str) -> Path:
    return Path(tempfile.mkdtemp(prefix=prefix))
