"""Read-only share links: a learner's progress at an unguessable public URL.

A learner has at most one active link. Revoking it kills that URL for good: enabling
sharing again makes a new token, so a link that was passed around stays dead. Only the
token's digest is stored, so the full URL is shown to its owner once, when it is made;
:func:`renew_share` replaces a lost link with a new one. The shared
view carries statuses (and notes, only if the learner chose to include them) and nothing
that identifies the learner: no ids, tokens or usernames.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime

from sqlmodel import Session, col, select

from fullstack_guide.content import Content
from fullstack_guide.models import Note, ShareLink, utcnow
from fullstack_guide.services import learners, progress

SHARE_TOKEN_BYTES = 32


@dataclass(frozen=True)
class SharedView:
    """What a visitor to a share link may see."""

    statuses: dict[str, str]
    notes: dict[str, str]


def active_share(session: Session, learner_id: int) -> ShareLink | None:
    """The learner's live share link, if sharing is on."""
    return session.exec(
        select(ShareLink)
        .where(ShareLink.learner_id == learner_id, col(ShareLink.revoked_at).is_(None))
        .order_by(col(ShareLink.id).desc())
    ).first()


@dataclass(frozen=True)
class ShareStatus:
    """The owner's view of their link; ``token`` only when the link was just made."""

    link: ShareLink
    token: str = field(default="", repr=False)

    @property
    def include_notes(self) -> bool:
        return self.link.include_notes


def enable_share(
    session: Session, learner_id: int, include_notes: bool, now: datetime | None = None
) -> ShareStatus:
    """Turn sharing on (or change whether notes are shown) and return the live link.

    An existing live link is kept, so a URL already sent out keeps working; only a new link
    comes back with its token.
    """
    link, token = active_share(session, learner_id), ""
    if link is None:
        token = secrets.token_urlsafe(SHARE_TOKEN_BYTES)
        link = ShareLink(
            learner_id=learner_id,
            token_digest=learners.token_digest(token),
            created_at=now or utcnow(),
        )
    link.include_notes = include_notes is True  # private notes only on an explicit yes
    session.add(link)
    session.flush()
    return ShareStatus(link, token)


def renew_share(
    session: Session, learner_id: int, include_notes: bool, now: datetime | None = None
) -> ShareStatus:
    """Replace the live link with a new one (the old URL stops working), token included."""
    revoke_share(session, learner_id, now)
    return enable_share(session, learner_id, include_notes, now)


def revoke_share(session: Session, learner_id: int, now: datetime | None = None) -> bool:
    """Turn sharing off; the old URL shows nothing from now on. Returns whether a link was live."""
    now = now or utcnow()
    live = session.exec(
        select(ShareLink).where(
            ShareLink.learner_id == learner_id,
            col(ShareLink.revoked_at).is_(None),
        )
    ).all()
    for link in live:
        link.revoked_at = now
        session.add(link)
    session.flush()
    return bool(live)


def shared_view(session: Session, content: Content, token: object) -> SharedView | None:
    """What a share link shows, or ``None`` for a malformed, unknown or revoked token.

    Only slugs the content still has are included; notes only if the learner opted in.
    """
    if not learners.is_well_formed(token):  # share tokens have the same 256-bit shape
        return None
    digest = learners.token_digest(token)
    link = session.exec(select(ShareLink).where(ShareLink.token_digest == digest)).first()
    if (
        link is None
        or link.revoked_at is not None
        or not secrets.compare_digest(link.token_digest, digest)
    ):
        return None
    statuses = {
        slug: status
        for slug, status in progress.get_statuses(session, link.learner_id).items()
        if slug in content.item_slugs
    }
    notes: dict[str, str] = {}
    if link.include_notes:
        rows = session.exec(select(Note).where(Note.learner_id == link.learner_id)).all()
        notes = {
            n.item_slug: n.body
            for n in rows
            if n.item_slug in content.item_slugs and n.body.strip()
        }
    return SharedView(statuses=statuses, notes=notes)
