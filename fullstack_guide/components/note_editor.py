"""The note editor of an item page: write/preview, autosave status and the overwrite notice.

The state it binds to (``pages.checklist_item.state.NoteState``) lives with its page; it takes
its Vars and handlers as a :class:`NoteEditorBindings`, so this module stays UI and browser code
only and a type checker sees every Var and handler the editor uses. (A Protocol over the state
class cannot say this to mypy: it matches class objects only against ``ClassVar`` members, and
a Reflex state's fields are instance fields.)

Unsaved drafts (``components/note_drafts.js``): the browser keeps every keystroke under
``draft_key(slug)`` in localStorage; the scripts below read it back on load and remove it once
that text is saved or discarded.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, fields

import reflex as rx
from reflex_base.event import EventCallback
from reflex_base.vars.sequence import StringVar

from fullstack_guide import styles
from fullstack_guide.components.note_markdown import note_markdown
from fullstack_guide.components.tab_sync import tab_sync

_WHEN_FORMAT = "HH:mm"  # the browser's local time
_DRAFT_KEY_PREFIX = "fsg-note-draft:"


def draft_key(item_slug: str) -> str:
    """The localStorage key of the unsaved draft of the note on ``item_slug``."""
    return _DRAFT_KEY_PREFIX + item_slug


def read_draft_script(key: str) -> str:
    """Browser code whose value is the stored draft under ``key``, or null."""
    read = f"return localStorage.getItem({json.dumps(key)});"
    return f"(() => {{ try {{ {read} }} catch (e) {{ return null; }} }})()"


def forget_draft_script(key: str, only_if: str | None = None) -> str:
    """Browser code that removes the draft under ``key``; with ``only_if``, only while the
    draft is still that text (the learner may have typed on since it was sent)."""
    name = json.dumps(key)
    test = (
        "" if only_if is None else f"if (localStorage.getItem({name}) === {json.dumps(only_if)}) "
    )
    return f"(() => {{ try {{ {test}localStorage.removeItem({name}); }} catch (e) {{}} }})()"


@dataclass(frozen=True)
class NoteEditorBindings:
    """The note state's Vars and handlers the editor shows and calls (same names as the state)."""

    draft: StringVar[str]
    edit: EventCallback[str]
    error: rx.Var[str]
    status_message: rx.Var[str]
    updated_at: rx.Var[str]
    char_count: rx.Var[str]
    draft_storage_key: rx.Var[str]
    note_loaded: rx.Var[bool]
    check: EventCallback[()]
    draft_restored: rx.Var[bool]
    save_draft: EventCallback[()]
    discard_draft: EventCallback[()]
    overwritten: rx.Var[bool]
    overwritten_at: rx.Var[str]
    theirs_deleted: rx.Var[bool]
    showing_theirs: rx.Var[bool]
    show_theirs: EventCallback[()]
    keep_theirs: EventCallback[()]
    keep_mine: EventCallback[()]

    @classmethod
    def of(cls, state: type[rx.State]) -> NoteEditorBindings:
        """The bindings of a note state class, read by name (its fields and handlers)."""
        return cls(**{field.name: getattr(state, field.name) for field in fields(cls)})


def draft_notice(note_state: NoteEditorBindings) -> rx.Component:
    """After a reload brought back text that was never saved: save it or throw it away.

    Args:
        note_state: The note state's ``draft_restored`` and its ``save_draft`` and
            ``discard_draft`` handlers.
    """
    return rx.box(
        rx.cond(
            note_state.draft_restored,
            rx.callout.root(
                rx.callout.icon(rx.icon("history")),
                rx.vstack(
                    rx.text("Unsaved draft restored — this text was never saved."),
                    rx.hstack(
                        rx.button("Save", on_click=note_state.save_draft, size="1"),
                        rx.button(
                            "Discard",
                            on_click=note_state.discard_draft,
                            # note_drafts.js forgets the draft at the click, so leaving at
                            # once does not ask about text the learner has thrown away.
                            custom_attrs={"data-note-draft-discard": "true"},
                            size="1",
                            variant="soft",
                            color_scheme="gray",
                        ),
                        spacing="2",
                    ),
                    spacing="2",
                ),
                color_scheme="blue",
                width="100%",
            ),
        ),
        aria_live="polite",
        width="100%",
    )


