"""Export and import of a learner's progress: round trips, hostile files, previews."""

from __future__ import annotations

import json
import time
from datetime import UTC, datetime, timedelta, timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlmodel import select

from fullstack_guide.db import session_scope
from fullstack_guide.models import ItemProgress, Learner, Note, ProgressEvent, Status
from fullstack_guide.services import history, learner_data, learners, notes, progress, transfer
from fullstack_guide.services.transfer import InvalidImportError
from tests.conftest import examples

T0 = datetime(2025, 5, 1, 8, 0, tzinfo=UTC)


@pytest.fixture
def learner_id(session) -> int:
    learner, _ = learners.create_learner(session)
    return learner.id


def snapshot(session, learner_id: int) -> tuple:
    """Everything a learner would see change: statuses, notes, review dates and history."""
    rows = session.exec(select(ItemProgress).where(ItemProgress.learner_id == learner_id)).all()
    events = session.exec(
        select(ProgressEvent.id).where(ProgressEvent.learner_id == learner_id)
    ).all()
    return (
        sorted((r.item_slug, r.status, r.review_step, r.review_due_at) for r in rows),
        sorted(
            (slug, n.body, n.version) for slug, n in notes.get_notes(session, learner_id).items()
        ),
        len(events),
    )


def as_file(document) -> bytes:
    return json.dumps(document).encode()


def document(*items, **fields) -> dict:
    return {"format": transfer.EXPORT_FORMAT, "version": 1, "items": list(items), **fields}


def seed_progress(session, content, learner_id: int) -> None:
    progress.set_status(session, content, learner_id, "orm", "done", now=T0)
    progress.set_status(session, content, learner_id, "rag", "in_progress", now=T0)
    progress.set_status(session, content, learner_id, "nosql", "skipped", now=T0)
    notes.save_note(session, content, learner_id, "orm", "Sessions → *unit of work*\n\n- a")
    notes.save_note(session, content, learner_id, "testing", "pytest fixtures")


def test_export_covers_every_recorded_item_with_iso_times_and_the_history(
    session, content, learner_id
):
    seed_progress(session, content, learner_id)
    session.add(ItemProgress(learner_id=learner_id, item_slug="renamed-item", status="done"))
    session.flush()
    exported = transfer.export_document(session, content, learner_id, now=T0)

    assert (exported["format"], exported["version"]) == ("fullstack-guide-progress", 1)
    assert datetime.fromisoformat(exported["exported_at"]) == T0
    by_slug = {item["slug"]: item for item in exported["items"]}
    # checklist order first, rows for slugs the content lost at the end
    assert list(by_slug) == ["orm", "nosql", "testing", "rag", "renamed-item"]
    assert by_slug["testing"]["status"] == "not_started"
    assert by_slug["testing"]["note"]["body"] == "pytest fixtures"
    assert by_slug["rag"]["note"] is None
    orm = by_slug["orm"]
    assert orm["status"] == "done" and orm["review_step"] == 0
    assert datetime.fromisoformat(orm["updated_at"]) == T0
    assert datetime.fromisoformat(orm["review_due_at"]).tzinfo is not None
    assert {event["slug"]: (event["from"], event["to"]) for event in exported["history"]} == {
        "orm": ("not_started", "done"),
        "rag": ("not_started", "in_progress"),
        "nosql": ("not_started", "skipped"),
    }
    assert all(
        set(event) == {"slug", "from", "to", "at", "batch", "undone"} and not event["undone"]
        for event in exported["history"]
    )


def test_export_json_is_readable_json_that_keeps_non_ascii_text(session, content, learner_id):
    notes.save_note(session, content, learner_id, "orm", "café ✓")
    text = transfer.export_json(session, content, learner_id)
    assert "café ✓" in text and '\n  "items": [' in text
    assert json.loads(text)["items"][0]["note"]["body"] == "café ✓"


