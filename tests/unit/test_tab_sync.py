"""Two tabs of one learner catching up with each other: statuses and notes.

Each "tab" is a root state with its own substates, as Reflex builds one per browser tab, so
``get_state`` between NoteState and ProgressState works as in the app. The sync pulse itself
(``components.tab_sync``) is browser code; these tests call the handlers it triggers.
"""

from __future__ import annotations

import logging

import pytest
from sqlalchemy.exc import OperationalError

from fullstack_guide import identity as identity_module
from fullstack_guide.db import session_scope
from fullstack_guide.identity import LEARNER_TOKEN_KEY
from fullstack_guide.pages.checklist_item import NoteState
from fullstack_guide.pages.checklist_item import state as checklist_item_state
from fullstack_guide.services import note_editing, notes
from tests.unit.tabs import Tab as BrowserTab


def ready_without_message(events) -> bool:
    """A page load answers with token scripts at most, never a toast."""
    return all("__toast" not in str(getattr(event, "args", "")) for event in events or [])


ITEM = "orm"
ODD_VALUES = [None, 7, 3.5, True, [], {}, {"x": 1}, ["orm"], "", "\x00", "x" * 100_000, "\ud800"]


class Tab(BrowserTab):
    """One browser tab: a root state whose ProgressState and NoteState are its own."""

    def __init__(self, learner_token: str = "") -> None:
        super().__init__({LEARNER_TOKEN_KEY: learner_token} if learner_token else {})

    @property
    def note(self) -> NoteState:
        return self.state(NoteState)

    async def sync(self):
        """What a sync pulse does: identify again with the browser's tokens."""
        return await self.identify()


async def open_tab(learner_token: str = "", item: str | None = None) -> Tab:
    tab = Tab(learner_token)
    assert ready_without_message(await tab.identify())
    if item is not None:
        await tab.note.load_note(item)
    tab.sent()
    return tab


async def two_tabs(item: str | None = None) -> tuple[Tab, Tab]:
    first = await open_tab(item=item)
    return first, await open_tab(first.learner_token, item=item)


def stored_note(tab: Tab) -> str | None:
    with session_scope() as session:
        note = notes.get_note(session, tab.identity._learner_id, ITEM)
        return note.body if note else None


def broken(*_args):
    raise OperationalError("SELECT", {}, Exception("database is locked"))


# --- statuses -------------------------------------------------------------------------------


async def test_a_tab_catches_up_with_a_tick_made_in_another_tab():
    a, b = await two_tabs()
    await a.progress.set_done(ITEM, True)
    assert b.progress.statuses == {}
    assert ready_without_message(await b.sync())
    assert b.progress.statuses == {ITEM: "done"}
    assert b.progress.overall_summary == a.progress.overall_summary == "1 of 30 items done"


async def test_a_check_with_nothing_new_sends_nothing():
    a, b = await two_tabs()
    await a.progress.set_done(ITEM, True)
    a.sent()
    await b.sync()
    assert b.sent()  # the change
    await b.sync()
    await a.sync()
    assert b.sent() == {}
    assert a.sent() == {}


async def test_every_saved_change_is_announced_to_the_other_tabs_but_a_check_is_not():
    a, b = await two_tabs()
    stamps = {a.progress.sync_stamp}
    for done in (True, False, True):
        await a.progress.set_done(ITEM, done)
        assert a.progress.sync_stamp not in stamps
        stamps.add(a.progress.sync_stamp)
    await a.progress.undo()
    assert a.progress.sync_stamp not in stamps
    before = b.progress.sync_stamp
    await b.sync()
    assert b.progress.sync_stamp == before  # checking must not set off the other tabs again
    before = a.progress.sync_stamp
    await a.progress.set_done("no-such-item", True)  # refused: nothing to announce
    assert a.progress.sync_stamp == before


async def test_an_undo_in_another_tab_is_seen_though_it_records_no_new_event():
    a, b = await two_tabs()
    await a.progress.set_done(ITEM, True)
    await b.sync()
    assert b.progress.statuses == {ITEM: "done"}
    await a.progress.undo()
    await b.sync()
    assert b.progress.statuses == {}


async def test_concurrent_toggles_from_two_tabs_end_equal_in_both_and_the_database():
    a, b = await two_tabs()
    for turn in range(100):
        tab = (a, b)[turn % 2]
        await tab.progress.set_done(ITEM, tab.progress.statuses.get(ITEM) != "done")
    await a.sync()
    await b.sync()
    stored = (await open_tab(a.learner_token)).progress.statuses
    assert a.progress.statuses == b.progress.statuses == stored


async def test_signing_in_or_out_in_another_tab_reloads_the_learner():
    a = await open_tab()
    other = await open_tab()
    await other.progress.set_done("rag", True)
    # Another tab of this browser switched learner: the stored token changed under it.
    a.storage[LEARNER_TOKEN_KEY] = other.learner_token
    assert ready_without_message(await a.sync())
    assert a.identity._learner_id == other.identity._learner_id
    assert a.progress.statuses == {"rag": "done"}


