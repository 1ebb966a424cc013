"""The learner's identity and checklist progress, shared by every page.

Reflex state is a per-tab cache that may expire or vanish on restart; the database is the
truth. Every page load re-reads the learner's statuses, and every change is written to the
database before the state reflects it. Database work runs on a worker thread
(:func:`fullstack_guide.db.run_in_session`) so it never stalls other tabs.

Other tabs and devices of the same learner catch up without a reload: every change writes a
fresh value to the ``fsg_sync`` localStorage key (so the browser's other tabs hear of it at
once), and ``components.tab_sync`` asks a visible tab to :meth:`ProgressState.check` on that,
on becoming visible or focused, and every 15 s while visible (another device's changes).
"""

from __future__ import annotations

import logging
import secrets

import reflex as rx
from sqlalchemy.exc import SQLAlchemyError

from fullstack_guide.content import get_content
from fullstack_guide.db import run_in_session
from fullstack_guide.services import history, progress, review
from fullstack_guide.services.identity import identify
from fullstack_guide.untrusted import loggable

logger = logging.getLogger(__name__)

LEARNER_TOKEN_KEY = "fsg_learner"
SESSION_TOKEN_KEY = "fsg_session"
# Written after every change; other tabs of this browser re-check when it changes.
SYNC_KEY = "fsg_sync"
DB_UNAVAILABLE = (
    "Your progress could not be reached just now, so nothing was changed. "
    "Please try again in a moment."
)
NOT_READY = "Your progress is still loading. Try again in a second."
KEY_STATUSES = {"d": progress.DONE, "l": "in_progress", "s": "skipped", "r": progress.NOT_STARTED}
STATUS_LABELS = {
    progress.NOT_STARTED: "Not started",
    "in_progress": "In progress",
    progress.DONE: "Done",
    "skipped": "Skipped",
}


def _snapshot(session, learner_id: int) -> tuple[dict[str, str], list[str]]:
    states = progress.get_item_states(session, learner_id)
    statuses = {slug: s.status for slug, s in states.items() if s.status != progress.NOT_STARTED}
    due = [slug for slug, s in states.items() if s.review_due]
    return statuses, due


def _load(session, session_token: str, learner_token: str):
    who = identify(session, session_token, learner_token)
    return who, *_snapshot(session, who.learner_id)


def _change(session, learner_id: int, item_slug: str, status: str) -> str:
    """Write one status; the tab applies it itself (re-reading every status cost a query a tick)."""
    return progress.set_status(session, get_content(), learner_id, item_slug, status).status


def _undo(session, learner_id: int):
    result = history.undo_last(session, get_content(), learner_id)
    return result, *_snapshot(session, learner_id)


def _review(session, learner_id: int, item_slug: str, remembered: bool):
    if remembered:
        review.mark_remembered(session, learner_id, item_slug)
    else:
        review.mark_forgotten(session, get_content(), learner_id, item_slug)
    return _snapshot(session, learner_id)


