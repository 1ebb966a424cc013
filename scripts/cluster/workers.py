"""The Reflex side: migrations, the frontend export nginx serves, and the backend workers."""

from __future__ import annotations

import contextlib
import fcntl
import os
import shutil
import signal
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

from scripts.build_cache import (
    build_fingerprint,
    export_with_retries,
    is_current,
)
from scripts.cluster.common import (
    BIN,
    BUN_BIN,
    START_TIMEOUT_S,
    WEB_WORKDIR,
    ClusterError,
    log,
)
from scripts.cluster.processes import ProcessTable, http_ok

# The export writes .gz and .br beside every compressible file; nginx serves them as they are.
COMPRESSION_FORMATS = "gzip,brotli"


class WorkersPart(ProcessTable):
    """``reflex db migrate`` once, ``reflex export`` when the sources change, N workers."""

    state_dir: Path
    port: int
    worker_ports: list[int]
    workers: dict[int, subprocess.Popen]
    origin: str
    local_origins: list[str]
    site: Path
    db_url: str
    redis_url: str

    def worker_url(self, index: int) -> str:
        return f"http://127.0.0.1:{self.worker_ports[index]}"

    def _worker_names(self) -> list[str]:
        """Workers by pid file, so ``stop`` finds them whatever ports they were started on."""
        names = {f"worker-{p}" for p in self.worker_ports}
        if self.run_dir.is_dir():
            names |= {path.stem for path in self.run_dir.glob("worker-*.pid")}
        return sorted(names, key=lambda name: int(name.split("-")[1]))

    def reflex_env(self) -> dict[str, str]:
        return {
            **os.environ,
            "REFLEX_DB_URL": self.db_url,
            "REFLEX_REDIS_URL": self.redis_url,
            "REFLEX_API_URL": self.origin,  # baked into the frontend: the nginx origin
            "REFLEX_DEPLOY_URL": self.origin,
            # localhost, 127.0.0.1 and [::1] all reach nginx: accept the websocket from each,
            # as ``make run`` does (over rxconfig.allowed_origins, which knows one deploy URL).
            "REFLEX_CORS_ALLOWED_ORIGINS": ",".join(self.local_origins),
            "REFLEX_FRONTEND_COMPRESSION_FORMATS": COMPRESSION_FORMATS,
            "REFLEX_WEB_WORKDIR": str(WEB_WORKDIR),
            "REFLEX_STATES_WORKDIR": str(self.state_dir / "states"),
            "REFLEX_TRUSTED_PROXY_HOPS": "1",  # client IPs come from nginx's X-Forwarded-For
            "REFLEX_TELEMETRY_ENABLED": "false",
            # One process per worker port, so "a worker" is one process nginx can balance to.
            "GRANIAN_WORKERS": os.environ.get("GRANIAN_WORKERS", "1"),
            # Reflex's opportunistic locks: a worker keeps a tab's state and its Redis lock
            # between that tab's events, and hands both back when another worker asks (or after
            # half the lock's expiry), instead of locking, loading and saving the state in
            # Redis for every event. Server CPU a tick at saturation 3.27 -> 2.24 ms
            # (docs/performance.md, stop 22). REFLEX_OPLOCK_ENABLED=false turns them off.
            "REFLEX_OPLOCK_ENABLED": os.environ.get("REFLEX_OPLOCK_ENABLED", "true"),
            "PATH": f"{BUN_BIN}:{BIN}:{os.environ.get('PATH', '')}",
        }

    def migrate(self) -> None:
        """The Alembic migrations, once, before any worker starts."""
        self._run([str(BIN / "reflex"), "db", "migrate"], "migrate", env=self.reflex_env())
        log("migrations applied")

    @contextlib.contextmanager
    def _build_lock(self) -> Iterator[None]:
        WEB_WORKDIR.parent.mkdir(parents=True, exist_ok=True)
        with (WEB_WORKDIR.parent / "web.lock").open("w") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(lock, fcntl.LOCK_UN)

    def export_frontend(self) -> None:
        """``reflex export --frontend-only`` for the nginx origin, copied into ``site/``."""
        fingerprint = build_fingerprint(self.origin, env=self.reflex_env())
        stamp = self.state_dir / "site.fingerprint"
        if is_current(stamp, fingerprint, self.site):
            log("frontend unchanged since the last export; reusing it")
            return
        log(f"exporting the frontend for {self.origin} (log: {self.logs / 'export.log'})")
        started = time.monotonic()
        with self._build_lock():
            export_with_retries(
                lambda command: self._run(command, "export", env=self.reflex_env()), log
            )
            built = WEB_WORKDIR / "build" / "client"
            fresh = self.state_dir / "site.new"
            shutil.rmtree(fresh, ignore_errors=True)
            shutil.copytree(built, fresh)
            routes = WEB_WORKDIR / "routes.json"
            if routes.exists():
                shutil.copy(routes, self.state_dir / "routes.json")
        if not any(
            f"ws://localhost:{self.port}/_event" in js.read_text(errors="ignore")
            for js in (fresh / "assets").glob("*.js")
        ):
            raise ClusterError(f"the exported frontend does not point at {self.origin}")
        old = self.state_dir / "site.old"
        shutil.rmtree(old, ignore_errors=True)
        if self.site.exists():
            self.site.rename(old)
        fresh.rename(self.site)
        shutil.rmtree(old, ignore_errors=True)
        for path in [self.site, *self.site.rglob("*")]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        stamp.write_text(fingerprint)
        log(f"frontend exported in {time.monotonic() - started:.0f}s")

    def start_worker(self, index: int, wait: bool = True) -> subprocess.Popen:
        port = self.worker_ports[index]
        process = self._spawn(
            f"worker-{port}",
            [
                str(BIN / "reflex"),
                *("run", "--env", "prod", "--backend-only"),
                *("--backend-port", str(port), "--backend-host", "127.0.0.1"),
            ],
            env=self.reflex_env(),
        )
        self.workers[index] = process
        if wait:
            self._wait_worker(index)
        return process

    def _wait_worker(self, index: int) -> None:
        port = self.worker_ports[index]
        self._wait(
            lambda: http_ok(f"{self.worker_url(index)}/ping"),
            f"worker-{port}",
            self.workers.get(index),
            START_TIMEOUT_S,
        )

    def start_workers(self) -> None:
        for index in range(len(self.worker_ports)):
            self.start_worker(index, wait=False)
        for index in range(len(self.worker_ports)):
            self._wait_worker(index)
        log(f"{len(self.worker_ports)} workers ready on ports {self.worker_ports}")

    def stop_worker(self, index: int, sig: int = signal.SIGTERM) -> bool:
        """Whether worker ``index`` was running (and is now stopped)."""
        stopped = self._terminate(
            f"worker-{self.worker_ports[index]}", sig, self.workers.get(index)
        )
        self.workers.pop(index, None)
        return stopped

    def kill_worker(self, index: int) -> None:
        """A crash, not a shutdown: SIGKILL the worker's whole process group.

        Raises when there was no such worker: a test that kills one must not go on to check a
        failover that never happened.
        """
        if not self.stop_worker(index, signal.SIGKILL):
            raise ClusterError(f"worker {index} (port {self.worker_ports[index]}) was not running")
