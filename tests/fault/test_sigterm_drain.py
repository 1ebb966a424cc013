"""SIGTERM while learners tick: the backend stops in bounded time and finishes its writes.

The production backend (``reflex run --env prod --backend-only``) on a temporary SQLite
database, 40 learners ticking. To have writes really in flight when the signal lands, the
test holds SQLite's write lock (``BEGIN IMMEDIATE``) for a moment: every tick then waits
inside its transaction (the app's busy timeout is 5 s). SIGTERM goes to the server's main
process while the lock is held; the lock is released 1.5 s later.

Asserted: the server is gone within ``EXIT_BOUND_S``; every acknowledged tick is in the
database; ``PRAGMA integrity_check`` is ok; no status change is half-written (each
``item_progress`` row matches its newest ``progress_event``); and every tick that was in
flight at SIGTERM was committed (the drain of :mod:`fullstack_guide.lifecycle`), and Granian's
worker did not panic on shutdown (granian#799/#884, which would skip the drain; ``rxconfig``
selects Granian's single-threaded runtime, which stops cleanly).
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from pathlib import Path

import pytest
from sqlalchemy import text

from testkit.backend_server import GRANIAN_PANIC, BackendServer
from testkit.crowd import Crowd, InFlight
from testkit.migrations import upgrade
from testkit.saved import check_saved, database_engine, learner_id
from tests.fault.checks import half_written, sqlite_integrity

pytestmark = pytest.mark.fault

LEARNERS = 40
TICKING_S = 8.0
LOCKED_BEFORE_SIGTERM_S = 1.0
SETTLE_S = 0.5  # after the learners stop sending: what they sent has reached the server
LOCKED_AFTER_SIGTERM_S = 1.5
EXIT_BOUND_S = 30.0


def committed_after(db_path: Path, watermark: int, crowd: Crowd, in_flight: dict[int, InFlight]):
    """Which of the ticks in flight have a history row newer than ``watermark``."""
    engine = database_engine(str(db_path))
    try:
        with engine.connect() as connection:
            written = set(
                connection.execute(
                    text(
                        "SELECT learner_id, item_slug, to_status FROM progress_event "
                        "WHERE id > :watermark"
                    ),
                    {"watermark": watermark},
                ).all()
            )
            wanted = {
                index: (
                    learner_id(connection, crowd.learners[index].learner_token),
                    tick.item_slug,
                    "done" if tick.done else "not_started",
                )
                for index, tick in in_flight.items()
            }
    finally:
        engine.dispose()
    return {index for index, row in wanted.items() if row in written}, len(written)


async def test_sigterm_lets_in_flight_ticks_finish_and_loses_nothing(
    workdir: Path, items: list[str], report
):
    db_path = workdir / "fault.db"
    upgrade(f"sqlite:///{db_path}")
    backend = BackendServer(f"sqlite:///{db_path}", workdir / "backend.log")
    crowd = Crowd(backend.url, LEARNERS, items, interval=0.5)
    writer = sqlite3.connect(db_path, isolation_level=None, timeout=30)
    try:
        await asyncio.to_thread(backend.start)
        await crowd.open()
        driving = asyncio.create_task(crowd.drive(until=time.monotonic() + 120))
        await asyncio.sleep(TICKING_S)

        writer.execute("BEGIN IMMEDIATE")  # from now on every tick waits inside its write
        watermark = writer.execute("SELECT COALESCE(MAX(id), 0) FROM progress_event").fetchone()[0]
        await asyncio.sleep(LOCKED_BEFORE_SIGTERM_S)
        crowd.stop_sending = True
        await asyncio.sleep(SETTLE_S)
        in_flight = dict(crowd.in_flight)
        stopping = asyncio.create_task(asyncio.to_thread(backend.terminate, EXIT_BOUND_S))
        await asyncio.sleep(LOCKED_AFTER_SIGTERM_S)
        writer.execute("ROLLBACK")
        exit_s = await stopping
        await driving

        check = check_saved(str(db_path), crowd.learners)
        integrity = sqlite_integrity(str(db_path))
        broken = half_written(str(db_path))
        drained, written_after = committed_after(db_path, watermark, crowd, in_flight)
        panicked = GRANIAN_PANIC in backend.log_text()
        report(
            f"SIGTERM drain: {LEARNERS} learners x {len(crowd.ticks)} acknowledged ticks, "
            f"lost {check.lost}, {len(in_flight)} in flight at SIGTERM, {len(drained)} of them "
            f"committed after it, exit after "
            + (f"{exit_s:.1f} s" if exit_s is not None else f"more than {EXIT_BOUND_S:.0f} s")
            + f", integrity {integrity}"
            + ("; Granian's worker panicked on shutdown (granian#884)" if panicked else "")
        )
    finally:
        writer.close()
        await crowd.close()
        backend.stop()

    assert exit_s is not None, f"still running {EXIT_BOUND_S:.0f} s after SIGTERM"
    assert integrity == "ok"
    assert check.lost == 0, f"{check.lost} acknowledged ticks are not in the database"
    assert check.unknown_learners == 0
    assert not broken, f"half-written status changes: {broken[:5]}"
    assert in_flight, "no tick was in flight at SIGTERM: the test proved nothing"
    assert written_after == len(drained)  # only the ticks in flight were written after it
    assert not panicked, "Granian's worker panicked on SIGTERM (is rxconfig's runtime patch gone?)"
    missing = sorted(set(in_flight) - drained)
    assert not missing, (
        f"{len(missing)} of {len(in_flight)} ticks in flight at SIGTERM were dropped "
        "(fullstack_guide.lifecycle.drain_database_work not registered on the app?)"
    )
