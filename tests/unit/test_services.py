"""Learner identity and progress services against a real (temporary) SQLite database."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from fullstack_guide.models import ItemProgress, Learner, ProgressEvent
from fullstack_guide.services import learners, progress


def test_tokens_are_long_random_and_stored_only_as_digests(session):
    learner, token = learners.create_learner(session)
    assert learners.is_well_formed(token)
    assert len(token) == 43  # 256 bits, URL-safe base64
    stored = session.exec(select(Learner).where(Learner.id == learner.id)).one()
    assert stored.token_digest != token
    assert token not in stored.model_dump_json()
    assert len({learners.new_token() for _ in range(1000)}) == 1000


@pytest.mark.parametrize("bad", ["", "short", "x" * 43 + "!", None, 42, "é" * 43, "a" * 10_000])
def test_malformed_or_unknown_tokens_find_nobody(session, bad):
    learners.create_learner(session)
    assert learners.find_learner(session, bad) is None
    assert learners.find_learner(session, learners.new_token()) is None


def test_resolve_creates_once_then_recognises(session):
    first, token, created = learners.resolve_learner(session, "")
    assert created
    again, same_token, created_again = learners.resolve_learner(session, token)
    assert (again.id, same_token, created_again) == (first.id, token, False)


def test_set_status_upserts_one_row_per_item(session, content):
    learner, _ = learners.create_learner(session)
    progress.set_status(session, content, learner.id, "orm", "done")
    progress.set_status(session, content, learner.id, "orm", "done")
    progress.set_status(session, content, learner.id, "nosql", "in_progress")
    rows = session.exec(select(ItemProgress).where(ItemProgress.learner_id == learner.id)).all()
    assert sorted((r.item_slug, r.status) for r in rows) == [
        ("nosql", "in_progress"),
        ("orm", "done"),
    ]
    progress.set_status(session, content, learner.id, "orm", "not_started")
    assert progress.get_statuses(session, learner.id) == {"nosql": "in_progress"}


def test_learners_only_see_their_own_statuses(session, content):
    alice, _ = learners.create_learner(session)
    bob, _ = learners.create_learner(session)
    progress.set_status(session, content, alice.id, "rag", "done")
    assert progress.get_statuses(session, bob.id) == {}
    assert progress.get_statuses(session, alice.id) == {"rag": "done"}


@pytest.mark.parametrize("slug", ["no-such-item", "", "ORM", "orm ", "../orm", "x" * 500])
def test_unknown_items_are_rejected_and_nothing_is_written(session, content, slug):
    learner, _ = learners.create_learner(session)
    with pytest.raises(progress.UnknownItemError):
        progress.set_status(session, content, learner.id, slug, "done")
    assert progress.get_statuses(session, learner.id) == {}


def test_unknown_status_is_rejected(session, content):
    learner, _ = learners.create_learner(session)
    with pytest.raises(progress.InvalidStatusError):
        progress.set_status(session, content, learner.id, "orm", "mastered")


def test_rollup_counts_done_and_drops_skipped_from_the_denominator(content):
    statuses = {"orm": "done", "nosql": "skipped", "rag": "done", "mcp": "in_progress"}
    overall, sections = progress.rollup(content, statuses)
    assert (sections["data"].done, sections["data"].total) == (1, 4)
    assert sections["data"].percent == 25
    assert (sections["ai"].done, sections["ai"].total) == (1, 4)
    assert (overall.done, overall.total) == (2, len(content.items) - 1)


def test_rollup_of_nothing_is_zero_not_an_error(content):
    overall, _ = progress.rollup(content, {})
    assert overall.percent == 0
    everything_skipped = {item.slug: "skipped" for item in content.items}
    overall, _ = progress.rollup(content, everything_skipped)
    assert (overall.done, overall.total, overall.percent) == (0, 0, 0)


def test_statuses_for_removed_items_are_kept_but_not_counted(session, content):
    learner, _ = learners.create_learner(session)
    session.add(ItemProgress(learner_id=learner.id, item_slug="retired-topic", status="done"))
    session.flush()
    statuses = progress.get_statuses(session, learner.id)
    assert statuses == {"retired-topic": "done"}
    overall, _ = progress.rollup(content, statuses)
    assert overall.done == 0


def test_set_status_records_each_real_change_in_the_history(session, content):
    learner, _ = learners.create_learner(session)
    now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    row = progress.set_status(session, content, learner.id, "orm", "done", batch="import1", now=now)
    assert row.updated_at == now
    progress.set_status(session, content, learner.id, "orm", "done", batch="import1", now=now)
    events = session.exec(select(ProgressEvent).where(ProgressEvent.learner_id == learner.id)).all()
    assert [(e.from_status, e.to_status, e.batch, e.created_at) for e in events] == [
        ("not_started", "done", "import1", now)
    ]


def test_item_states_show_status_and_whether_a_review_is_due(session, content):
    learner, _ = learners.create_learner(session)
    now = datetime(2026, 3, 1, 9, 0, tzinfo=UTC)
    progress.set_status(session, content, learner.id, "orm", "done", now=now)
    progress.set_status(session, content, learner.id, "rag", "in_progress", now=now)
    progress.set_status(session, content, learner.id, "mcp", "done", now=now)
    progress.set_status(session, content, learner.id, "mcp", "not_started", now=now)
    states = progress.get_item_states(session, learner.id, now=now + timedelta(days=1))
    assert states == {
        "orm": progress.ItemState("done", now, True, now + timedelta(days=1)),
        "rag": progress.ItemState("in_progress", now, False, None),
    }
    assert not progress.get_item_states(session, learner.id, now=now)["orm"].review_due


def test_refusals_explain_themselves_in_a_sentence(session, content):
    learner, _ = learners.create_learner(session)
    with pytest.raises(progress.UnknownItemError, match="no item 'no-such-item'"):
        progress.set_status(session, content, learner.id, "no-such-item", "done")
    with pytest.raises(progress.InvalidStatusError, match="'mastered' is not a status"):
        progress.set_status(session, content, learner.id, "orm", "mastered")


def test_a_huge_or_deeply_nested_value_gets_a_short_refusal(session, content):
    learner, _ = learners.create_learner(session)
    deep: list = []
    for _ in range(5_000):  # deeper than repr() can walk
        deep = [deep]
    for value in (deep, "x" * 100_000 + "\n"):
        with pytest.raises(progress.InvalidStatusError) as refused:
            progress.set_status(session, content, learner.id, "orm", value)
        shown = str(refused.value).partition(" is not a status")[0]
        assert len(shown) <= 40 and "\n" not in shown
