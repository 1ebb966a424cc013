"""The cluster as one thing: its pieces started in order, supervised, and stopped in reverse."""

from __future__ import annotations

import hashlib
import os
import subprocess
import time
from pathlib import Path

from scripts.cluster.common import (
    CLUSTER_DIR,
    DEFAULT_STATE_DIR,
    ROOT,
    ClusterError,
    is_root,
    log,
    world_traversable,
)
from scripts.cluster.installer import ensure_packages
from scripts.cluster.nginx import TEST_HOOKS_ENV, NginxPart
from scripts.cluster.postgres import PostgresPart
from scripts.cluster.processes import ipv6_loopback_available, port_in_use
from scripts.cluster.redis_server import RedisPart
from scripts.cluster.workers import WorkersPart


class Cluster(PostgresPart, RedisPart, WorkersPart, NginxPart):
    """PostgreSQL + Redis + N Reflex backend workers behind nginx, all on loopback.

    Each piece's start and stop lives in its own module (the ``*Part`` bases); this class
    holds the layout of the state directory and the order of things.
    """

    def __init__(
        self,
        state_dir: Path = DEFAULT_STATE_DIR,
        *,
        port: int = 3000,
        workers: int = 2,
        worker_base_port: int = 8001,
        worker_ports: list[int] | None = None,
        pg_port: int = 55432,
        redis_port: int = 56379,
        db_url: str | None = None,
        redis_url: str | None = None,
        test_hooks: bool | None = None,
    ) -> None:
        self.state_dir = Path(state_dir).absolute()
        if test_hooks is None:
            test_hooks = os.environ.get(TEST_HOOKS_ENV) == "1"
        self.test_hooks = test_hooks
        self.port = port
        self.worker_ports = worker_ports or [worker_base_port + i for i in range(workers)]
        if len(self.worker_ports) < 1:
            raise ClusterError("at least one worker is needed")
        self.pg_port = pg_port
        self.redis_port = redis_port
        self.external_db_url = db_url
        self.external_redis_url = redis_url
        self.workers: dict[int, subprocess.Popen] = {}
        self.nginx: subprocess.Popen | None = None
        self.redis: subprocess.Popen | None = None

    @property
    def origin(self) -> str:
        return f"http://localhost:{self.port}"

    @property
    def local_origins(self) -> list[str]:
        """Every address of this machine's nginx a learner may open, as ``make run`` accepts."""
        origins = [self.origin, f"http://127.0.0.1:{self.port}"]
        if ipv6_loopback_available():
            origins.append(f"http://[::1]:{self.port}")
        return origins

    @property
    def logs(self) -> Path:
        return self.state_dir / "logs"

    @property
    def run_dir(self) -> Path:
        return self.state_dir / "run"

    @property
    def secrets_dir(self) -> Path:
        return self.state_dir / "secrets"

    @property
    def site(self) -> Path:
        return self.state_dir / "site"

    # --- lifecycle --------------------------------------------------------------------------

    def preflight(self) -> None:
        """Install what is missing and check nothing is in the way; starts nothing."""
        ensure_packages(not self.external_db_url, not self.external_redis_url)
        self._prepare_dirs()
        if self.running_pieces():
            raise ClusterError(
                f"a cluster is already running from {self.state_dir}; "
                "stop it first (make cluster-stop)"
            )
        ports = [self.port, *self.worker_ports]
        ports += [] if self.external_db_url else [self.pg_port]
        ports += [] if self.external_redis_url else [self.redis_port]
        busy = [port for port in ports if port_in_use(port)]
        if busy:
            raise ClusterError(f"ports already in use: {busy}")

    def start(self) -> None:
        """Bring every piece up, in order; on any failure stop what was started."""
        self.preflight()
        self._stop_request.unlink(missing_ok=True)
        try:
            started = time.monotonic()
            if not self.external_db_url:
                self.start_postgres()
            if not self.external_redis_url:
                self.start_redis()
            self.migrate()
            self.export_frontend()
            self.start_workers()
            self.start_nginx()
            self.wait_until_serving()
            log(f"serving {self.origin} in {time.monotonic() - started:.0f}s")
        except BaseException:
            self.stop()
            raise

    def stop(self) -> None:
        """Stop everything this state directory records, in reverse order; safe to repeat."""
        self.stop_nginx()
        for name in self._worker_names():
            self._terminate(name)
        self.workers.clear()
        self.stop_redis()
        self.stop_postgres()

    def request_stop(self) -> None:
        """Tell a foreground ``up`` in another terminal that this stop is deliberate."""
        if self.run_dir.is_dir():
            self._stop_request.touch()

    def restart_workers(self) -> None:
        for index in range(len(self.worker_ports)):
            self.stop_worker(index)
        self.start_workers()

    def running_pieces(self) -> list[str]:
        pieces = []
        if self._pid("nginx"):
            pieces.append("nginx")
        pieces += [f"worker :{n.split('-')[1]}" for n in self._worker_names() if self._pid(n)]
        if self._pid("redis"):
            pieces.append("redis")
        if (self.pg_data / "postmaster.pid").exists() and self._pg_ctl_status():
            pieces.append("postgres")
        return pieces

    # --- directories -----------------------------------------------------------------------

    def _prepare_dirs(self) -> None:
        if is_root() and self.state_dir == DEFAULT_STATE_DIR.absolute():
            self._relocate_if_unreachable()
        for path in (self.state_dir, self.logs, self.run_dir, self.state_dir / "nginx"):
            path.mkdir(parents=True, exist_ok=True)
        self.state_dir.chmod(0o755)
        if self.state_dir.parent == CLUSTER_DIR:
            CLUSTER_DIR.chmod(0o755)
        self.secrets_dir.mkdir(mode=0o700, exist_ok=True)
        self.secrets_dir.chmod(0o700)
        if is_root() and not world_traversable(self.state_dir):
            raise ClusterError(
                f"{self.state_dir} is not reachable by the postgres/www-data accounts; "
                "give its parent directories o+x or use another state directory"
            )

    def _relocate_if_unreachable(self) -> None:
        """A checkout under a private home: keep the data in /var/tmp, linked from .cluster/."""
        link = self.state_dir
        if link.is_symlink():
            self.state_dir = link.resolve()
            return
        if link.exists() or world_traversable(ROOT):
            return
        key = hashlib.sha256(str(ROOT).encode()).hexdigest()[:12]
        target = Path("/var/tmp") / f"fsg-cluster-{key}"
        target.mkdir(mode=0o755, exist_ok=True)
        link.parent.mkdir(parents=True, exist_ok=True)
        link.symlink_to(target)
        self.state_dir = target
        log(f"{ROOT} is private to its owner: cluster data lives in {target} (.cluster/data)")

    @property
    def _stop_request(self) -> Path:
        return self.run_dir / "stop-requested"

    # --- supervision ------------------------------------------------------------------------

    def supervise(self) -> int:
        """Stay in the foreground until Ctrl-C/SIGTERM or until nginx or Redis dies."""
        reported: set[int] = set()
        while True:
            time.sleep(1)
            if self._stop_request.exists():
                log("stop requested (make cluster-stop)")
                return 0
            for name, process in (("nginx", self.nginx), ("redis", self.redis)):
                if process is not None and process.poll() is not None:
                    log(f"{name} exited ({process.returncode}); see {self.logs}/{name}.log")
                    return 1
            for index, process in list(self.workers.items()):
                if process.poll() is not None and index not in reported:
                    reported.add(index)
                    log(
                        f"worker :{self.worker_ports[index]} exited ({process.returncode}); "
                        "nginx sends its tabs to the others"
                    )
            if len(reported) == len(self.worker_ports):
                log("every worker has exited")
                return 1
