"""The Your data page: export, import with a preview, the share link and reset, bound to
:class:`YourDataState`."""

from __future__ import annotations

import reflex as rx

from fullstack_guide import routes, styles
from fullstack_guide.components.content import page_header, section
from fullstack_guide.pages.your_data.share_link import share_block
from fullstack_guide.pages.your_data.state import YourDataState
from fullstack_guide.services import transfer
from fullstack_guide.state import ProgressState
from fullstack_guide.templates import page

UPLOAD_ID = "progress_import"


def export_block() -> rx.Component:
    return rx.vstack(
        rx.text(
            "The JSON file holds your statuses, notes, review schedule and your newest 2,000 "
            "changes, and can be imported again; saved stacks are not in it. The Markdown "
            "file is a readable checklist.",
            style=styles.muted_text,
        ),
        rx.hstack(
            rx.button(
                rx.icon("download", size=16), "Download JSON", on_click=YourDataState.export_json
            ),
            rx.button(
                rx.icon("file_text", size=16),
                "Download Markdown",
                variant="soft",
                on_click=YourDataState.export_markdown,
            ),
            spacing="3",
            wrap="wrap",
        ),
        spacing="3",
    )


def _preview_table() -> rx.Component:
    return rx.vstack(
        rx.text(YourDataState.merge_note, size="2", id="import-merge-note"),
        rx.text("Importing this file will make these changes:", weight="medium"),
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell("Item"),
                    rx.table.column_header_cell("Now"),
                    rx.table.column_header_cell("After import"),
                    rx.table.column_header_cell("Note"),
                )
            ),
            rx.table.body(
                rx.foreach(
                    YourDataState.preview,
                    lambda row: rx.table.row(
                        rx.table.row_header_cell(row["title"]),
                        rx.table.cell(row["before"]),
                        rx.table.cell(row["after"]),
                        rx.table.cell(row["note"]),
                    ),
                )
            ),
            width="100%",
            size="1",
        ),
        rx.cond(
            YourDataState.unknown_slugs.length() > 0,
            rx.text(
                "Skipped, not in this guide: ",
                YourDataState.unknown_slugs.join(", "),
                size="2",
                style=styles.muted_text,
            ),
        ),
        rx.hstack(
            rx.button("Import these changes", on_click=YourDataState.confirm_import),
            rx.button(
                "Cancel", variant="soft", color_scheme="gray", on_click=YourDataState.cancel_import
            ),
            spacing="3",
        ),
        spacing="3",
        width="100%",
        style=styles.card,
    )


def _label_file_input(component: rx.Component, label: str) -> rx.Component:
    """Give the dropzone's hidden file input an accessible name (Reflex sets none)."""
    for child in component.children:
        if not isinstance(child, rx.Component):
            continue
        if getattr(child, "type", None) is not None and child.tag == "input":
            child.custom_attrs["aria-label"] = label
        _label_file_input(child, label)
    return component


def import_block() -> rx.Component:
    return rx.vstack(
        rx.text(
            f"Bring back a JSON export (at most {transfer.MAX_IMPORT_BYTES / 1_000_000:g} MB). "
            "You see every change before anything is saved, and one undo reverts the import.",
            style=styles.muted_text,
        ),
        _label_file_input(
            rx.upload.root(
                rx.vstack(
                    rx.button(rx.icon("upload", size=16), "Choose a JSON export…", variant="soft"),
                    rx.text("or drop it here", size="2", style=styles.muted_text),
                    align="center",
                    spacing="1",
                ),
                id=UPLOAD_ID,
                accept={"application/json": [".json"]},
                max_files=1,
                multiple=False,
                on_drop=YourDataState.handle_upload(rx.upload_files(upload_id=UPLOAD_ID)),
                border=f"1px dashed {rx.color('gray', 7)}",
                border_radius="0.75rem",
                padding="1.25rem",
                width="100%",
            ),
            "Choose a JSON export to import",
        ),
        rx.cond(
            YourDataState.import_error != "",
            rx.callout(
                YourDataState.import_error, icon="triangle_alert", color_scheme="red", role="alert"
            ),
        ),
        rx.cond(
            YourDataState.import_ready,
            rx.cond(
                YourDataState.preview.length() > 0,
                _preview_table(),
                rx.callout(
                    "This file matches your progress already: nothing to change.", icon="info"
                ),
            ),
        ),
        spacing="3",
        width="100%",
    )


def reset_block() -> rx.Component:
    return rx.hstack(
        rx.alert_dialog.root(
            rx.alert_dialog.trigger(
                rx.button(
                    "Reset all progress",
                    color_scheme="red",
                    variant="soft",
                    disabled=~ProgressState.has_progress,  # nothing to reset yet
                )
            ),
            rx.alert_dialog.content(
                rx.alert_dialog.title("Reset all progress?"),
                rx.alert_dialog.description(
                    "Every item goes back to not started. Your notes are kept, and you can "
                    "undo the reset from your dashboard's history."
                ),
                rx.hstack(
                    rx.alert_dialog.cancel(
                        rx.button("Keep my progress", variant="soft", color_scheme="gray")
                    ),
                    rx.alert_dialog.action(
                        rx.button(
                            "Reset", color_scheme="red", on_click=YourDataState.reset_progress
                        )
                    ),
                    spacing="3",
                    justify="end",
                    margin_top="1rem",
                ),
            ),
        ),
        rx.button(
            rx.icon("undo_2", size=16),
            "Undo last change",
            variant="ghost",
            on_click=ProgressState.undo,
            disabled=~ProgressState.can_undo,  # nothing to undo (yet, or any more)
        ),
        spacing="3",
        wrap="wrap",
        align="center",
    )


@page(
    route=routes.YOUR_DATA,
    title="Your data",
    description="Export, import, reset or share your Full Stack Python Guide progress.",
    on_load=(YourDataState.load,),
    index=False,
)
def your_data_page() -> rx.Component:
    return rx.box(
        page_header(
            "Your data",
            "Your progress belongs to you: download it, bring it back, start over, or share a "
            "read-only view.",
            eyebrow="Progress",
        ),
        section("Export", export_block()),
        section("Import", import_block()),
        section("Share a read-only view", share_block()),
        section("Reset", reset_block()),
        rx.text(
            "Want the same progress on another device? ",
            rx.link("Create an account or sign in", href=routes.ACCOUNT),
            ".",
            margin_top="2rem",
            style=styles.muted_text,
        ),
    )
