"""Blocks of the Your data page: export, import preview, sharing and reset."""

from __future__ import annotations

import reflex as rx

from fullstack_guide import styles
from fullstack_guide.components.controls import copy_link
from fullstack_guide.models import STATUS_LABELS
from fullstack_guide.services import transfer
from fullstack_guide.wording import counted


def change_row(change) -> dict[str, str]:
    """One previewed import change, as text for the table."""
    return {
        "title": change.title,
        "before": STATUS_LABELS.get(change.old_status, change.old_status),
        "after": STATUS_LABELS.get(change.new_status, change.new_status),
        "note": "updated" if change.note_changed else "",
    }


def merge_note(listed: int, kept: int) -> str:
    """What the import does to progress the file does not list: it merges, never replaces."""
    take = "takes" if listed == 1 else "take"
    taken = f"the {counted(listed, 'item')} in the file {take} its status (and its note, if any)"
    if kept == 0:
        rest = "you have no other progress or notes"
    elif kept == 1:
        rest = "your 1 other item stays as it is"
    else:
        rest = f"your {kept:,} other items stay as they are"
    return f"Merge, not replace: {taken}; {rest}."


def export_block(state) -> rx.Component:
    return rx.vstack(
        rx.text(
            "The JSON file holds your statuses, notes, review schedule and your newest 2,000 "
            "changes, and can be imported again; saved stacks are not in it. The Markdown "
            "file is a readable checklist.",
            style=styles.muted_text,
        ),
        rx.hstack(
            rx.button(rx.icon("download", size=16), "Download JSON", on_click=state.export_json),
            rx.button(
                rx.icon("file_text", size=16),
                "Download Markdown",
                variant="soft",
                on_click=state.export_markdown,
            ),
            spacing="3",
            wrap="wrap",
        ),
        spacing="3",
    )


def _preview_table(state) -> rx.Component:
    return rx.vstack(
        rx.text(state.merge_note, size="2", id="import-merge-note"),
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
                    state.preview,
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
            state.unknown_slugs.length() > 0,
            rx.text(
                "Skipped, not in this guide: ",
                state.unknown_slugs.join(", "),
                size="2",
                style=styles.muted_text,
            ),
        ),
        rx.hstack(
            rx.button("Import these changes", on_click=state.confirm_import),
            rx.button("Cancel", variant="soft", color_scheme="gray", on_click=state.cancel_import),
            spacing="3",
        ),
        spacing="3",
        width="100%",
        style=styles.card,
    )


def _label_file_input(component: rx.Component, label: str) -> rx.Component:
    """Give the dropzone's hidden file input an accessible name (Reflex sets none)."""
    for child in component.children:
        if getattr(child, "type", None) is not None and child.tag == "input":
            child.custom_attrs["aria-label"] = label
        _label_file_input(child, label)
    return component


def import_block(state, upload_id: str) -> rx.Component:
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
                id=upload_id,
                accept={"application/json": [".json"]},
                max_files=1,
                multiple=False,
                on_drop=state.handle_upload(rx.upload_files(upload_id=upload_id)),
                border=f"1px dashed {rx.color('gray', 7)}",
                border_radius="0.75rem",
                padding="1.25rem",
                width="100%",
            ),
            "Choose a JSON export to import",
        ),
        rx.cond(
            state.import_error != "",
            rx.callout(state.import_error, icon="triangle_alert", color_scheme="red", role="alert"),
        ),
        rx.cond(
            state.import_ready,
            rx.cond(
                state.preview.length() > 0,
                _preview_table(state),
                rx.callout(
                    "This file matches your progress already: nothing to change.", icon="info"
                ),
            ),
        ),
        spacing="3",
        width="100%",
    )


def _stop_sharing(state) -> rx.Component:
    return rx.button(
        "Stop sharing", color_scheme="red", variant="soft", on_click=state.revoke_share
    )


def share_block(state) -> rx.Component:
    return rx.vstack(
        rx.text(
            "Turn on a public, read-only page of your progress at a secret link. Anyone with the "
            "link can see it; nobody can change anything. Revoke it at any time.",
            style=styles.muted_text,
        ),
        rx.el.label(
            rx.hstack(
                rx.switch(
                    checked=state.share_notes,
                    on_change=state.set_share_notes,
                    aria_label="Include my notes on the shared page",
                ),
                rx.text("Include my notes on the shared page"),
                align="center",
                spacing="2",
            ),
        ),
        rx.cond(
            state.share_token != "",
            rx.vstack(
                copy_link(state.share_url, "Share link", "Copy"),
                rx.callout(
                    "Copy the link now: for your safety only a fingerprint of it is kept, so it "
                    "is shown just this once.",
                    icon="info",
                    size="1",
                ),
                rx.hstack(
                    rx.link("Open the shared page", href=state.share_url, is_external=True),
                    _stop_sharing(state),
                    spacing="4",
                    align="center",
                ),
                width="100%",
                spacing="2",
            ),
            rx.cond(
                state.sharing_on,
                rx.vstack(
                    rx.text(
                        "Sharing is on (link made on ",
                        state.share_since,
                        "). The link is shown only when it is made; if you lost it, make a new "
                        "one and the old one stops working.",
                    ),
                    rx.hstack(
                        rx.button(
                            rx.icon("refresh_cw", size=16),
                            "Make a new link",
                            variant="soft",
                            on_click=state.renew_share,
                        ),
                        _stop_sharing(state),
                        spacing="3",
                        wrap="wrap",
                    ),
                    spacing="2",
                ),
                rx.button(
                    rx.icon("share_2", size=16), "Create a share link", on_click=state.enable_share
                ),
            ),
        ),
        spacing="3",
        width="100%",
    )


def reset_block(state, undo) -> rx.Component:
    return rx.hstack(
        rx.alert_dialog.root(
            rx.alert_dialog.trigger(
                rx.button("Reset all progress", color_scheme="red", variant="soft")
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
                        rx.button("Reset", color_scheme="red", on_click=state.reset_progress)
                    ),
                    spacing="3",
                    justify="end",
                    margin_top="1rem",
                ),
            ),
        ),
        rx.button(rx.icon("undo_2", size=16), "Undo last change", variant="ghost", on_click=undo),
        spacing="3",
        wrap="wrap",
    )
