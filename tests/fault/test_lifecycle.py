"""The shutdown drain of :mod:`fullstack_guide.lifecycle`, without a server."""

from __future__ import annotations

import asyncio
import threading

import pytest

from fullstack_guide.lifecycle import TrackingExecutor, drain, drain_database_work

pytestmark = pytest.mark.fault


def blocked_call(executor: TrackingExecutor) -> tuple[threading.Event, object]:
    release = threading.Event()
    return release, executor.submit(release.wait, 10)


async def test_drain_waits_for_the_calls_in_flight():
    executor = TrackingExecutor()
    release, future = blocked_call(executor)
    assert executor.in_flight == 1
    asyncio.get_running_loop().call_later(0.2, release.set)
    assert await drain(executor, timeout=5) == 0
    assert future.result() is True
    executor.shutdown()


async def test_drain_gives_up_after_its_timeout():
    executor = TrackingExecutor()
    release, _ = blocked_call(executor)
    assert await drain(executor, timeout=0.2) == 1
    release.set()
    executor.shutdown()


async def test_the_lifespan_task_lets_work_started_by_handlers_finish():
    release, finished = threading.Event(), threading.Event()

    def transaction() -> str:
        release.wait(10)
        finished.set()
        return threading.current_thread().name

    async with drain_database_work():
        handler = asyncio.create_task(asyncio.to_thread(transaction))
        await asyncio.sleep(0.05)
        asyncio.get_running_loop().call_later(0.2, release.set)
    assert finished.is_set()  # the shutdown waited for it
    assert (await handler).startswith("fsg-db")  # it ran on the tracking executor
