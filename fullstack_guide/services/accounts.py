"""Optional accounts: a username and password to open the same progress on another device.

An account is attached to the learner who signs up, so the progress made anonymously is
kept. From then on only account sessions open that progress: sign-up replaces the learner's
token digest with the digest of a fresh random token nobody holds, so the anonymous token
left in the browser (or in a copied link, or on a shared computer) no longer works.

Passwords are hashed with Argon2id (argon2-cffi). Hashing is slow on purpose, so these are
plain functions for the caller to run on a worker thread (``db.run_in_session``).

Rate limiting counts failed attempts as ``LoginAttempt`` rows. The services never commit,
and ``db.session_scope`` rolls back on any exception, so a caller must catch
``AccountError`` inside the transaction and commit before showing the message; otherwise
the failed attempt is rolled back with it and never counted.
"""

from __future__ import annotations

import hashlib
import math
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete
from sqlmodel import Session, select

from fullstack_guide.content import Content, get_content
from fullstack_guide.models import (
    Account,
    AuthSession,
    ItemProgress,
    Learner,
    LoginAttempt,
    Note,
    utcnow,
)
from fullstack_guide.services import learners
from fullstack_guide.services.clock import as_utc
from fullstack_guide.services.merge import merge_learners

SESSION_DAYS = 30
USERNAME_MIN, USERNAME_MAX = 3, 32
PASSWORD_MIN, PASSWORD_MAX = 10, 1024
ATTEMPT_WINDOW = timedelta(minutes=15)
MAX_FAILURES_PER_USER = 5
MAX_FAILURES_PER_CLIENT = 20

_USERNAME_SHAPE = re.compile(r"[a-z0-9_.-]+")
_BAD_CREDENTIALS = "Username or password is incorrect."
_TAKEN = "That username is not available."

# Module-level so tests can swap in cheaper parameters; the dummy hash follows the hasher.
_hasher = PasswordHasher()


class AccountError(ValueError):
    """A rejected account action; ``str()`` is a sentence to show the learner."""


class SignUpError(AccountError):
    """Sign-up refused: bad username or password, name taken, or already signed up."""


class SignInError(AccountError):
    """Sign-in refused. Same message whether the user is unknown or the password wrong."""


class RateLimitedError(AccountError):
    """Too many failed attempts recently; nothing was checked."""


@dataclass(frozen=True)
class SignInResult:
    """What the browser needs after signing in, and which items came across from this device."""

    token: str = field(repr=False)
    learner_id: int
    merged: list[str]


def normalise_username(raw: object) -> str:
    """The stored form of a username (trimmed, lowercase), or SignUpError if it is not valid."""
    name = raw.strip().lower() if isinstance(raw, str) else ""
    if not (USERNAME_MIN <= len(name) <= USERNAME_MAX and _USERNAME_SHAPE.fullmatch(name)):
        raise SignUpError(
            f"Choose a username of {USERNAME_MIN} to {USERNAME_MAX} characters, using only "
            "lowercase letters, digits, underscores, dots and hyphens."
        )
    return name


def check_password(password: object) -> str:
    """The password if its length is acceptable, else SignUpError saying what is needed."""
    if not _is_hashable_password(password) or not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise SignUpError(
            f"Choose a password of {PASSWORD_MIN} to {PASSWORD_MAX} characters. "
            "A few unrelated words make a strong one."
        )
    return password


def account_for_learner(session: Session, learner_id: int) -> Account | None:
    """The account attached to a learner, if they have signed up."""
    return session.exec(select(Account).where(Account.learner_id == learner_id)).first()


def sign_up(
    session: Session,
    learner_id: int,
    username: str,
    password: str,
    client_key: str,
    now: datetime | None = None,
) -> str:
    """Attach a new account to the current learner and return a session token.

    The learner's anonymous token stops working (see the module docstring). A taken
    username counts as a failed attempt for ``client_key`` so sign-up cannot be used to
    test thousands of usernames.

    Raises:
        SignUpError: invalid username or password, name taken, or the learner already has
            an account.
        RateLimitedError: this client failed too often in the last few minutes.
    """
    now = now or utcnow()
    name = normalise_username(username)
    check_password(password)
    learner = session.get(Learner, learner_id)
    if learner is None:
        raise SignUpError("We could not find your progress. Reload the page and try again.")
    if account_for_learner(session, learner_id) is not None:
        raise SignUpError("You already have an account. Sign in with it instead.")
    client = _client_key(client_key)
    _check_rate_limit(session, [(client, MAX_FAILURES_PER_CLIENT)], now)
    if session.exec(select(Account.id).where(Account.username == name)).first() is not None:
        _record_failure(session, [client], now)
        raise SignUpError(_TAKEN)

    account = Account(
        learner_id=learner_id, username=name, password_hash=_hasher.hash(password), created_at=now
    )
    learner.token_digest = learners.token_digest(learners.new_token())
    session.add_all([account, learner])
    session.flush()
    return _open_session(session, account, now)


