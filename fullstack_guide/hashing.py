"""A small pool of its own for password hashing, so sign-ups cannot stall everything else.

Argon2 is slow on purpose (tens of milliseconds of CPU and 64 MiB per hash). Run on the
default thread pool, a burst of sign-ups would take every worker thread and both cores, and
ticks and page loads would wait behind them. Here hashes run one at a time on one thread
at a lower CPU priority, and at most ``MAX_WAITING`` may queue: past that a sign-up or
sign-in is told to try again in a moment rather than piling up.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")

MAX_WAITING = 64
NICENESS = 10


class HashingBusyError(RuntimeError):
    """Too many password checks are waiting; ``str()`` is a sentence for the learner."""

    def __init__(self) -> None:
        super().__init__("Many people are signing in right now. Please try again in a moment.")


def _lower_priority() -> None:
    """Make this pool thread yield the CPU to the event loop (Linux: per-thread nice)."""
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), NICENESS)


_POOL = ThreadPoolExecutor(
    max_workers=1, thread_name_prefix="fsg-hash", initializer=_lower_priority
)
_waiting = 0


async def run_hashing(fn: Callable[..., T], *args) -> T:
    """Run ``fn(*args)`` on the hashing pool; HashingBusyError when too many are queued."""
    global _waiting
    if _waiting >= MAX_WAITING:
        raise HashingBusyError()
    _waiting += 1
    try:
        return await asyncio.get_running_loop().run_in_executor(_POOL, fn, *args)
    finally:
        _waiting -= 1
