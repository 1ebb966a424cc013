"""Learner identity: anonymous learners recognised by a secret token in their browser.

Reflex's per-tab client token is not cryptographically random and its event endpoint is
unauthenticated, so it is never used as identity. Each learner instead gets 256 bits from
``secrets``; the database keeps only the token's SHA-256 digest.
"""

from __future__ import annotations

import hashlib
import re
import secrets
from typing import TypeGuard

from sqlmodel import Session, select

from fullstack_guide.models import Learner

TOKEN_BYTES = 32
_TOKEN_SHAPE = re.compile(r"^[A-Za-z0-9_-]{43}$")


def new_token() -> str:
    """A fresh learner token: 32 random bytes, URL-safe base64 (43 characters)."""
    return secrets.token_urlsafe(TOKEN_BYTES)


def token_digest(token: str) -> str:
    """The stored form of a token. Lookups go by digest, never by the raw token."""
    return hashlib.sha256(token.encode("ascii")).hexdigest()


def is_well_formed(token: object) -> TypeGuard[str]:
    """Whether ``token`` could be one of ours (cheap check before touching the database)."""
    return isinstance(token, str) and bool(_TOKEN_SHAPE.match(token))


def create_learner(session: Session) -> tuple[Learner, str]:
    """Create a learner and return it with its raw token (shown to the browser once)."""
    token = new_token()
    learner = Learner(token_digest=token_digest(token))
    session.add(learner)
    session.flush()
    return learner, token


def find_learner(session: Session, token: object) -> Learner | None:
    """The learner a token belongs to, or ``None`` for malformed or unknown tokens."""
    if not is_well_formed(token):
        return None
    digest = token_digest(token)
    learner = session.exec(select(Learner).where(Learner.token_digest == digest)).first()
    if learner is None or not secrets.compare_digest(learner.token_digest, digest):
        return None
    return learner


def resolve_learner(session: Session, token: object) -> tuple[Learner, str, bool]:
    """The learner for ``token``, creating one when the token is missing or unknown.

    Returns the learner, the token the browser should keep, and whether it was created.
    """
    if is_well_formed(token) and (learner := find_learner(session, token)) is not None:
        return learner, token, False
    learner, fresh = create_learner(session)
    return learner, fresh, True
