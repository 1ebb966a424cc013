"""Let the database work in flight finish when the server stops.

Handlers write through :func:`fullstack_guide.db.run_in_session`: the transaction runs on a
thread of the event loop's default executor while the handler awaits it. On SIGTERM, Reflex
cancels the handler tasks still running at lifespan shutdown. A transaction already on a
thread still commits, but one queued for a free thread (one on SQLite,
:func:`fullstack_guide.db.worker_threads`) is then dropped, so of a burst of ticks in flight
only the first few were saved.

:func:`drain_database_work` is a lifespan task: at start-up it gives the loop a default
executor that keeps track of the work submitted to it, and at shutdown - before Reflex's own
event processing stops, as lifespan tasks end in reverse order - it waits up to
``DRAIN_TIMEOUT_S`` for that work to finish. Register it after creating the app::

    app.register_lifespan_task(drain_database_work)

:func:`freeze_startup_heap` is another: it takes what start-up built out of the garbage
collector's full collections.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import logging
import threading
from collections.abc import AsyncIterator
from concurrent.futures import Future, ThreadPoolExecutor

from fullstack_guide import db

logger = logging.getLogger(__name__)

DRAIN_TIMEOUT_S = 10.0
_POLL_S = 0.05


class TrackingExecutor(ThreadPoolExecutor):
    """A thread pool that knows which of the calls submitted to it have not finished."""

    def __init__(self, max_workers: int | None = None) -> None:
        super().__init__(max_workers=max_workers, thread_name_prefix="fsg-db")
        self._pending: set[Future] = set()
        self._pending_lock = threading.Lock()

    def submit(self, fn, /, *args, **kwargs) -> Future:
        future = super().submit(fn, *args, **kwargs)
        with self._pending_lock:
            self._pending.add(future)
        future.add_done_callback(self._finished)
        return future

    def _finished(self, future: Future) -> None:
        with self._pending_lock:
            self._pending.discard(future)

    @property
    def in_flight(self) -> int:
        with self._pending_lock:
            return len(self._pending)


async def drain(executor: TrackingExecutor, timeout: float = DRAIN_TIMEOUT_S) -> int:
    """Wait until ``executor`` has nothing in flight, at most ``timeout`` s; returns what's left."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while executor.in_flight and loop.time() < deadline:
        await asyncio.sleep(_POLL_S)
    return executor.in_flight


@contextlib.asynccontextmanager
async def drain_database_work() -> AsyncIterator[None]:
    """Lifespan task: track worker-thread calls, and let them finish at shutdown."""
    executor = TrackingExecutor(max_workers=db.worker_threads())
    asyncio.get_running_loop().set_default_executor(executor)
    try:
        yield
    finally:
        if executor.in_flight:
            logger.info("waiting for %d database calls in flight", executor.in_flight)
        if left := await drain(executor):
            logger.warning("stopping with %d database calls still running", left)


@contextlib.asynccontextmanager
async def freeze_startup_heap() -> AsyncIterator[None]:
    """Lifespan task: leave what start-up built to reference counting alone.

    The loaded app, its content, search index and page trees live as long as the process,
    yet each full collection walked all of them again with the event loop stopped (90-260 ms
    under 200 learners: their slowest ticks). ``gc.freeze()`` after a last collection moves
    them to a generation the collector skips; what is built later is collected as before, and
    reference counting still frees any of them that is dropped.
    """
    gc.collect()
    gc.freeze()
    logger.debug("%d start-up objects frozen", gc.get_freeze_count())
    yield
