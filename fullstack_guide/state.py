"""The learner's checklist progress, shared by every page.

Reflex state is a per-tab cache that may expire or vanish on restart; the database is the
truth. The learner comes from :class:`~fullstack_guide.identity.IdentityState` (this state's
parent), which reads the statuses on every page load and sync pulse; every change is written
to the database, for a re-verified learner, before the state reflects it.

Other tabs of this browser catch up at once: every change writes a fresh value to the
``fsg_sync`` localStorage key, and ``components.tab_sync`` then has them identify again.
"""

from __future__ import annotations

import logging
import secrets
from typing import NamedTuple, cast

import reflex as rx
from reflex_base.vars.object import ObjectVar

from fullstack_guide.components.state_slice import read_alone
from fullstack_guide.content import get_content
from fullstack_guide.events import event
from fullstack_guide.identity import (
    IdentityState,
    holds_learner_data,
    load_on_identify,
    run_for_learner,
)
from fullstack_guide.models import STATUS_LABELS, Status
from fullstack_guide.services import checked_tick, history, progress, review
from fullstack_guide.untrusted import loggable

logger = logging.getLogger(__name__)

# Written after every change; other tabs of this browser re-check when it changes.
SYNC_KEY = "fsg_sync"
KEY_STATUSES = {
    "d": Status.DONE,
    "l": Status.IN_PROGRESS,
    "s": Status.SKIPPED,
    "r": Status.NOT_STARTED,
}


class ProgressSnapshot(NamedTuple):
    """What every page shows of the learner's progress, read in one transaction."""

    statuses: dict[str, str]  # not-started items left out
    due: list[str]  # items up for review
    can_undo: bool  # a change is still in effect, so Undo has something to revert


def read_snapshot(session, learner_id: int) -> ProgressSnapshot:
    """The learner's statuses, the items due for review, and whether Undo can act."""
    states = progress.get_item_states(session, learner_id)
    statuses = {slug: s.status for slug, s in states.items() if s.status != Status.NOT_STARTED}
    due = [slug for slug, s in states.items() if s.review_due]
    can_undo = history.newest_open_batch(session, learner_id) is not None
    return ProgressSnapshot(statuses, due, can_undo)


def _change(session, credentials: tuple[int, str, str], item_slug: str, status: str) -> str:
    """Check the tab's identity and write one status; the tab applies it itself (re-reading
    every status cost a query a tick)."""
    return checked_tick.record_checked_tick(session, get_content(), credentials, item_slug, status)


def _undo(session, learner_id: int):
    result = progress.undo_last(session, get_content(), learner_id)
    return result, read_snapshot(session, learner_id)


def _review(session, learner_id: int, item_slug: str, remembered: bool):
    if remembered:
        review.mark_remembered(session, learner_id, item_slug)
    else:
        progress.mark_forgotten(session, get_content(), learner_id, item_slug)
    return read_snapshot(session, learner_id)


