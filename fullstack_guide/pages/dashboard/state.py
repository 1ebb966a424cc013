"""The dashboard's state: the learner's figures, read from the database on every visit."""

from __future__ import annotations

import reflex as rx

from fullstack_guide.content import get_content
from fullstack_guide.events import event
from fullstack_guide.identity import current_learner_id, holds_learner_data, run_for_learner
from fullstack_guide.services.dashboard_summary import HistoryEntry, read_summary


@holds_learner_data
class DashboardState(rx.State):
    """What the dashboard shows (``services.dashboard_summary``), refreshed by ``load``."""

    chart: rx.Field[list[dict[str, str | int]]] = rx.field(default_factory=list)
    weeks: rx.Field[list[list[dict[str, str | int]]]] = rx.field(default_factory=list)
    active_days: rx.Field[int] = rx.field(0)
    current_streak: rx.Field[int] = rx.field(0)
    longest_streak: rx.Field[int] = rx.field(0)
    in_progress: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    next_up: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    reviews: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    timeline: rx.Field[list[HistoryEntry]] = rx.field(default_factory=list)
    loaded: rx.Field[bool] = rx.field(False)

    @event
    async def load(self):
        """Read the learner's dashboard figures."""
        if await current_learner_id(self) is None:
            return None  # identify runs this again once the learner is known
        outcome = await run_for_learner(self, read_summary, get_content())
        if not outcome.ok:
            return outcome.refusal
        summary = outcome.value
        self.chart, self.weeks = summary.chart, summary.weeks
        self.active_days = summary.active_days
        self.current_streak, self.longest_streak = summary.current_streak, summary.longest_streak
        self.in_progress, self.next_up = summary.in_progress, summary.next_up
        self.reviews, self.timeline = summary.reviews, summary.timeline
        self.loaded = True
        return None