def test_export_then_reset_then_import_restores_statuses_notes_and_review_dates(
    session, content, learner_id
):
    seed_progress(session, content, learner_id)
    before = snapshot(session, learner_id)[:2]
    exported = transfer.export_json(session, content, learner_id).encode()

    for item in content.items:
        progress.set_status(session, content, learner_id, item.slug, "not_started")
    for slug in list(notes.get_notes(session, learner_id)):
        notes.save_note(session, content, learner_id, slug, "")
    assert progress.get_statuses(session, learner_id) == {}

    plan = transfer.parse_import(exported, content)
    batch = transfer.apply_import(session, content, learner_id, plan)
    assert progress.get_statuses(session, learner_id) == {
        "orm": "done",
        "rag": "in_progress",
        "nosql": "skipped",
    }
    statuses, restored_notes, _ = snapshot(session, learner_id)
    assert statuses == before[0]  # review step and due date included
    assert [(slug, body) for slug, body, _ in restored_notes] == [
        (slug, body) for slug, body, _ in before[1]
    ]
    # the whole import is one undoable batch
    undone = progress.undo_last(session, content, learner_id)
    assert undone.batch == batch and undone.count == 3
    assert progress.get_statuses(session, learner_id) == {}


def test_items_the_content_does_not_have_are_listed_and_skipped(session, content, learner_id):
    raw = as_file(
        document(
            {"slug": "orm", "status": "done"},
            {"slug": "old-topic", "status": "done", "note": {"body": "kept elsewhere"}},
            {"slug": "gone", "status": "skipped"},
        )
    )
    plan = transfer.parse_import(raw, content)
    assert plan.unknown_slugs == ("old-topic", "gone")
    assert [item.slug for item in plan.items] == ["orm"]
    transfer.apply_import(session, content, learner_id, plan)
    assert progress.get_statuses(session, learner_id) == {"orm": "done"}
    assert notes.get_notes(session, learner_id) == {}


def test_preview_lists_exactly_the_changes_and_apply_makes_exactly_those(
    session, content, learner_id
):
    progress.set_status(session, content, learner_id, "orm", "done")
    progress.set_status(session, content, learner_id, "rag", "in_progress")
    notes.save_note(session, content, learner_id, "nosql", "old words")
    notes.save_note(session, content, learner_id, "llms", "same words")
    notes.save_note(session, content, learner_id, "mcp", "not in the file")
    plan = transfer.parse_import(
        as_file(
            document(
                {"slug": "agents", "status": "skipped"},
                {"slug": "orm", "status": "done"},
                {"slug": "rag", "status": "done"},
                {"slug": "nosql", "status": "not_started", "note": {"body": "new words"}},
                {"slug": "llms", "status": "not_started", "note": {"body": "same words"}},
                {"slug": "mcp", "status": "not_started", "note": None},
                {"slug": "paas", "status": "not_started", "note": {"body": "  \n"}},
            )
        ),
        content,
    )
    changes = transfer.preview_import(session, content, learner_id, plan)
    assert changes == [
        transfer.Change("nosql", "NoSQL databases", "not_started", "not_started", True),
        transfer.Change(
            "rag", "Retrieval-augmented generation (RAG)", "in_progress", "done", False
        ),
        transfer.Change("agents", "AI agents", "not_started", "skipped", False),
    ]

    transfer.apply_import(session, content, learner_id, plan)
    assert transfer.preview_import(session, content, learner_id, plan) == []
    assert progress.get_statuses(session, learner_id) == {
        "orm": "done",
        "rag": "done",
        "agents": "skipped",
    }
    # an import replaces notes but never deletes one
    assert {slug: n.body for slug, n in notes.get_notes(session, learner_id).items()} == {
        "nosql": "new words",
        "llms": "same words",
        "mcp": "not in the file",
    }


def test_an_import_that_changes_no_status_records_no_batch(session, content, learner_id):
    progress.set_status(session, content, learner_id, "orm", "done")
    plan = transfer.parse_import(as_file(document({"slug": "orm", "status": "done"})), content)
    assert transfer.apply_import(session, content, learner_id, plan) == ""
    assert len(history.recent_events(session, learner_id)) == 1


