"""Hostile import files, through the upload handler the browser calls.

``test_transfer.py`` feeds malformed files to ``transfer.parse_import``; here the same files
and more (truncated exports, 10,000-deep nesting of every shape, a lazily generated 100 MB
upload, any wrong ``version``, duplicate slugs, wrong types in every field) go through
``YourDataState.handle_upload`` and ``confirm_import``. Each must be refused with a message
that ends "Nothing was changed.", confirming afterwards must do nothing, and the learner's
saved data must be exactly as before.
"""

from __future__ import annotations

import json
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from fullstack_guide.content import get_content
from fullstack_guide.db import session_scope
from fullstack_guide.models import Status
from fullstack_guide.pages.your_data import YourDataState
from fullstack_guide.services import transfer
from fullstack_guide.services.transfer import InvalidImportError
from tests.unit.hostile import (
    SETTINGS,
    Upload,
    World,
    anything,
    assert_clear,
    run,
    tried,
    unchanged,
    world,
)
from tests.unit.test_transfer import MALFORMED

DEEP = 10_000


def upload(w: World, *files: Upload) -> YourDataState:
    """Upload ``files`` on the tab's Your data page, then try to confirm; returns the state."""
    data = w.state(YourDataState)
    run(data.load())
    run(data.handle_upload(list(files)))
    return data


def assert_refused(w: World, data: YourDataState, surface: str, expected: str = "") -> None:
    """Refused with a clear message, confirming is a no-op, and nothing was saved."""
    tried(surface, "message")
    assert not data.import_ready and data.preview == []
    assert_clear(data.import_error)
    assert data.import_error.endswith("Nothing was changed."), data.import_error
    assert expected in data.import_error
    assert run(data.confirm_import()) is None
    unchanged(w, *w.seeded)
    w.settle()


def export(w: World) -> bytes:
    """A real export of the tab's learner: statuses, notes, history and reviews."""
    with session_scope() as session:
        return transfer.export_json(session, get_content(), w.learner_id).encode()


# --- the files test_transfer refuses, refused the same way through the page -------------------


@pytest.mark.parametrize(("raw", "message"), MALFORMED.values(), ids=MALFORMED.keys())
def test_every_malformed_file_is_refused_by_the_upload_and_nothing_changes(raw, message):
    w = world("import")
    assert_refused(w, upload(w, Upload(raw)), "import: malformed file (upload)", message)


def test_a_100_mb_upload_is_refused_after_reading_just_past_the_limit():
    w = world("import")
    huge = Upload(b'{"format": "fullstack-guide-progress", "items": [', size=100_000_000)
    started = time.perf_counter()
    data = upload(w, huge)
    assert time.perf_counter() - started < 1.0
    assert huge.bytes_read == transfer.MAX_IMPORT_BYTES + 1  # not one byte more
    assert_refused(w, data, "import: 100 MB upload", f"over {transfer.MAX_IMPORT_BYTES:,} bytes")


