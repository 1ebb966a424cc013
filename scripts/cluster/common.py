"""What every part of the cluster shares: where it lives, its error, its log line, its secrets."""

from __future__ import annotations

import contextlib
import os
import pwd
import secrets
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
CLUSTER_DIR = ROOT / ".cluster"
WEB_WORKDIR = CLUSTER_DIR / "web"  # Reflex's build workspace for the cluster (keeps node_modules)
DEFAULT_STATE_DIR = CLUSTER_DIR / "data"
BIN = ROOT / ".venv" / "bin"
BUN_BIN = ROOT / ".tools" / "node_modules" / ".bin"
START_TIMEOUT_S = 180
STOP_TIMEOUT_S = 20


class ClusterError(RuntimeError):
    """A piece of the cluster could not be installed, started or stopped."""


def log(message: str) -> None:
    print(f"[cluster] {message}", flush=True)


def is_root() -> bool:
    return os.geteuid() == 0


def account_exists(name: str) -> bool:
    try:
        pwd.getpwnam(name)
    except KeyError:
        return False
    return True


def world_traversable(path: Path) -> bool:
    """Whether other accounts (postgres, www-data) can reach ``path`` through its parents."""
    return all(os.stat(parent).st_mode & 0o001 for parent in [path, *path.parents])


def tail(path: Path, lines: int = 30) -> str:
    try:
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:])
    except OSError:
        return "(no log)"


@contextlib.contextmanager
def private_umask() -> Iterator[None]:
    """Files created inside are readable by their owner only."""
    previous = os.umask(0o077)
    try:
        yield
    finally:
        os.umask(previous)


def read_or_create_secret(path: Path) -> str:
    """A generated password kept in ``path`` (mode 0600); URL- and config-safe characters."""
    if not path.exists():
        with private_umask():
            path.write_text(secrets.token_urlsafe(24) + "\n")
    path.chmod(0o600)
    return path.read_text().strip()
