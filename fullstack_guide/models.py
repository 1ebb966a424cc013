"""Database tables. Progress refers to content by slug, never by row id.

Tables are plain ``SQLModel, table=True`` classes (``rx.Model`` is deprecated); every schema
change ships as an Alembic migration under ``alembic/versions``.
"""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import UniqueConstraint
from sqlmodel import Field, SQLModel


def utcnow() -> datetime:
    """Timezone-aware now, stored as UTC."""
    return datetime.now(UTC)


class Learner(SQLModel, table=True):
    """Someone using the guide. Identified by a secret token kept in their browser.

    Only a SHA-256 digest of the token is stored, so a copy of the database does not
    hand out the means to act as any learner.
    """

    id: int | None = Field(default=None, primary_key=True)
    token_digest: str = Field(max_length=64, unique=True, index=True)
    created_at: datetime = Field(default_factory=utcnow)
    last_seen_at: datetime = Field(default_factory=utcnow)


class ItemProgress(SQLModel, table=True):
    """A learner's status for one checklist item (absent row = not started)."""

    __tablename__ = "item_progress"
    __table_args__ = (UniqueConstraint("learner_id", "item_slug", name="uq_progress_item"),)

    id: int | None = Field(default=None, primary_key=True)
    learner_id: int = Field(foreign_key="learner.id", index=True, ondelete="CASCADE")
    item_slug: str = Field(max_length=80)
    status: str = Field(max_length=20)
    updated_at: datetime = Field(default_factory=utcnow)
