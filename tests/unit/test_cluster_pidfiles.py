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

import pytest

from scripts.cluster.processes import ProcessTable, pid_alive

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
    (tmp_path / "worker-8002.pid").write_text(f"{pid} {float(started) - 100}\n")  # reused pid
    assert table._pid("worker-8002") is None
    process.kill()
    process.wait()


def test_an_old_or_broken_pid_file_is_ignored(table: ProcessTable, tmp_path: Path):
    (tmp_path / "nginx.pid").write_text("12345\n")  # no start time
    assert table._pid("nginx") is None
    assert not (tmp_path / "nginx.pid").exists()