def test_a_file_saved_with_a_byte_order_mark_is_accepted(content):
    raw = "\ufeff".encode() + as_file(document({"slug": "orm", "status": "done"}))
    assert transfer.parse_import(raw, content).items[0].status == "done"


def _item(**fields) -> dict:
    return {"slug": "orm", "status": "done", **fields}


MALFORMED = {
    "empty": (b"", "The file is empty."),
    "only whitespace": (b" \n\t ", "The file is empty."),
    "not utf-8": (b'{"format": "\xff\xfe"}', "not UTF-8 text"),
    "not json": (b"{'format': 'fullstack-guide-progress'}", "not valid JSON"),
    "truncated json": (as_file(document())[:-5], "not valid JSON"),
    "nan": (b'{"format": NaN}', "contains NaN"),
    "too many digits": (b"[" + b"9" * 5000 + b"]", "not valid JSON"),
    "10,000 deep": (b"[" * 10_000 + b"]" * 10_000, "more than 64 levels deep"),
    "65 deep": (
        b"[" * 65 + b"]" * 65,
        "The file nests lists or objects more than 64 levels deep, which a progress export "
        "never does.",
    ),
    "65 deep in a field": (
        as_file(document(history=json.loads("[" * 64 + "]" * 64))),
        "more than 64 levels deep",
    ),
    "a list": (
        b"[]",
        "This is not a Full Stack Python Guide progress export "
        '(it has no "format": "fullstack-guide-progress").',
    ),
    "wrong format": (as_file(document(format="todo-app")), "not a Full Stack Python Guide"),
    "no format": (b'{"version": 1, "items": []}', "not a Full Stack Python Guide"),
    "newer version": (as_file(document(version=2)), "version 2 of the progress export"),
    "largest shown version": (
        as_file(document(version=999_999)),
        "The file uses version 999999 of the progress export",
    ),
    "absurd version": (
        as_file(document(version=-(10**30))),
        "The file uses a version of the progress export, and this guide can only read version 1.",
    ),
    "version as text": (as_file(document(version="1")), '"version" must be a whole number'),
    "version as bool": (as_file(document(version=True)), '"version" must be a whole number'),
    "duplicate key": (
        b'{"format": "x", "format": "fullstack-guide-progress"}',
        'The file repeats the key "format" inside one object, so it is unclear which value to use.',
    ),
    "no items": (as_file({"format": "fullstack-guide-progress", "version": 1}), '"items"'),
    "extra field": (as_file(document(colour="red")), 'field "colour": Extra inputs'),
    "items not a list": (as_file(document() | {"items": {}}), 'field "items"'),
    "item without status": (as_file(document({"slug": "orm"})), 'field "items[0].status"'),
    "bad slug": (
        as_file(document(_item(slug="../etc"))),
        'field "items[0].slug": must be an item slug: lowercase words joined by hyphens.',
    ),
    "negative review step": (
        as_file(document(_item(review_step=-1))),
        'field "items[0].review_step"',
    ),
    "huge review step": (
        as_file(document(_item(review_step=10**30))),
        'field "items[0].review_step"',
    ),
    "review step as text": (
        as_file(document(_item(review_step="3"))),
        'field "items[0].review_step"',
    ),
    "bad date": (
        as_file(document(_item(updated_at="yesterday"))),
        'field "items[0].updated_at"',
    ),
    "date as number": (
        as_file(document(_item(updated_at=1_700_000_000))),
        'field "items[0].updated_at": must be a date and time in ISO 8601',
    ),
    "date out of range": (
        as_file(document(_item(review_due_at="0001-01-01T00:00:00+05:00"))),
        'field "items[0].review_due_at": is out of the range of dates this app can store.',
    ),
    "note body not text": (
        as_file(document(_item(note={"body": 5}))),
        'field "items[0].note.body"',
    ),
    "bad history entry": (
        as_file(document(history=[{"slug": "orm", "from": "done"}])),
        'field "history[0].to"',
    ),
    "duplicate slugs": (
        as_file(document(_item(), _item(status="skipped"))),
        'lists the item "orm" more than once',
    ),
    "invalid status": (
        as_file(document(_item(status="mastered"))),
        'has the status "mastered"; a status must be one of done, in_progress',
    ),
    "review is not a stored status": (
        as_file(document(_item(status="review"))),
        'has the status "review"',
    ),
    "note too long": (
        as_file(document(_item(note={"body": "x" * (notes.MAX_NOTE_CHARS + 1)}))),
        'The note on "orm" has 20,001 characters; notes can be at most 20,000.',
    ),
    "note with a lone surrogate": (
        b'{"format": "fullstack-guide-progress", "version": 1, '
        b'"items": [{"slug": "orm", "status": "done", "note": {"body": "\\ud800"}}]}',
        "cannot be stored",
    ),
}


