"""The per-event identity check: right answers, and one database statement per check.

Every learner-data event runs :func:`services.identity.verify` inside its write's own
transaction, so its cost is paid on every tick: it must stay a single query.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from argon2 import PasswordHasher
from sqlalchemy import event

from fullstack_guide.identity import _self_checked_call
from fullstack_guide.models import Account
from fullstack_guide.services import accounts, auth_sessions, learners
from fullstack_guide.services.identity import IdentityRevokedError, verify
from fullstack_guide.state import _change

NOW = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)
PASSWORD = "correct horse battery"


@pytest.fixture(autouse=True)
def cheap_hashing(monkeypatch):
    monkeypatch.setattr(
        accounts, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    )


@contextlib.contextmanager
def statements(session) -> Iterator[list[str]]:
    """The SQL statements ``session`` sends while the block runs."""
    sent: list[str] = []
    engine = session.get_bind()

    def count(_conn, _cursor, statement, *_args) -> None:
        sent.append(statement)

    event.listen(engine, "before_cursor_execute", count)
    try:
        yield sent
    finally:
        event.remove(engine, "before_cursor_execute", count)


def _anonymous(session):
    learner, token = learners.create_learner(session)
    session.flush()
    return learner.id, learners.token_digest(token)


def _signed_in(session, name: str):
    learner_id, _digest = _anonymous(session)
    token = accounts.sign_up(session, learner_id, name, PASSWORD, "device", now=NOW)
    return learner_id, learners.token_digest(token)


def test_an_anonymous_check_is_one_statement(session):
    learner_id, digest = _anonymous(session)
    session.connection()  # the transaction is open: only the check's own SQL is counted
    with statements(session) as sent:
        verify(session, learner_id, session_digest="", learner_digest=digest)
    assert len(sent) == 1, sent


def test_a_session_check_is_one_statement(session):
    learner_id, digest = _signed_in(session, "verify_one")
    session.connection()
    with statements(session) as sent:
        verify(session, learner_id, session_digest=digest, learner_digest="", now=NOW)
    assert len(sent) == 1, sent


def test_an_anonymous_digest_opens_only_its_own_learner(session):
    learner_id, digest = _anonymous(session)
    other_id, other_digest = _anonymous(session)
    verify(session, learner_id, session_digest="", learner_digest=digest)
    for wrong_id, wrong_digest in [
        (learner_id, other_digest),
        (other_id, digest),
        (learner_id, ""),
    ]:
        with pytest.raises(IdentityRevokedError) as refused:
            verify(session, wrong_id, session_digest="", learner_digest=wrong_digest)
        assert refused.value.reason == "learner"
    with pytest.raises(IdentityRevokedError):
        verify(session, 10**9, session_digest="", learner_digest=digest)


def test_an_anonymous_digest_stops_at_sign_up(session):
    learner_id, digest = _anonymous(session)
    accounts.sign_up(session, learner_id, "verify_retired", PASSWORD, "device", now=NOW)
    with pytest.raises(IdentityRevokedError) as refused:
        verify(session, learner_id, session_digest="", learner_digest=digest)
    assert refused.value.reason == "learner"


def test_a_session_opens_only_its_learner_while_live(session):
    learner_id, digest = _signed_in(session, "verify_live")
    other_id, _ = _anonymous(session)
    verify(session, learner_id, session_digest=digest, learner_digest="", now=NOW)
    cases = [
        (other_id, digest, NOW),  # another learner
        (learner_id, "0" * 64, NOW),  # an unknown session
        (learner_id, digest, NOW + timedelta(days=auth_sessions.SESSION_DAYS, seconds=1)),
        (learner_id, digest, NOW + timedelta(days=auth_sessions.SESSION_DAYS)),  # its last instant
    ]
    for wrong_id, wrong_digest, when in cases:
        with pytest.raises(IdentityRevokedError) as refused:
            verify(session, wrong_id, session_digest=wrong_digest, learner_digest="", now=when)
        assert refused.value.reason == "session"
    auth_sessions.sign_out_digest(session, digest, NOW)
    with pytest.raises(IdentityRevokedError):
        verify(session, learner_id, session_digest=digest, learner_digest="", now=NOW)


def test_a_tick_is_the_check_the_row_read_and_two_writes(session):
    """Verify, find the row, write it, log the change: no second check, no re-read."""
    learner_id, digest = _anonymous(session)
    credentials = (learner_id, "", digest)
    _self_checked_call(session, credentials, _change, ("orm", "done"))
    session.connection()
    with statements(session) as sent:
        _self_checked_call(session, credentials, _change, ("orm", "not_started"))
    assert [statement.split()[0] for statement in sent] == ["SELECT", "SELECT", "UPDATE", "INSERT"]


def _verifies(session, credentials: tuple[int, str, str], now: datetime) -> bool:
    learner_id, session_digest, learner_digest = credentials
    try:
        verify(
            session,
            learner_id,
            session_digest=session_digest,
            learner_digest=learner_digest,
            now=now,
        )
    except IdentityRevokedError as refused:
        assert refused.reason == ("session" if session_digest else "learner")
        return False
    return True


def test_the_digests_open_exactly_these_cases(session):
    """``verify`` runs ``still_opens``, which the PostgreSQL tick statement carries too
    (``services.checked_tick``): these cases pin both down, the expiry's last instant included."""
    learner_id, digest = _anonymous(session)
    other_id, other_digest = _anonymous(session)
    retired_id, retired_digest = _anonymous(session)
    accounts.sign_up(session, retired_id, "verify_cond_retired", PASSWORD, "device", now=NOW)
    account_learner, session_digest = _signed_in(session, "verify_cond_live")
    ended_learner, ended_digest = _signed_in(session, "verify_cond_ended")
    auth_sessions.sign_out_digest(session, ended_digest, NOW)
    # An account on a learner whose anonymous token was somehow not rotated: still closed.
    kept_id, kept_digest = _anonymous(session)
    session.add(Account(learner_id=kept_id, username="verify_cond_kept", password_hash="x"))
    session.flush()
    last = NOW + timedelta(days=auth_sessions.SESSION_DAYS)
    cases = [
        ((learner_id, "", digest), NOW, True),
        ((learner_id, "", other_digest), NOW, False),
        ((other_id, "", digest), NOW, False),
        ((learner_id, "", ""), NOW, False),
        ((10**9, "", digest), NOW, False),
        ((retired_id, "", retired_digest), NOW, False),
        ((kept_id, "", kept_digest), NOW, False),
        ((account_learner, session_digest, ""), NOW, True),
        ((account_learner, session_digest, ""), last - timedelta(seconds=1), True),
        ((account_learner, session_digest, ""), last, False),
        ((other_id, session_digest, ""), NOW, False),
        ((account_learner, "0" * 64, ""), NOW, False),
        ((ended_learner, ended_digest, ""), NOW, False),
    ]
    for credentials, now, opens in cases:
        assert _verifies(session, credentials, now) is opens, credentials
