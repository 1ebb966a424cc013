"""Progress reads while 20 sign-ups hash their passwords (issue: a flood of sign-ups must not
stall ticks).

Run: make bench (or .venv/bin/python -m benchmarks.hashing_flood)

In one process, as in the server: the event loop reads a learner's progress the way a page
load does (``run_in_session(read_snapshot, …)`` on the database threads) every 5 ms, first
alone, then while 20 sign-ups hash on the hashing pool (``hashing.run_hashing``) with the
production Argon2 parameters. Prints the read latency p50/p99 of both runs; the target is
p99 under 50 ms during the flood on 2 cores.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import tempfile
import time
from pathlib import Path

SIGN_UPS = 20
READ_EVERY_S = 0.005
TARGET_P99_MS = 50.0


def _percentile(values: list[float], pct: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(pct / 100 * (len(ordered) - 1)))]


async def _reads(stop: asyncio.Event, learner_id: int) -> list[float]:
    from fullstack_guide.db import run_in_session
    from fullstack_guide.state import read_snapshot

    seconds = []
    while not stop.is_set():
        started = time.perf_counter()
        await run_in_session(read_snapshot, learner_id)
        seconds.append(time.perf_counter() - started)
        await asyncio.sleep(READ_EVERY_S)
    return seconds


async def _measure(learner_id: int, flood: bool) -> tuple[list[float], float]:
    from fullstack_guide.hashing import run_hashing
    from fullstack_guide.services import accounts

    stop = asyncio.Event()
    reader = asyncio.create_task(_reads(stop, learner_id))
    started = time.perf_counter()
    if flood:
        await asyncio.gather(
            *(run_hashing(accounts.hash_password, f"password number {n}") for n in range(SIGN_UPS))
        )
    else:
        await asyncio.sleep(2.0)
    elapsed = time.perf_counter() - started
    stop.set()
    return await reader, elapsed


def main() -> None:
    workdir = Path(tempfile.mkdtemp(prefix="fsg-hash-bench-"))
    os.environ["REFLEX_DB_URL"] = f"sqlite:///{workdir / 'bench.db'}"
    from fullstack_guide.content import get_content
    from fullstack_guide.db import session_scope
    from fullstack_guide.services import learners, progress
    from testkit.migrations import upgrade

    upgrade(os.environ["REFLEX_DB_URL"])
    with session_scope() as session:
        learner, _ = learners.create_learner(session)
        for item in get_content().items[:10]:
            progress.set_status(session, get_content(), learner.id, item.slug, "done")
        learner_id = learner.id
    quiet, _ = asyncio.run(_measure(learner_id, flood=False))
    busy, hashing_s = asyncio.run(_measure(learner_id, flood=True))
    print("progress reads while sign-ups hash (benchmarks/hashing_flood.py)")
    for label, values in (("alone", quiet), (f"during {SIGN_UPS} sign-ups", busy)):
        p50, p99 = (1000 * _percentile(values, p) for p in (50, 99))
        print(f"  {label:<22} reads {len(values):>5}  p50 {p50:6.2f} ms  p99 {p99:6.2f} ms")
    p99 = 1000 * _percentile(busy, 99)
    verdict = "met" if p99 < TARGET_P99_MS else "MISSED"
    print(
        f"  {SIGN_UPS} hashes took {hashing_s:.2f} s; p99 during the flood {p99:.1f} ms "
        f"(target < {TARGET_P99_MS:.0f} ms: {verdict}); median alone "
        f"{1000 * statistics.median(quiet):.2f} ms"
    )


if __name__ == "__main__":
    main()