async def test_a_tick_before_the_learner_is_known_changes_nothing_until_a_pulse_identifies():
    tab = Tab()
    await tab.progress.set_done(ITEM, True)
    assert tab.progress.statuses == {}
    assert tab.identity._learner_id is None
    await tab.sync()  # the first pulse (or page load) identifies the tab as a new learner
    assert tab.identity._learner_id is not None and tab.progress.statuses == {}


async def test_a_database_failure_during_a_check_is_logged_quietly(monkeypatch, caplog):
    a, b = await two_tabs()
    await a.progress.set_done(ITEM, True)
    monkeypatch.setattr(identity_module, "_identify_and_read", broken)
    with caplog.at_level(logging.WARNING, logger="fullstack_guide.identity"):
        assert await b.sync() is None  # no toast every 15 s
    assert "checking for changes" in caplog.text
    assert b.progress.statuses == {}


@pytest.mark.parametrize("value", ODD_VALUES)
async def test_hostile_stored_tokens_and_stamps_never_break_a_check(value):
    tab = await open_tab()
    tab.progress.sync_stamp = value
    tab.root._clean()  # as if the browser had sent it: nothing to send back yet
    await tab.identity.identify(value, value)  # a toast at most, never an exception
    tab.sent()
    assert tab.identity._learner_id is not None


# --- notes ----------------------------------------------------------------------------------


async def overwritten_pair() -> tuple[Tab, Tab]:
    """A saved "Alpha"; B, still on the empty note, saved "Bravo" over it; A has not checked."""
    a, b = await two_tabs(ITEM)
    await a.note.edit("Alpha")
    assert a.note.save_status == "saved"
    await b.note.edit("Bravo")
    assert b.note.save_status == "conflict"  # the overwriting tab is told at once
    return a, b


async def test_the_tab_whose_version_was_replaced_is_told_and_keeps_its_text():
    a, _ = await overwritten_pair()
    await a.note.check()
    assert a.note.overwritten and not a.note.showing_theirs and not a.note.theirs_deleted
    assert a.note.overwritten_at.endswith("+00:00")  # shown in the browser's local time
    assert a.note.draft == "Alpha"
    assert stored_note(a) == "Bravo"


async def test_show_that_version_then_keep_mine_restores_and_saves_mine_and_tells_the_other():
    a, b = await overwritten_pair()
    await a.note.check()
    a.note.show_theirs()
    assert a.note.draft == "Bravo" and a.note.showing_theirs and a.note.overwritten
    stamp = a.progress.sync_stamp
    await a.note.keep_mine()
    assert a.note.draft == "Alpha" and a.note.save_status == "kept"
    assert not a.note.overwritten
    assert stored_note(a) == "Alpha"
    assert a.progress.sync_stamp != stamp  # B's tab hears of it at once
    await b.note.check()  # ...and is told in turn
    assert b.note.overwritten and b.note.draft == "Bravo"
    await a.note.check()
    assert not a.note.overwritten


async def test_keep_that_version_settles_on_it_and_later_edits_are_no_conflict():
    a, b = await overwritten_pair()
    await a.note.check()
    a.note.keep_theirs()  # only offered once shown, but harmless at any time
    assert a.note.draft == "Bravo" and not a.note.overwritten
    await a.note.edit("Bravo, extended")
    assert a.note.save_status == "saved"
    await b.note.check()  # B's saved text was replaced (by an extension of it): B is told
    assert b.note.overwritten and b.note.draft == "Bravo"
    b.note.show_theirs()
    assert b.note.draft == "Bravo, extended"


async def test_typing_on_while_told_saves_what_is_on_screen():
    a, _ = await overwritten_pair()
    await a.note.check()
    await a.note.edit("Alpha, and more")
    assert a.note.save_status == "conflict" and not a.note.overwritten
    assert stored_note(a) == "Alpha, and more"


async def test_the_same_text_saved_elsewhere_needs_no_notice():
    a, b = await two_tabs(ITEM)
    await a.note.edit("Same")
    await b.note.edit("Same")
    await a.note.check()
    await b.note.check()
    assert not a.note.overwritten and not b.note.overwritten


async def test_a_tab_is_never_told_about_its_own_saves():
    a, _ = await two_tabs(ITEM)
    for text in ("one", "one two", "one two three"):
        await a.note.edit(text)
        await a.note.check()
        assert not a.note.overwritten
        assert a.note.save_status == "saved"


async def test_a_note_deleted_in_another_tab_is_told_as_deleted():
    a, b = await two_tabs(ITEM)
    await a.note.edit("Keep me")
    await b.note.check()
    # B had written nothing, so there is nothing to choose between: it shows A's note.
    assert b.note.draft == "Keep me" and not b.note.overwritten
    await b.note.edit("   ")  # then B clears it: the note is deleted
    await a.note.check()
    assert a.note.overwritten and a.note.theirs_deleted
    await a.note.keep_mine()
    assert stored_note(a) == "Keep me"


