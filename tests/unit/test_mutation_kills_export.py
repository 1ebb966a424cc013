"""The exports and the "Your data" operations, pinned where `make mutate` found them loose:
the Markdown checklist's exact layout, a note's own indentation and blank lines, and the
page's export, import and reset calls (see README.md, "Mutation testing")."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest
from sqlmodel import select

from fullstack_guide.models import ItemProgress, ProgressEvent
from fullstack_guide.services import (
    account_steps,
    accounts,
    auth_sessions,
    import_parse,
    learner_data,
    learners,
    notes,
    progress,
    review,
    transfer,
)
from tests.unit.hostile import CHEAP_HASHER

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def test_the_markdown_checklist_has_a_title_blank_lines_and_a_box_per_item(content):
    first, second = content.sections[:2]
    done, untouched = next(s.items[:2] for s in content.sections if len(s.items) > 1)
    note = "  indented code\n\n   \nends in XX"
    text = transfer.export_markdown(content, {done.slug: "done"}, {done.slug: note})
    lines = text.split("\n")
    assert lines[:4] == [
        f"# {transfer.MARKDOWN_TITLE}",
        "",
        f"## {first.number}. {first.title}",
        "",
    ]
    assert lines[4] == f"- [ ] {first.items[0].title}"
    # The note keeps its own indentation and last characters; a blank or blank-looking
    # line stays an empty quote line. An item without a note has no quote at all.
    at = lines.index(f"- [x] {done.title}")
    assert lines[at : at + 6] == [
        f"- [x] {done.title}",
        "  >   indented code",
        "  >",
        "  >",
        "  > ends in XX",
        f"- [ ] {untouched.title}",
    ]
    heading = lines.index(f"## {second.number}. {second.title}")
    assert lines[heading - 1 : heading + 2] == ["", lines[heading], ""]
    assert lines[heading - 2].startswith("- [ ] ")
    assert text.endswith(f"{content.items[-1].title}\n")


@pytest.fixture
def learner(session):
    return learners.create_learner(session)[0].id


def test_the_json_export_of_your_data_is_this_learners_backup(session, content, learner):
    progress.set_status(session, content, learner, "orm", "done", now=T0)
    notes.save_note(session, content, learner, "orm", "Sessions and models.", now=T0)
    other = learners.create_learner(session)[0].id
    progress.set_status(session, content, other, "rag", "done", now=T0)
    document = json.loads(learner_data.export_json(session, learner, content))
    assert document["format"] == transfer.EXPORT_FORMAT
    assert [(i["slug"], i["status"], i["note"]["body"]) for i in document["items"]] == [
        ("orm", "done", "Sessions and models.")
    ]


def test_the_json_backup_keeps_review_steps_note_dates_and_the_history_in_time_order(
    session, content, learner
):
    first, second = content.items[0].slug, content.items[1].slug
    progress.set_status(session, content, learner, "orm", "done", now=T0)
    review.mark_remembered(session, learner, "orm", now=T0 + timedelta(days=2))
    noted_at = T0 + timedelta(days=3)
    notes.save_note(session, content, learner, "rag", "Only a note here.", now=noted_at)
    # Written later but dated earlier (as an import or a clock step can): time order wins.
    progress.set_status(session, content, learner, "nosql", "in_progress", now=T0 - timedelta(1))
    progress.set_status(session, content, learner, first, "done", now=T0 + timedelta(days=4))
    progress.set_status(session, content, learner, second, "done", now=T0 + timedelta(days=4))
    progress.reset_all(session, content, learner, now=T0 + timedelta(days=5))
    exported_at = T0 + timedelta(days=6)
    document = json.loads(transfer.export_json(session, content, learner, now=exported_at))
    assert document["exported_at"] == exported_at.isoformat()
    items = {item["slug"]: item for item in document["items"]}
    assert items["rag"]["review_step"] == 0 and items["rag"]["status"] == "not_started"
    assert items["rag"]["note"] == {"body": "Only a note here.", "updated_at": noted_at.isoformat()}
    assert [(e["slug"], e["at"]) for e in document["history"][:2]] == [
        ("nosql", (T0 - timedelta(1)).isoformat()),
        ("orm", T0.isoformat()),
    ]
    # A reset's changes keep the order they were written in: the checklist's.
    order = [item.slug for item in content.items]
    reset = [(e["slug"], e["from"], e["to"]) for e in document["history"][-4:]]
    assert reset == sorted(reset, key=lambda change: order.index(change[0]))
    assert len({e["batch"] for e in document["history"][-4:]}) == 1


def test_a_remembered_item_is_exported_with_its_review_step(session, content, learner):
    progress.set_status(session, content, learner, "orm", "done", now=T0)
    review.mark_remembered(session, learner, "orm", now=T0 + timedelta(days=2))
    [item] = transfer.export_document(session, content, learner)["items"]
    assert (item["slug"], item["review_step"]) == ("orm", 1)


def test_the_markdown_export_of_your_data_ticks_and_quotes_this_learners_items(
    session, content, learner
):
    progress.set_status(session, content, learner, "orm", "done", now=T0)
    progress.set_status(session, content, learner, "nosql", "in_progress", now=T0)
    notes.save_note(session, content, learner, "orm", "Sessions and models.", now=T0)
    text = learner_data.export_markdown(session, learner, content)
    assert text == transfer.export_markdown(
        content, {"orm": "done", "nosql": "in_progress"}, {"orm": "Sessions and models."}
    )
    assert "- [x] Object-relational mappers (ORM)\n  > Sessions and models.\n" in text


def _upload(*items: dict) -> bytes:
    return json.dumps(
        {"format": transfer.EXPORT_FORMAT, "version": transfer.EXPORT_VERSION, "items": items}
    ).encode()


def test_an_uploaded_backup_is_applied_to_this_learner_as_one_batch(session, content, learner):
    raw = _upload({"slug": "orm", "status": "done"}, {"slug": "rag", "status": "in_progress"})
    batch = learner_data.apply_upload(session, learner, content, raw)
    assert progress.get_statuses(session, learner) == {"orm": "done", "rag": "in_progress"}
    events = session.exec(select(ProgressEvent).where(ProgressEvent.learner_id == learner)).all()
    assert batch and {e.batch for e in events} == {batch}
    with pytest.raises(transfer.InvalidImportError):
        learner_data.apply_upload(session, learner, content, b"not json")
    assert progress.get_statuses(session, learner) == {"orm": "done", "rag": "in_progress"}


def test_reset_from_your_data_sends_every_item_back_as_one_batch(session, content, learner):
    progress.set_status(session, content, learner, "orm", "done", now=T0)
    progress.set_status(session, content, learner, "rag", "skipped", now=T0)
    batch = learner_data.reset_progress(session, learner, content)
    assert batch
    assert set(progress.get_statuses(session, learner).values()) <= {"not_started"}
    assert learner_data.reset_progress(session, learner, content) == ""


def test_a_reset_records_the_items_in_checklist_order_then_unknown_slugs_by_name(
    session, content, learner
):
    """The history (and an undo) lists a reset's changes in the order the checklist shows."""
    last, first = content.items[-1].slug, content.items[0].slug
    for slug in ("zz-retired", last, "aa-retired", first):
        session.add(ItemProgress(learner_id=learner, item_slug=slug, status="done"))
    session.flush()
    reset_at = datetime(2025, 4, 2, 9, 30, tzinfo=UTC)
    batch = progress.reset_all(session, content, learner, now=reset_at)
    events = session.exec(
        select(ProgressEvent).where(ProgressEvent.batch == batch).order_by(ProgressEvent.id)
    ).all()
    assert [e.item_slug for e in events] == [first, last, "aa-retired", "zz-retired"]
    rows = session.exec(select(ItemProgress).where(ItemProgress.learner_id == learner)).all()
    stamps = {e.created_at.replace(tzinfo=UTC) for e in events}
    stamps |= {r.updated_at.replace(tzinfo=UTC) for r in rows}
    assert stamps == {reset_at}


