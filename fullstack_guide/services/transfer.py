"""Exporting a learner's progress (JSON backup, Markdown checklist) and importing it back.

An import file comes from the learner's disk, so it is treated as hostile input: it is
size-checked before it is decoded, depth-checked before it is trusted, validated against a
strict schema and only then compared with the database. Nothing is written until
``apply_import``, which runs in the caller's transaction and raises on any problem so the
caller's ``session_scope`` rolls the whole import back.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    StrictStr,
    ValidationError,
)
from sqlalchemy import func
from sqlmodel import Session, col, select

from fullstack_guide.content import Content
from fullstack_guide.content.schema import SLUG_PATTERN
from fullstack_guide.models import ItemProgress, ProgressEvent, Status, utcnow
from fullstack_guide.services import history, notes, progress
from fullstack_guide.services.clock import as_utc
from fullstack_guide.untrusted import MESSAGE_CHARACTERS, shortened

EXPORT_FORMAT = "fullstack-guide-progress"
EXPORT_VERSION = 1
# The newest history entries an export carries; with them, the largest export a learner can
# make (every item with a note at the length limit, each character escaped to six bytes in
# JSON, e.g. "\u0001") still fits under MAX_IMPORT_BYTES, so every export imports again.
MAX_EXPORTED_EVENTS = 2_000
MAX_IMPORT_BYTES = 4_500_000
# Statuses the Markdown export names beside an unticked box.
_LABELLED = frozenset({Status.IN_PROGRESS, Status.SKIPPED})
MAX_JSON_DEPTH = 64
MAX_REVIEW_STEP = 1_000  # far beyond any schedule; keeps the integer storable

MARKDOWN_TITLE = "Full Stack Python Guide: my checklist"


class InvalidImportError(ValueError):
    """An import file that cannot be used.

    The message is one or two sentences about the file, for the learner; callers add what
    happened as a result (nothing was imported), since they own the transaction.
    """


# --- Export -----------------------------------------------------------------------------


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


# --- Import: schema -----------------------------------------------------------------------


def _iso_text(value: object) -> object:
    if not isinstance(value, str):
        raise ValueError("must be a date and time in ISO 8601 text, like 2025-01-31T12:00:00Z")
    return value


def _utc(value: datetime) -> datetime:
    try:
        return as_utc(value)
    except OverflowError as error:
        raise ValueError("is out of the range of dates this app can store") from error


def _slug_shape(value: str) -> str:
    if not SLUG_PATTERN.match(value):
        raise ValueError("must be an item slug: lowercase words joined by hyphens")
    return value


Moment = Annotated[datetime, BeforeValidator(_iso_text), AfterValidator(_utc)]
Slug = Annotated[StrictStr, Field(min_length=1, max_length=80), AfterValidator(_slug_shape)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NoteDocument(_Strict):
    """A note as exported."""

    body: StrictStr
    updated_at: Moment | None = None


class ItemDocument(_Strict):
    """One item's recorded state as exported. The status is checked after the schema."""

    slug: Slug
    status: StrictStr
    updated_at: Moment | None = None
    review_step: StrictInt = Field(default=0, ge=0, le=MAX_REVIEW_STEP)
    review_due_at: Moment | None = None
    note: NoteDocument | None = None


class HistoryDocument(_Strict):
    """One history entry as exported: read for validation only, never replayed."""

    slug: StrictStr = Field(max_length=80)
    from_status: StrictStr = Field(alias="from", max_length=20)
    to: StrictStr = Field(max_length=20)
    at: Moment
    batch: StrictStr = Field(max_length=32)
    undone: StrictBool = False


class ProgressDocument(_Strict):
    """A whole export file."""

    format: Literal["fullstack-guide-progress"]
    version: Literal[1]
    exported_at: Moment | None = None
    items: list[ItemDocument]
    history: list[HistoryDocument] = Field(default_factory=list)
    history_omitted: StrictInt = Field(default=0, ge=0)


# --- Import: parsing ----------------------------------------------------------------------


@dataclass(frozen=True)
class ImportItem:
    """One item the import would set.

    ``note`` is the text to store, or ``None`` to leave the learner's note alone: an
    import adds and replaces notes but never deletes one (a deleted note cannot be undone).
    """

    slug: str
    status: str
    review_step: int
    review_due_at: datetime | None
    note: str | None


@dataclass(frozen=True)
class ImportPlan:
    """A validated import file, ready to preview and apply.

    Attributes:
        items: Items the content has, in checklist order.
        unknown_slugs: Slugs the content does not have (renamed or removed items), in file
            order. They are skipped; the caller should tell the learner.
        exported_at: When the file was exported, if it says.
    """

    items: tuple[ImportItem, ...]
    unknown_slugs: tuple[str, ...]
    exported_at: datetime | None


