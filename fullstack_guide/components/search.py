"""The command palette: Ctrl/Cmd-K or "/" opens it; arrows move through ranked results."""

from __future__ import annotations

import dataclasses

import reflex as rx

from fullstack_guide import styles
from fullstack_guide.services.search import MAX_QUERY_CHARS, search

SEARCH_TRIGGER_ID = "search-trigger"


class SearchState(rx.State):
    """The palette's query and results (searching is in-memory and takes milliseconds)."""

    open: bool = False
    query: str = ""
    results: list[dict[str, str]] = []

    @rx.event
    def set_open(self, value: bool):
        self.open = value is True
        if not self.open:
            self.query, self.results = "", []

    @rx.event
    def set_query(self, query: str):
        """Run the search for what was typed (capped, never an error)."""
        query = query[:MAX_QUERY_CHARS] if isinstance(query, str) else ""
        # Lone surrogates (JSON "\ud800") cannot be sent back to the browser as UTF-8.
        self.query = query.encode("utf-8", "replace").decode("utf-8")
        self.results = [
            {k: str(v) for k, v in dataclasses.asdict(hit).items()} for hit in search(self.query)
        ]

    @rx.var
    def summary(self) -> str:
        """Announced to screen readers as results change."""
        if not self.query.strip():
            return "Type to search topics, checklist items and examples."
        count = len(self.results)
        return f"{count} result{'s' * (count != 1)}" if count else "No matches. Try fewer letters."


def search_trigger() -> rx.Component:
    return rx.button(
        rx.icon("search", size=16, aria_hidden="true"),
        rx.text.span("Search", class_name="search-label"),
        rx.el.kbd(
            "Ctrl K",
            display=["none", "none", "none", "inline"],
            font_size="0.75rem",
            color=rx.color("gray", 11),
            aria_hidden="true",
        ),
        variant="soft",
        color_scheme="gray",
        size="2",
        id=SEARCH_TRIGGER_ID,
        title="Search (Ctrl+K or /)",
        on_click=SearchState.set_open(True),
    )


def _result(hit) -> rx.Component:
    return rx.el.li(
        rx.link(
            rx.vstack(
                rx.hstack(
                    rx.text(hit["title"], weight="medium"),
                    rx.badge(hit["kind"], variant="soft", size="1"),
                    spacing="2",
                    align="center",
                ),
                rx.text(hit["subtitle"], size="1", style=styles.muted_text),
                spacing="0",
                align="start",
            ),
            href=hit["href"],
            data_search_result="",
            on_click=SearchState.set_open(False),
            display="block",
            padding="0.5rem 0.75rem",
            border_radius="0.5rem",
            underline="none",
            color="inherit",
            _hover={"background": rx.color("accent", 3)},
            _focus_visible={"background": rx.color("accent", 4), "outline": "none"},
        ),
        list_style="none",
    )


def search_palette() -> rx.Component:
    """The dialog itself; the trigger button and shortcuts open it."""
    return rx.dialog.root(
        rx.dialog.content(
            rx.dialog.title("Search the guide", size="3"),
            rx.box(
                rx.debounce_input(
                    rx.input(
                        value=SearchState.query,
                        on_change=SearchState.set_query,
                        placeholder="Django, postgres, deploy, Netflix…",
                        aria_label="Search the guide",
                        auto_focus=True,
                        size="3",
                        data_search_input="",
                    ),
                    debounce_timeout=120,
                ),
                rx.text(
                    SearchState.summary,
                    size="1",
                    role="status",
                    aria_live="polite",
                    style=styles.muted_text,
                    margin_y="0.5rem",
                ),
                rx.el.ul(
                    rx.foreach(SearchState.results, _result),
                    padding="0",
                    margin="0",
                    aria_label="Search results",
                ),
                data_search_root="",
            ),
            rx.text(
                "↑ ↓ to move, Enter to open, Esc to close",
                size="1",
                style=styles.muted_text,
                margin_top="0.5rem",
            ),
            max_width="36rem",
        ),
        open=SearchState.open,
        on_open_change=SearchState.set_open,
    )
