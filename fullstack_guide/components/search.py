"""The command palette: Ctrl/Cmd-K or "/" opens it; the top hit is selected and Enter opens it.

It follows the WAI-ARIA combobox pattern, like VS Code's and GitHub's palettes: focus stays in
the input while ↑/↓ move the selection (``aria-activedescendant``), so typing keeps refining.
The dialog's open/closed state lives in the browser only, so a reload or a navigation never
brings it back; ``components/shortcuts.js`` opens it and gives focus back to where it was.
"""

from __future__ import annotations

import dataclasses

import reflex as rx

from fullstack_guide import styles
from fullstack_guide.events import event
from fullstack_guide.services.search import MAX_QUERY_CHARS, search

SEARCH_TRIGGER_ID = "search-trigger"
RESULTS_ID = "search-results"
OPTION_ID_PREFIX = "search-option-"
MOVES = {"ArrowDown": 1, "ArrowUp": -1}


class SearchState(rx.State):
    """The palette's query, results and selected hit (searching is in-memory, milliseconds)."""

    query: str = ""
    results: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    active: int = 0

    @event
    def reset_palette(self):
        """Start empty each time the palette opens or closes, and on every page load."""
        self.query, self.results, self.active = "", [], 0

    @event
    def set_query(self, query: str):
        """Run the search for what was typed (capped, never an error); select the top hit."""
        query = query[:MAX_QUERY_CHARS] if isinstance(query, str) else ""
        # Lone surrogates (JSON "\ud800") cannot be sent back to the browser as UTF-8.
        self.query = query.encode("utf-8", "replace").decode("utf-8")
        self.results = [
            {k: str(v) for k, v in dataclasses.asdict(hit).items()} for hit in search(self.query)
        ]
        self.active = 0

    @event
    def key(self, key: str, key_info: dict | None = None):
        """↑/↓ move the selection (wrapping round); Enter opens the selected hit."""
        if not self.results or not isinstance(key, str):
            return None
        if key in MOVES:
            self.active = (self.active + MOVES[key]) % len(self.results)
            return None
        if key == "Enter":
            return rx.redirect(self.results[min(self.active, len(self.results) - 1)]["href"])
        return None

    @rx.var
    def active_id(self) -> str:
        """The id of the selected option, for the input's ``aria-activedescendant``."""
        return f"{OPTION_ID_PREFIX}{self.active}" if self.results else ""

    @rx.var
    def summary(self) -> str:
        """Announced to screen readers as results change."""
        if not self.query.strip():
            return "Type to search topics, checklist items and examples."
        count = len(self.results)
        return f"{count} result{'s' * (count != 1)}" if count else "No matches. Try fewer letters."


def search_trigger() -> rx.Component:
    return rx.dialog.trigger(
        rx.button(
            rx.icon("search", size=16, aria_hidden="true"),
            rx.text.span("Search", class_name="search-label"),
            rx.el.kbd(
                "Ctrl K",
                display=["none", "none", "none", "inline"],
                font_size="0.75rem",
                color=rx.color("gray", 11),
                aria_hidden="true",
                class_name="keyboard-hint",
            ),
            variant="soft",
            color_scheme="gray",
            size="2",
            id=SEARCH_TRIGGER_ID,
            title="Search (Ctrl+K or /)",
            class_name="tap-target",
            # Radix's ring on a soft gray button is gray-8 on gray-1 (1.9:1): too faint to see.
            _focus_visible={
                "outline": f"2px solid {rx.color('indigo', 9)}",
                "outline_offset": "2px",
            },
        ),
    )


def _option(hit, index) -> rx.Component:
    selected = index == SearchState.active
    return rx.link(
        rx.hstack(
            rx.text(hit["title"], weight="medium"),
            rx.badge(hit["kind"], variant="soft", size="1"),
            spacing="2",
            align="center",
        ),
        rx.text(hit["subtitle"], size="1", style=styles.muted_text),
        href=hit["href"],
        role="option",
        id=OPTION_ID_PREFIX + index.to_string(),
        aria_selected=rx.cond(selected, "true", "false"),
        tab_index=-1,
        display="block",
        padding="0.5rem 0.75rem",
        border_radius="0.5rem",
        underline="none",
        color="inherit",
        background=rx.cond(selected, rx.color("accent", 4), "transparent"),
        _hover={"background": rx.color("accent", 3)},
    )


def search_palette() -> rx.Component:
    """The dialog itself; the trigger (in the header) and the shortcuts open it."""
    return rx.dialog.content(
        rx.dialog.title("Search the guide", size="3"),
        rx.box(
            rx.input(
                default_value="",
                on_change=SearchState.set_query,
                on_key_down=SearchState.key,
                placeholder="Django, postgres, deploy, Netflix…",
                aria_label="Search the guide",
                role="combobox",
                aria_autocomplete="list",
                aria_controls=RESULTS_ID,
                aria_expanded=rx.cond(SearchState.results.length() > 0, "true", "false"),
                aria_activedescendant=SearchState.active_id,
                auto_complete="off",
                auto_focus=True,
                size="3",
                data_search_input="",
            ),
            rx.text(
                SearchState.summary,
                size="1",
                role="status",
                aria_live="polite",
                style=styles.muted_text,
                margin_y="0.5rem",
            ),
            rx.box(
                rx.foreach(SearchState.results, _option),
                id=RESULTS_ID,
                role="listbox",
                aria_label="Search results",
            ),
            data_search_root="",
        ),
        rx.text(
            "↑ ↓ to move, Enter to open, Esc to close",
            size="1",
            style=styles.muted_text,
            margin_top="0.5rem",
            class_name="keyboard-hint",
        ),
        max_width="36rem",
        on_close_auto_focus=[rx.prevent_default, rx.call_script("window.fsgRestoreFocus()")],
    )


def search_dialog() -> rx.Component:
    """The Search button and the palette it opens (the content is portalled to the body)."""
    return rx.dialog.root(
        search_trigger(),
        search_palette(),
        on_open_change=lambda _open: SearchState.reset_palette(),
    )
