"""kill -9 of the backend while 100 learners tick: nothing acknowledged is lost.

The production server (``scripts/serve.py``, as ``make run``) on a temporary SQLite
database; 100 learners tick for 60 s; at 30 s the backend process (the one that listens on
the port) is killed with SIGKILL, and the production backend is started again on
the same port. Every tick acknowledged before or after the crash must be in the database, the
file must pass ``PRAGMA integrity_check``, and every learner must come back as the same
learner (its token is in the tab's localStorage) and see exactly what the database holds.

Restarting means ``reflex run --env prod --backend-only``: the killed process was also the one
serving the compiled pages (in prod Reflex serves both from one port), and a full restart
compiles and builds them again first (1-2 minutes here) while the backend alone is up in
seconds. The learners only speak the websocket protocol, which the backend serves alone.
"""

from __future__ import annotations

import asyncio
import time
from pathlib import Path

import pytest

from testkit.app_server import AppServer
from testkit.backend_server import BackendServer, answers_ping, kill_listeners
from testkit.crowd import Crowd
from testkit.migrations import upgrade
from testkit.saved import check_saved
from tests.fault.checks import count, half_written, sqlite_integrity

pytestmark = pytest.mark.fault

LEARNERS = 100
RUN_S = 60.0
KILL_AT_S = 30.0


async def crash_and_restart(server: AppServer, backend: BackendServer) -> float:
    """SIGKILL the listening backend, then start ``backend`` on the same port.

    Returns when the kill happened (``time.monotonic()``).
    """
    killed_at = await asyncio.to_thread(kill_listeners, server.port, server.process)
    await asyncio.to_thread(backend.start)
    return killed_at


def first_after(times: list[float], moment: float) -> float | None:
    return min((t for t in times if t >= moment), default=None)


async def test_no_acknowledged_tick_is_lost_when_the_backend_is_killed(
    workdir: Path, items: list[str], report
):
    db_path = workdir / "fault.db"
    db_url = f"sqlite:///{db_path}"
    upgrade(db_url)
    server = AppServer(db_url, workdir / "server.log")
    crowd = Crowd(server.url, LEARNERS, items)
    backend = BackendServer(db_url, workdir / "restarted.log", port=server.port)
    try:
        await asyncio.to_thread(server.start)
        await crowd.open()
        tokens = [learner.learner_token for learner in crowd.learners]
        started = time.monotonic()
        driving = asyncio.create_task(crowd.drive(until=started + RUN_S))
        await asyncio.sleep(KILL_AT_S)

        killed_at = await crash_and_restart(server, backend)
        back_at = time.monotonic()
        assert answers_ping(backend.url)
        await driving
        await crowd.reload_all()  # a fresh load: the view the database gives each learner

        check = check_saved(str(db_path), crowd.learners)
        integrity = sqlite_integrity(str(db_path))
        broken = half_written(str(db_path))
        learners_in_db = count(str(db_path), "learner")
        acked_before = crowd.acked_between(started, killed_at)
        acked_after = crowd.acked_between(killed_at, float("inf"))
        # Reloaded after the kill (so on the restarted backend) and acknowledged there.
        reloaded = {i: first_after(crowd.reloads.get(i, []), killed_at) for i in range(LEARNERS)}
        came_back = [i for i, at in reloaded.items() if at and crowd.acked_by(i, at) > 0]
        report(
            f"backend kill -9: {LEARNERS} learners x {len(crowd.ticks)} acknowledged ticks "
            f"({acked_before} before the kill, {acked_after} after), lost {check.lost}, "
            f"not acknowledged {crowd.unacknowledged}, outage {back_at - killed_at:.1f} s, "
            f"{len(came_back)}/{LEARNERS} learners back, integrity {integrity}"
        )
    finally:
        await crowd.close()
        backend.stop()
        server.stop()

    assert integrity == "ok"
    assert check.lost == 0, f"{check.lost} acknowledged ticks are not in the database"
    assert not broken, f"half-written status changes: {broken[:5]}"
    assert acked_before > 0 and acked_after > 0
    # Everyone reconnected after the restart and ticked again, as the same learner.
    assert len(came_back) == LEARNERS, f"not back: {sorted(set(range(LEARNERS)) - set(came_back))}"
    assert [learner.learner_token for learner in crowd.learners] == tokens
    assert check.unknown_learners == 0 and learners_in_db == LEARNERS  # 100 tokens, 100 rows
    # Each learner's page, freshly loaded, shows exactly the database's rows.
    assert check.final_mismatches == 0
