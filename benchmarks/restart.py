"""Restart: from ``make run`` to a tick that round-trips, sources unchanged since the last start.

Run: make bench (or .venv/bin/python -m benchmarks.restart [--runs 3] [--no-cluster])

``make run PORT=<free port>`` on a throw-away migrated SQLite database (``REFLEX_DB_URL``): a
first start builds for that port (not counted); then each run starts ``make run`` again and
times until a learner has opened ``/checklist`` and a tick has come back acknowledged (its set-up
steps, the build check and the server start are all in the figure), then stops it. The
baseline is the same for ``make cluster``, which reuses its export: the cluster is started once
(exporting if needed), then stopped and started again to a tick. Medians of ``--runs``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import subprocess
import time
from pathlib import Path

from testkit.app_server import ClusterServer
from testkit.bench_servers import migrated_sqlite, workdir
from testkit.bench_table import record
from testkit.paths import ROOT
from testkit.processes import free_port, port_released, stop_process_group
from testkit.reflex_client import ProgressLearner

RUNS = 3
TARGET_S = 15.0
START_TIMEOUT_S = 900.0


async def seconds_to_a_saved_tick(url: str, started: float, timeout: float) -> float:
    """Open the checklist and tick once, retrying until the server answers."""
    from fullstack_guide.content import get_content

    item = sorted(get_content().item_slugs)[0]
    deadline = started + timeout
    while True:
        learner = ProgressLearner(url)
        try:
            await learner.open(timeout=10)
            await learner.tick(item)
            return time.monotonic() - started
        except Exception:
            if time.monotonic() > deadline:
                raise
            await asyncio.sleep(0.1)
        finally:
            await learner.close()


class MakeRun:
    """``make run`` on its own port and database, in its own process group."""

    def __init__(self, db_url: str, log_path: Path) -> None:
        self.port = free_port()
        self.db_url = db_url
        self.log_path = log_path
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        return f"http://localhost:{self.port}"

    def start(self) -> float:
        """Seconds from ``make run`` to an acknowledged tick."""
        env = {**os.environ, "REFLEX_DB_URL": self.db_url}
        started = time.monotonic()
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(
                ["make", "-s", "run", f"PORT={self.port}"],
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        return asyncio.run(seconds_to_a_saved_tick(self.url, started, START_TIMEOUT_S))

    def stop(self) -> None:
        if self.process is None:
            return
        stop_process_group(self.process)
        port_released(self.port, 30)
        self.process = None


def restarts_of_make_run(runs: int) -> list[float]:
    tmp = workdir("fsg-bench-restart-")
    db_url, _ = migrated_sqlite(tmp)
    server = MakeRun(db_url, tmp / "make-run.log")
    print(f"make run on :{server.port} (log: {server.log_path})", flush=True)
    try:
        print(f"  first start (builds for this port): {server.start():.1f} s", flush=True)
        server.stop()
        seconds = []
        for run in range(1, runs + 1):
            seconds.append(server.start())
            server.stop()
            print(f"  restart {run}: {seconds[-1]:.1f} s to a saved tick", flush=True)
        return seconds
    finally:
        server.stop()


def restarts_of_the_cluster(runs: int) -> list[float]:
    tmp = workdir("fsg-bench-restart-cluster-")
    tmp.chmod(0o755)  # PostgreSQL and nginx run as their own accounts
    cluster = ClusterServer(tmp)
    print(f"make cluster on {cluster.url} (logs: {cluster.log_path})", flush=True)
    try:
        started = time.monotonic()
        cluster.start()
        first = asyncio.run(seconds_to_a_saved_tick(cluster.url, started, START_TIMEOUT_S))
        print(f"  first start: {first:.1f} s", flush=True)
        seconds = []
        for run in range(1, runs + 1):
            cluster.stop()
            started = time.monotonic()
            cluster.start()
            seconds.append(
                asyncio.run(seconds_to_a_saved_tick(cluster.url, started, START_TIMEOUT_S))
            )
            print(f"  restart {run}: {seconds[-1]:.1f} s to a saved tick", flush=True)
        return seconds
    finally:
        cluster.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--no-cluster", action="store_true", help="skip the cluster baseline")
    args = parser.parse_args()
    ours = statistics.median(restarts_of_make_run(args.runs))
    cluster = None if args.no_cluster else statistics.median(restarts_of_the_cluster(args.runs))
    print(f"make run restart to a saved tick: median {ours:.1f} s", flush=True)
    record(
        "restart (make run, unchanged sources) to a saved tick",
        ours,
        unit="s",
        target=f"≤ {TARGET_S:.0f} s",
        met=ours <= TARGET_S,
        baseline=cluster,
        baseline_name="make cluster, reusing its export",
    )


if __name__ == "__main__":
    main()
