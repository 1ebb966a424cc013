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