@holds_learner_data
class ProgressState(IdentityState):
    """Checklist statuses of the learner using this tab."""

    statuses: dict[str, str] = {}
    review_due: rx.Field[list[str]] = rx.field(default_factory=list)
    can_undo: rx.Field[bool] = rx.field(False)  # Undo buttons are disabled while False
    spoken_status: str = ""  # read out by a live region after a D/L/S/R shortcut
    sync_stamp: str = rx.LocalStorage("", name=SYNC_KEY)

    def _show(self, snapshot: ProgressSnapshot) -> None:
        """Show progress read from the database (only what changed is sent)."""
        if snapshot.statuses != self.statuses:
            self.statuses = snapshot.statuses
        if snapshot.due != self.review_due:
            self.review_due = snapshot.due
        if snapshot.can_undo != self.can_undo:
            self.can_undo = snapshot.can_undo

    def _forget_learner(self) -> None:
        self.statuses, self.review_due, self.spoken_status = {}, [], ""
        self.can_undo = False

    def _announce(self) -> None:
        """Tell this browser's other tabs that the learner's data changed (via localStorage)."""
        self.sync_stamp = secrets.token_hex(6)

    def _apply_one(self, item_slug: str, status: str) -> None:
        """Show one saved status: a just-set item is never up for review."""
        if status != self.statuses.get(item_slug, Status.NOT_STARTED):
            self.can_undo = True  # the change is a new batch in the history
        statuses = {slug: s for slug, s in self.statuses.items() if slug != item_slug}
        if status != Status.NOT_STARTED:
            statuses[item_slug] = status
        self.statuses = statuses
        if item_slug in self.review_due:
            self.review_due = [slug for slug in self.review_due if slug != item_slug]

    def _known_item(self, item_slug: object) -> bool:
        if isinstance(item_slug, str) and item_slug in get_content().item_slugs:
            return True
        logger.warning("ignored status change for unknown item %s", loggable(item_slug))
        return False

    async def _run(self, fn, *args, checks_identity: bool = False):
        """Run a progress change for this learner; returns its result or the events to send."""
        try:
            outcome = await run_for_learner(self, fn, *args, checks_identity=checks_identity)
        except ValueError as error:  # a service refused the change: say why
            return None, rx.toast.warning(str(error))
        return outcome.value, outcome.refusal

    @event
    async def set_status(self, item_slug: str, status: str):
        """Set an item's status (not started, in progress, done, skipped)."""
        if not self._known_item(item_slug):
            return None
        if not isinstance(status, str) or status not in Status.values():
            logger.warning("ignored unknown status %s", loggable(status))
            return None
        saved, problem = await self._run(_change, item_slug, status, checks_identity=True)
        if saved is not None:
            self._apply_one(item_slug, saved)
            self._announce()
        return problem

    @event
    async def set_done(self, item_slug: str, done: bool):
        """Tick or untick an item; the checkbox shows the saved value only."""
        return await self.set_status(item_slug, Status.DONE if done is True else Status.NOT_STARTED)

    @event
    async def key_command(self, item_slug: str, key: str, key_info: dict | None = None):
        """Keyboard shortcuts on a focused item: D done, L in progress, S skip, R reset."""
        info = key_info if isinstance(key_info, dict) else {}
        if any(info.get(k) for k in ("ctrl_key", "meta_key", "alt_key")):
            return None
        status = KEY_STATUSES.get(key.lower()) if isinstance(key, str) else None
        if status is None:
            return None
        problem = await self.set_status(item_slug, status)
        saved = self.statuses.get(item_slug, Status.NOT_STARTED)
        if item_slug in get_content().item_slugs and saved == status:
            title = get_content().item(item_slug).title
            self.spoken_status = f"{title}: {STATUS_LABELS[status]}"
        return problem

    @event
    async def undo(self):
        """Revert the learner's last change (a single tick, a reset or an import)."""
        result, problem = await self._run(_undo)
        if result is None:
            return problem
        undone, snapshot = result
        self._show(snapshot)
        if undone is None:
            return rx.toast.info("There is nothing to undo.")
        self._announce()
        count = undone.count
        return rx.toast.success(f"Undid the last change ({count} item{'s' * (count != 1)}).")

    @event
    async def review_item(self, item_slug: str, remembered: bool):
        """Answer a review: still know it (interval grows) or forgot (back to in progress)."""
        if not self._known_item(item_slug):
            return None
        result, problem = await self._run(_review, item_slug, remembered is True)
        if result is not None:
            self._show(result)
            self._announce()
        return problem

    async def refresh(self) -> list | None:
        """Re-read statuses after another state changed them (import, reset); events on refusal."""
        outcome = await run_for_learner(self, read_snapshot)
        if not outcome.ok:
            return outcome.refusal
        self._show(outcome.value)
        self._announce()
        return None

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
    def has_progress(self) -> bool:
        """Whether any item has left "not started" (a reset would change something)."""
        return any(status != Status.NOT_STARTED for status in self.statuses.values())

    @rx.var
    def skipped_count(self) -> int:
        """How many items are skipped (they leave the denominator)."""
        return sum(1 for status in self.statuses.values() if status == Status.SKIPPED)


# Every identify (page load, sync pulse, sign-in) reads the statuses in its own transaction.
load_on_identify(ProgressState, read_snapshot, ProgressState._show)


def status_of(item_slug: str | rx.Var[str]) -> rx.Var[str]:
    """An item's saved status as a Var for the page ("" when not started).

    For a named item the page re-renders what reads it only when that item's status changes
    (``read_alone``), not on every tick of any item.
    """
    # Class access gives the field's ObjectVar; mypy reads a plain dict field as the dict and
    # an rx.Field[dict[...]] as ArrayVar[Never] (Reflex's Field overloads), so say what it is.
    statuses = cast("ObjectVar[dict[str, str]]", ProgressState.statuses)
    status = statuses[item_slug]
    return read_alone(status) if isinstance(item_slug, str) else status


async def announce_change(state: rx.State) -> None:
    """After ``state`` saved something of the learner's, have this browser's other tabs check."""
    (await state.get_state(ProgressState))._announce()