@pytest.mark.parametrize(("raw", "message"), MALFORMED.values(), ids=MALFORMED.keys())
def test_a_malformed_file_is_refused_with_a_clear_message_and_nothing_changes(
    session, content, learner_id, raw, message
):
    seed_progress(session, content, learner_id)
    before = snapshot(session, learner_id)
    with pytest.raises(InvalidImportError) as refused:
        transfer.parse_import(raw, content)
    assert message in str(refused.value)
    assert str(refused.value).endswith(".")
    assert snapshot(session, learner_id) == before


def test_a_file_at_the_size_limit_is_read_and_one_byte_more_is_refused(content):
    raw = as_file(document(_item()))
    at_limit = raw + b" " * (transfer.MAX_IMPORT_BYTES - len(raw))  # trailing space is valid JSON
    assert transfer.parse_import(at_limit, content).items[0].slug == "orm"
    limit = transfer.MAX_IMPORT_BYTES
    with pytest.raises(
        InvalidImportError, match=rf"{limit + 1:,} bytes; .* at most {limit:,} bytes"
    ):
        transfer.parse_import(at_limit + b" ", content)


def test_a_100_mb_file_is_refused_before_it_is_read(content):
    raw = b"[" * 100_000_000
    started = time.perf_counter()
    with pytest.raises(InvalidImportError, match="100,000,000 bytes"):
        transfer.parse_import(raw, content)
    assert time.perf_counter() - started < 0.1


def test_a_failing_import_leaves_nothing_behind_in_the_callers_transaction(content):
    """The caller's session_scope rolls back every change an aborted import made."""
    plan = transfer.parse_import(
        as_file(document({"slug": "orm", "status": "done"}, {"slug": "rag", "status": "done"})),
        content,
    )
    broken = transfer.ImportPlan(
        items=(*plan.items, transfer.ImportItem("rag", "mastered", 0, None, None)),
        unknown_slugs=(),
        exported_at=None,
    )
    with session_scope() as session:
        learner_id = learners.create_learner(session)[0].id
    try:
        with pytest.raises(progress.InvalidStatusError), session_scope() as session:
            transfer.apply_import(session, content, learner_id, broken)
        with session_scope() as session:
            assert progress.get_statuses(session, learner_id) == {}
            assert history.recent_events(session, learner_id) == []
    finally:
        with session_scope() as session:
            session.delete(session.get(Learner, learner_id))


def test_markdown_export_is_a_checklist_grouped_by_section(content):
    text = transfer.export_markdown(
        content,
        {"orm": "done", "nosql": "in_progress", "data-analysis": "skipped"},
        {"orm": "Line one\nLine two"},
    )
    assert "## 2. Data\n" in text
    assert "- [x] Object-relational mappers (ORM)\n  > Line one\n  > Line two\n" in text
    assert "- [ ] NoSQL databases (in progress)\n" in text
    assert "- [ ] Data analysis (skipped)\n" in text
    assert "- [ ] Relational databases\n" in text
    assert text.count("- [") == len(content.items)


