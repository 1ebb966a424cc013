"""Who is this browser, and is that still true? Resolving tokens, then re-checking digests.

A signed-in session wins; otherwise the anonymous learner token. A missing, malformed or
unknown learner token gets a fresh anonymous learner, so every visitor is a learner from
the first visit without signing up.

The browser keeps the raw tokens; a tab's Reflex state keeps only their digests (a state
store copied to disk or Redis must not open anyone's account). Every later event re-checks
those digests with :func:`verify`: a session ended on another device, an expired one, or an
anonymous token that sign-up rotated or sign-in merged away stops working at once.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from sqlalchemy import DateTime, Select, bindparam, exists
from sqlmodel import Session, col, select

from fullstack_guide.models import Account, AuthSession, Learner, saved_id, utcnow
from fullstack_guide.services import accounts, learners

# Why a tab's identity no longer holds: its session ended (sign-out elsewhere, expiry) or
# its anonymous token no longer opens the learner (sign-up rotated it, sign-in merged it).
Revocation = Literal["session", "learner"]


class IdentityRevokedError(Exception):
    """The tab's session or learner token no longer opens the learner it was given."""

    def __init__(self, reason: Revocation) -> None:
        super().__init__(f"the tab's {reason} no longer opens its learner")
        self.reason: Revocation = reason


@dataclass(frozen=True)
class Identity:
    """A resolved browser: the learner, and the digests the tab keeps to re-check it.

    ``new_learner_token`` is set only when the browser must store a fresh anonymous token
    (first visit, or its token was unknown); it goes to the browser once and is never kept.
    """

    learner_id: int
    learner_digest: str
    session_digest: str
    username: str
    new_learner_token: str = field(default="", repr=False)

    @property
    def signed_in(self) -> bool:
        return bool(self.session_digest)


def identify(session: Session, session_token: object, learner_token: object) -> Identity:
    """Resolve the browser's tokens to a learner, creating an anonymous one if needed."""
    if learners.is_well_formed(session_token):
        digest = learners.token_digest(session_token)
        learner_id = accounts.resolve_session_digest(session, digest)
        if learner_id is not None:
            account = accounts.account_for_learner(session, learner_id)
            return Identity(learner_id, "", digest, account.username if account else "")
    learner, token, created = learners.resolve_learner(session, learner_token)
    return Identity(
        learner_id=saved_id(learner),
        learner_digest=learner.token_digest,
        session_digest="",
        username="",
        new_learner_token=token if created else "",
    )


def verify(
    session: Session,
    learner_id: int,
    *,
    session_digest: str,
    learner_digest: str,
    now: datetime | None = None,
) -> None:
    """Raise :class:`IdentityRevokedError` unless the digests still open ``learner_id``.

    Every learner-data event runs this in its write's transaction, so it is one plain column
    query, built once: :func:`still_opens`, the conditions the PostgreSQL tick statement
    carries too (``services.checked_tick``), so the two paths cannot disagree.
    """
    # Core on the session's connection, not through the ORM's execute path (a quarter of the
    # check's CPU); a flush first, so that it sees what the session holds, as that path would.
    session.flush()
    signed_in = bool(session_digest)
    found = (
        session.connection()
        .execute(
            still_opens(signed_in=signed_in),
            {
                "learner_id": learner_id,
                "session_digest": session_digest,
                "learner_digest": learner_digest,
                "now": now or utcnow(),
            },
        )
        .first()
    )
    if found is None:
        raise refusal(signed_in=signed_in)


# What "the digests still open the learner" means, as conditions: a live session (not signed
# out, not expired) of the learner's account, or the learner's own anonymous token while the
# learner has no account (sign-up retires it). ``verify`` runs them alone; on PostgreSQL the
# tick statement carries them (``services.checked_tick``).
_SESSION_OPENS = (
    select(col(AuthSession.id))
    .join(Account, col(Account.id) == col(AuthSession.account_id))
    .where(
        col(AuthSession.token_digest) == bindparam("session_digest"),
        col(Account.learner_id) == bindparam("learner_id"),
        col(AuthSession.revoked_at).is_(None),
        col(AuthSession.expires_at) > bindparam("now", type_=DateTime(timezone=True)),
    )
)
_ANONYMOUS_OPENS = select(col(Learner.id)).where(
    col(Learner.id) == bindparam("learner_id"),
    col(Learner.token_digest) == bindparam("learner_digest"),
    ~exists().where(col(Account.learner_id) == col(Learner.id)),
)


def still_opens(*, signed_in: bool) -> Select:
    """A query with a row exactly when such a tab's digests still open the learner.

    Bind ``learner_id``, ``now`` and ``session_digest`` (signed in) or ``learner_digest``.
    """
    return _SESSION_OPENS if signed_in else _ANONYMOUS_OPENS


def refusal(*, signed_in: bool) -> IdentityRevokedError:
    """What :func:`verify` raises when such a tab's check fails."""
    return IdentityRevokedError("session" if signed_in else "learner")
