"""Ports and processes, read through psutil: who listens where, CPU time, memory."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import time

import psutil

from scripts.cluster.processes import free_port

__all__ = ["free_port"]  # one definition, shared with the cluster

_GONE = (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess)


def listening_addresses(port: int) -> list[str]:
    """The local IP addresses with a socket listening on ``port``."""
    return [
        connection.laddr.ip
        for connection in psutil.net_connections(kind="tcp")
        if connection.status == psutil.CONN_LISTEN and connection.laddr.port == port
    ]


def listening_pids(port: int, candidates: list[int] | None = None) -> list[int]:
    """The processes (among ``candidates``, else all) holding a socket listening on ``port``."""
    pids = []
    for pid in candidates if candidates is not None else psutil.pids():
        with contextlib.suppress(*_GONE):
            if any(
                c.status == psutil.CONN_LISTEN and c.laddr.port == port
                for c in psutil.Process(pid).net_connections(kind="tcp")
            ):
                pids.append(pid)
    return pids


def process_tree(pid: int) -> list[int]:
    """``pid`` and all its descendants that are still running."""
    with contextlib.suppress(*_GONE):
        root = psutil.Process(pid)
        return [pid, *(child.pid for child in root.children(recursive=True))]
    return []


def port_released(port: int, timeout: float) -> bool:
    """Wait until nothing listens on ``port`` any more."""
    deadline = time.monotonic() + timeout
    while listening_pids(port):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def cpu_seconds(pids: list[int]) -> float:
    """User + system CPU time used so far by ``pids`` (all their threads)."""
    total = 0.0
    for pid in pids:
        with contextlib.suppress(*_GONE):
            times = psutil.Process(pid).cpu_times()
            total += times.user + times.system
    return total


def rss_mb(pids: list[int]) -> float:
    """Resident memory of ``pids`` in MB."""
    total = 0
    for pid in pids:
        with contextlib.suppress(*_GONE):
            total += psutil.Process(pid).memory_info().rss
    return total / 2**20


def pss_mb(pids: list[int]) -> float:
    """Proportional set size of ``pids`` in MB: shared pages split among their users, so the
    sum over a process tree is what the tree really costs."""
    total = 0
    for pid in pids:
        with contextlib.suppress(*_GONE):
            total += psutil.Process(pid).memory_full_info().pss
    return total / 2**20


def stop_process_group(process: subprocess.Popen) -> None:
    """SIGTERM the group ``process`` leads (it was started with ``start_new_session``), wait up
    to 30 s, then SIGKILL whatever of the group is left."""
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=30)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    except ProcessLookupError:
        pass
    with contextlib.suppress(ProcessLookupError):  # anything left in the group
        os.killpg(process.pid, signal.SIGKILL)