def test_a_note_cannot_break_the_markdown_checklist(content):
    markdown_it = pytest.importorskip("markdown_it")
    hostile = "ok\r- [x] Fake item\n# Fake heading\r\n</li></ul><h2>x</h2>\n\n```\nunclosed"
    text = transfer.export_markdown(content, {"orm": "done"}, {"orm": hostile})
    tokens = markdown_it.MarkdownIt("commonmark").parse(text)

    headings = [t for t in tokens if t.type == "heading_open" and t.level == 0]
    assert len(headings) == 1 + len(content.sections)
    top_items = [t for t in tokens if t.type == "list_item_open" and t.level == 1]
    assert len(top_items) == len(content.items)
    assert not any(t.type == "html_block" or t.type == "html_inline" for t in tokens)
    data = text.split("## 2. Data")[1].split("## 3.")[0]
    assert "  > - [x] Fake item\n  > # Fake heading\n  > \\</li>" in data


# --- properties: nothing but InvalidImportError, and no writes --------------------------------

FUZZ = settings(
    max_examples=examples(150),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats() | st.text(),
    lambda inner: st.lists(inner, max_size=5) | st.dictionaries(st.text(), inner, max_size=5),
    max_leaves=40,
)
moments = st.datetimes(
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=14)), timezone(-timedelta(hours=12))])
).map(datetime.isoformat)
near_valid_items = st.fixed_dictionaries(
    {
        "slug": st.sampled_from(["orm", "rag", "mcp", "old-topic"]) | st.text(max_size=90),
        "status": st.sampled_from([*sorted(Status.values()), "review"]) | st.text(),
    },
    optional={
        "updated_at": st.none() | moments | st.text() | st.integers(),
        "review_step": st.integers() | st.booleans(),
        "review_due_at": st.none() | moments,
        "note": st.none() | st.fixed_dictionaries({"body": st.text() | st.integers()}),
        "extra": json_values,
    },
)
near_valid_documents = st.fixed_dictionaries(
    {
        "format": st.just(transfer.EXPORT_FORMAT),
        "version": st.just(1) | st.integers(),
        "items": st.lists(near_valid_items, max_size=6),
    },
    optional={"history": st.lists(json_values, max_size=2), "exported_at": moments},
)


valid_documents = st.fixed_dictionaries(
    {
        "format": st.just(transfer.EXPORT_FORMAT),
        "version": st.just(1),
        "items": st.lists(
            st.fixed_dictionaries(
                {
                    "slug": st.sampled_from(["orm", "rag", "mcp", "testing", "old-topic"]),
                    "status": st.sampled_from(sorted(Status.values())),
                },
                optional={
                    "review_step": st.integers(0, transfer.MAX_REVIEW_STEP),
                    "review_due_at": st.none() | moments.filter(lambda m: m[:4] > "0001"),
                    "note": st.none() | st.fixed_dictionaries({"body": st.text(max_size=30)}),
                },
            ),
            unique_by=lambda item: item["slug"],
        ),
    }
)


def _parse_or_refuse(raw: bytes, content) -> transfer.ImportPlan | None:
    try:
        return transfer.parse_import(raw, content)
    except InvalidImportError as refused:
        assert str(refused).endswith(".")
        return None


@FUZZ
@given(raw=st.binary(max_size=2_000))
def test_random_bytes_are_refused_cleanly_and_change_nothing(session, content, learner_id, raw):
    before = snapshot(session, learner_id)
    _parse_or_refuse(raw, content)
    assert snapshot(session, learner_id) == before


@FUZZ
@given(value=json_values)
def test_random_json_is_refused_cleanly_and_changes_nothing(session, content, learner_id, value):
    before = snapshot(session, learner_id)
    assert _parse_or_refuse(json.dumps(value).encode(), content) is None
    assert snapshot(session, learner_id) == before


@FUZZ
@given(doc=near_valid_documents)
def test_almost_valid_files_are_refused_cleanly_or_parsed_and_change_nothing(
    session, content, learner_id, doc
):
    before = snapshot(session, learner_id)
    _parse_or_refuse(json.dumps(doc).encode(), content)
    assert snapshot(session, learner_id) == before


