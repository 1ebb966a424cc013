"""Exporting a learner's progress: a JSON backup that imports again, and a Markdown checklist.

The JSON format is read back by ``services.import_parse``; both sides share
``EXPORT_FORMAT`` and ``EXPORT_VERSION`` from here.
"""

from __future__ import annotations

import json
import re
from datetime import datetime
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, col, select

from fullstack_guide.content import Content
from fullstack_guide.models import ItemProgress, ProgressEvent, Status, utcnow
from fullstack_guide.services import notes
from fullstack_guide.services.clock import as_utc

EXPORT_FORMAT = "fullstack-guide-progress"
EXPORT_VERSION = 1
# The newest history entries an export carries; with them, the largest export a learner can
# make (every item with a note at the length limit, each character escaped to six bytes in
# JSON, e.g. "\u0001") still fits under import_parse.MAX_IMPORT_BYTES, so every export
# imports again.
MAX_EXPORTED_EVENTS = 2_000
# Statuses the Markdown export names beside an unticked box.
_LABELLED = frozenset({Status.IN_PROGRESS, Status.SKIPPED})

MARKDOWN_TITLE = "Full Stack Python Guide: my checklist"


def _iso(moment: datetime | None) -> str | None:
    return as_utc(moment).isoformat() if moment is not None else None


def export_document(
    session: Session, content: Content, learner_id: int, now: datetime | None = None
) -> dict[str, Any]:
    """Everything a learner has recorded, as a JSON-ready document.

    Covers every item with a status or a note, including rows for slugs the content no
    longer has (so nothing is lost if an item is renamed), in checklist order then by slug,
    plus the status history: the newest ``MAX_EXPORTED_EVENTS`` changes (``history_omitted``
    counts older ones left out, so the file always fits the import limit).
    """
    rows = {
        row.item_slug: row
        for row in session.exec(select(ItemProgress).where(ItemProgress.learner_id == learner_id))
        if row.status != Status.NOT_STARTED
    }
    saved_notes = notes.get_notes(session, learner_id)
    recorded = rows.keys() | saved_notes.keys()
    in_content = [item.slug for item in content.items if item.slug in recorded]
    slugs = in_content + sorted(recorded - set(in_content))

    items = []
    for slug in slugs:
        row, note = rows.get(slug), saved_notes.get(slug)
        items.append(
            {
                "slug": slug,
                "status": row.status if row else Status.NOT_STARTED,
                "updated_at": _iso(row.updated_at) if row else None,
                "review_step": row.review_step if row else 0,
                "review_due_at": _iso(row.review_due_at) if row else None,
                "note": {"body": note.body, "updated_at": _iso(note.updated_at)} if note else None,
            }
        )
    newest_first = session.exec(
        select(ProgressEvent)
        .where(ProgressEvent.learner_id == learner_id)
        .order_by(col(ProgressEvent.created_at).desc(), col(ProgressEvent.id).desc())
        .limit(MAX_EXPORTED_EVENTS)
    ).all()
    events = list(reversed(newest_first))
    total = session.exec(
        select(func.count())
        .select_from(ProgressEvent)
        .where(ProgressEvent.learner_id == learner_id)
    ).one()
    return {
        "format": EXPORT_FORMAT,
        "version": EXPORT_VERSION,
        "exported_at": _iso(now or utcnow()),
        "items": items,
        "history": [
            {
                "slug": event.item_slug,
                "from": event.from_status,
                "to": event.to_status,
                "at": _iso(event.created_at),
                "batch": event.batch,
                "undone": event.undone_at is not None,
            }
            for event in events
        ],
        "history_omitted": total - len(events),
    }


def export_json(
    session: Session, content: Content, learner_id: int, now: datetime | None = None
) -> str:
    """``export_document`` as readable JSON (non-ASCII note text kept as is)."""
    document = export_document(session, content, learner_id, now=now)
    return json.dumps(document, indent=2, ensure_ascii=False)


_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_ESCAPED_LT = "\\<"


def _quote_note(body: str) -> list[str]:
    """A note as a blockquote nested in its list item.

    Every line Markdown would see (``\\r`` alone counts) gets the ``  > `` prefix, so no
    line of the note can start a list item or heading of its own. ``<`` is escaped so raw
    HTML such as ``</ul>`` cannot close the list when the file is rendered; the rest of the
    note's Markdown is kept.
    """
    lines = _LINE_BREAK.split(body.strip("\r\n"))
    return [f"  > {line.replace('<', _ESCAPED_LT)}" if line.strip() else "  >" for line in lines]


def export_markdown(content: Content, statuses: dict[str, str], notes: dict[str, str]) -> str:
    """The whole checklist as Markdown task lists, one heading per section, notes quoted.

    Args:
        statuses: Status by item slug (missing means not started).
        notes: Note body by item slug. Slugs the content does not have are left out.
    """
    lines = [f"# {MARKDOWN_TITLE}", ""]
    for section in content.sections:
        lines += [f"## {section.number}. {section.title}", ""]
        for item in section.items:
            status = statuses.get(item.slug, Status.NOT_STARTED)
            box = "x" if status == Status.DONE else " "
            label = f" ({Status(status).label.lower()})" if status in _LABELLED else ""
            lines.append(f"- [{box}] {item.title}{label}")
            body = notes.get(item.slug, "")
            if body.strip():
                lines += _quote_note(body)
        lines.append("")
    return "\n".join(lines)
