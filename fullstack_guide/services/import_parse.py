"""Reading an import file: a progress export from the learner's disk, so hostile input.

It is size-checked before it is decoded, depth-checked before it is trusted and validated
against a strict schema; the result is an ``ImportPlan`` that touches no database.
``services.import_apply`` previews and applies it.
"""

from __future__ import annotations

import json
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

from fullstack_guide.content import Content
from fullstack_guide.content.schema import SLUG_PATTERN
from fullstack_guide.models import Status
from fullstack_guide.services import notes
from fullstack_guide.services.clock import as_utc
from fullstack_guide.services.export import EXPORT_FORMAT, EXPORT_VERSION
from fullstack_guide.untrusted import escaped

MAX_IMPORT_BYTES = 4_500_000
MAX_JSON_DEPTH = 64
MAX_REVIEW_STEP = 1_000  # far beyond any schedule; keeps the integer storable


class InvalidImportError(ValueError):
    """An import file that cannot be used.

    The message is one or two sentences about the file, for the learner; callers add what
    happened as a result (nothing was imported), since they own the transaction.
    """


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


def _reject_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise InvalidImportError(
                f'The file repeats the key "{escaped(key)}" inside one object, so it is '
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
        where += f"[{part}]" if isinstance(part, int) else f".{escaped(part)}"
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
                f'Item "{item.slug}" (items[{index}]) has the status "{escaped(item.status)}"; '
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
