"""``python -m scripts.cluster up|stop|status|deps``: the command line ``make cluster`` runs."""

from __future__ import annotations

import argparse
import os
import signal
from pathlib import Path

from scripts.cluster.common import DEFAULT_STATE_DIR, ClusterError, log
from scripts.cluster.installer import ensure_packages
from scripts.cluster.lifecycle import Cluster

DESCRIPTION = "Run the guide as a small cluster on this machine: the scale-out topology, for real."


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m scripts.cluster", description=DESCRIPTION)
    parser.add_argument(
        "command", nargs="?", default="up", choices=["up", "stop", "status", "deps"]
    )
    env = os.environ.get
    number = {"type": int, "metavar": "N"}
    parser.add_argument(
        "--port", **number, default=int(env("PORT", "3000")), help="nginx port (3000)"
    )
    parser.add_argument(
        "--workers", **number, default=int(env("WORKERS", "2")), help="backend workers (2)"
    )
    parser.add_argument(
        "--worker-base-port",
        **number,
        default=int(env("WORKER_PORT", "8001")),
        help="first worker's port; the others follow (8001)",
    )
    parser.add_argument("--pg-port", **number, default=int(env("PG_PORT", "55432")))
    parser.add_argument("--redis-port", **number, default=int(env("REDIS_PORT", "56379")))
    parser.add_argument(
        "--state-dir", type=Path, default=DEFAULT_STATE_DIR, help="data, logs, pids (.cluster/data)"
    )
    parser.add_argument(
        "--db-url",
        default=env("CLUSTER_DB_URL"),
        help="an existing PostgreSQL (postgresql+psycopg://...) instead of a local one",
    )
    parser.add_argument(
        "--redis-url",
        default=env("CLUSTER_REDIS_URL"),
        help="an existing Redis (redis://...) instead of a local one",
    )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    state_dir = args.state_dir.resolve() if args.state_dir.is_symlink() else args.state_dir
    cluster = Cluster(
        state_dir,
        port=args.port,
        workers=args.workers,
        worker_base_port=args.worker_base_port,
        pg_port=args.pg_port,
        redis_port=args.redis_port,
        db_url=args.db_url,
        redis_url=args.redis_url,
    )
    if args.command == "deps":
        ensure_packages(not args.db_url, not args.redis_url)
        return 0
    if args.command == "status":
        pieces = cluster.running_pieces() if state_dir.exists() else []
        print("running: " + (", ".join(pieces) if pieces else "nothing"))
        return 0
    if args.command == "stop":
        if state_dir.exists():
            cluster.request_stop()
            cluster.stop()
        log("stopped")
        return 0

    def _interrupt(_signum, _frame):
        raise KeyboardInterrupt

    stop_signals = (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    for signum in stop_signals:
        if signal.getsignal(signum) is not signal.SIG_IGN:  # nohup & co. keep their say
            signal.signal(signum, _interrupt)
    try:
        cluster.preflight()  # a refusal here must not stop a cluster that is already running
    except ClusterError as error:
        log(f"error: {error}")
        return 1
    except KeyboardInterrupt:
        return 130
    try:
        cluster.start()
        log(
            f"open {cluster.origin} (or {', '.join(cluster.local_origins[1:])}); "
            f"logs in {cluster.logs}; Ctrl-C stops everything"
        )
        return cluster.supervise()
    except KeyboardInterrupt:
        return 0
    except ClusterError as error:
        log(f"error: {error}")
        return 1
    finally:
        # A second Ctrl-C, or make passing on its own SIGTERM, must not cut the stop short.
        for signum in stop_signals:
            signal.signal(signum, signal.SIG_IGN)
        log("stopping")
        cluster.stop()
        log("stopped")
