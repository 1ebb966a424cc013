"""The cluster finds the processes it started by pid and start time, not by command line.

Granian renames its processes ("granian asgi 127.0.0.1:8001 …"), so a worker's command line
says nothing of Reflex; ``make cluster-stop`` and a killed worker in the tests must still find it.
"""

from __future__ import annotations

import signal
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import psutil
import pytest

from scripts.cluster import processes
from scripts.cluster.common import ClusterError
from scripts.cluster.processes import ProcessTable, pid_alive
from scripts.cluster.workers import WorkersPart

RENAMED = (
    "import setproctitle, time; setproctitle.setproctitle('granian asgi 127.0.0.1:8001 app');"
    "print('ready', flush=True); time.sleep(60)"
)


@pytest.fixture
def table(tmp_path: Path) -> Iterator[ProcessTable]:
    processes = ProcessTable()
    processes.logs, processes.run_dir = tmp_path, tmp_path
    yield processes
    for pidfile in tmp_path.glob("*.pid"):
        processes._terminate(pidfile.stem, signal.SIGKILL)


def _wait_for_ready(log: Path) -> None:
    deadline = time.monotonic() + 20
    while "ready" not in (log.read_text() if log.exists() else ""):
        assert time.monotonic() < deadline, "the child never started"
        time.sleep(0.05)


def test_a_renamed_worker_is_found_and_killed(table: ProcessTable, tmp_path: Path):
    pytest.importorskip("setproctitle")
    process = table._spawn("worker-8001", [sys.executable, "-c", RENAMED])
    _wait_for_ready(tmp_path / "worker-8001.log")
    assert table._pid("worker-8001") == process.pid
    table._terminate("worker-8001", signal.SIGKILL)
    assert not pid_alive(process.pid)
    assert not (tmp_path / "worker-8001.pid").exists()


def test_a_pid_now_held_by_another_process_is_not_ours(table: ProcessTable, tmp_path: Path):
    process = table._spawn("worker-8002", [sys.executable, "-c", "import time; time.sleep(60)"])
    pid, started = (tmp_path / "worker-8002.pid").read_text().split()
    (tmp_path / "worker-8002.pid").write_text(f"{pid} {float(started) - 0.01}\n")  # reused pid
    assert table._pid("worker-8002") is None
    process.kill()
    process.wait()


def test_an_old_or_broken_pid_file_is_ignored(table: ProcessTable, tmp_path: Path):
    (tmp_path / "nginx.pid").write_text("12345\n")  # no start time
    assert table._pid("nginx") is None
    assert not (tmp_path / "nginx.pid").exists()


def test_a_clock_step_does_not_hide_a_running_process(
    table: ProcessTable, tmp_path: Path, monkeypatch
):
    """The wall clock jumps an hour (NTP, a resumed VM): the worker is still found and stopped.

    psutil's start times are the boot time on the wall clock plus the kernel's start tick; the
    pid file keeps only the tick, which no clock step moves.
    """
    process = table._spawn("worker-8003", [sys.executable, "-c", "import time; time.sleep(60)"])
    booted = psutil.boot_time()
    monkeypatch.setattr(psutil._psplatform, "boot_time", lambda: booted + 3600)
    assert table._pid("worker-8003") == process.pid
    assert table._terminate("worker-8003", signal.SIGKILL)
    assert not pid_alive(process.pid)


def test_a_pid_file_from_an_older_checkout_still_finds_its_process(
    table: ProcessTable, tmp_path: Path
):
    """Pid files held the wall-clock start time before: a cluster started then still stops."""
    process = table._spawn("worker-8005", [sys.executable, "-c", "import time; time.sleep(60)"])
    wall_clock = psutil.Process(process.pid).create_time()
    (tmp_path / "worker-8005.pid").write_text(f"{process.pid} {wall_clock}\n")
    assert table._pid("worker-8005") == process.pid


GROUP = (
    "import subprocess, sys, time; subprocess.Popen([sys.executable, '-c', "
    "'import signal, time; signal.signal(signal.SIGTERM, signal.SIG_IGN); "
    'print("child ready", flush=True); time.sleep(60)\']); time.sleep(60)'
)


def test_stopping_waits_for_the_whole_process_group(
    table: ProcessTable, tmp_path: Path, monkeypatch
):
    """Granian's worker process, not its main one, holds the port: stopped means all of it."""
    monkeypatch.setattr(processes, "STOP_TIMEOUT_S", 1)
    leader = table._spawn("worker-8006", [sys.executable, "-c", GROUP])
    deadline = time.monotonic() + 20
    while "child ready" not in (tmp_path / "worker-8006.log").read_text():
        assert time.monotonic() < deadline, "the child never started"
        time.sleep(0.05)
    child = next(p for p in psutil.Process(leader.pid).children() if p.pid != leader.pid)
    assert table._terminate("worker-8006", signal.SIGTERM, leader)  # the child ignores it
    assert not pid_alive(leader.pid)
    assert not pid_alive(child.pid)
    assert not processes.group_alive(leader.pid)


def _workers(tmp_path: Path) -> WorkersPart:
    workers = WorkersPart()
    workers.logs, workers.run_dir = tmp_path, tmp_path
    workers.worker_ports, workers.workers = [8004], {}
    return workers


def test_a_worker_this_supervisor_started_is_killed_without_its_pid_file(tmp_path: Path):
    workers = _workers(tmp_path)
    process = workers._spawn("worker-8004", [sys.executable, "-c", "import time; time.sleep(60)"])
    workers.workers[0] = process
    (tmp_path / "worker-8004.pid").unlink()
    workers.kill_worker(0)
    assert not pid_alive(process.pid)


def test_killing_a_worker_that_is_not_running_says_so(tmp_path: Path):
    """A test that kills a worker must not go on to check a failover that never happened."""
    with pytest.raises(ClusterError, match=r"worker 0 \(port 8004\) was not running"):
        _workers(tmp_path).kill_worker(0)
