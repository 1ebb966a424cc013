"""Private notes: saving, limits, deleting, and telling tabs apart when both save."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fullstack_guide.services import learners, notes, progress


@pytest.fixture
def learner_id(session) -> int:
    learner, _ = learners.create_learner(session)
    return learner.id


def test_a_saved_note_can_be_read_back_and_each_save_bumps_the_version(
    session, content, learner_id
):
    first = notes.save_note(session, content, learner_id, "orm", "SQLAlchemy *sessions*")
    assert (first.note.body, first.note.version, first.conflict) == (
        "SQLAlchemy *sessions*",
        1,
        False,
    )
    second = notes.save_note(session, content, learner_id, "orm", "Unit of work")
    assert second.note.version == 2
    assert notes.get_note(session, learner_id, "orm").body == "Unit of work"
    notes.save_note(session, content, learner_id, "rag", "Chunking matters")
    assert {slug: n.body for slug, n in notes.get_notes(session, learner_id).items()} == {
        "orm": "Unit of work",
        "rag": "Chunking matters",
    }


def test_the_save_time_is_recorded(session, content, learner_id):
    when = datetime(2025, 3, 1, 9, 30, tzinfo=UTC)
    note = notes.save_note(session, content, learner_id, "orm", "x", now=when).note
    assert note.updated_at.replace(tzinfo=UTC) == when


def test_saving_the_same_text_again_changes_nothing(session, content, learner_id):
    notes.save_note(session, content, learner_id, "orm", "same")
    again = notes.save_note(session, content, learner_id, "orm", "same", base_version=1)
    assert (again.note.version, again.conflict) == (1, False)


def test_learners_only_see_their_own_notes(session, content, learner_id):
    other, _ = learners.create_learner(session)
    notes.save_note(session, content, learner_id, "orm", "mine")
    assert notes.get_notes(session, other.id) == {}
    assert notes.get_note(session, other.id, "orm") is None


def test_a_note_at_the_limit_is_kept_whole(session, content, learner_id):
    body = "é" * notes.MAX_NOTE_CHARS
    assert notes.save_note(session, content, learner_id, "orm", body).note.body == body


def test_a_note_over_the_limit_is_refused_with_both_numbers_and_the_old_note_kept(
    session, content, learner_id
):
    notes.save_note(session, content, learner_id, "orm", "keep me")
    with pytest.raises(notes.NoteTooLongError) as refused:
        notes.save_note(session, content, learner_id, "orm", "a" * 20_431)
    assert str(refused.value) == (
        "Notes can be at most 20,000 characters; this one has 20,431. Nothing was saved."
    )
    kept = notes.get_note(session, learner_id, "orm")
    assert (kept.body, kept.version) == ("keep me", 1)


def test_nul_characters_are_dropped_and_do_not_count_towards_the_limit(
    session, content, learner_id
):
    body = "a\x00b" + "c" * (notes.MAX_NOTE_CHARS - 2) + "\x00"
    saved = notes.save_note(session, content, learner_id, "orm", body).note
    assert "\x00" not in saved.body
    assert saved.body.startswith("abc") and len(saved.body) == notes.MAX_NOTE_CHARS


@pytest.mark.parametrize("body", [None, 42, b"bytes", ["a list"], {"body": "x"}])
def test_a_body_that_is_not_text_is_refused(session, content, learner_id, body):
    with pytest.raises(notes.InvalidNoteError, match="A note must be text"):
        notes.save_note(session, content, learner_id, "orm", body)
    assert notes.get_notes(session, learner_id) == {}


def test_text_that_cannot_be_stored_is_refused_with_a_sentence(session, content, learner_id):
    with pytest.raises(notes.InvalidNoteError, match="cannot be stored"):
        notes.save_note(session, content, learner_id, "orm", "half a pair: \ud800")
    assert notes.get_notes(session, learner_id) == {}


@pytest.mark.parametrize("slug", ["no-such-item", "", "ORM", "../orm"])
def test_notes_on_unknown_items_are_refused(session, content, learner_id, slug):
    with pytest.raises(progress.UnknownItemError):
        notes.save_note(session, content, learner_id, slug, "text")
    assert notes.get_notes(session, learner_id) == {}


@pytest.mark.parametrize("blank", ["", "   ", "\n\t \n", "\x00"])
def test_a_blank_body_deletes_the_note(session, content, learner_id, blank):
    notes.save_note(session, content, learner_id, "orm", "to be removed")
    result = notes.save_note(session, content, learner_id, "orm", blank)
    assert result.note is None
    assert notes.get_note(session, learner_id, "orm") is None
    # deleting what is not there is harmless
    assert notes.save_note(session, content, learner_id, "orm", blank).note is None


def test_when_another_tab_saved_in_between_the_last_save_wins_and_says_so(
    session, content, learner_id
):
    notes.save_note(session, content, learner_id, "orm", "v1")
    tab_a = notes.save_note(session, content, learner_id, "orm", "from tab A", base_version=1)
    assert (tab_a.note.version, tab_a.conflict) == (2, False)
    tab_b = notes.save_note(session, content, learner_id, "orm", "from tab B", base_version=1)
    assert tab_b.conflict
    assert (tab_b.note.body, tab_b.note.version) == ("from tab B", 3)
    assert notes.get_note(session, learner_id, "orm").body == "from tab B"


def test_an_editor_that_started_without_a_note_notices_one_created_elsewhere(
    session, content, learner_id
):
    assert not notes.save_note(session, content, learner_id, "orm", "a", base_version=0).conflict
    late = notes.save_note(session, content, learner_id, "rag", "b", base_version=0)
    assert not late.conflict
    notes.save_note(session, content, learner_id, "nosql", "other tab")
    clash = notes.save_note(session, content, learner_id, "nosql", "this tab", base_version=0)
    assert clash.conflict and clash.note.body == "this tab"


def test_deleting_a_note_another_tab_changed_is_reported_as_a_conflict(
    session, content, learner_id
):
    notes.save_note(session, content, learner_id, "orm", "v1")
    notes.save_note(session, content, learner_id, "orm", "v2", base_version=1)
    result = notes.save_note(session, content, learner_id, "orm", "", base_version=1)
    assert result.conflict and result.note is None