@FUZZ
@given(doc=valid_documents)
def test_a_valid_file_imports_exactly_what_it_previews(session, content, learner_id, doc):
    if not snapshot(session, learner_id)[0]:  # the fixture's learner lives across examples
        seed_progress(session, content, learner_id)
    before = snapshot(session, learner_id)
    plan = transfer.parse_import(json.dumps(doc).encode(), content)
    assert plan.unknown_slugs == tuple(i["slug"] for i in doc["items"] if i["slug"] == "old-topic")
    savepoint = session.begin_nested()  # each example starts from the same progress
    try:
        transfer.apply_import(session, content, learner_id, plan)
        assert transfer.preview_import(session, content, learner_id, plan) == []
        statuses = progress.get_statuses(session, learner_id)
        for item in plan.items:
            assert statuses.get(item.slug, "not_started") == item.status
    finally:
        savepoint.rollback()
    session.expire_all()
    assert snapshot(session, learner_id) == before


def test_the_largest_export_a_learner_can_make_imports_again(session, content):
    """Every item with a note at the length limit in 4-byte characters, plus a long history."""
    learner, _ = learners.create_learner(session)
    widest = "\U0001f9d1" * notes.MAX_NOTE_CHARS  # 4 bytes in UTF-8 each
    for item in content.items:
        notes.save_note(session, content, learner.id, item.slug, widest)
    for turn in range(transfer.MAX_EXPORTED_EVENTS + 50):
        progress.set_status(session, content, learner.id, "orm", ("done", "in_progress")[turn % 2])
    exported = transfer.export_json(session, content, learner.id).encode("utf-8")
    assert len(exported) <= transfer.MAX_IMPORT_BYTES
    document = json.loads(exported)
    assert len(document["history"]) == transfer.MAX_EXPORTED_EVENTS
    assert document["history_omitted"] == 50
    plan = transfer.parse_import(exported, content)
    assert len(plan.items) == len(content.items)


def test_escaped_control_characters_still_fit_the_import_limit(session, content):
    """The worst case per character is a six-byte JSON escape (\\u0001)."""
    learner, _ = learners.create_learner(session)
    for item in content.items:
        notes.save_note(session, content, learner.id, item.slug, "\x01" * notes.MAX_NOTE_CHARS)
    exported = transfer.export_json(session, content, learner.id).encode("utf-8")
    assert len(exported) <= transfer.MAX_IMPORT_BYTES
    assert len(transfer.parse_import(exported, content).items) == len(content.items)


def test_a_repeated_key_is_named_with_its_control_characters_escaped(content):
    raw = b'{"format": "fullstack-guide-progress", "\\u001b[2J": 1, "\\u001b[2J": 2}'
    with pytest.raises(InvalidImportError) as refused:
        transfer.parse_import(raw, content)
    assert 'repeats the key "\\x1b[2J"' in str(refused.value)
    assert "\x1b" not in str(refused.value)


def test_an_upload_preview_counts_what_the_file_leaves_alone(session, content):
    me, _ = learners.create_learner(session)
    progress.set_status(session, content, me.id, "orm", "done")
    progress.set_status(session, content, me.id, "rag", "in_progress")
    session.add(Note(learner_id=me.id, item_slug="mcp", body="Tools, resources, prompts."))
    other, _ = learners.create_learner(session)
    progress.set_status(session, content, other.id, "orm", "done")
    progress.set_status(session, content, other.id, "nosql", "done")
    raw = learner_data.export_json(session, other.id, content).encode()

    plan, changes, kept = learner_data.preview_upload(session, me.id, content, raw)

    assert {item.slug for item in plan.items} == {"orm", "nosql"}
    assert [(c.slug, c.old_status, c.new_status) for c in changes] == [
        ("nosql", "not_started", "done")
    ]
    assert kept == 2  # rag's status and mcp's note are not in the file