def _shown(value: object, limit: int = MESSAGE_CHARACTERS) -> str:
    """A value from the file, shortened and made safe to put in a message."""
    text = value if isinstance(value, str) else repr(value)
    return shortened(text.encode("utf-8", "backslashreplace").decode("utf-8"), limit)


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InvalidImportError(
                f'The file repeats the key "{_shown(key)}" inside one object, so it is '
                "unclear which value to use."
            )
        result[key] = value
    return result


def _reject_constant(name: str) -> None:
    raise InvalidImportError(f"The file contains {name}, which is not valid JSON.")


def _depth(value: Any) -> int:
    """How deeply lists and objects nest in ``value``, without recursing."""
    deepest, stack = 0, [(value, 1)]
    while stack:
        current, level = stack.pop()
        if isinstance(current, dict | list):
            deepest = max(deepest, level)
            if level > MAX_JSON_DEPTH:
                return level
            children = current.values() if isinstance(current, dict) else current
            stack.extend((child, level + 1) for child in children)
    return deepest


def _load_json(raw: bytes | bytearray) -> Any:
    """Size, encoding, syntax and nesting checks, in the order that keeps each one cheap."""
    if len(raw) > MAX_IMPORT_BYTES:
        raise InvalidImportError(
            f"The file is {len(raw):,} bytes; a progress export can be at most "
            f"{MAX_IMPORT_BYTES:,} bytes."
        )
    if not raw.strip():
        raise InvalidImportError("The file is empty.")
    try:
        text = bytes(raw).decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise InvalidImportError(
            "The file is not UTF-8 text, so it is not a progress export."
        ) from error
    too_deep = InvalidImportError(
        f"The file nests lists or objects more than {MAX_JSON_DEPTH} levels deep, which a "
        "progress export never does."
    )
    try:
        data = json.loads(
            text, object_pairs_hook=_reject_duplicate_keys, parse_constant=_reject_constant
        )
    except InvalidImportError:
        raise
    except RecursionError as error:
        raise too_deep from error
    except json.JSONDecodeError as error:
        raise InvalidImportError(
            f"The file is not valid JSON ({error.msg} at line {error.lineno}, column "
            f"{error.colno})."
        ) from error
    except ValueError as error:  # e.g. an integer with more digits than Python will convert
        raise InvalidImportError(
            "The file is not valid JSON (it holds a value that cannot be read)."
        ) from error
    if _depth(data) > MAX_JSON_DEPTH:
        raise too_deep
    return data


