"""Optional accounts: a username and password to open the same progress on another device.

An account is attached to the learner who signs up, so the progress made anonymously is
kept. From then on only account sessions open that progress: sign-up replaces the learner's
token digest with the digest of a fresh random token nobody holds, so the anonymous token
left in the browser (or in a copied link, or on a shared computer) no longer works.

Passwords are hashed with Argon2id (argon2-cffi). Hashing is slow on purpose, so sign-up and
sign-in come in three steps the caller runs apart: a short transaction that records the
attempt (:func:`begin_sign_up`, :func:`begin_sign_in`), the hashing itself on a small pool of
its own (:func:`hash_password`, :func:`verify_password`) so a flood of sign-ups cannot stall
other work, and a second transaction that opens the session (:func:`finish_sign_up`,
:func:`finish_sign_in`). :func:`sign_up` and :func:`sign_in` run all three in one session.

Rate limits count attempts as ``LoginAttempt`` rows, recorded *before* any password is
checked, under a per-key lock, so parallel attempts cannot slip past the limit: every
attempt counts against the client (successful ones too), at most
``MAX_FAILURES_PER_USER`` unverified attempts per username (a successful sign-in gives its
slot back), and at most ``MAX_ACCOUNTS_PER_CLIENT`` new accounts per client per hour. The
services never commit, and ``db.session_scope`` rolls back on any exception, so a caller
must catch ``AccountError`` inside the transaction and commit before showing the message;
otherwise the recorded attempt is rolled back with it and never counted.
"""

from __future__ import annotations

import math
import re
import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cache
from typing import TypeGuard

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlmodel import Session, select

from fullstack_guide.content import Content, get_content
from fullstack_guide.models import (
    Account,
    ItemProgress,
    Learner,
    Note,
    utcnow,
)
from fullstack_guide.services import learners
from fullstack_guide.services.auth_sessions import SESSION_DAYS as SESSION_DAYS
from fullstack_guide.services.auth_sessions import open_session
from fullstack_guide.services.auth_sessions import resolve_session as resolve_session
from fullstack_guide.services.auth_sessions import (
    resolve_session_digest as resolve_session_digest,
)
from fullstack_guide.services.auth_sessions import sign_out as sign_out
from fullstack_guide.services.auth_sessions import sign_out_digest as sign_out_digest
from fullstack_guide.services.auth_sessions import sign_out_everywhere as sign_out_everywhere
from fullstack_guide.services.auth_sessions import (
    sign_out_everywhere_digest as sign_out_everywhere_digest,
)
from fullstack_guide.services.login_limits import (
    ACCOUNT_WINDOW,
    ATTEMPT_WINDOW,
    client_key_of,
    record_attempt,
    release_attempt,
    user_key,
)
from fullstack_guide.services.login_limits import (
    MAX_ACCOUNTS_PER_CLIENT as MAX_ACCOUNTS_PER_CLIENT,
)
from fullstack_guide.services.login_limits import (
    MAX_FAILURES_PER_CLIENT as MAX_FAILURES_PER_CLIENT,
)
from fullstack_guide.services.login_limits import MAX_FAILURES_PER_USER as MAX_FAILURES_PER_USER
from fullstack_guide.services.merge import merge_learners
from fullstack_guide.services.stacks import move_stacks

USERNAME_MIN, USERNAME_MAX = 3, 32
PASSWORD_MIN, PASSWORD_MAX = 10, 1024

_USERNAME_SHAPE = re.compile(r"[a-z0-9_.-]+")
_BAD_CREDENTIALS = "Username or password is incorrect."
_TAKEN = "That username is not available."

# Module-level so tests can swap in cheaper parameters; the dummy hash follows the hasher.
# One lane of parallelism: hashing runs on one core and leaves the other to serve pages.
_hasher = PasswordHasher(parallelism=1)


class AccountError(ValueError):
    """A rejected account action; ``str()`` is a sentence to show the learner."""


class SignUpError(AccountError):
    """Sign-up refused: bad username or password, name taken, or already signed up."""


class SignInError(AccountError):
    """Sign-in refused. Same message whether the user is unknown or the password wrong."""


class RateLimitedError(AccountError):
    """Too many attempts recently; nothing was checked."""


