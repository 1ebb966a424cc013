"""What a share link's public page shows: the shared statuses and notes, rolled up."""

from __future__ import annotations

from dataclasses import dataclass

from sqlmodel import Session

from fullstack_guide.content import Content
from fullstack_guide.services import progress, sharing


@dataclass(frozen=True)
class SharedProgress:
    """A live share link's view with its overall and per-section (by slug) roll-ups."""

    view: sharing.SharedView
    overall: progress.Rollup
    sections: dict[str, progress.Rollup]


def read_shared_progress(session: Session, content: Content, token: str) -> SharedProgress | None:
    """The shared progress behind ``token``; None for an unknown or revoked link."""
    view = sharing.shared_view(session, content, token)
    if view is None:
        return None
    overall, sections = progress.rollup(content, view.statuses)
    return SharedProgress(view, overall, sections)
