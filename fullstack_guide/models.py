"""Database tables. Progress refers to content by slug, never by row id.

Tables are plain ``SQLModel, table=True`` classes (``rx.Model`` is deprecated); every schema
change ships as an Alembic migration under ``alembic/versions``.
"""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Protocol

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field, SQLModel


class Status(StrEnum):
    """A learner's status for one checklist item (stored as its value; no row = not started)."""

    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    SKIPPED = "skipped"

    @property
    def label(self) -> str:
        """How the status is shown to a learner ("In progress")."""
        return STATUS_LABELS[self]

    @classmethod
    def values(cls) -> frozenset[str]:
        """Every stored value, for checking untrusted input."""
        return frozenset(member.value for member in cls)


STATUS_LABELS: dict[str, str] = {
    Status.NOT_STARTED: "Not started",
    Status.IN_PROGRESS: "In progress",
    Status.DONE: "Done",
    Status.SKIPPED: "Skipped",
}


def utcnow() -> datetime:
    """Timezone-aware now, stored as UTC."""
    return datetime.now(UTC)


class _Row(Protocol):
    id: int | None


def saved_id(row: _Row) -> int:
    """The id of a row already written (flushed); ``id`` is None only before that."""
    if row.id is None:
        raise ValueError(f"{type(row).__name__} has no id until it is flushed")
    return row.id


class Learner(SQLModel, table=True):
    """Someone using the guide. An anonymous learner is recognised by a secret token.

    Only a SHA-256 digest of the token is stored, so a copy of the database does not
    hand out the means to act as any learner. Once a learner has an account the token
    digest is replaced by a random value and only account sessions open the progress.
    """

    id: int | None = Field(default=None, primary_key=True)
    token_digest: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)


class ItemProgress(SQLModel, table=True):
    """A learner's status for one checklist item (absent row = not started).

    A done item carries a spaced-review schedule: ``review_step`` indexes the interval
    list in ``services.review`` and ``review_due_at`` is when it next comes back.
    """

    __tablename__ = "item_progress"
    __table_args__ = (UniqueConstraint("learner_id", "item_slug", name="uq_progress_item"),)

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    item_slug: str = Field(max_length=80)
    status: str = Field(max_length=20)
    updated_at: datetime = Field(default_factory=utcnow)
    review_step: int = Field(default=0)
    review_due_at: datetime | None = Field(default=None)


class ProgressEvent(SQLModel, table=True):
    """One status change: who, which item, from what, to what, when.

    Changes made together (a reset, an import) share a ``batch`` so one undo reverts them
    all; ``undone_at`` marks a batch that has been reverted.
    """

    __tablename__ = "progress_event"

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    item_slug: str = Field(max_length=80)
    from_status: str = Field(max_length=20)
    to_status: str = Field(max_length=20)
    batch: str = Field(max_length=32, index=True)
    created_at: datetime = Field(default_factory=utcnow, index=True)
    undone_at: datetime | None = Field(default=None)


class Note(SQLModel, table=True):
    """A learner's private Markdown note on one checklist item."""

    __table_args__ = (UniqueConstraint("learner_id", "item_slug", name="uq_note_item"),)

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    item_slug: str = Field(max_length=80)
    body: str = Field(sa_column=Column(Text, nullable=False))
    updated_at: datetime = Field(default_factory=utcnow)
    version: int = Field(default=1)


class ShareLink(SQLModel, table=True):
    """A read-only public view of a learner's progress, at an unguessable URL.

    Only the SHA-256 digest of the URL's token is stored: a copy of the database does not
    reveal any share link. The owner sees the full link once, when it is made.
    """

    __tablename__ = "share_link"

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    token_digest: str = Field(max_length=64, unique=True, index=True)
    include_notes: bool = Field(default=False)
    created_at: datetime = Field(default_factory=utcnow)
    revoked_at: datetime | None = Field(default=None)


class Account(SQLModel, table=True):
    """Optional sign-in for a learner, to open the same progress on another device."""

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", unique=True, ondelete="CASCADE")
    username: str = Field(max_length=32, unique=True, index=True)
    # Excluded from every dump and repr, so it can never reach state sent to the browser.
    password_hash: str = Field(max_length=255, exclude=True, repr=False)
    created_at: datetime = Field(default_factory=utcnow)


class AuthSession(SQLModel, table=True):
    """A signed-in device. Only the session token's digest is stored."""

    __tablename__ = "auth_session"

    id: int | None = Field(default=None, primary_key=True)
    account_id: int = Field(foreign_key="account.id", index=True, ondelete="CASCADE")
    token_digest: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    expires_at: datetime
    revoked_at: datetime | None = Field(default=None)


class LoginAttempt(SQLModel, table=True):
    """A failed sign-in or sign-up attempt, counted for rate limiting."""

    __tablename__ = "login_attempt"

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(max_length=160, index=True)
    created_at: datetime = Field(default_factory=utcnow, index=True)


class SavedStack(SQLModel, table=True):
    """A named stack the learner composed in the builder (slot slug -> technology slug)."""

    __tablename__ = "saved_stack"
    __table_args__ = (UniqueConstraint("learner_id", "name", name="uq_saved_stack_name"),)

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    name: str = Field(max_length=60)
    choices: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)
