"""A tick's identity check and write (``services.checked_tick.record_checked_tick``) on the server's
own database: on the cluster's PostgreSQL that is one statement, which must write what
``identity.verify`` followed by ``ticks.record_tick`` writes, and refuse what ``verify``
refuses. On SQLite (the single server) it is those two calls, checked the same way.

No browser: these run here because the unit tests only have SQLite, and the cluster run of this
suite has a real PostgreSQL (the ``db`` fixture).
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy
from argon2 import PasswordHasher
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import event, select
from sqlmodel import Session, col

from fullstack_guide.content import get_content
from fullstack_guide.models import ItemProgress, Learner, ProgressEvent, Status
from fullstack_guide.services import accounts, auth_sessions, identity, learners
from fullstack_guide.services.checked_tick import record_checked_tick
from fullstack_guide.services.ticks import record_tick

START = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
ITEMS = ("orm", "containers")
ROW_COLUMNS = ("item_slug", "status", "updated_at", "review_step", "review_due_at")
EVENT_COLUMNS = ("item_slug", "from_status", "to_status", "created_at", "undone_at")
PASSWORD = "correct horse battery"
Credentials = tuple[int, str, str]


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    monkeypatch.setattr(
        accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )


def _committed(db: sqlalchemy.Engine, work: Callable[[Session], object]) -> object:
    """``work`` in a fresh session of its own, committed: how the app runs a tick."""
    with Session(db, expire_on_commit=False) as session:
        result = work(session)
        session.commit()
        return result


def _anonymous(db: sqlalchemy.Engine) -> Credentials:
    def create(session: Session) -> Credentials:
        learner, _token = learners.create_learner(session)
        session.flush()
        assert learner.id is not None
        return learner.id, "", learner.token_digest

    return _committed(db, create)  # type: ignore[return-value]


def _signed_in(db: sqlalchemy.Engine) -> Credentials:
    learner_id = _anonymous(db)[0]
    name = f"tick-{secrets.token_hex(8)}"
    token = _committed(
        db,
        lambda session: accounts.sign_up(
            session, learner_id, name, PASSWORD, secrets.token_hex(8), now=START
        ),
    )
    return learner_id, learners.token_digest(token), ""


def _stored(db: sqlalchemy.Engine, learner_id: int) -> tuple[list[tuple], list[tuple]]:
    """The learner's rows and history, as the database holds them."""
    with db.connect() as connection:
        rows = connection.execute(
            select(*(getattr(ItemProgress, name) for name in ROW_COLUMNS))
            .where(col(ItemProgress.learner_id) == learner_id)
            .order_by(col(ItemProgress.item_slug))
        )
        events = connection.execute(
            select(*(getattr(ProgressEvent, name) for name in EVENT_COLUMNS))
            .where(col(ProgressEvent.learner_id) == learner_id)
            .order_by(col(ProgressEvent.id))
        )
        return [tuple(row) for row in rows], [tuple(row) for row in events]


def _checked(db, credentials: Credentials, item_slug: str, status: str, now: datetime) -> str:
    return _committed(  # type: ignore[return-value]
        db,
        lambda session: record_checked_tick(
            session, get_content(), credentials, item_slug, status, now=now
        ),
    )


def _verified_then_recorded(db, credentials: Credentials, item_slug, status, now) -> str:
    learner_id, session_digest, learner_digest = credentials

    def work(session: Session) -> str:
        identity.verify(
            session,
            learner_id,
            session_digest=session_digest,
            learner_digest=learner_digest,
            now=now,
        )
        return record_tick(session, get_content(), learner_id, item_slug, status, now=now)

    return _committed(db, work)  # type: ignore[return-value]


@settings(max_examples=40, deadline=None, suppress_health_check=list(HealthCheck))
@given(
    changes=st.lists(
        st.tuples(st.sampled_from(ITEMS), st.sampled_from(sorted(Status.values()))),
        max_size=8,
    ),
    signed_in=st.booleans(),
)
def test_a_checked_tick_writes_what_verify_and_record_tick_write(db, changes, signed_in):
    """The same rows, review schedules and history events, change after change."""
    new_learner = _signed_in if signed_in else _anonymous
    checked, reference = new_learner(db), new_learner(db)
    for minutes, (item_slug, status) in enumerate(changes):
        now = START + timedelta(minutes=minutes)
        assert _checked(db, checked, item_slug, status, now) == status
        assert _verified_then_recorded(db, reference, item_slug, status, now) == status
    assert _stored(db, checked[0]) == _stored(db, reference[0])