async def test_a_newer_save_elsewhere_while_told_updates_the_offer():
    a, b = await overwritten_pair()
    await a.note.check()
    a.note.show_theirs()
    await b.note.edit("Bravo 2")
    await a.note.check()
    assert a.note.draft == "Bravo 2" and a.note.overwritten
    await a.note.keep_mine()
    assert stored_note(a) == "Alpha" and a.note.save_status == "kept"


async def test_a_database_failure_during_a_note_check_is_logged_quietly(monkeypatch, caplog):
    a, _ = await overwritten_pair()
    monkeypatch.setattr(note_editing, "read_for_editor", broken)
    with caplog.at_level(logging.WARNING, logger="fullstack_guide.pages.checklist_item.state"):
        assert await a.note.check() is None
    assert "checking a note" in caplog.text
    assert not a.note.overwritten and a.note.draft == "Alpha"


async def test_keep_mine_that_cannot_be_saved_keeps_the_notice(monkeypatch):
    a, _ = await overwritten_pair()
    await a.note.check()
    monkeypatch.setattr(note_editing, "save_from_editor", broken)
    await a.note.keep_mine()
    assert a.note.save_status == "failed" and a.note.overwritten  # nothing lost, still offered


@pytest.mark.parametrize("value", ODD_VALUES)
async def test_hostile_values_never_make_the_note_handlers_raise(value):
    a, b = await two_tabs(ITEM)
    await a.note.edit("Alpha")
    await b.note.edit("Bravo")
    await a.note.load_note(value)  # any item slug a client could send
    await a.note.edit(value)  # any body
    for handler in ("check", "show_theirs", "keep_theirs", "keep_mine"):
        result = getattr(a.note, handler)()
        if hasattr(result, "__await__"):
            await result
        a.sent()  # the update still encodes
    assert stored_note(b) == "Bravo"  # nothing a hostile tab sends touches the real note
    assert a.note.item_slug == "" and a.note.save_status != "saved"


async def test_a_note_for_an_unknown_item_is_refused_with_a_reason():
    tab = await open_tab(item="no-such-item")
    await tab.note.edit("text")
    assert tab.note.error == checklist_item_state.UNKNOWN_ITEM and tab.note.save_status == "idle"
    await tab.note.check()
    assert not tab.note.overwritten


async def test_the_editor_is_read_only_until_the_stored_note_is_read():
    """Typing before the note arrives would be overwritten by it (and kept under no draft key)."""
    first = await open_tab(item=ITEM)
    await first.note.edit("fixtures")
    tab = Tab(first.learner_token)
    await tab.note.load_note(ITEM)  # the page's on_load can come before the tab is identified
    assert tab.note.note_loaded is False
    await tab.identify()
    await tab.note.load_note(ITEM)  # identify runs the page's load again
    assert tab.note.note_loaded is True and tab.note.draft == "fixtures"
    await tab.note.load_note("no-such-item")
    assert tab.note.note_loaded is False


async def test_a_note_that_cannot_be_read_still_opens_the_editor(monkeypatch):
    """A failed read says so; the editor opens anyway, and the browser keeps what is typed."""
    tab = await open_tab()
    monkeypatch.setattr(note_editing, "read_for_editor", broken)
    await tab.note.load_note(ITEM)
    assert tab.note.save_status == "failed" and tab.note.note_loaded is True


async def test_the_note_handlers_do_nothing_before_a_note_is_loaded():
    tab = Tab()
    await tab.note.check()
    tab.note.show_theirs()
    tab.note.keep_theirs()
    await tab.note.keep_mine()
    assert tab.note.draft == "" and not tab.note.overwritten and tab.note.save_status == "idle"


async def test_a_draft_is_restored_even_when_a_late_edit_already_put_it_on_screen():
    """A reload can meet an edit the old page sent as it closed: the text is on screen but was
    never saved, so the browser's draft must be kept and the notice shown, not dropped."""
    tab = await open_tab(item=ITEM)
    too_long = "x" * (notes.MAX_NOTE_CHARS + 1)
    await tab.note.load_note(ITEM)  # the reload
    await tab.note.edit(too_long)  # the old page's last edit, processed late
    events = tab.note.restore_draft(too_long)
    assert tab.note.draft_restored is True
    assert "removeItem" not in str(events)  # the browser keeps the unsaved draft


async def test_a_draft_equal_to_the_saved_note_is_dropped():
    tab = await open_tab(item=ITEM)
    await tab.note.edit("fixtures")  # saved
    await tab.note.load_note(ITEM)
    events = tab.note.restore_draft("fixtures")
    assert tab.note.draft_restored is False
    assert "removeItem" in str(events)
