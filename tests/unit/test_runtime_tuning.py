"""How the server process runs its database work and its garbage collector.

Both come from profiles of 200 learners ticking once a second (``docs/performance.md``):
full collections walking the start-up heap stalled the event loop for 90-260 ms, and on
SQLite several database threads only queued on the write lock while competing with the
event loop for the interpreter lock.
"""

from __future__ import annotations

import asyncio
import gc
import threading
import time

import sqlalchemy

from fullstack_guide import db
from fullstack_guide.lifecycle import drain_database_work, freeze_startup_heap
from tests.unit.served_app import last_line_printed

REGISTERED_TASKS = """
print(" ".join(sorted(getattr(task, "__name__", "") for task in app.get_lifespan_tasks())))
"""


def test_sqlite_gets_one_database_thread():
    assert db.get_engine().dialect.name == "sqlite"
    assert db.worker_threads() == 1


def test_postgresql_keeps_the_pools_default(monkeypatch):
    engine = sqlalchemy.create_engine("postgresql+psycopg://learner@127.0.0.1:1/guide")
    monkeypatch.setattr(db, "get_engine", lambda: engine)
    assert db.worker_threads() is None


async def test_database_work_runs_on_one_thread_on_sqlite():
    """Calls in flight together queue for one thread instead of starting one each."""
    in_flight, most_in_flight = 0, 0
    lock = threading.Lock()

    def transaction() -> str:
        nonlocal in_flight, most_in_flight
        with lock:
            in_flight += 1
            most_in_flight = max(most_in_flight, in_flight)
        time.sleep(0.02)
        with lock:
            in_flight -= 1
        return threading.current_thread().name

    async with drain_database_work():
        names = await asyncio.gather(*(asyncio.to_thread(transaction) for _ in range(4)))
    assert most_in_flight == 1
    assert len(set(names)) == 1 and names[0].startswith("fsg-db")


async def test_the_start_up_heap_is_frozen():
    gc.unfreeze()
    gc.collect()  # what is left is alive: the freeze must take all of it
    try:
        start_up_objects = len(gc.get_objects())
        async with freeze_startup_heap():
            assert gc.get_freeze_count() >= start_up_objects * 0.9
            assert not gc.get_objects(generation=2)  # nothing left for a full collection
    finally:
        gc.unfreeze()


def test_the_app_registers_both_lifespan_tasks(tmp_path):
    registered = last_line_printed(REGISTERED_TASKS, tmp_path).split()
    assert {"drain_database_work", "freeze_startup_heap"} <= set(registered)
