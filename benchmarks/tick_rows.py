"""The tick benchmark's rows in ``make bench``'s one table (issue 11's targets).

Each row is ours against the bare Reflex app measured in the same run; ``label`` names the
topology ("" for the single server, "cluster, 2 workers" for ``--cluster 2``) so the two
runs of ``make bench`` keep separate rows.
"""

from __future__ import annotations

from typing import Protocol

from testkit.bench_table import record

TARGET_P50_RATIO = 1.5  # ours / bare, one learner
TARGET_P99_MS = 50.0  # 200 learners at ~1 tick/s each


class Measured(Protocol):
    learners: int
    errors: list[str]

    @property
    def saved_ok(self) -> bool: ...

    @property
    def p50(self) -> float: ...

    @property
    def p99(self) -> float: ...

    @property
    def server_ms_per_tick(self) -> float: ...

    @property
    def rate(self) -> float: ...


def _named(what: str, label: str) -> str:
    return f"{what} ({label})" if label else what


def record_tick_rows(pairs: list[tuple[Measured, Measured]], saturation, label: str = "") -> None:
    """Record the websocket tick rows: p50 at 1 learner, p99 per level, server CPU per tick.

    ``pairs`` are (bare, ours) per level; ``saturation`` is (bare, ours) ticking back to back.
    """
    for bare, ours in pairs:
        clean = not ours.errors and ours.saved_ok
        if ours.learners == 1:
            record(
                _named("tick over the websocket, 1 learner, p50", label),
                ours.p50,
                unit="ms",
                target=f"≤ {TARGET_P50_RATIO}× bare",
                met=clean and ours.p50 <= TARGET_P50_RATIO * bare.p50,
                baseline=bare.p50,
                baseline_name="bare app",
            )
            continue
        record(
            _named(f"{ours.learners} learners at ~1 tick/s, p99", label),
            ours.p99,
            unit="ms",
            target=f"≤ {TARGET_P99_MS:.0f} ms, 0 errors, every ack saved",
            met=clean and ours.p99 <= TARGET_P99_MS,
            baseline=bare.p99,
            baseline_name="bare app",
        )
    bare, ours = saturation
    record(
        _named("server CPU per tick (saturation)", label),
        ours.server_ms_per_tick,
        unit="ms",
        target="tracked",
        met=True,
        baseline=bare.server_ms_per_tick,
        baseline_name="bare app",
    )
    record(
        _named("acknowledged ticks/s (saturation)", label),
        ours.rate,
        unit="/s",
        target="tracked",
        met=not ours.errors and ours.saved_ok,
        baseline=bare.rate,
        baseline_name="bare app",
    )
