"""Merging a device's anonymous progress into another learner: the newest change wins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlmodel import select

from fullstack_guide.models import ItemProgress, Learner, Note, ProgressEvent, ShareLink
from fullstack_guide.services import accounts, learners, merge, progress, sharing

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
EARLIER, LATER, MERGE_AT = T0, T0 + timedelta(hours=1), T0 + timedelta(days=1)


@pytest.fixture
def pair(session):
    source, _ = learners.create_learner(session)
    target, _ = learners.create_learner(session)
    return source.id, target.id


def _note(session, learner_id, slug, body, when):
    session.add(Note(learner_id=learner_id, item_slug=slug, body=body, updated_at=when))
    session.flush()


def _notes(session, learner_id):
    rows = session.exec(select(Note).where(Note.learner_id == learner_id)).all()
    return {n.item_slug: n.body for n in rows}


def test_newer_status_wins_in_both_directions(session, content, pair):
    source, target = pair
    progress.set_status(session, content, source, "orm", "done", now=LATER)
    progress.set_status(session, content, target, "orm", "in_progress", now=EARLIER)
    progress.set_status(session, content, source, "rag", "in_progress", now=EARLIER)
    progress.set_status(session, content, target, "rag", "done", now=LATER)

    changed = merge.merge_learners(session, content, source, target, now=MERGE_AT)

    assert changed == ["orm"]
    assert progress.get_statuses(session, target) == {"orm": "done", "rag": "done"}


def test_items_only_one_side_touched_all_end_up_on_the_target(session, content, pair):
    source, target = pair
    progress.set_status(session, content, source, "nosql", "skipped", now=EARLIER)
    progress.set_status(session, content, source, "orm", "in_progress", now=EARLIER)
    progress.set_status(session, content, target, "testing", "done", now=EARLIER)

    changed = merge.merge_learners(session, content, source, target, now=MERGE_AT)

    assert changed == ["orm", "nosql"]  # checklist order
    assert progress.get_statuses(session, target) == {
        "nosql": "skipped",
        "orm": "in_progress",
        "testing": "done",
    }


def test_a_newer_reset_on_the_source_wins_over_older_done(session, content, pair):
    source, target = pair
    progress.set_status(session, content, target, "orm", "done", now=EARLIER)
    progress.set_status(session, content, source, "orm", "done", now=EARLIER)
    progress.set_status(session, content, source, "orm", "not_started", now=LATER)

    assert merge.merge_learners(session, content, source, target, now=MERGE_AT) == ["orm"]
    assert progress.get_statuses(session, target) == {}


def test_the_merge_is_one_batch_in_history_and_one_undo_reverts_it(session, content, pair):
    source, target = pair
    progress.set_status(session, content, target, "orm", "in_progress", now=EARLIER)
    progress.set_status(session, content, source, "orm", "done", now=LATER)
    progress.set_status(session, content, source, "rag", "done", now=LATER)

    merge.merge_learners(session, content, source, target, now=MERGE_AT)
    events = session.exec(
        select(ProgressEvent).where(
            ProgressEvent.learner_id == target, ProgressEvent.created_at >= MERGE_AT
        )
    ).all()
    assert sorted(e.item_slug for e in events) == ["orm", "rag"]
    assert len({e.batch for e in events}) == 1

    undone = progress.undo_last(session, content, target, now=MERGE_AT + timedelta(minutes=1))
    assert undone is not None and set(undone.item_slugs) == {"orm", "rag"}
    assert progress.get_statuses(session, target) == {"orm": "in_progress"}


def test_a_done_item_keeps_the_review_schedule_it_had_on_the_source(session, content, pair):
    source, target = pair
    progress.set_status(session, content, source, "orm", "done", now=EARLIER)
    row = progress.find_row(session, source, "orm")
    row.review_step, row.review_due_at = 3, EARLIER + timedelta(days=21)
    session.add(row)

    merge.merge_learners(session, content, source, target, now=MERGE_AT)

    state = progress.get_item_states(session, target, now=MERGE_AT)["orm"]
    assert state.review_due_at == EARLIER + timedelta(days=21)


def test_newer_note_wins_in_both_directions(session, content, pair):
    source, target = pair
    _note(session, source, "orm", "source, newer", LATER)
    _note(session, target, "orm", "target, older", EARLIER)
    _note(session, source, "rag", "source, older", EARLIER)
    _note(session, target, "rag", "target, newer", LATER)
    _note(session, source, "nosql", "only on the source", EARLIER)

    changed = merge.merge_learners(session, content, source, target, now=MERGE_AT)

    assert changed == ["orm", "nosql"]
    assert _notes(session, target) == {
        "orm": "source, newer",
        "rag": "target, newer",
        "nosql": "only on the source",
    }


def test_an_overwritten_note_gets_a_new_version(session, content, pair):
    source, target = pair
    _note(session, target, "orm", "old", EARLIER)
    _note(session, source, "orm", "new", LATER)
    merge.merge_learners(session, content, source, target, now=MERGE_AT)
    note = session.exec(select(Note).where(Note.learner_id == target)).one()
    assert (note.body, note.version) == ("new", 2)


def test_the_source_learner_and_all_its_rows_are_gone(session, content, pair):
    source, target = pair
    progress.set_status(session, content, source, "orm", "done", now=EARLIER)
    _note(session, source, "rag", "hi", EARLIER)
    sharing.enable_share(session, source, include_notes=True)

    merge.merge_learners(session, content, source, target, now=MERGE_AT)

    assert session.get(Learner, source) is None
    for table in (ItemProgress, Note, ProgressEvent, ShareLink):
        assert session.exec(select(table).where(table.learner_id == source)).all() == []
    assert progress.get_statuses(session, target) == {"orm": "done"}


def test_progress_on_items_the_content_dropped_is_kept_but_not_reported(session, content, pair):
    source, target = pair
    session.add(ItemProgress(learner_id=source, item_slug="retired-item", status="done"))
    session.flush()
    assert merge.merge_learners(session, content, source, target, now=MERGE_AT) == []
    kept = session.exec(select(ItemProgress).where(ItemProgress.learner_id == target)).all()
    assert [(r.item_slug, r.status) for r in kept] == [("retired-item", "done")]


def test_a_third_learner_is_untouched(session, content, pair):
    source, target = pair
    bystander, _ = learners.create_learner(session)
    progress.set_status(session, content, bystander.id, "orm", "skipped", now=LATER)
    _note(session, bystander.id, "orm", "mine", LATER)
    progress.set_status(session, content, source, "orm", "done", now=EARLIER)

    merge.merge_learners(session, content, source, target, now=MERGE_AT)

    assert progress.get_statuses(session, bystander.id) == {"orm": "skipped"}
    assert _notes(session, bystander.id) == {"orm": "mine"}
    assert _notes(session, target) == {}


def test_merging_a_learner_into_itself_changes_and_deletes_nothing(session, content, pair):
    source, _ = pair
    progress.set_status(session, content, source, "orm", "done", now=EARLIER)
    assert merge.merge_learners(session, content, source, source, now=MERGE_AT) == []
    assert progress.get_statuses(session, source) == {"orm": "done"}


def test_a_learner_with_an_account_is_never_merged_away(session, content, pair, monkeypatch):
    monkeypatch.setattr(
        accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )
    source, target = pair
    accounts.sign_up(session, source, "merge-guard", "correct horse battery", "c1")
    with pytest.raises(merge.MergeError, match="belongs to an account"):
        merge.merge_learners(session, content, source, target, now=MERGE_AT)
    assert session.get(Learner, source) is not None
