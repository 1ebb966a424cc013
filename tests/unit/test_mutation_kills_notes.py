"""The item page's note editor reads the note's last-edited time, in UTC, for "Saved at …"
(see README.md, "Mutation testing")."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from fullstack_guide.services import learners, note_editing, notes, progress

T0 = datetime(2025, 3, 1, 12, 0, tzinfo=UTC)


def test_the_editor_reads_the_body_version_and_utc_time_of_the_note(session, content):
    me = learners.create_learner(session)[0].id
    assert note_editing.read_for_editor(session, me, "orm") == note_editing.NoteVersion("", 0, "")
    notes.save_note(session, content, me, "orm", "Sessions.", now=T0)
    assert note_editing.read_for_editor(session, me, "orm") == note_editing.NoteVersion(
        "Sessions.", 1, "2025-03-01T12:00:00+00:00"
    )


def test_the_editor_times_are_utc_and_empty_without_a_note():
    assert note_editing.iso(None) == ""
    naive = datetime(2025, 3, 1, 12, 0)  # as SQLite hands it back
    assert note_editing.iso(naive) == "2025-03-01T12:00:00+00:00"


def test_text_that_cannot_be_stored_is_told_apart():
    assert note_editing.is_storable("Plain text, emoji 🙂 too.") is True
    assert note_editing.is_storable("half a pair \ud800") is False


def test_the_editor_save_answers_the_version_time_and_any_conflict(session, content):
    me = learners.create_learner(session)[0].id
    first = note_editing.save_from_editor(session, me, content, "orm", "One.", 0)
    assert (first.conflict, first.version) == (False, 1)
    assert first.updated_at == note_editing.read_for_editor(session, me, "orm").updated_at != ""
    stale = note_editing.save_from_editor(session, me, content, "orm", "Two.", 0)
    assert (stale.conflict, stale.version) == (True, 2)
    assert note_editing.read_for_editor(session, me, "orm").body == "Two."
    cleared = note_editing.save_from_editor(session, me, content, "orm", "  ", 2)
    assert cleared == note_editing.SavedNote(False, 0, "")


def test_the_length_limit_allows_exactly_the_maximum():
    assert note_editing.too_long("x" * notes.MAX_NOTE_CHARS) == ""
    over = notes.MAX_NOTE_CHARS + 1
    assert note_editing.too_long("x" * over) == (
        f"Notes can be at most {notes.MAX_NOTE_CHARS:,} characters; this one has {over:,}. "
        "Shorten it to save."
    )


def test_a_refused_note_says_why_and_saves_nothing(session, content):
    me = learners.create_learner(session)[0].id
    refusals = {
        7: "A note must be text. Nothing was saved.",
        "half \ud800": "This note contains characters that cannot be stored. Nothing was saved.",
    }
    for body, message in refusals.items():
        with pytest.raises(notes.InvalidNoteError) as refused:
            notes.save_note(session, content, me, "orm", body)
        assert str(refused.value) == message
    with pytest.raises(notes.NoteTooLongError) as too_long:
        notes.clean_body("x" * (notes.MAX_NOTE_CHARS + 5))
    assert too_long.value.length == notes.MAX_NOTE_CHARS + 5
    with pytest.raises(progress.UnknownItemError, match="'gone'"):
        notes.save_note(session, content, me, "gone", "Text.")
    assert notes.get_notes(session, me) == {}
