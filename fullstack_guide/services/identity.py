"""Who is this browser? A signed-in session wins; otherwise the anonymous learner token.

A missing, malformed or unknown learner token gets a fresh anonymous learner, so every
visitor is a learner from the first visit without signing up.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from fullstack_guide.services import accounts, learners


@dataclass(frozen=True)
class Identity:
    learner_id: int
    learner_token: str
    signed_in: bool
    username: str


def identify(session: Session, session_token: str, learner_token: str) -> Identity:
    """Resolve the browser's tokens to a learner, creating an anonymous one if needed."""
    if session_token:
        learner_id = accounts.resolve_session(session, session_token)
        if learner_id is not None:
            account = accounts.account_for_learner(session, learner_id)
            return Identity(learner_id, "", True, account.username if account else "")
    learner, token, _created = learners.resolve_learner(session, learner_token)
    return Identity(learner.id, token, False, "")  # type: ignore[arg-type]
