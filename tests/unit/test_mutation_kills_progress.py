"""Undo puts back the review schedule an item had, and gives an unfinished item none
(see README.md, "Mutation testing"): the JSON backup carries every row's review date."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from fullstack_guide.services import learners, progress, review, schedule

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def _due(session, learner_id, slug):
    row = progress.find_row(session, learner_id, slug)
    due = row.review_due_at
    return row.status, due.replace(tzinfo=UTC) if due is not None else None


@pytest.mark.parametrize("then", ["done", "skipped"])
def test_undoing_back_to_in_progress_gives_no_review_date(session, content, then):
    """Whether the undone change was to done or to another unfinished status."""
    me = learners.create_learner(session)[0].id
    progress.set_status(session, content, me, "orm", "in_progress", now=T0)
    progress.set_status(session, content, me, "orm", then, now=T0 + timedelta(hours=1))
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


def test_a_reset_item_is_not_due_for_review_even_past_its_kept_date(session, content):
    """A stale tab answering the review of an item that was reset since is refused."""
    me = learners.create_learner(session)[0].id
    progress.set_status(session, content, me, "orm", "done", now=T0)
    progress.reset_all(session, content, me, now=T0 + timedelta(hours=1))
    later = T0 + timedelta(days=5)
    for answer in (review.mark_remembered, progress.mark_forgotten):
        args = (
            (session, me, "orm")
            if answer is review.mark_remembered
            else (session, content, me, "orm")
        )
        with pytest.raises(schedule.NotDueError) as refused:
            answer(*args, now=later)
        assert refused.value.item_slug == "orm"
    assert _due(session, me, "orm") == ("not_started", T0 + schedule.interval(0))


def test_item_states_skip_reset_rows_and_show_no_date_on_unfinished_items(session, content):
    me = learners.create_learner(session)[0].id
    progress.set_status(session, content, me, "orm", "done", now=T0)
    progress.reset_all(session, content, me, now=T0 + timedelta(hours=1))
    progress.set_status(session, content, me, "nosql", "in_progress", now=T0 + timedelta(hours=2))
    assert list(progress.get_item_states(session, me, now=T0)) == ["nosql"]
    progress.set_status(session, content, me, "orm", "skipped", now=T0 + timedelta(hours=3))
    state = progress.get_item_states(session, me, now=T0 + timedelta(days=9))["orm"]
    assert (state.status, state.review_due_at, state.review_due) == ("skipped", None, False)


def test_forgetting_a_due_item_is_dated_when_answered_and_names_an_unknown_item(session, content):
    me = learners.create_learner(session)[0].id
    progress.set_status(session, content, me, "orm", "done", now=T0)
    answered = T0 + timedelta(days=2)
    row = progress.mark_forgotten(session, content, me, "orm", now=answered)
    assert (row.status, row.updated_at.replace(tzinfo=UTC)) == ("in_progress", answered)
    with pytest.raises(progress.UnknownItemError, match="no-such-item"):
        progress.mark_forgotten(session, content, me, "no-such-item")


def test_forgetting_without_a_time_uses_the_clock(session, content):
    me = learners.create_learner(session)[0].id
    progress.set_status(session, content, me, "orm", "done", now=T0)  # due long ago
    assert progress.mark_forgotten(session, content, me, "orm").status == "in_progress"


@pytest.mark.parametrize("value", ["Has Spaces", "../orm", "", None, 7, b"orm"])
def test_only_slug_shaped_strings_can_name_a_stored_row(value):
    assert progress.is_slug(value) is False


def test_a_reset_leaves_every_other_learners_progress_alone(session, content):
    me, other = (learners.create_learner(session)[0].id for _ in range(2))
    progress.set_status(session, content, me, "orm", "done", now=T0)
    progress.set_status(session, content, other, "rag", "skipped", now=T0)
    progress.reset_all(session, content, me, now=T0 + timedelta(hours=1))
    assert progress.get_statuses(session, other) == {"rag": "skipped"}


def test_not_started_on_a_fresh_item_answers_an_unsaved_row_dated_now(session, content):
    me = learners.create_learner(session)[0].id
    row = progress.set_status(session, content, me, "orm", "not_started", now=T0)
    assert (row.status, row.updated_at) == ("not_started", T0)
    assert progress.find_row(session, me, "orm") is None


def test_the_refusals_say_what_was_wrong_and_what_to_do(session, content):
    me = learners.create_learner(session)[0].id
    with pytest.raises(progress.UnknownItemError) as unknown:
        progress.set_status(session, content, me, "gone", "done")
    assert str(unknown.value) == (
        "The checklist has no item 'gone', so nothing was changed. "
        "Reload the page to get the current checklist."
    )
    assert unknown.value.item_slug == "gone"
    with pytest.raises(progress.InvalidStatusError) as invalid:
        progress.set_status(session, content, me, "orm", "finished")
    assert str(invalid.value) == (
        "'finished' is not a status an item can have "
        "(use one of: done, in_progress, not_started, skipped)."
    )
    assert invalid.value.status == "finished"