@dataclass(frozen=True)
class SignInResult:
    """What the browser needs after signing in, and which items came across from this device."""

    token: str = field(repr=False)
    learner_id: int
    merged: list[str]
    moved_stacks: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class SignInTicket:
    """A recorded sign-in attempt, ready for the password check (``name`` None: no such user)."""

    name: str | None
    password_hash: str = field(repr=False)
    known: bool


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


# --- hashing (slow: run these off the event loop, on the hashing pool) -----------------------


def hash_password(password: str) -> str:
    """The Argon2id hash of an acceptable password."""
    return _hasher.hash(check_password(password))


def verify_password(ticket: SignInTicket, password: object) -> tuple[bool, str | None]:
    """Check ``password`` against the ticket; returns (correct, a stronger hash to store or None).

    An unknown user is checked against a dummy hash, so both answers take the same time.
    """
    if not ticket.known:
        _verify(_dummy_hash(_hasher), password)
        return False, None
    # A matching password is always a string; the isinstance says so to the type checker.
    if not _verify(ticket.password_hash, password) or not isinstance(password, str):
        return False, None
    rehashed = _hasher.hash(password) if _hasher.check_needs_rehash(ticket.password_hash) else None
    return True, rehashed


# --- sign up ------------------------------------------------------------------------------


def begin_sign_up(
    session: Session,
    learner_id: int,
    username: object,
    password: object,
    client_key: str,
    now: datetime | None = None,
) -> str:
    """Check a sign-up and record the attempt; returns the normalised username.

    Raises:
        SignUpError: invalid username or password, name taken, or already signed up.
        RateLimitedError: this client tried too often, or made too many accounts lately.
    """
    now = now or utcnow()
    name = normalise_username(username)
    check_password(password)
    learner = session.get(Learner, learner_id)
    if learner is None:
        raise SignUpError("We could not find your progress. Reload the page and try again.")
    if account_for_learner(session, learner_id) is not None:
        raise SignUpError("You already have an account. Sign in with it instead.")
    client = client_key_of(client_key)
    _record_attempt(session, [(client, MAX_FAILURES_PER_CLIENT, ATTEMPT_WINDOW)], now)
    if session.exec(select(Account.id).where(Account.username == name)).first() is not None:
        raise SignUpError(_TAKEN)
    created = f"created:{client.removeprefix('client:')}"
    _record_attempt(session, [(created, MAX_ACCOUNTS_PER_CLIENT, ACCOUNT_WINDOW)], now)
    return name


def finish_sign_up(
    session: Session, learner_id: int, name: str, password_hash: str, now: datetime | None = None
) -> str:
    """Attach the account to the learner, retire its anonymous token; returns a session token.

    Raises:
        SignUpError: the learner signed up (or the name was taken) in the meantime.
    """
    now = now or utcnow()
    learner = session.get(Learner, learner_id)
    if learner is None or account_for_learner(session, learner_id) is not None:
        raise SignUpError("You already have an account. Sign in with it instead.")
    if session.exec(select(Account.id).where(Account.username == name)).first() is not None:
        raise SignUpError(_TAKEN)
    account = Account(
        learner_id=learner_id, username=name, password_hash=password_hash, created_at=now
    )
    learner.token_digest = learners.token_digest(learners.new_token())
    session.add_all([account, learner])
    session.flush()
    return open_session(session, account, now)


def sign_up(
    session: Session,
    learner_id: int,
    username: str,
    password: str,
    client_key: str,
    now: datetime | None = None,
) -> str:
    """Attach a new account to the current learner and return a session token (all steps).

    The learner's anonymous token stops working (see the module docstring).
    """
    name = begin_sign_up(session, learner_id, username, password, client_key, now)
    return finish_sign_up(session, learner_id, name, hash_password(password), now)


# --- sign in ------------------------------------------------------------------------------


