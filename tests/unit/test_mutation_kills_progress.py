"""Undo puts back the review schedule an item had, and gives an unfinished item none
(see README.md, "Mutation testing"): the JSON backup carries every row's review date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from fullstack_guide.services import learners, progress, schedule

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def _due(session, learner_id, slug):
    row = progress.find_row(session, learner_id, slug)
    due = row.review_due_at
    return row.status, due.replace(tzinfo=UTC) if due is not None else None


def test_undoing_done_leaves_the_item_unfinished_with_no_review_date(session, content):
    me = learners.create_learner(session)[0].id
    progress.set_status(session, content, me, "orm", "in_progress", now=T0)
    progress.set_status(session, content, me, "orm", "done", now=T0 + timedelta(hours=1))
    progress.undo_last(session, content, me, now=T0 + timedelta(hours=2))
    assert _due(session, me, "orm") == ("in_progress", None)


def test_undoing_a_change_between_unfinished_statuses_gives_no_review_date(session, content):
    me = learners.create_learner(session)[0].id
    progress.set_status(session, content, me, "orm", "in_progress", now=T0)
    progress.set_status(session, content, me, "orm", "skipped", now=T0 + timedelta(hours=1))
    progress.undo_last(session, content, me, now=T0 + timedelta(hours=2))
    assert _due(session, me, "orm") == ("in_progress", None)


def test_a_reset_items_review_date_survives_undoing_a_later_change(session, content):
    """Done, reset, started again; undoing both brings the item back due when it was."""
    me = learners.create_learner(session)[0].id
    progress.set_status(session, content, me, "orm", "done", now=T0)
    due = T0 + schedule.interval(0)
    progress.reset_all(session, content, me, now=T0 + timedelta(hours=1))
    progress.set_status(session, content, me, "orm", "in_progress", now=T0 + timedelta(hours=2))
    progress.undo_last(session, content, me, now=T0 + timedelta(days=3))
    progress.undo_last(session, content, me, now=T0 + timedelta(days=3))
    assert _due(session, me, "orm") == ("done", due)
