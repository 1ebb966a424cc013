"""The note editor of an item page: write/preview, autosave status and the overwrite notice.

The state it binds to (``pages.item_notes.NoteState``) lives with its page; the editor takes
it as an argument so this module stays UI only.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import reflex as rx

from fullstack_guide import styles
from fullstack_guide.components.tab_sync import tab_sync

if TYPE_CHECKING:  # the page imports this module; mypy only needs the state's fields
    from fullstack_guide.pages.item_notes import NoteState

_WHEN_FORMAT = "HH:mm"  # the browser's local time


def overwrite_notice(note_state: type[NoteState]) -> rx.Component:
    """Both versions one click away: the other tab's, and this tab's own (saved again).

    Args:
        note_state: The note editor's state: ``overwritten``, ``overwritten_at``,
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


def editor(note_state: type[NoteState], item_title: str, *, autosave_ms: int) -> rx.Component:
    """Write/preview tabs, the autosave indicator, the last-edited time and, when another
    tab replaced this one's version, the notice offering both.

    Args:
        note_state: The page's note state (``pages.item_notes.NoteState``).
        item_title: Names the text box for assistive technology.
        autosave_ms: The pause in typing after which the note is saved.
    """
    return rx.vstack(
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
                        rx.markdown(
                            note_state.draft, use_raw=False, use_math=False, use_katex=False
                        ),
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
