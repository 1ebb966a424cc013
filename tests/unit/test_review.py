"""Spaced review: done items come back after growing intervals, and answers move them on."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fullstack_guide.services import history, learners, progress, review
from fullstack_guide.services.review import REVIEW_INTERVALS_DAYS, NotDueError

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _learner(session) -> int:
    learner, _ = learners.create_learner(session)
    return learner.id


def _done(session, content, learner_id, slug, at=T0):
    return progress.set_status(session, content, learner_id, slug, "done", now=at)


def test_finishing_an_item_brings_it_back_for_review_the_next_day(session, content):
    me = _learner(session)
    row = _done(session, content, me, "orm")
    assert (row.review_step, row.review_due_at) == (0, T0 + timedelta(days=1))
    assert review.due_reviews(session, me, now=T0 + timedelta(hours=23)) == []
    assert not progress.get_item_states(session, me, now=T0 + timedelta(hours=23))["orm"].review_due
    assert review.due_reviews(session, me, now=T0 + timedelta(days=1)) == ["orm"]  # due on time
    state = progress.get_item_states(session, me, now=T0 + timedelta(days=1))["orm"]
    assert (state.status, state.review_due, state.review_due_at) == (
        "done",
        True,
        T0 + timedelta(days=1),
    )


def test_due_reviews_list_the_longest_waiting_first_and_only_done_items(session, content):
    me = _learner(session)
    _done(session, content, me, "rag", at=T0 + timedelta(hours=2))
    _done(session, content, me, "orm", at=T0)
    _done(session, content, me, "mcp", at=T0 + timedelta(hours=1))
    _done(session, content, me, "nosql", at=T0 + timedelta(days=5))  # not due yet
    progress.set_status(session, content, me, "agents", "in_progress", now=T0)
    assert review.due_reviews(session, me, now=T0 + timedelta(days=2)) == ["orm", "mcp", "rag"]


def test_remembering_grows_the_interval_up_to_the_last_one(session, content):
    me = _learner(session)
    _done(session, content, me, "orm")
    now = T0 + timedelta(days=1)
    waits = []
    for _ in range(len(REVIEW_INTERVALS_DAYS) + 2):
        row = review.mark_remembered(session, me, "orm", now=now)
        waits.append((row.review_due_at - now).days)
        assert review.due_reviews(session, me, now=now) == []
        now = row.review_due_at
    assert waits == [3, 7, 21, 60, 60, 60, 60]
    assert row.review_step == len(REVIEW_INTERVALS_DAYS) - 1
    assert progress.get_statuses(session, me) == {"orm": "done"}


def test_remembering_is_not_a_status_change_and_cannot_be_undone(session, content):
    me = _learner(session)
    _done(session, content, me, "orm")
    review.mark_remembered(session, me, "orm", now=T0 + timedelta(days=1))
    assert len(history.recent_events(session, me)) == 1  # only the tick


def test_an_item_can_only_be_remembered_when_it_is_due(session, content):
    me = _learner(session)
    _done(session, content, me, "orm")
    progress.set_status(session, content, me, "rag", "in_progress", now=T0)
    early = T0 + timedelta(hours=12)
    for slug in ("orm", "rag", "mcp", "no-such-item"):
        with pytest.raises(NotDueError) as raised:
            review.mark_remembered(session, me, slug, now=early)
        assert str(raised.value) == (
            "This item is not waiting for a review right now, so nothing was changed."
        )
    assert progress.find_row(session, me, "orm").review_due_at == T0 + timedelta(days=1)


def test_forgetting_puts_the_item_back_in_progress_and_can_be_undone(session, content):
    me = _learner(session)
    _done(session, content, me, "orm")
    review.mark_remembered(session, me, "orm", now=T0 + timedelta(days=1))  # step 1, due day 4
    forgot = T0 + timedelta(days=4)
    row = progress.mark_forgotten(session, content, me, "orm", now=forgot)
    assert (row.status, row.review_due_at) == ("in_progress", None)
    assert review.due_reviews(session, me, now=forgot + timedelta(days=100)) == []
    newest = history.recent_events(session, me)[0]
    assert (newest.from_status, newest.to_status) == ("done", "in_progress")

    progress.undo_last(session, content, me, now=forgot)
    row = progress.find_row(session, me, "orm")
    assert (row.status, row.review_step, row.review_due_at) == (
        "done",
        1,
        forgot + timedelta(days=3),
    )


def test_forgetting_needs_a_known_item_that_is_due(session, content):
    me = _learner(session)
    _done(session, content, me, "orm")
    with pytest.raises(progress.UnknownItemError):
        progress.mark_forgotten(session, content, me, "no-such-item", now=T0 + timedelta(days=2))
    with pytest.raises(NotDueError):
        progress.mark_forgotten(session, content, me, "orm", now=T0 + timedelta(hours=1))
    with pytest.raises(NotDueError):
        progress.mark_forgotten(session, content, me, "rag", now=T0 + timedelta(days=2))
    assert progress.get_statuses(session, me) == {"orm": "done"}
    assert len(history.recent_events(session, me)) == 1


def test_finishing_again_restarts_the_schedule_and_leaving_done_hides_it(session, content):
    me = _learner(session)
    _done(session, content, me, "orm")
    for days in (1, 4):
        review.mark_remembered(session, me, "orm", now=T0 + timedelta(days=days))
    progress.set_status(session, content, me, "orm", "skipped", now=T0 + timedelta(days=5))
    state = progress.get_item_states(session, me, now=T0 + timedelta(days=50))["orm"]
    assert (state.review_due, state.review_due_at) == (False, None)
    again = T0 + timedelta(days=6)
    row = _done(session, content, me, "orm", at=again)
    assert (row.review_step, row.review_due_at) == (0, again + timedelta(days=1))


def test_naive_times_are_read_as_utc(session, content):
    me = _learner(session)
    _done(session, content, me, "orm", at=T0.replace(tzinfo=None))
    assert review.due_reviews(session, me, now=datetime(2026, 3, 2, 9, 0)) == ["orm"]
    row = review.mark_remembered(session, me, "orm", now=datetime(2026, 3, 2, 9, 0))
    assert row.review_due_at == datetime(2026, 3, 5, 9, 0, tzinfo=UTC)


def test_reviews_are_private_to_each_learner(session, content):
    alice, bob = _learner(session), _learner(session)
    _done(session, content, alice, "orm")
    later = T0 + timedelta(days=2)
    assert review.due_reviews(session, bob, now=later) == []
    with pytest.raises(NotDueError):
        review.mark_remembered(session, bob, "orm", now=later)
    with pytest.raises(NotDueError):
        progress.mark_forgotten(session, content, bob, "orm", now=later)
    assert review.due_reviews(session, alice, now=later) == ["orm"]
