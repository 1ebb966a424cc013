"""A tick (``services.ticks.record_tick``) writes what ``progress.set_status`` would, without
the ORM's unit of work."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import event, select
from sqlmodel import col

from fullstack_guide.models import ItemProgress, ProgressEvent, Status
from fullstack_guide.services import learners, progress
from fullstack_guide.services.ticks import record_tick
from fullstack_guide.state import _change
from tests.unit.hostile import SETTINGS

START = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
ITEMS = ("orm", "containers")
ROW_COLUMNS = ("item_slug", "status", "updated_at", "review_step", "review_due_at")
EVENT_COLUMNS = ("item_slug", "from_status", "to_status", "created_at", "undone_at")


def _learner(session) -> int:
    return _credentials(session)[0]


def _credentials(session) -> tuple[int, str, str]:
    """A new anonymous learner's id and digests, as a tab holds them."""
    learner, _token = learners.create_learner(session)
    session.flush()
    assert learner.id is not None
    return learner.id, "", learner.token_digest


def _stored(session, learner_id: int) -> tuple[list[tuple], list[tuple]]:
    """The learner's rows and history, as the database holds them."""
    rows = session.connection().execute(
        select(*(getattr(ItemProgress, name) for name in ROW_COLUMNS))
        .where(col(ItemProgress.learner_id) == learner_id)
        .order_by(col(ItemProgress.item_slug))
    )
    events = session.connection().execute(
        select(*(getattr(ProgressEvent, name) for name in EVENT_COLUMNS))
        .where(col(ProgressEvent.learner_id) == learner_id)
        .order_by(col(ProgressEvent.id))
    )
    return [tuple(row) for row in rows], [tuple(row) for row in events]


def test_a_tick_does_not_go_through_the_unit_of_work(session):
    """Loading the row as an object and flushing it was most of a tick's database CPU."""
    credentials = _credentials(session)
    learner_id = credentials[0]
    flushes: list[object] = []

    def flushed(*_args) -> None:
        flushes.append(_args)

    event.listen(session, "before_flush", flushed)
    try:
        assert _change(session, credentials, "orm", Status.DONE) == Status.DONE
        assert _change(session, credentials, "orm", Status.NOT_STARTED) == Status.NOT_STARTED
    finally:
        event.remove(session, "before_flush", flushed)
    assert not flushes
    rows, events = _stored(session, learner_id)
    assert [row[:2] for row in rows] == [("orm", Status.NOT_STARTED)]
    assert [e[1:3] for e in events] == [
        (Status.NOT_STARTED, Status.DONE),
        (Status.DONE, Status.NOT_STARTED),
    ]


@SETTINGS
@given(
    st.lists(
        st.tuples(st.sampled_from(ITEMS), st.sampled_from(sorted(Status.values()))),
        max_size=8,
    )
)
def test_a_tick_writes_what_set_status_writes(session, content, changes):
    """The same rows, review schedules and history events, change after change."""
    by_tick, by_orm = _learner(session), _learner(session)
    for minutes, (item_slug, status) in enumerate(changes):
        now = START + timedelta(minutes=minutes)
        saved = record_tick(session, content, by_tick, item_slug, status, now=now)
        row = progress.set_status(session, content, by_orm, item_slug, status, now=now)
        assert saved == row.status == status
    assert _stored(session, by_tick) == _stored(session, by_orm)


def test_each_tick_is_undone_on_its_own(session, content):
    learner_id = _learner(session)
    record_tick(session, content, learner_id, "orm", Status.DONE, now=START)
    record_tick(session, content, learner_id, "containers", Status.SKIPPED, now=START)
    undone = progress.undo_last(session, content, learner_id, now=START)
    assert undone is not None and undone.item_slugs == ("containers",)
    assert progress.get_statuses(session, learner_id) == {"orm": Status.DONE}


@pytest.mark.parametrize(("item_slug", "status"), [("no-such-item", "done"), ("orm", "finished")])
def test_a_bad_tick_writes_nothing(session, content, item_slug, status):
    learner_id = _learner(session)
    with pytest.raises(ValueError):
        record_tick(session, content, learner_id, item_slug, status)
    assert _stored(session, learner_id) == ([], [])
