"""A learner's data in and out, in one import for the pages: the names of three modules.

``services.export`` writes the JSON backup and the Markdown checklist,
``services.import_parse`` reads an uploaded file into a plan (hostile input, no database)
and ``services.import_apply`` previews and applies that plan.
"""

from __future__ import annotations

from fullstack_guide.services.export import (
    EXPORT_FORMAT,
    EXPORT_VERSION,
    MARKDOWN_TITLE,
    MAX_EXPORTED_EVENTS,
    export_document,
    export_json,
    export_markdown,
)
from fullstack_guide.services.import_apply import Change, apply_import, preview_import
from fullstack_guide.services.import_parse import (
    MAX_IMPORT_BYTES,
    MAX_JSON_DEPTH,
    MAX_REVIEW_STEP,
    HistoryDocument,
    ImportItem,
    ImportPlan,
    InvalidImportError,
    ItemDocument,
    NoteDocument,
    ProgressDocument,
    parse_import,
)

__all__ = [
    "EXPORT_FORMAT",
    "EXPORT_VERSION",
    "MARKDOWN_TITLE",
    "MAX_EXPORTED_EVENTS",
    "MAX_IMPORT_BYTES",
    "MAX_JSON_DEPTH",
    "MAX_REVIEW_STEP",
    "Change",
    "HistoryDocument",
    "ImportItem",
    "ImportPlan",
    "InvalidImportError",
    "ItemDocument",
    "NoteDocument",
    "ProgressDocument",
    "apply_import",
    "export_document",
    "export_json",
    "export_markdown",
    "parse_import",
    "preview_import",
]
