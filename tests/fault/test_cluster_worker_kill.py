"""kill -9 of one cluster worker under load: the other keeps serving, nothing is lost.

``scripts/cluster/`` on free ports (nginx, two Reflex workers, Redis, a fresh PostgreSQL),
as ``make cluster`` runs it. 40 learners tick through nginx for 30 s; at 8 s worker 0 is
killed with SIGKILL and left down for 12 s, then started again. The learners whose websocket
was on worker 0 lose it and reload through nginx, which sends them to worker 1; the learners
already on worker 1 must not notice. Every acknowledged tick must be in PostgreSQL, no status
change half-written, and every learner's fresh page load must show the database's rows.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from testkit.app_server import ClusterServer
from testkit.crowd import Crowd
from testkit.saved import check_saved
from tests.fault.checks import count, half_written

pytestmark = pytest.mark.fault

LEARNERS = 40
RUN_S = 30.0
KILL_AT_S = 8.0
DOWN_S = 12.0


async def test_killing_a_worker_under_load_loses_nothing_and_the_other_keeps_serving(
    workdir: Path, items: list[str], report
):
    cluster = ClusterServer(workdir)
    crowd = Crowd(cluster.url, LEARNERS, items)
    try:
        await asyncio.to_thread(cluster.start)
        await crowd.open()
        started = time.monotonic()
        driving = asyncio.create_task(crowd.drive(until=started + RUN_S))
        await asyncio.sleep(KILL_AT_S)

        killed_at = time.monotonic()
        await asyncio.to_thread(cluster.kill_worker, 0)
        await asyncio.sleep(DOWN_S - (time.monotonic() - killed_at))
        restarting_at = time.monotonic()
        await asyncio.to_thread(cluster.start_worker, 0)
        back_at = time.monotonic()
        await driving
        await crowd.reload_all()

        check = check_saved(cluster.db_url, crowd.learners)
        broken = half_written(cluster.db_url)
        learners_in_db = count(cluster.db_url, "learner")
    finally:
        await crowd.close()
        await asyncio.to_thread(cluster.stop)

    dropped = {
        index for index, times in crowd.disconnects.items() if any(t >= killed_at for t in times)
    }
    survivors = set(range(LEARNERS)) - dropped
    # When each dropped learner was back: its first reload through nginx after the kill.
    back = {
        index: min((t for t in crowd.reloads.get(index, []) if t >= killed_at), default=None)
        for index in dropped
    }
    reconnect_s = [t - killed_at for t in back.values() if t is not None]
    during_outage = crowd.acked_between(killed_at, restarting_at)
    report(
        f"cluster worker kill -9: {LEARNERS} learners x {len(crowd.ticks)} acknowledged ticks "
        f"through nginx, {len(dropped)} dropped with worker 0 and back through worker 1 after "
        f"at most {max(reconnect_s, default=0):.1f} s, {during_outage} acknowledged while it was "
        f"down ({restarting_at - killed_at:.0f} s, restart took {back_at - restarting_at:.1f} s), "
        f"lost {check.lost}, not acknowledged {crowd.unacknowledged}"
    )

    assert dropped, "no learner was on worker 0: the kill proved nothing"
    assert survivors, "no learner was on worker 1"
    # Learners on the surviving worker kept being served throughout the outage.
    stalled = [i for i in survivors if crowd.acked_by(i, killed_at, restarting_at) == 0]
    assert not stalled, f"learners on worker 1 got no acknowledgement while 0 was down: {stalled}"
    # Those on the dead worker came back through nginx and ticked before it was restarted.
    not_back = [
        index
        for index, at in back.items()
        if at is None or at >= restarting_at or crowd.acked_by(index, at, restarting_at) == 0
    ]
    assert not not_back, f"learners not served by worker 1 while 0 was down: {not_back}"
    assert check.lost == 0, f"{check.lost} acknowledged ticks are not in PostgreSQL"
    assert check.unknown_learners == 0 and learners_in_db == LEARNERS
    assert not broken, f"half-written status changes: {broken[:5]}"
    assert check.final_mismatches == 0, "a fresh page load does not show the database's rows"
