"""Merging a device's anonymous progress into another learner: the newest change wins."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from fullstack_guide.models import ItemProgress, Learner, Note, ProgressEvent, ShareLink
from fullstack_guide.services import accounts, learners, merge, progress, sharing, stacks
from tests.unit.hostile import CHEAP_HASHER

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
    monkeypatch.setattr(accounts, "_hasher", CHEAP_HASHER)
    source, target = pair
    accounts.sign_up(session, source, "merge-guard", "correct horse battery", "c1")
    with pytest.raises(merge.MergeError, match="belongs to an account"):
        merge.merge_learners(session, content, source, target, now=MERGE_AT)
    assert session.get(Learner, source) is not None


# What mutation testing found unpinned (README.md, "Mutation testing"): every row is looked at,
# whatever came before it, and the merge is dated when it happened.


def _row(session, learner_id, slug, status, when):
    session.add(ItemProgress(learner_id=learner_id, item_slug=slug, status=status, updated_at=when))
    session.flush()


def test_an_older_row_does_not_stop_the_newer_ones_behind_it(session, content, pair):
    source, target = pair
    _row(session, target, "orm", "done", LATER)
    _row(session, source, "orm", "skipped", EARLIER)  # older than the target's: kept out
    _row(session, source, "rag", "done", LATER)
    assert merge.merge_learners(session, content, source, target, now=MERGE_AT) == ["rag"]
    assert progress.get_statuses(session, target) == {"orm": "done", "rag": "done"}


def test_a_retired_item_does_not_stop_the_rows_behind_it(session, content, pair):
    source, target = pair
    _row(session, source, "retired-item", "done", LATER)
    _row(session, source, "rag", "in_progress", LATER)
    assert merge.merge_learners(session, content, source, target, now=MERGE_AT) == ["rag"]
    assert progress.get_statuses(session, target) == {
        "retired-item": "done",
        "rag": "in_progress",
    }


def test_an_unchanged_status_does_not_stop_the_rows_behind_it(session, content, pair):
    source, target = pair
    _row(session, target, "orm", "done", EARLIER)
    _row(session, source, "orm", "done", LATER)  # newer, but the same status
    _row(session, source, "rag", "skipped", LATER)
    assert merge.merge_learners(session, content, source, target, now=MERGE_AT) == ["rag"]
    assert progress.get_statuses(session, target) == {"orm": "done", "rag": "skipped"}


def test_a_blank_note_does_not_stop_the_notes_behind_it(session, content, pair):
    source, target = pair
    session.add(Note(learner_id=source, item_slug="orm", body="  \n", updated_at=LATER))
    session.add(Note(learner_id=source, item_slug="rag", body="Chunk, embed.", updated_at=LATER))
    session.flush()
    assert merge.merge_learners(session, content, source, target, now=MERGE_AT) == ["rag"]
    bodies = {
        n.item_slug: n.body for n in session.exec(select(Note)).all() if n.learner_id == target
    }
    assert bodies == {"rag": "Chunk, embed."}


def test_merged_statuses_are_dated_at_the_merge(session, content, pair):
    source, target = pair
    _row(session, source, "orm", "in_progress", LATER)
    merge.merge_learners(session, content, source, target, now=MERGE_AT)
    row = progress.find_row(session, target, "orm")
    event = session.exec(select(ProgressEvent).where(ProgressEvent.learner_id == target)).one()
    assert row.updated_at.replace(tzinfo=UTC) == MERGE_AT
    assert event.created_at.replace(tzinfo=UTC) == MERGE_AT


def test_only_a_done_item_brings_its_review_date_along(session, content, pair):
    """A reset keeps an item's old review date on the row; merging it must not revive it."""
    source, target = pair
    session.add(
        ItemProgress(
            learner_id=source,
            item_slug="orm",
            status="in_progress",
            updated_at=LATER,
            review_step=2,
            review_due_at=LATER + timedelta(days=7),
        )
    )
    session.flush()
    merge.merge_learners(session, content, source, target, now=MERGE_AT)
    row = progress.find_row(session, target, "orm")
    assert (row.status, row.review_step, row.review_due_at) == ("in_progress", 0, None)


def test_the_name_clash_tells_the_builder_which_name_to_offer_replacing(session, content):
    learner, _ = learners.create_learner(session)
    stacks.save_stack(session, content, learner.id, "Work", {"backend": "django"})
    with pytest.raises(stacks.StackExists) as clash:
        stacks.save_stack(session, content, learner.id, " Work ", {"backend": "flask"})
    assert clash.value.name == "Work"


def test_merging_away_an_account_says_why_it_was_refused(monkeypatch, session, content, pair):
    source, target = pair
    monkeypatch.setattr(accounts, "_hasher", CHEAP_HASHER)
    accounts.sign_up(session, source, "has-an-account", "correct horse battery", "device")
    with pytest.raises(merge.MergeError) as refused:
        merge.merge_learners(session, content, source, target)
    assert str(refused.value) == "That progress belongs to an account, so it cannot be merged away."