def overwrite_notice(note_state: NoteEditorBindings) -> rx.Component:
    """Both versions one click away: the other tab's, and this tab's own (saved again).

    Args:
        note_state: The note state's ``overwritten``, ``overwritten_at``,
            ``theirs_deleted``, ``showing_theirs`` and the ``show_theirs``,
            ``keep_theirs`` and ``keep_mine`` handlers.
    """
    when = rx.moment(note_state.overwritten_at, format=_WHEN_FORMAT)
    message = rx.cond(
        note_state.showing_theirs,
        rx.text("Showing the version saved in another tab at ", when, ". Yours is one click away."),
        rx.cond(
            note_state.theirs_deleted,
            rx.text("This note was deleted in another tab (noticed at ", when, ")."),
            rx.text("This note was changed in another tab at ", when, "."),
        ),
    )
    buttons = rx.hstack(
        rx.cond(
            note_state.showing_theirs,
            rx.button(
                "Keep this version", on_click=note_state.keep_theirs, size="1", variant="soft"
            ),
            rx.button(
                "Show that version", on_click=note_state.show_theirs, size="1", variant="soft"
            ),
        ),
        rx.button("Keep mine", on_click=note_state.keep_mine, size="1"),
        spacing="2",
        wrap="wrap",
    )
    # The live region is always there, so its content is announced when the notice appears.
    return rx.box(
        rx.cond(
            note_state.overwritten,
            rx.callout.root(
                rx.callout.icon(rx.icon("git_compare_arrows")),
                rx.vstack(message, buttons, spacing="2"),
                color_scheme="amber",
                width="100%",
            ),
        ),
        aria_live="polite",
        width="100%",
    )


def editor(
    note_state: NoteEditorBindings, item_title: str, *, autosave_ms: int, max_length: int
) -> rx.Component:
    """Write/preview tabs, the autosave indicator, the last-edited time and, when another
    tab replaced this one's version, the notice offering both.

    Args:
        note_state: The note state's Vars and handlers (``pages.checklist_item.state.NoteState``).
        item_title: Names the text box for assistive technology.
        autosave_ms: The pause in typing after which the note is saved.
        max_length: The hard bound of the text box (above the saving limit, so the learner
            sees the error rather than text silently cut off).
    """
    return rx.vstack(
        draft_notice(note_state),
        overwrite_notice(note_state),
        rx.tabs.root(
            rx.tabs.list(
                rx.tabs.trigger("Write", value="write"),
                rx.tabs.trigger("Preview", value="preview"),
                aria_label="Note view",
            ),
            rx.tabs.content(
                rx.debounce_input(
                    rx.text_area(
                        value=note_state.draft,
                        on_change=note_state.edit,
                        placeholder="Private notes in Markdown: what clicked, links, questions…",
                        aria_label=f"Your note on {item_title}",
                        rows="8",
                        width="100%",
                        resize="vertical",
                        max_length=max_length,
                        # Read-only until the stored note is on screen (it would replace
                        # anything typed before, which no draft key would yet keep).
                        read_only=~note_state.note_loaded,
                        aria_busy=rx.cond(note_state.note_loaded, "false", "true"),
                        custom_attrs={"data-note-draft-key": note_state.draft_storage_key},
                    ),
                    debounce_timeout=autosave_ms,
                ),
                value="write",
                padding_top="0.75rem",
            ),
            rx.tabs.content(
                rx.box(
                    rx.cond(
                        note_state.draft.length() > 0,
                        note_markdown(note_state.draft),
                        rx.text("Nothing written yet.", style=styles.muted_text),
                    ),
                    style=styles.card,
                    class_name="note-preview",
                ),
                value="preview",
                padding_top="0.75rem",
            ),
            default_value="write",
            width="100%",
        ),
        rx.cond(
            note_state.error != "",
            rx.callout(note_state.error, icon="triangle_alert", color_scheme="red", role="alert"),
        ),
        rx.hstack(
            rx.text(note_state.status_message, size="2", role="status", aria_live="polite"),
            rx.hstack(
                rx.cond(
                    note_state.updated_at != "",
                    rx.text(
                        "Last edited ",
                        rx.moment(note_state.updated_at, from_now=True),
                        size="2",
                        style=styles.muted_text,
                    ),
                ),
                rx.text(note_state.char_count, size="2", style=styles.muted_text),
                spacing="3",
            ),
            justify="between",
            width="100%",
            wrap="wrap",
        ),
        tab_sync(note_state.check),
        width="100%",
        spacing="2",
    )