def sign_in(
    session: Session,
    username: str,
    password: str,
    client_key: str,
    current_learner_id: int | None,
    now: datetime | None = None,
    *,
    content: Content | None = None,
) -> SignInResult:
    """Check a username and password and open a session on this device.

    If this device was an anonymous learner with progress, that progress is merged into the
    account (newest change per item wins) and the anonymous learner is removed.

    Raises:
        RateLimitedError: too many failures for this username or client; raised before the
            password is looked at.
        SignInError: unknown username or wrong password (one message for both).
    """
    now = now or utcnow()
    try:
        name = normalise_username(username)
    except SignUpError:
        name = None  # no account can have this name; still fail the same way
    keys = [(_client_key(client_key), MAX_FAILURES_PER_CLIENT)]
    if name is not None:
        keys.insert(0, (f"user:{name}", MAX_FAILURES_PER_USER))
    _check_rate_limit(session, keys, now)

    account = None
    if name is not None:
        account = session.exec(select(Account).where(Account.username == name)).first()
    if account is None or not _verify(account.password_hash, password):
        if account is None:
            _verify(_dummy_hash(_hasher), password)  # same work as a real check
        _record_failure(session, [key for key, _limit in keys], now)
        raise SignInError(_BAD_CREDENTIALS)

    if _hasher.check_needs_rehash(account.password_hash):
        account.password_hash = _hasher.hash(password)
        session.add(account)
    merged: list[str] = []
    if current_learner_id is not None and _is_anonymous_with_progress(session, current_learner_id):
        merged = merge_learners(
            session, content or get_content(), current_learner_id, account.learner_id, now=now
        )
    token = _open_session(session, account, now)
    return SignInResult(token=token, learner_id=account.learner_id, merged=merged)


def resolve_session(session: Session, token: object, now: datetime | None = None) -> int | None:
    """The learner a session token opens; ``None`` if malformed, unknown, expired or revoked.

    Malformed tokens are turned away without a query, so junk costs nothing.
    """
    found = _find_session(session, token)
    if found is None or not _is_live(found, now or utcnow()):
        return None
    account = session.get(Account, found.account_id)
    return account.learner_id if account else None


def sign_out(session: Session, token: object, now: datetime | None = None) -> bool:
    """End the session on this device only. Returns whether a live session was ended."""
    now = now or utcnow()
    found = _find_session(session, token)
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
    now = now or utcnow()
    found = _find_session(session, token)
    if found is None or not _is_live(found, now):
        return False
    live = session.exec(
        select(AuthSession).where(
            AuthSession.account_id == found.account_id,
            AuthSession.revoked_at.is_(None),  # type: ignore[union-attr]
        )
    ).all()
    for row in live:
        row.revoked_at = now
        session.add(row)
    session.flush()
    return True


# --- sessions -----------------------------------------------------------------------------


def _open_session(session: Session, account: Account, now: datetime) -> str:
    token = learners.new_token()
    session.add(
        AuthSession(
            account_id=account.id,  # type: ignore[arg-type]
            token_digest=learners.token_digest(token),
            created_at=now,
            expires_at=now + timedelta(days=SESSION_DAYS),
        )
    )
    session.flush()
    return token


def _find_session(session: Session, token: object) -> AuthSession | None:
    if not learners.is_well_formed(token):
        return None
    digest = learners.token_digest(token)  # type: ignore[arg-type]
    row = session.exec(select(AuthSession).where(AuthSession.token_digest == digest)).first()
    if row is None or not secrets.compare_digest(row.token_digest, digest):
        return None
    return row


def _is_live(row: AuthSession, now: datetime) -> bool:
    return row.revoked_at is None and as_utc(row.expires_at) > as_utc(now)


# --- passwords ----------------------------------------------------------------------------


def _is_hashable_password(password: object) -> bool:
    """A string Argon2 can hash: it has a UTF-8 form (JSON can carry lone surrogates)."""
    if not isinstance(password, str):
        return False
    try:
        password.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _verify(password_hash: str, password: object) -> bool:
    if not _is_hashable_password(password) or len(password) > PASSWORD_MAX:
        password = ""  # still do the work, so length does not change the timing much
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    """A hash with the hasher's parameters, verified when the username is unknown."""
    return hasher.hash(secrets.token_urlsafe(32))


def _is_anonymous_with_progress(session: Session, learner_id: int) -> bool:
    if account_for_learner(session, learner_id) is not None:
        return False
    has_progress = session.exec(
        select(ItemProgress.id).where(ItemProgress.learner_id == learner_id).limit(1)
    ).first()
    has_notes = session.exec(select(Note.id).where(Note.learner_id == learner_id).limit(1)).first()
    return has_progress is not None or has_notes is not None


# --- rate limiting ------------------------------------------------------------------------


def _client_key(client_key: object) -> str:
    """The attempt key for a client; long or odd keys are hashed to fit the column."""
    raw = client_key if isinstance(client_key, str) else ""
    if len(raw) > 64 or not raw.isprintable():
        raw = hashlib.sha256(raw.encode("utf-8", "replace")).hexdigest()
    return f"client:{raw}"


def _check_rate_limit(session: Session, keys: list[tuple[str, int]], now: datetime) -> None:
    """Raise RateLimitedError if any key already has ``limit`` failures in the window."""
    since = now - ATTEMPT_WINDOW
    wait = timedelta(0)
    for key, limit in keys:
        times = session.exec(
            select(LoginAttempt.created_at)
            .where(LoginAttempt.key == key, LoginAttempt.created_at > since)
            .order_by(LoginAttempt.created_at)  # type: ignore[arg-type]
        ).all()
        if len(times) >= limit:
            # Allowed again once enough of the oldest failures have left the window.
            frees_at = as_utc(times[len(times) - limit]) + ATTEMPT_WINDOW
            wait = max(wait, frees_at - as_utc(now))
    if wait > timedelta(0):
        minutes = max(1, math.ceil(wait.total_seconds() / 60))
        unit = "minute" if minutes == 1 else "minutes"
        raise RateLimitedError(f"Too many attempts. Try again in {minutes} {unit}.")


def _record_failure(session: Session, keys: list[str], now: datetime) -> None:
    """Count a failure against each key, dropping attempts too old to matter any more."""
    session.exec(delete(LoginAttempt).where(LoginAttempt.created_at <= now - ATTEMPT_WINDOW))  # type: ignore[call-overload, operator]
    session.add_all(LoginAttempt(key=key, created_at=now) for key in keys)
    session.flush()