def begin_sign_in(
    session: Session, username: object, client_key: str, now: datetime | None = None
) -> SignInTicket:
    """Record a sign-in attempt (before any password is looked at) and fetch what to check.

    Raises:
        RateLimitedError: too many attempts for this username or client.
    """
    now = now or utcnow()
    try:
        name: str | None = normalise_username(username)
    except SignUpError:
        name = None  # no account can have this name; still fail the same way
    keys = [(client_key_of(client_key), MAX_FAILURES_PER_CLIENT, ATTEMPT_WINDOW)]
    if name is not None:
        keys.insert(0, (user_key(name), MAX_FAILURES_PER_USER, ATTEMPT_WINDOW))
    _record_attempt(session, keys, now)
    account = None
    if name is not None:
        account = session.exec(select(Account).where(Account.username == name)).first()
    if account is None:
        return SignInTicket(name=name, password_hash="", known=False)
    return SignInTicket(name=name, password_hash=account.password_hash, known=True)


def finish_sign_in(
    session: Session,
    name: str,
    current_learner_id: int | None,
    rehashed: str | None = None,
    now: datetime | None = None,
    *,
    content: Content | None = None,
) -> SignInResult:
    """Open a session after a correct password, bringing this device's anonymous work along.

    The username's attempt slot is given back (only failures should lock an account). If this
    device was an anonymous learner, its progress is merged (newest change per item wins) and
    its saved stacks move into the account.
    """
    now = now or utcnow()
    account = session.exec(select(Account).where(Account.username == name)).first()
    if account is None:  # deleted between the two steps
        raise SignInError(_BAD_CREDENTIALS)
    release_attempt(session, user_key(name), now)
    if rehashed:
        account.password_hash = rehashed
        session.add(account)
    merged: list[str] = []
    moved: list[str] = []
    if current_learner_id is not None and _is_anonymous(session, current_learner_id):
        moved = move_stacks(session, current_learner_id, account.learner_id)
        if _has_progress(session, current_learner_id):
            merged = merge_learners(
                session, content or get_content(), current_learner_id, account.learner_id, now=now
            )
    token = open_session(session, account, now)
    return SignInResult(
        token=token, learner_id=account.learner_id, merged=merged, moved_stacks=moved
    )


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
    """Check a username and password and open a session on this device (all steps).

    Raises:
        RateLimitedError: too many attempts for this username or client; raised before the
            password is looked at.
        SignInError: unknown username or wrong password (one message for both).
    """
    ticket = begin_sign_in(session, username, client_key, now)
    correct, rehashed = verify_password(ticket, password)
    if not correct or ticket.name is None:
        raise SignInError(_BAD_CREDENTIALS)
    return finish_sign_in(session, ticket.name, current_learner_id, rehashed, now, content=content)


def bad_credentials() -> SignInError:
    """The one refusal for a wrong password or an unknown user."""
    return SignInError(_BAD_CREDENTIALS)


# --- passwords ----------------------------------------------------------------------------


def _is_hashable_password(password: object) -> TypeGuard[str]:
    """A string Argon2 can hash: it has a UTF-8 form (JSON can carry lone surrogates)."""
    if not isinstance(password, str):
        return False
    try:
        password.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _verify(password_hash: str, password: object) -> bool:
    # A bad or too long password still costs the work, so length does not change the timing much.
    fit = password if _is_hashable_password(password) and len(password) <= PASSWORD_MAX else ""
    try:
        return _hasher.verify(password_hash, fit)
    except (VerificationError, InvalidHashError):
        return False


@cache
def _dummy_hash(hasher: PasswordHasher) -> str:
    """A hash with the hasher's parameters, verified when the username is unknown."""
    return hasher.hash(secrets.token_urlsafe(32))


def _is_anonymous(session: Session, learner_id: int) -> bool:
    return session.get(Learner, learner_id) is not None and (
        account_for_learner(session, learner_id) is None
    )


def _has_progress(session: Session, learner_id: int) -> bool:
    has_progress = session.exec(
        select(ItemProgress.id).where(ItemProgress.learner_id == learner_id).limit(1)
    ).first()
    has_notes = session.exec(select(Note.id).where(Note.learner_id == learner_id).limit(1)).first()
    return has_progress is not None or has_notes is not None


def _record_attempt(
    session: Session, keys: list[tuple[str, int, timedelta]], now: datetime
) -> None:
    """Count one attempt against every key, or raise RateLimitedError if any key is full."""
    wait = record_attempt(session, keys, now)
    if wait > timedelta(0):
        minutes = max(1, math.ceil(wait.total_seconds() / 60))
        unit = "minute" if minutes == 1 else "minutes"
        raise RateLimitedError(f"Too many attempts. Try again in {minutes} {unit}.")
