"""Rate limits on sign-in and sign-up, counted as ``LoginAttempt`` rows under a per-key lock.

Split from ``services.accounts``, which decides which keys an attempt counts against and
turns a refusal into ``RateLimitedError``.
"""

from __future__ import annotations

import hashlib
from datetime import datetime, timedelta

from sqlalchemy import delete, text
from sqlmodel import Session, col, select

from fullstack_guide.models import LoginAttempt
from fullstack_guide.services.clock import as_utc

ATTEMPT_WINDOW = timedelta(minutes=15)
ACCOUNT_WINDOW = timedelta(hours=1)
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_CLIENT = 20  # every sign-in and sign-up attempt, successful ones included
MAX_ACCOUNTS_PER_CLIENT = 5  # new accounts per client address per hour


def client_key_of(client_key: object) -> str:
    """The attempt key for a client; long or odd keys are hashed to fit the column."""
    raw = client_key if isinstance(client_key, str) else ""
    if len(raw) > 64 or not raw.isprintable():
        raw = hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()
    return f"client:{raw}"


def user_key(name: str) -> str:
    return f"user:{name}"


def lock_key(session: Session, key: str) -> None:
    """Serialise attempts on one key. PostgreSQL: a transaction-scoped advisory lock.

    SQLite needs none: the attempt is inserted before it is counted, and SQLite (with the
    app's in-process writer queue, ``db.SQLITE_WRITE_LOCK``) lets one writer at a time in from
    that insert until commit, so two attempts never count the same rows.
    """
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("SELECT pg_advisory_xact_lock(hashtext(:key))"), {"key": key})


def record_attempt(
    session: Session, keys: list[tuple[str, int, timedelta]], now: datetime
) -> timedelta:
    """Count one attempt against every key; returns how long to wait if any key is full.

    The attempt is written first and counted with the others, all under the key's lock, so
    N parallel attempts admit at most ``limit`` of them. A refused attempt is not kept (and
    the wait is positive); an admitted one returns ``timedelta(0)``.
    """
    oldest = max(window for _key, _limit, window in keys)
    session.exec(
        delete(LoginAttempt).where(
            col(LoginAttempt.created_at) <= now - max(oldest, ACCOUNT_WINDOW)
        )
    )
    for key, _limit, _window in sorted(keys):
        lock_key(session, key)
    rows = [LoginAttempt(key=key, created_at=now) for key, _limit, _window in keys]
    session.add_all(rows)
    session.flush()
    wait = timedelta(0)
    for key, limit, window in keys:
        times = session.exec(
            select(LoginAttempt.created_at)
            .where(LoginAttempt.key == key, LoginAttempt.created_at > now - window)
            .order_by(col(LoginAttempt.created_at), col(LoginAttempt.id))
        ).all()
        if len(times) > limit:
            # Allowed again once enough of the oldest attempts have left the window.
            frees_at = as_utc(times[len(times) - 1 - limit]) + window
            wait = max(wait, frees_at - as_utc(now), timedelta(seconds=1))
    if wait > timedelta(0):
        for row in rows:
            session.delete(row)
        session.flush()
    return wait


def release_attempt(session: Session, key: str, now: datetime) -> None:
    """Give back the newest attempt on ``key`` (a sign-in that turned out correct)."""
    newest = session.exec(
        select(LoginAttempt.id)
        .where(LoginAttempt.key == key, LoginAttempt.created_at > now - ATTEMPT_WINDOW)
        .order_by(col(LoginAttempt.created_at).desc(), col(LoginAttempt.id).desc())
        .limit(1)
    ).first()
    if newest is not None:
        session.exec(delete(LoginAttempt).where(col(LoginAttempt.id) == newest))
        session.flush()
