"""The account page's steps of sign-up and sign-in, each answering ``(value, refusal)``.

A refusal must not raise out of the transaction: the attempt recorded for rate limiting has
to be committed, or the limit would never trigger. So each step catches the account
refusals of :mod:`services.accounts` and returns the message instead. The steps for a known
learner take ``(session, learner_id, ...)`` so a state calls them through
``identity.run_for_learner``; the others go through ``db.run_in_session``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from sqlmodel import Session

from fullstack_guide.content import Content
from fullstack_guide.services import accounts

T = TypeVar("T")
Step = tuple[T | None, str]  # the step's value, or None and the refusal's message


def _attempt(action: Callable[[], T]) -> Step[T]:
    try:
        return action(), ""
    except accounts.AccountError as problem:
        return None, str(problem)


def begin_sign_up(
    session: Session, learner_id: int, username: object, password: object, client_key: str
) -> Step[str]:
    """Check and record a sign-up attempt; the normalised username."""
    return _attempt(
        lambda: accounts.begin_sign_up(session, learner_id, username, password, client_key)
    )


def finish_sign_up(session: Session, learner_id: int, name: str, password_hash: str) -> Step[str]:
    """Create the account for the learner; the new session token."""
    return _attempt(lambda: accounts.finish_sign_up(session, learner_id, name, password_hash))


def begin_sign_in(
    session: Session, username: object, client_key: str
) -> Step[accounts.SignInTicket]:
    """Record a sign-in attempt; the ticket to check the password against."""
    return _attempt(lambda: accounts.begin_sign_in(session, username, client_key))


def finish_sign_in(
    session: Session, name: str, rehashed: str | None, content: Content
) -> Step[accounts.SignInResult]:
    """Open a session for ``name`` on a browser with no learner yet."""
    return _attempt(lambda: accounts.finish_sign_in(session, name, None, rehashed, content=content))


def finish_sign_in_for(
    session: Session,
    learner_id: int,
    anonymous: bool,
    name: str,
    rehashed: str | None,
    content: Content,
) -> Step[accounts.SignInResult]:
    """Open a session for ``name``, merging this browser's anonymous learner into it."""
    current = learner_id if anonymous else None
    return _attempt(
        lambda: accounts.finish_sign_in(session, name, current, rehashed, content=content)
    )