@pytest.mark.parametrize(
    "raw",
    [
        b"[" * DEEP + b"]" * DEEP,
        b'{"a":' * DEEP + b"1" + b"}" * DEEP,
        b'[{"a":' * (DEEP // 2) + b"1" + b"}]" * (DEEP // 2),
        b"[" * DEEP,  # unbalanced: the parser meets the depth before the missing brackets
        b'{"format": "fullstack-guide-progress", "version": 1, "items": [{"slug": "orm", '
        b'"status": "done", "note": {"body": ' + b"[" * DEEP + b"]" * DEEP + b"}}]}",
        b'{"format": "fullstack-guide-progress", "version": 1, "items": [], "history": '
        + b"[" * DEEP
        + b"]" * DEEP
        + b"}",
    ],
    ids=["lists", "objects", "mixed", "unclosed", "inside a note", "inside the history"],
)
def test_10000_deep_nesting_of_any_shape_is_refused(raw):
    w = world("import")
    started = time.perf_counter()
    data = upload(w, Upload(raw))
    assert time.perf_counter() - started < 1.0
    assert_refused(w, data, "import: 10,000-deep nesting")
    assert "levels deep" in data.import_error or "not valid JSON" in data.import_error


@pytest.mark.parametrize("count", [0, 2, 3])
def test_anything_but_exactly_one_file_is_refused(count):
    w = world("import")
    data = upload(w, *(Upload(export(w)) for _ in range(count)))
    tried("import: file count", "message")
    assert data.import_error == "Choose one JSON file exported from this guide."
    assert run(data.confirm_import()) is None
    unchanged(w, *w.seeded)


def test_a_refused_upload_forgets_the_valid_one_previewed_before_it():
    w = world("import")
    good = json.loads(export(w))
    good["items"] = [{"slug": "testing", "status": "done"}]
    data = upload(w, Upload(json.dumps(good).encode()))
    assert data.import_ready and [row["after"] for row in data.preview] == ["Done"]
    run(data.handle_upload([Upload(b"{")]))
    assert_refused(w, data, "import: stale preview")


# --- properties -----------------------------------------------------------------------------


@SETTINGS
@given(cut=st.integers(min_value=0))
def test_an_export_cut_off_anywhere_is_refused_or_still_whole(cut):
    w = world("import")
    raw = export(w)
    cut %= len(raw)
    page = upload(w, Upload(raw[:cut]))
    if raw[:cut].strip() == raw.strip():  # only trailing whitespace went: still the whole file
        tried("import: truncated export", "accepted")
        run(page.cancel_import())
        unchanged(w, *w.seeded)
        return
    assert_refused(w, page, "import: truncated export")


def _document(**fields) -> dict:
    return {"format": transfer.EXPORT_FORMAT, "version": 1, "items": [], **fields}


def _parse(doc: object) -> InvalidImportError:
    with pytest.raises(InvalidImportError) as refused:
        transfer.parse_import(json.dumps(doc).encode(), get_content())
    assert_clear(str(refused.value))
    return refused.value


@SETTINGS
@given(version=anything.filter(lambda v: not (type(v) is int and v == 1)))
def test_any_version_but_1_is_refused_and_says_so(version):
    message = str(_parse(_document(version=version)))
    tried("transfer.parse_import: wrong version", "message")
    # or, for a version JSON cannot hold (Infinity) or 100k characters long, the reason why not
    assert any(why in message for why in ("version", "not valid JSON", "1,000,000 bytes"))


ITEM = st.fixed_dictionaries(
    {
        "slug": st.sampled_from(["orm", "rag", "mcp", "old-topic"]),
        "status": st.sampled_from(["done", "skipped"]),
    }
)


@SETTINGS
@given(items=st.lists(ITEM, min_size=1, max_size=5), twice=st.data())
def test_an_item_listed_twice_is_refused_and_named(items, twice):
    items = list({item["slug"]: item for item in items}.values())
    repeat = twice.draw(st.sampled_from(items))
    at = twice.draw(st.integers(0, len(items)))
    copy = {**repeat, "status": twice.draw(st.sampled_from(sorted(Status.values())))}
    message = str(_parse(_document(items=[*items[:at], copy, *items[at:]])))
    tried("transfer.parse_import: duplicate slug", "message")
    assert f'lists the item "{repeat["slug"]}" more than once' in message


FIELDS = {  # where a wrong type can go, and the values that type may take
    ("format",): str,
    ("version",): int,
    ("items",): list,
    ("exported_at",): str,
    ("history",): list,
    ("items", 0): dict,
    ("items", 0, "slug"): str,
    ("items", 0, "status"): str,
    ("items", 0, "updated_at"): str,
    ("items", 0, "review_step"): int,
    ("items", 0, "review_due_at"): str,
    ("items", 0, "note"): dict,
    ("items", 0, "note", "body"): str,
}


def _valid() -> dict:
    return _document(
        exported_at="2025-05-01T08:00:00+00:00",
        items=[
            {
                "slug": "orm",
                "status": "done",
                "updated_at": "2025-05-01T08:00:00+00:00",
                "review_step": 1,
                "review_due_at": "2025-05-04T08:00:00+00:00",
                "note": {"body": "kept"},
            }
        ],
    )


@SETTINGS
@given(path=st.sampled_from(sorted(FIELDS, key=repr)), value=anything)
def test_a_wrong_type_in_any_field_is_refused_with_a_message(path, value):
    expected = FIELDS[path]
    right_type = isinstance(value, expected) and not isinstance(value, bool)
    nullable = ("exported_at", "updated_at", "review_due_at", "note")
    if right_type or (value is None and path[-1] in nullable):
        return  # the right type (or an allowed null): not this test's business
    doc = _valid()
    *parents, last = path
    target = doc
    for key in parents:
        target = target[key]
    target[last] = value
    _parse(doc)
    tried("transfer.parse_import: wrong type", "message")
