"""The item page's note editor reads the note's last-edited time, in UTC, for "Saved at …"
(see README.md, "Mutation testing")."""

from __future__ import annotations

from datetime import UTC, datetime

from fullstack_guide.services import learners, note_editing, notes

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
