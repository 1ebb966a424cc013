"""History and undo: every change is listed, and undo puts back exactly what was there."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from fullstack_guide.models import ItemProgress, ProgressEvent
from fullstack_guide.services import history, learners, progress, review

T0 = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)


def _learner(session) -> int:
    learner, _ = learners.create_learner(session)
    return learner.id


def _events(session, learner_id):
    return session.exec(select(ProgressEvent).where(ProgressEvent.learner_id == learner_id)).all()


def _row(session, learner_id, slug) -> ItemProgress:
    return progress.find_row(session, learner_id, slug)


def _schedule(session, learner_id, slug):
    row = _row(session, learner_id, slug)
    return row.status, row.review_step, row.review_due_at


def test_each_status_change_is_listed_newest_first(session, content):
    me = _learner(session)
    progress.set_status(session, content, me, "orm", "in_progress", now=T0)
    progress.set_status(session, content, me, "orm", "done", now=T0 + timedelta(hours=1))
    progress.set_status(session, content, me, "rag", "skipped", now=T0 + timedelta(hours=2))
    events = history.recent_events(session, me)
    assert [(e.item_slug, e.from_status, e.to_status) for e in events] == [
        ("rag", "not_started", "skipped"),
        ("orm", "in_progress", "done"),
        ("orm", "not_started", "in_progress"),
    ]
    assert events[0].created_at == T0 + timedelta(hours=2)
    assert len({e.batch for e in events}) == 3  # each lone change undoes on its own
    assert [e.item_slug for e in history.recent_events(session, me, limit=1)] == ["rag"]
    assert history.recent_events(session, me, limit=0) == []


def test_recent_events_never_show_another_learners_changes(session, content):
    alice, bob = _learner(session), _learner(session)
    progress.set_status(session, content, alice, "orm", "done")
    assert history.recent_events(session, bob) == []


def test_setting_the_same_status_again_records_nothing(session, content):
    me = _learner(session)
    progress.set_status(session, content, me, "orm", "done", now=T0)
    progress.set_status(session, content, me, "orm", "done", now=T0 + timedelta(days=2))
    progress.set_status(session, content, me, "rag", "not_started")
    assert len(_events(session, me)) == 1
    assert _row(session, me, "rag") is None  # untouched items still have no row
    assert _row(session, me, "orm").review_due_at == T0 + timedelta(days=1)  # not restarted


def test_undo_reverts_the_last_change_only(session, content):
    me = _learner(session)
    progress.set_status(session, content, me, "orm", "in_progress", now=T0)
    progress.set_status(session, content, me, "orm", "done", now=T0 + timedelta(minutes=1))
    result = progress.undo_last(session, content, me, now=T0 + timedelta(minutes=2))
    assert result is not None
    assert (result.item_slugs, result.count) == (("orm",), 1)
    assert progress.get_statuses(session, me) == {"orm": "in_progress"}
    assert progress.get_item_states(session, me)["orm"].review_due_at is None


def test_undo_twice_reverts_two_batches_and_then_there_is_nothing_left(session, content):
    me = _learner(session)
    progress.set_status(session, content, me, "orm", "done", now=T0)
    progress.set_status(session, content, me, "rag", "in_progress", now=T0 + timedelta(seconds=1))
    progress.set_status(session, content, me, "orm", "skipped", now=T0 + timedelta(seconds=2))
    first = progress.undo_last(session, content, me)
    assert progress.get_statuses(session, me) == {"orm": "done", "rag": "in_progress"}
    second = progress.undo_last(session, content, me)
    assert progress.get_statuses(session, me) == {"orm": "done"}
    assert first.batch != second.batch
    assert second.item_slugs == ("rag",)
    assert progress.undo_last(session, content, me) is not None
    assert progress.get_statuses(session, me) == {}
    assert progress.undo_last(session, content, me) is None


def test_undo_records_no_new_events_and_marks_the_batch_undone(session, content):
    me = _learner(session)
    progress.set_status(session, content, me, "orm", "done", now=T0)
    undo_time = T0 + timedelta(hours=3)
    progress.undo_last(session, content, me, now=undo_time)
    events = history.recent_events(session, me)
    assert len(events) == 1
    assert events[0].undone_at == undo_time


def test_after_an_undo_a_new_change_is_undone_first_then_the_older_batch(session, content):
    me = _learner(session)
    progress.set_status(session, content, me, "orm", "done", now=T0)
    progress.set_status(session, content, me, "orm", "skipped", now=T0 + timedelta(seconds=1))
    progress.undo_last(session, content, me)  # orm back to done
    progress.set_status(session, content, me, "rag", "done", now=T0 + timedelta(seconds=2))
    assert progress.undo_last(session, content, me).item_slugs == ("rag",)
    assert progress.undo_last(session, content, me).item_slugs == ("orm",)
    assert progress.get_statuses(session, me) == {}


def test_changes_sharing_a_batch_are_undone_together(session, content):
    me = _learner(session)
    progress.set_status(session, content, me, "nosql", "done", now=T0)
    batch = history.new_batch()
    for slug in ("rag", "orm", "nosql"):
        progress.set_status(session, content, me, slug, "in_progress", batch=batch, now=T0)
    result = progress.undo_last(session, content, me)
    assert result.batch == batch
    assert result.item_slugs == ("orm", "nosql", "rag")  # checklist order
    assert result.count == 3
    assert progress.get_statuses(session, me) == {"nosql": "done"}


def test_undo_of_a_batch_touching_one_item_twice_restores_the_first_status(session, content):
    me = _learner(session)
    batch = history.new_batch()
    progress.set_status(session, content, me, "orm", "in_progress", batch=batch, now=T0)
    progress.set_status(session, content, me, "orm", "done", batch=batch, now=T0)
    result = progress.undo_last(session, content, me)
    assert (result.item_slugs, result.count) == (("orm",), 1)
    assert progress.get_statuses(session, me) == {}


def test_reset_sends_everything_back_to_not_started_in_one_batch(session, content):
    me = _learner(session)
    progress.set_status(session, content, me, "orm", "done", now=T0)
    progress.set_status(session, content, me, "rag", "skipped", now=T0)
    progress.set_status(session, content, me, "mcp", "in_progress", now=T0)
    batch = progress.reset_all(session, content, me, now=T0 + timedelta(days=1))
    assert progress.get_statuses(session, me) == {}
    assert progress.get_item_states(session, me) == {}
    assert review.due_reviews(session, me, now=T0 + timedelta(days=30)) == []
    reset_events = [e for e in _events(session, me) if e.batch == batch]
    assert sorted((e.item_slug, e.from_status) for e in reset_events) == [
        ("mcp", "in_progress"),
        ("orm", "done"),
        ("rag", "skipped"),
    ]
    assert {e.to_status for e in reset_events} == {"not_started"}


def test_undo_of_a_reset_restores_every_status_and_review_schedule(session, content):
    me = _learner(session)
    progress.set_status(session, content, me, "orm", "done", now=T0)
    progress.set_status(session, content, me, "nosql", "done", now=T0)
    progress.set_status(session, content, me, "rag", "skipped", now=T0)
    progress.set_status(session, content, me, "mcp", "in_progress", now=T0)
    for days in (1, 4):  # orm remembered twice: step 2, due in a week from day 4
        review.mark_remembered(session, me, "orm", now=T0 + timedelta(days=days))
    later = T0 + timedelta(days=5)
    before = progress.get_item_states(session, me, now=later)
    orm_before = _schedule(session, me, "orm")

    progress.reset_all(session, content, me, now=later)
    result = progress.undo_last(session, content, me, now=later + timedelta(minutes=5))

    assert result.count == 4
    after = progress.get_item_states(session, me, now=later)
    assert {s: (v.status, v.review_due_at) for s, v in after.items()} == {
        s: (v.status, v.review_due_at) for s, v in before.items()
    }
    assert _schedule(session, me, "orm") == orm_before == ("done", 2, T0 + timedelta(days=11))
    assert review.due_reviews(session, me, now=T0 + timedelta(days=6)) == ["nosql"]


def test_reset_with_nothing_to_reset_records_no_batch(session, content):
    me = _learner(session)
    progress.set_status(session, content, me, "orm", "done", now=T0)
    progress.set_status(session, content, me, "orm", "not_started", now=T0)
    assert progress.reset_all(session, content, me) == ""
    assert len(_events(session, me)) == 2
    progress.undo_last(session, content, me)  # undoes the untick, not an empty reset
    assert progress.get_statuses(session, me) == {"orm": "done"}


def test_reset_also_clears_rows_of_items_the_content_no_longer_has(session, content):
    me = _learner(session)
    session.add(ItemProgress(learner_id=me, item_slug="retired-topic", status="done"))
    session.flush()
    progress.reset_all(session, content, me)
    assert progress.get_statuses(session, me) == {}
    assert progress.undo_last(session, content, me).item_slugs == ("retired-topic",)
    assert progress.get_statuses(session, me) == {"retired-topic": "done"}


def test_undoing_an_untick_brings_the_item_back_for_review_at_its_step(session, content):
    me = _learner(session)
    progress.set_status(session, content, me, "orm", "done", now=T0)
    review.mark_remembered(session, me, "orm", now=T0 + timedelta(days=1))  # step 1
    untick = T0 + timedelta(days=2)
    progress.set_status(session, content, me, "orm", "not_started", now=untick)
    progress.undo_last(session, content, me, now=untick)
    assert _schedule(session, me, "orm") == ("done", 1, untick + timedelta(days=3))


def test_undo_never_touches_another_learners_progress(session, content):
    alice, bob = _learner(session), _learner(session)
    shared = history.new_batch()  # even a batch id reused across learners stays separate
    progress.set_status(session, content, alice, "orm", "done", batch=shared, now=T0)
    progress.set_status(session, content, bob, "rag", "done", batch=shared, now=T0)
    progress.set_status(session, content, alice, "mcp", "skipped", now=T0 + timedelta(hours=1))

    result = progress.undo_last(session, content, bob)
    assert result.item_slugs == ("rag",)
    assert progress.get_statuses(session, bob) == {}
    assert progress.get_statuses(session, alice) == {"orm": "done", "mcp": "skipped"}
    assert all(e.undone_at is None for e in _events(session, alice))
    assert progress.undo_last(session, content, bob) is None

    progress.reset_all(session, content, alice)
    assert progress.get_statuses(session, bob) == {}
    progress.set_status(session, content, bob, "nosql", "in_progress")
    progress.undo_last(session, content, alice)
    assert progress.get_statuses(session, bob) == {"nosql": "in_progress"}
    assert progress.get_statuses(session, alice) == {"orm": "done", "mcp": "skipped"}


@pytest.mark.parametrize("batch", ["", "x" * 33])
def test_malformed_batch_ids_are_refused_before_anything_changes(session, content, batch):
    me = _learner(session)
    with pytest.raises(ValueError, match="batch id"):
        progress.set_status(session, content, me, "orm", "done", batch=batch)
    with pytest.raises(ValueError, match="batch id"):
        history.record_change(session, me, "orm", "not_started", "done", batch, T0)
    assert _row(session, me, "orm") is None
    assert _events(session, me) == []
