"""Signing in merges a device's progress: every row is looked at, whatever came before it,
and the merge is dated when it happened (see README.md, "Mutation testing")."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from fullstack_guide.models import ItemProgress, Note, ProgressEvent
from fullstack_guide.services import accounts, learners, merge, progress, stacks
from tests.unit.hostile import CHEAP_HASHER

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
EARLIER, LATER, MERGE_AT = T0, T0 + timedelta(hours=1), T0 + timedelta(days=1)


@pytest.fixture
def pair(session):
    source, _ = learners.create_learner(session)
    target, _ = learners.create_learner(session)
    return source.id, target.id


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
