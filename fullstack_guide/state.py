"""The learner's progress as the browser sees it.

Reflex state is a per-tab cache that may expire or vanish on restart; the database is the
truth. Every page load re-reads the learner's statuses, and every change is written to the
database before the state reflects it. Database calls run in a worker thread so a slow
write never stalls the event loop that serves every other tab.
"""

from __future__ import annotations

import asyncio
import logging

import reflex as rx
from sqlalchemy.exc import SQLAlchemyError

from fullstack_guide.content import get_content
from fullstack_guide.db import session_scope
from fullstack_guide.services import learners, progress

logger = logging.getLogger(__name__)

LEARNER_TOKEN_KEY = "fsg_learner"
DB_UNAVAILABLE = (
    "Your progress could not be reached just now, so nothing was changed. "
    "Please try again in a moment."
)
NOT_READY = "Your progress is still loading. Try again in a second."


def _load_learner(token: str) -> tuple[int, str, dict[str, str]]:
    with session_scope() as session:
        learner, token, created = learners.resolve_learner(session, token)
        statuses = {} if created else progress.get_statuses(session, learner.id)
        return learner.id, token, statuses  # type: ignore[return-value]


def _save_status(learner_id: int, item_slug: str, status: str) -> None:
    with session_scope() as session:
        progress.set_status(session, get_content(), learner_id, item_slug, status)


class ProgressState(rx.State):
    """Checklist statuses of the learner using this tab."""

    learner_token: str = rx.LocalStorage("", name=LEARNER_TOKEN_KEY, sync=True)
    statuses: dict[str, str] = {}
    ready: bool = False
    _learner_id: int | None = None

    @rx.event
    async def load(self):
        """Identify the learner (creating one on a first visit) and read their progress."""
        try:
            learner_id, token, statuses = await asyncio.to_thread(_load_learner, self.learner_token)
        except SQLAlchemyError:
            logger.exception("loading progress failed")
            return rx.toast.error(DB_UNAVAILABLE)
        self._learner_id = learner_id
        if token != self.learner_token:
            self.learner_token = token
        self.statuses = statuses
        self.ready = True

    @rx.event
    async def set_done(self, item_slug: str, done: bool):
        """Tick or untick an item; the checkbox shows the saved value only."""
        status = progress.DONE if done is True else progress.NOT_STARTED
        return await self._change(item_slug, status)

    async def _change(self, item_slug: str, status: str):
        if not isinstance(item_slug, str) or item_slug not in get_content().item_slugs:
            logger.warning("ignored status change for unknown item %r", item_slug)
            return None
        if self._learner_id is None:
            logger.warning("ignored status change before the learner was known")
            return rx.toast.info(NOT_READY)
        try:
            await asyncio.to_thread(_save_status, self._learner_id, item_slug, status)
        except SQLAlchemyError:
            logger.exception("saving progress failed")
            return rx.toast.error(DB_UNAVAILABLE)
        statuses = dict(self.statuses)
        if status == progress.NOT_STARTED:
            statuses.pop(item_slug, None)
        else:
            statuses[item_slug] = status
        self.statuses = statuses
        return None

    @rx.var
    def section_percent(self) -> dict[str, int]:
        """Percent done per checklist section."""
        _, sections = progress.rollup(get_content(), self.statuses)
        return {slug: rollup.percent for slug, rollup in sections.items()}

    @rx.var
    def section_summary(self) -> dict[str, str]:
        """'3 of 5 done' per checklist section."""
        _, sections = progress.rollup(get_content(), self.statuses)
        return {slug: f"{r.done} of {r.total} done" for slug, r in sections.items()}

    @rx.var
    def overall_percent(self) -> int:
        """Percent of the whole checklist done."""
        return progress.rollup(get_content(), self.statuses)[0].percent

    @rx.var
    def overall_summary(self) -> str:
        """'12 of 26 items done' for the whole checklist."""
        overall, _ = progress.rollup(get_content(), self.statuses)
        return f"{overall.done} of {overall.total} items done"
