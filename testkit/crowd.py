"""Simulated learners ticking checklist items over Reflex's websocket while a server fails.

Each learner is a :class:`testkit.reflex_client.ProgressLearner`: it opens ``/checklist``
and ticks random items with ``ProgressState.set_done``, about once per ``interval``. A tick
counts only once its acknowledgement (the delta with the new statuses) arrives; one that fails
or times out is simply not acknowledged. A learner whose websocket is gone reloads the page,
as a browser tab reconnecting does (same localStorage, so the same learner), retrying every
``interval`` while the server is down.
"""

from __future__ import annotations

import asyncio
import random
import time
from dataclasses import dataclass, field

from testkit.reflex_client import ProgressLearner, Tick

OPEN_CONCURRENCY = 25


@dataclass
class InFlight:
    item_slug: str
    done: bool
    sent_at: float


@dataclass
class Crowd:
    """``size`` learners on ``base_url``; every figure a fault test asserts on."""

    base_url: str
    size: int
    items: list[str]
    interval: float = 1.0
    ack_timeout: float = 30.0
    open_timeout: float = 60.0
    learners: list[ProgressLearner] = field(default_factory=list)
    unacknowledged: int = 0
    failed_reloads: int = 0
    disconnects: dict[int, list[float]] = field(default_factory=dict)
    reloads: dict[int, list[float]] = field(default_factory=dict)
    in_flight: dict[int, InFlight] = field(default_factory=dict)
    stop_sending: bool = False  # learners finish the tick in flight, then send no more

    async def open(self) -> None:
        """Open every learner's page, a few at a time; all of them must load."""
        gate = asyncio.Semaphore(OPEN_CONCURRENCY)
        self.learners = [ProgressLearner(self.base_url) for _ in range(self.size)]

        async def one(learner: ProgressLearner) -> None:
            async with gate:
                await learner.open(self.open_timeout)

        await asyncio.gather(*(one(learner) for learner in self.learners))

    async def drive(self, until: float) -> None:
        """Tick until ``time.monotonic()`` passes ``until`` (or :attr:`stop_sending`)."""
        await asyncio.gather(
            *(self._learner(index, random.Random(index), until) for index in range(self.size))
        )

    async def _learner(self, index: int, rng: random.Random, until: float) -> None:
        learner = self.learners[index]
        due = time.monotonic() + rng.uniform(0, self.interval)
        was_connected = True
        while True:
            delay = due - time.monotonic()
            if delay > 0:
                await asyncio.sleep(delay)
            due = max(due + self.interval, time.monotonic())
            if time.monotonic() >= until or self.stop_sending:
                return
            if not learner.tab.connected:
                if was_connected:
                    self.disconnects.setdefault(index, []).append(time.monotonic())
                    was_connected = False
                try:
                    await learner.reload(self.open_timeout)
                except Exception:  # the server is down or busy: the next attempt is due later
                    self.failed_reloads += 1
                    continue
                self.reloads.setdefault(index, []).append(time.monotonic())
                was_connected = True
            slug = rng.choice(self.items)
            self.in_flight[index] = InFlight(
                slug, learner.statuses.get(slug) != "done", time.monotonic()
            )
            try:
                await learner.tick(slug, self.ack_timeout)
            except Exception:  # refused, disconnected or timed out: not acknowledged
                self.unacknowledged += 1
            finally:
                self.in_flight.pop(index, None)

    async def reload_all(self) -> None:
        """A fresh page load for every learner (the view the database gives them now)."""
        gate = asyncio.Semaphore(OPEN_CONCURRENCY)

        async def one(learner: ProgressLearner) -> None:
            async with gate:
                await learner.reload(self.open_timeout)

        await asyncio.gather(*(one(learner) for learner in self.learners))

    async def close(self) -> None:
        await asyncio.gather(
            *(learner.close() for learner in self.learners), return_exceptions=True
        )

    @property
    def ticks(self) -> list[Tick]:
        return [tick for learner in self.learners for tick in learner.acked]

    def acked_between(self, start: float, end: float, indexes: set[int] | None = None) -> int:
        """Acknowledgements that arrived in [start, end), of the given learners (else all)."""
        return sum(
            1
            for index, learner in enumerate(self.learners)
            if indexes is None or index in indexes
            for tick in learner.acked
            if start <= tick.at < end
        )

    def acked_by(self, index: int, start: float, end: float = float("inf")) -> int:
        return self.acked_between(start, end, {index})