def test_signing_in_on_a_fresh_browser_opens_a_session_and_keeps_the_rehash(
    monkeypatch, session, content, learner
):
    monkeypatch.setattr(accounts, "_hasher", CHEAP_HASHER)
    accounts.sign_up(session, learner, "fresh-browser", "correct horse battery", "device")
    result, refusal = account_steps.finish_sign_in(session, "fresh-browser", "rehashed", content)
    assert refusal == "" and result is not None
    assert result.learner_id == learner and result.merged == []
    assert auth_sessions.resolve_session(session, result.token) == learner
    assert accounts.account_for_learner(session, learner).password_hash == "rehashed"
    assert account_steps.finish_sign_in(session, "nobody-here", None, content) == (
        None,
        "Username or password is incorrect.",
    )


def test_signing_in_from_a_tab_with_a_learner_keeps_the_rehash(
    monkeypatch, session, content, learner
):
    monkeypatch.setattr(accounts, "_hasher", CHEAP_HASHER)
    accounts.sign_up(session, learner, "tab-owner", "correct horse battery", "device")
    device, _ = learners.create_learner(session)
    result, refusal = account_steps.finish_sign_in_for(
        session, device.id, True, "tab-owner", "rehashed", content
    )
    assert refusal == "" and result is not None and result.learner_id == learner
    assert accounts.account_for_learner(session, learner).password_hash == "rehashed"


