"""Account sessions: a signed-in device holds a random token; only its digest is stored.

A tab keeps only the digest of its session token, so every check here has a by-digest form.
Split from ``services.accounts``, which opens sessions on sign-up and sign-in and re-exports
these names.
"""

from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from sqlmodel import Session, col, select

from fullstack_guide.models import Account, AuthSession, saved_id, utcnow
from fullstack_guide.services import learners
from fullstack_guide.services.clock import as_utc

SESSION_DAYS = 30


def resolve_session(session: Session, token: object, now: datetime | None = None) -> int | None:
    """The learner a session token opens; ``None`` if malformed, unknown, expired or revoked.

    Malformed tokens are turned away without a query, so junk costs nothing.
    """
    if not learners.is_well_formed(token):
        return None
    return resolve_session_digest(session, learners.token_digest(token), now)


def resolve_session_digest(
    session: Session, digest: str, now: datetime | None = None
) -> int | None:
    """The learner a live session with this token digest opens, else ``None``."""
    found = _find_session(session, digest)
    if found is None or not _is_live(found, now or utcnow()):
        return None
    account = session.get(Account, found.account_id)
    return account.learner_id if account else None


def sign_out(session: Session, token: object, now: datetime | None = None) -> bool:
    """End the session on this device only. Returns whether a live session was ended."""
    if not learners.is_well_formed(token):
        return False
    return sign_out_digest(session, learners.token_digest(token), now)


def sign_out_digest(session: Session, digest: str, now: datetime | None = None) -> bool:
    """:func:`sign_out` for a tab that holds only its session token's digest."""
    now = now or utcnow()
    found = _find_session(session, digest)
    if found is None or not _is_live(found, now):
        return False
    found.revoked_at = now
    session.add(found)
    session.flush()
    return True


def sign_out_everywhere(session: Session, token: object, now: datetime | None = None) -> bool:
    """End every session of the token's account (e.g. after signing in on a shared computer).

    Only a live session may do this. Returns whether the token was live.
    """
    if not learners.is_well_formed(token):
        return False
    return sign_out_everywhere_digest(session, learners.token_digest(token), now)


def sign_out_everywhere_digest(session: Session, digest: str, now: datetime | None = None) -> bool:
    """:func:`sign_out_everywhere` for a tab that holds only its session token's digest."""
    now = now or utcnow()
    found = _find_session(session, digest)
    if found is None or not _is_live(found, now):
        return False
    live = session.exec(
        select(AuthSession).where(
            AuthSession.account_id == found.account_id,
            col(AuthSession.revoked_at).is_(None),
        )
    ).all()
    for row in live:
        row.revoked_at = now
        session.add(row)
    session.flush()
    return True


def open_session(session: Session, account: Account, now: datetime) -> str:
    """A new session for ``account``; returns its token (shown to the device once)."""
    token = learners.new_token()
    session.add(
        AuthSession(
            account_id=saved_id(account),
            token_digest=learners.token_digest(token),
            created_at=now,
            expires_at=now + timedelta(days=SESSION_DAYS),
        )
    )
    session.flush()
    return token


def _find_session(session: Session, digest: str) -> AuthSession | None:
    if not isinstance(digest, str) or len(digest) != 64:
        return None
    row = session.exec(select(AuthSession).where(AuthSession.token_digest == digest)).first()
    if row is None or not secrets.compare_digest(row.token_digest, digest):
        return None
    return row


def _is_live(row: AuthSession, now: datetime) -> bool:
    return row.revoked_at is None and as_utc(row.expires_at) > as_utc(now)
