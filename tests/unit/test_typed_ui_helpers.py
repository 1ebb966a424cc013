"""The typed spellings mypy needs build exactly what Reflex's own spellings build.

``make typecheck`` proves the types; these prove the spellings changed nothing at run time.
"""

from __future__ import annotations

import dataclasses
from typing import Annotated

import pytest
import reflex as rx
from reflex_base.event import EventHandler, key_event, no_args_event_spec

from fullstack_guide.components.keyed import KeyedDiv, KeyedLi
from fullstack_guide.components.note_editor import NoteEditorBindings, editor
from fullstack_guide.components.tab_sync import _SyncListener
from fullstack_guide.events import event
from fullstack_guide.identity import IdentityState
from fullstack_guide.models import Learner, saved_id
from fullstack_guide.pages.checklist_item import NoteState
from fullstack_guide.state import ProgressState, status_of


def test_event_returns_what_rx_event_returns() -> None:
    def handler(self, value: str) -> None:
        """A state method, as the class body sees it."""

    handler.__qualname__ = "SomeState.handler"
    assert event(handler) is rx.event(handler)


def test_handlers_declared_with_event_are_reflex_event_handlers() -> None:
    for handler in (ProgressState.set_done, ProgressState.key_command, IdentityState.identify):
        assert isinstance(handler, EventHandler)


def test_the_annotated_trigger_is_what_rx_event_handler_builds() -> None:
    assert rx.EventHandler[key_event] == Annotated[rx.EventHandler, key_event]
    assert rx.EventHandler[no_args_event_spec] == Annotated[rx.EventHandler, no_args_event_spec]
    assert "on_key_down" in KeyedLi.create().get_event_triggers()
    assert "on_key_down" in KeyedDiv.create().get_event_triggers()
    assert "on_fsgsync" in _SyncListener.create().get_event_triggers()


def test_status_of_is_the_statuses_var_item() -> None:
    """Read alone for a named item (``state_slice``), the plain item for a Var slug."""
    hooks = status_of("orm")._get_all_var_data().hooks
    hook = "\n".join(hooks)
    assert "useStateSlice(" in hook
    assert '.statuses_rx_state_?.["orm"]' in hook
    slug = rx.Var.create("orm")
    assert str(status_of(slug)) == str(ProgressState.statuses[slug])


def test_the_note_editor_binds_the_note_state_by_member_name() -> None:
    names = [field.name for field in dataclasses.fields(NoteEditorBindings)]
    bindings = NoteEditorBindings(**{name: getattr(NoteState, name) for name in names})
    rendered = str(editor(bindings, "ORM", autosave_ms=700, max_length=25_000).render())
    assert "data-note-draft-key" in rendered


def test_saved_id_is_the_id_of_a_flushed_row_and_refuses_one_never_written() -> None:
    assert saved_id(Learner(id=7, token_digest="d")) == 7
    with pytest.raises(ValueError, match="flushed"):
        saved_id(Learner(token_digest="d"))