def _check_header(data: Any) -> None:
    """Format and version first, so the message fits a wrong file rather than a broken one."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise InvalidImportError(
            "This is not a Full Stack Python Guide progress export (it has no "
            f'"format": "{EXPORT_FORMAT}").'
        )
    version = data.get("version")
    if type(version) is not int:
        raise InvalidImportError(
            f'The file\'s "version" must be a whole number, like {EXPORT_VERSION}.'
        )
    if version != EXPORT_VERSION:
        shown = f"version {version}" if abs(version) < 10**6 else "a version"
        raise InvalidImportError(
            f"The file uses {shown} of the progress export, and this guide can only read "
            f"version {EXPORT_VERSION}."
        )


def _schema_message(error: ValidationError) -> str:
    problems = error.errors(include_url=False)
    first = problems[0]
    where = ""
    for part in first["loc"]:
        where += f"[{part}]" if isinstance(part, int) else f".{_shown(part)}"
    more = len(problems) - 1
    extra = f" (and {more} more problem{'s' if more > 1 else ''})" if more else ""
    return (
        f'The file has a problem in the field "{where.lstrip(".")}": '
        f"{first['msg'].removeprefix('Value error, ').rstrip('.')}{extra}."
    )


def _check_items(document: ProgressDocument) -> dict[str, str | None]:
    """Per-item rules the schema cannot express; returns the cleaned note text by slug."""
    seen: dict[str, str | None] = {}
    allowed = ", ".join(sorted(Status.values()))
    for index, item in enumerate(document.items):
        if item.slug in seen:
            raise InvalidImportError(
                f'The file lists the item "{item.slug}" more than once; each item may appear '
                "only once."
            )
        if item.status not in Status.values():
            raise InvalidImportError(
                f'Item "{item.slug}" (items[{index}]) has the status "{_shown(item.status)}"; '
                f"a status must be one of {allowed}."
            )
        body = None
        if item.note is not None:
            try:
                body = notes.clean_body(item.note.body)
            except notes.NoteTooLongError as error:
                raise InvalidImportError(
                    f'The note on "{item.slug}" has {error.length:,} characters; notes can be '
                    f"at most {notes.MAX_NOTE_CHARS:,}."
                ) from error
            except notes.InvalidNoteError as error:
                raise InvalidImportError(
                    f'The note on "{item.slug}" contains characters that cannot be stored.'
                ) from error
        seen[item.slug] = body if body and body.strip() else None
    return seen


def parse_import(raw: bytes, content: Content) -> ImportPlan:
    """Validate an uploaded export file and turn it into an ``ImportPlan``.

    Touches no database. Items whose slug the content does not have are not errors: they
    are listed in ``unknown_slugs`` and skipped.

    Raises:
        InvalidImportError: the file is too big, empty, not UTF-8, not JSON, nested too
            deeply, not a progress export, of an unsupported version, or breaks the schema
            (duplicate items, unknown statuses, over-long notes included).
    """
    if not isinstance(raw, bytes | bytearray):
        raise TypeError("parse_import expects the uploaded file's bytes")
    data = _load_json(raw)
    _check_header(data)
    try:
        document = ProgressDocument.model_validate(data)
    except ValidationError as error:
        raise InvalidImportError(_schema_message(error)) from error
    note_text = _check_items(document)

    by_slug = {item.slug: item for item in document.items}
    planned = tuple(
        ImportItem(
            slug=item.slug,
            status=by_slug[item.slug].status,
            review_step=by_slug[item.slug].review_step,
            review_due_at=by_slug[item.slug].review_due_at,
            note=note_text[item.slug],
        )
        for item in content.items
        if item.slug in by_slug
    )
    unknown = tuple(item.slug for item in document.items if item.slug not in content.item_slugs)
    return ImportPlan(items=planned, unknown_slugs=unknown, exported_at=document.exported_at)


# --- Import: preview and apply -------------------------------------------------------------


@dataclass(frozen=True)
class Change:
    """One item an import would change, for the confirmation screen."""

    slug: str
    title: str
    old_status: str
    new_status: str
    note_changed: bool


def preview_import(
    session: Session, content: Content, learner_id: int, plan: ImportPlan
) -> list[Change]:
    """What ``apply_import`` would change for this learner, in checklist order.

    Items whose status and note already match the file are left out.
    """
    statuses = progress.get_statuses(session, learner_id)
    saved_notes = notes.get_notes(session, learner_id)
    changes = []
    for item in plan.items:
        old = statuses.get(item.slug, Status.NOT_STARTED)
        current_note = saved_notes.get(item.slug)
        note_changed = item.note is not None and (
            current_note is None or current_note.body != item.note
        )
        if old != item.status or note_changed:
            changes.append(
                Change(
                    slug=item.slug,
                    title=content.item(item.slug).title,
                    old_status=old,
                    new_status=item.status,
                    note_changed=note_changed,
                )
            )
    return changes


def apply_import(
    session: Session,
    content: Content,
    learner_id: int,
    plan: ImportPlan,
    now: datetime | None = None,
) -> str:
    """Apply exactly the changes ``preview_import`` lists; returns the history batch id.

    Every status change goes through ``progress.set_status`` under one batch, so one undo
    reverts the whole import. The file's own history is not replayed: those changes
    happened elsewhere and already led to the statuses being imported, and replaying them
    would scatter the import over many batches instead of the single undoable one. A done
    item keeps the review schedule the file carries, as a merge does. Notes go through
    ``notes.save_note`` (notes have no history, so an import cannot undo a note: the
    preview's ``note_changed`` is the learner's warning).

    The id is ``""`` when no status changed: no batch is recorded then (as with
    ``progress.reset_all``), so an undo would revert the change before, not this import.

    Raises:
        Any error from the services (unknown item, invalid status, database errors):
        nothing is caught, so the caller's transaction rolls the whole import back.
    """
    now = utcnow() if now is None else as_utc(now)
    batch, status_changed = history.new_batch(), False
    planned = {item.slug: item for item in plan.items}
    for change in preview_import(session, content, learner_id, plan):
        item = planned[change.slug]
        if change.old_status != change.new_status:
            status_changed = True
            row = progress.set_status(
                session, content, learner_id, item.slug, item.status, batch=batch, now=now
            )
            if item.status == Status.DONE and item.review_due_at is not None:
                row.review_step = item.review_step
                row.review_due_at = item.review_due_at
                session.add(row)
        if change.note_changed and item.note is not None:
            notes.save_note(session, content, learner_id, item.slug, item.note, now=now)
    session.flush()
    return batch if status_changed else ""
