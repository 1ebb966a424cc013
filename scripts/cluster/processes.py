"""Ports, processes and pid files: how the cluster starts, finds and stops its pieces."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import psutil

from scripts.cluster.common import ROOT, STOP_TIMEOUT_S, ClusterError, tail


def free_port(taken: set[int] | None = None) -> int:
    while True:
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            port = sock.getsockname()[1]
        if not taken or port not in taken:
            return port


def port_in_use(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def ipv6_loopback_available() -> bool:
    try:
        with socket.socket(socket.AF_INET6) as sock:
            sock.bind(("::1", 0))
        return True
    except OSError:
        return False


def http_ok(url: str, timeout: float = 3) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status == 200
    except OSError:
        return False


def pid_alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie child of ours counts as gone)."""
    try:
        return psutil.Process(pid).status() != psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return False
    except psutil.AccessDenied:
        return True


def group_alive(pgid: int) -> bool:
    """Whether any process of group ``pgid`` still runs (zombies count as gone).

    A worker is Granian's main process and its worker process, which holds the listening
    socket and the websockets: the group's leader can be gone while that one is still exiting.
    """
    for process in psutil.process_iter(["status"]):
        try:
            if process.info["status"] != psutil.STATUS_ZOMBIE and os.getpgid(process.pid) == pgid:
                return True
        except (OSError, psutil.Error):
            continue
    return False


def started_at(pid: int) -> float | None:
    """When ``pid`` started, in seconds since boot; None if gone.

    Not psutil's ``create_time`` itself: that is the boot time *on the wall clock* plus the
    kernel's start tick, so a clock step (NTP, a resumed VM) moves it, and a pid file checked
    against it stops matching a process that is still running. Its boot-relative part does
    not move (the kernel counts it in ticks of 10 ms).
    """
    return _start_times(pid)[0]


def _start_times(pid: int) -> tuple[float | None, float | None]:
    """``pid``'s start in seconds since boot, and on the wall clock: the second is what pid
    files held before stop 23, so ``make cluster-stop`` still finds a cluster started by an
    older checkout (seconds since boot are far below it). (None, None) if gone."""
    try:
        wall_clock = psutil.Process(pid).create_time()
    except (psutil.NoSuchProcess, psutil.AccessDenied, psutil.ZombieProcess):
        return None, None
    return round(wall_clock - psutil.boot_time(), 2), wall_clock


class ProcessTable:
    """Processes recorded by pid file in ``run_dir``, logging to ``logs/<name>.log``.

    A pid file survives the supervisor, so ``stop`` from another terminal finds what ``up``
    started; a recorded pid counts only while its command line is still the one we started.
    """

    logs: Path
    run_dir: Path

    def _pidfile(self, name: str) -> Path:
        return self.run_dir / f"{name}.pid"

    def _pid(self, name: str) -> int | None:
        """The recorded pid when that process is still alive and is the one we started.

        The pid file holds the pid and the process's start time: a pid the system has since
        given to another process has another start time. (Command lines do not identify a
        worker: Granian renames its processes, "granian asgi 127.0.0.1:8001 …".)
        """
        path = self._pidfile(name)
        try:
            fields = path.read_text().split()
            pid, started = int(fields[0]), float(fields[1])
        except (OSError, ValueError, IndexError):
            path.unlink(missing_ok=True)
            return None
        if pid_alive(pid) and started in _start_times(pid):
            return pid
        path.unlink(missing_ok=True)
        return None

    def _spawn(self, name: str, command: list[str], env: dict | None = None) -> subprocess.Popen:
        log_file = (self.logs / f"{name}.log").open("ab")
        try:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
                start_new_session=True,  # Ctrl-C reaches the supervisor only; it stops us
            )
        finally:
            log_file.close()
        self._pidfile(name).write_text(f"{process.pid} {started_at(process.pid)}\n")
        return process

    def _terminate(
        self, name: str, sig: int = signal.SIGTERM, process: subprocess.Popen | None = None
    ) -> bool:
        """Signal ``name``'s process group, wait for all of it to go; whether there was one.

        ``process``, when this supervisor started it, is used as it is: an unreaped child's
        pid cannot have been given to another process, so no pid file is needed to trust it.
        """
        pid = process.pid if process is not None and process.poll() is None else self._pid(name)
        if pid is None:
            self._pidfile(name).unlink(missing_ok=True)
            return False
        with contextlib.suppress(ProcessLookupError):
            os.killpg(pid, sig)
        deadline = time.monotonic() + STOP_TIMEOUT_S
        while group_alive(pid) and time.monotonic() < deadline:
            self._reap(pid)
            time.sleep(0.05)
        if group_alive(pid):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(pid, signal.SIGKILL)
            while group_alive(pid) and time.monotonic() < deadline + STOP_TIMEOUT_S:
                time.sleep(0.05)
        self._reap(pid)
        self._pidfile(name).unlink(missing_ok=True)
        return True

    @staticmethod
    def _reap(pid: int) -> None:
        with contextlib.suppress(ChildProcessError, OSError):
            os.waitpid(pid, os.WNOHANG)

    def _run(
        self,
        command: list[str],
        name: str,
        env: dict | None = None,
        stdin: str | None = None,
        cwd: Path = ROOT,
    ) -> None:
        log_path = self.logs / f"{name}.log"
        with log_path.open("ab") as log_file:
            result = subprocess.run(
                command,
                cwd=cwd,
                env=env,
                input=stdin.encode() if stdin is not None else None,
                stdin=None if stdin is not None else subprocess.DEVNULL,
                stdout=log_file,
                stderr=subprocess.STDOUT,
            )
        if result.returncode != 0:
            raise ClusterError(
                f"{name} failed (exit {result.returncode}); last lines of {log_path}:\n"
                + tail(log_path)
            )

    def _wait(self, ready, name: str, process: subprocess.Popen | None, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if process is not None and process.poll() is not None:
                log_path = self.logs / f"{name}.log"
                raise ClusterError(
                    f"{name} exited early ({process.returncode}); last lines of {log_path}:\n"
                    + tail(log_path)
                )
            if ready():
                return
            time.sleep(0.5)
        raise ClusterError(f"{name} was not ready after {timeout:.0f}s; see {self.logs}")