def test_an_import_is_dated_when_it_was_applied(session, content, learner):
    raw = _upload({"slug": "orm", "status": "in_progress", "note": {"body": "From the file."}})
    applied_at = datetime(2025, 5, 6, 7, 8, tzinfo=UTC)
    transfer.apply_import(
        session, content, learner, transfer.parse_import(raw, content), applied_at
    )
    row = progress.find_row(session, learner, "orm")
    note = notes.get_note(session, learner, "orm")
    assert row.updated_at.replace(tzinfo=UTC) == applied_at
    assert note.body == "From the file." and note.updated_at.replace(tzinfo=UTC) == applied_at


def test_an_imported_unfinished_item_takes_no_review_date_from_the_file(session, content, learner):
    due = "2025-05-01T00:00:00+00:00"
    raw = _upload({"slug": "orm", "status": "in_progress", "review_step": 2, "review_due_at": due})
    learner_data.apply_upload(session, learner, content, raw)
    row = progress.find_row(session, learner, "orm")
    assert (row.status, row.review_step, row.review_due_at) == ("in_progress", 0, None)


def test_importing_a_note_you_already_have_leaves_it_and_its_version_alone(
    session, content, learner
):
    notes.save_note(session, content, learner, "orm", "Same words.", now=T0)
    before = notes.get_note(session, learner, "orm")
    kept = (before.version, before.updated_at)
    raw = _upload({"slug": "orm", "status": "done", "note": {"body": "Same words."}})
    applied_at = datetime(2025, 5, 6, 7, 8, tzinfo=UTC)
    transfer.apply_import(
        session, content, learner, transfer.parse_import(raw, content), applied_at
    )
    after = notes.get_note(session, learner, "orm")
    assert (after.version, after.updated_at) == kept


@pytest.mark.parametrize(
    ("item", "message"),
    [
        (
            {"slug": 1, "status": "done"},
            'The file has a problem in the field "items[0].slug": Input should be a valid string.',
        ),
        (
            {"slug": 1},
            'The file has a problem in the field "items[0].slug": Input should be a valid string '
            "(and 1 more problem).",
        ),
        (
            {"slug": 1, "status": 2, "note": 3},
            'The file has a problem in the field "items[0].slug": Input should be a valid string '
            "(and 2 more problems).",
        ),
    ],
    ids=["one", "two", "three"],
)
def test_a_file_that_breaks_the_schema_names_the_first_problem_and_counts_the_rest(
    content, item, message
):
    with pytest.raises(transfer.InvalidImportError) as refused:
        transfer.parse_import(_upload(item), content)
    assert str(refused.value) == message


def test_an_unknown_field_is_named_as_the_file_spells_it(content):
    raw = json.dumps(
        {"format": transfer.EXPORT_FORMAT, "version": transfer.EXPORT_VERSION, "items": [], "XP": 1}
    ).encode()
    with pytest.raises(transfer.InvalidImportError) as refused:
        transfer.parse_import(raw, content)
    assert str(refused.value) == (
        'The file has a problem in the field "XP": Extra inputs are not permitted.'
    )


def test_nesting_up_to_the_limit_is_left_to_the_schema_and_one_level_more_is_refused(content):
    def file_nesting(levels: int) -> bytes:
        nested: list = []
        for _ in range(levels - 2):  # the document is level 1, the innermost list the last
            nested = [nested]
        document = {"format": transfer.EXPORT_FORMAT, "version": 1, "items": [], "XP": nested}
        return json.dumps(document).encode()

    limit = import_parse.MAX_JSON_DEPTH
    with pytest.raises(transfer.InvalidImportError) as refused:
        transfer.parse_import(file_nesting(limit), content)
    assert str(refused.value) == (
        'The file has a problem in the field "XP": Extra inputs are not permitted.'
    )
    with pytest.raises(transfer.InvalidImportError) as refused:
        transfer.parse_import(file_nesting(limit + 1), content)
    assert f"more than {limit} levels deep" in str(refused.value)


def test_the_plan_says_when_the_file_was_exported_and_only_bytes_are_read(content):
    document = {"format": transfer.EXPORT_FORMAT, "version": 1, "items": []}
    raw = json.dumps(document | {"exported_at": "2025-03-01T12:00:00Z"}).encode()
    assert transfer.parse_import(raw, content).exported_at == T0
    assert transfer.parse_import(json.dumps(document).encode(), content).exported_at is None
    with pytest.raises(TypeError, match=r"^parse_import expects the uploaded file's bytes$"):
        transfer.parse_import(json.dumps(document), content)