def _refusals(db) -> Iterator[tuple[str, Credentials, datetime]]:
    learner_id, _, digest = _anonymous(db)
    other_id, _, other_digest = _anonymous(db)
    yield "another learner's token", (learner_id, "", other_digest), START
    yield "a token for another learner", (other_id, "", digest), START
    yield "no token", (learner_id, "", ""), START
    yield "an unknown learner", (10**9, "", digest), START
    retired_id, _, retired = _anonymous(db)
    _committed(
        db,
        lambda session: accounts.sign_up(
            session,
            retired_id,
            f"tick-{secrets.token_hex(8)}",
            PASSWORD,
            secrets.token_hex(8),
            now=START,
        ),
    )
    yield "a token sign-up retired", (retired_id, "", retired), START
    account_id, session_digest, _ = _signed_in(db)
    yield "a session of another learner", (other_id, session_digest, ""), START
    yield "an unknown session", (account_id, "0" * 64, ""), START
    last = START + timedelta(days=auth_sessions.SESSION_DAYS)
    yield "a session at its expiry", (account_id, session_digest, ""), last
    ended_id, ended_digest, _ = _signed_in(db)
    _committed(db, lambda session: auth_sessions.sign_out_digest(session, ended_digest, START))
    yield "a session signed out", (ended_id, ended_digest, ""), START


def test_a_checked_tick_refuses_what_verify_refuses_and_writes_nothing(db):
    for case, credentials, now in _refusals(db):
        with pytest.raises(identity.IdentityRevokedError) as verified:
            _verified_then_recorded(db, credentials, "orm", Status.DONE, now)
        with pytest.raises(identity.IdentityRevokedError) as checked:
            _checked(db, credentials, "orm", Status.DONE, now)
        assert checked.value.reason == verified.value.reason, case
        assert _stored(db, credentials[0]) == ([], []), case


@pytest.mark.parametrize(("item_slug", "status"), [("no-such-item", "done"), ("orm", "finished")])
def test_a_bad_checked_tick_writes_nothing(db, item_slug, status):
    credentials = _anonymous(db)
    with pytest.raises(ValueError):
        _checked(db, credentials, item_slug, status, START)
    assert _stored(db, credentials[0]) == ([], [])


def test_on_postgresql_a_checked_tick_is_one_statement_outside_a_transaction(db):
    """One round trip: no BEGIN or COMMIT of its own, and committed when it returns."""
    if db.dialect.name != "postgresql":
        pytest.skip("SQLite runs the check and the write in process, as separate statements")
    credentials = _anonymous(db)
    sent: list[str] = []

    def count(_conn, _cursor, statement, *_args) -> None:
        sent.append(statement)

    event.listen(db, "before_cursor_execute", count)
    try:
        with Session(db) as session:
            saved = record_checked_tick(session, get_content(), credentials, "orm", Status.DONE)
            driver = session.connection().connection.driver_connection
            assert driver is not None
            still_open = driver.info.transaction_status
            session.rollback()  # what an error after it would do: the tick is already saved
    finally:
        event.remove(db, "before_cursor_execute", count)
    assert saved == Status.DONE
    assert len(sent) == 1, sent
    assert still_open == driver.info.transaction_status.__class__.IDLE
    rows, events = _stored(db, credentials[0])
    assert [row[:2] for row in rows] == [("orm", Status.DONE)]
    assert [e[1:3] for e in events] == [(Status.NOT_STARTED, Status.DONE)]


def test_after_a_checked_tick_the_pooled_connection_is_transactional_again(db):
    """The tick's connection goes back to the pool; whatever uses it next must be able to
    roll back (an import that fails half-way leaves nothing)."""
    credentials = _anonymous(db)
    _checked(db, credentials, "orm", Status.DONE, START)
    with Session(db) as session:
        learner, _token = learners.create_learner(session)
        session.flush()
        created = learner.id
        session.rollback()
    with Session(db) as session:
        assert session.get(Learner, created) is None