class ProgressState(rx.State):
    """Checklist statuses of the learner using this tab."""

    learner_token: str = rx.LocalStorage("", name=LEARNER_TOKEN_KEY, sync=True)
    session_token: str = rx.LocalStorage("", name=SESSION_TOKEN_KEY, sync=True)
    username: str = ""
    statuses: dict[str, str] = {}
    review_due: list[str] = []
    ready: bool = False
    sync_stamp: str = rx.LocalStorage("", name=SYNC_KEY)
    _learner_id: int | None = None
    # The tokens the learner was identified by, to notice a sign-in or -out in another tab.
    _identity: tuple[str, str] = ("", "")

    @rx.event
    async def load(self):
        """Identify the learner (creating one on a first visit) and read their progress."""
        try:
            who, statuses, due = await run_in_session(_load, self.session_token, self.learner_token)
        except SQLAlchemyError:
            logger.exception("loading progress failed")
            return rx.toast.error(DB_UNAVAILABLE)
        self._learner_id = who.learner_id
        self.username = who.username
        if not who.signed_in and self.session_token:
            self.session_token = ""  # expired or revoked: fall back to anonymous
        if who.learner_token and who.learner_token != self.learner_token:
            self.learner_token = who.learner_token
        self._identity = (self.session_token, self.learner_token)
        self._apply(statuses, due)
        self.ready = True
        return None

    @rx.event
    async def check(self):
        """Catch up with changes another tab or device made; sends nothing when there are none.

        Re-reads the learner's statuses (one indexed query over at most one row per checklist
        item, however long the history) rather than a revision number: every write path
        (ticks, undo, reviews, imports, merges) is covered without having to bump one.
        """
        if self._learner_id is None:
            return None
        if self._identity != (self.session_token, self.learner_token):
            return await self.load()  # signed in or out in another tab
        try:
            statuses, due = await run_in_session(_snapshot, self._learner_id)
        except SQLAlchemyError:
            logger.warning("checking for changes from other tabs failed", exc_info=True)
            return None  # the next check tries again; no message every 15 s
        if statuses != self.statuses:
            self.statuses = statuses
        if due != self.review_due:
            self.review_due = due
        return None

    def _announce(self) -> None:
        """Tell this browser's other tabs that the learner's data changed (via localStorage)."""
        self.sync_stamp = secrets.token_hex(6)

    def _apply(self, statuses: dict[str, str], due: list[str]) -> None:
        self.statuses = statuses
        self.review_due = due

    def _apply_one(self, item_slug: str, status: str) -> None:
        """Show one saved status: a just-set item is never up for review."""
        statuses = {slug: s for slug, s in self.statuses.items() if slug != item_slug}
        if status != progress.NOT_STARTED:
            statuses[item_slug] = status
        self.statuses = statuses
        if item_slug in self.review_due:
            self.review_due = [slug for slug in self.review_due if slug != item_slug]

    def _known_item(self, item_slug: object) -> bool:
        if isinstance(item_slug, str) and item_slug in get_content().item_slugs:
            return True
        logger.warning("ignored status change for unknown item %s", loggable(item_slug))
        return False

    async def _run(self, fn, *args):
        """Run a progress change for this learner; returns its result or a toast to show."""
        if self._learner_id is None:
            logger.warning("ignored status change before the learner was known")
            return None, rx.toast.info(NOT_READY)
        try:
            return await run_in_session(fn, self._learner_id, *args), None
        except SQLAlchemyError:
            logger.exception("saving progress failed")
            return None, rx.toast.error(DB_UNAVAILABLE)
        except ValueError as error:  # a service refused the change: say why
            return None, rx.toast.warning(str(error))

    @rx.event
    async def set_status(self, item_slug: str, status: str):
        """Set an item's status (not started, in progress, done, skipped)."""
        if not self._known_item(item_slug):
            return None
        if not isinstance(status, str) or status not in STATUS_LABELS:
            logger.warning("ignored unknown status %s", loggable(status))
            return None
        saved, problem = await self._run(_change, item_slug, status)
        if saved is not None:
            self._apply_one(item_slug, saved)
            self._announce()
        return problem

    @rx.event
    async def set_done(self, item_slug: str, done: bool):
        """Tick or untick an item; the checkbox shows the saved value only."""
        return await self.set_status(item_slug, progress.DONE if done is True else "not_started")

    @rx.event
    async def key_command(self, item_slug: str, key: str, key_info: dict | None = None):
        """Keyboard shortcuts on a focused item: D done, L in progress, S skip, R reset."""
        info = key_info if isinstance(key_info, dict) else {}
        if any(info.get(k) for k in ("ctrl_key", "meta_key", "alt_key")):
            return None
        status = KEY_STATUSES.get(key.lower()) if isinstance(key, str) else None
        if status is None:
            return None
        return await self.set_status(item_slug, status)

    @rx.event
    async def undo(self):
        """Revert the learner's last change (a single tick, a reset or an import)."""
        result, problem = await self._run(_undo)
        if result is None:
            return problem
        undone, statuses, due = result
        self._apply(statuses, due)
        if undone is None:
            return rx.toast.info("There is nothing to undo.")
        self._announce()
        count = undone.count
        return rx.toast.success(f"Undid the last change ({count} item{'s' * (count != 1)}).")

    @rx.event
    async def review_item(self, item_slug: str, remembered: bool):
        """Answer a review: still know it (interval grows) or forgot (back to in progress)."""
        if not self._known_item(item_slug):
            return None
        result, problem = await self._run(_review, item_slug, remembered is True)
        if result is not None:
            self._apply(*result)
            self._announce()
        return problem

    async def refresh(self) -> None:
        """Re-read statuses after another state changed them (import, reset, sign-in)."""
        if self._learner_id is None:
            return
        self._apply(*await run_in_session(_snapshot, self._learner_id))
        self._announce()

    @rx.var
    def section_percent(self) -> dict[str, int]:
        """Percent done per checklist section."""
        _, sections = progress.rollup(get_content(), self.statuses)
        return {slug: rollup.percent for slug, rollup in sections.items()}

    @rx.var
    def section_summary(self) -> dict[str, str]:
        """'3 of 5 done' per checklist section ('all done' when complete)."""
        _, sections = progress.rollup(get_content(), self.statuses)
        return {
            slug: "all done" if r.total and r.done == r.total else f"{r.done} of {r.total} done"
            for slug, r in sections.items()
        }

    @rx.var
    def overall_percent(self) -> int:
        """Percent of the whole checklist done."""
        return progress.rollup(get_content(), self.statuses)[0].percent

    @rx.var
    def overall_summary(self) -> str:
        """'12 of 26 items done' for the whole checklist."""
        overall, _ = progress.rollup(get_content(), self.statuses)
        return f"{overall.done} of {overall.total} items done"

    @rx.var
    def skipped_count(self) -> int:
        """How many items are skipped (they leave the denominator)."""
        return sum(1 for status in self.statuses.values() if status == "skipped")


async def current_learner_id(state: rx.State) -> int | None:
    """The learner of the tab ``state`` belongs to (None until ProgressState has loaded)."""
    return (await state.get_state(ProgressState))._learner_id


async def announce_change(state: rx.State) -> None:
    """After ``state`` saved something of the learner's, have this browser's other tabs check."""
    (await state.get_state(ProgressState))._announce()
