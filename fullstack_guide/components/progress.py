"""Progress controls bound to ProgressState: checkbox, status menu, badges, bars, shortcuts."""

from __future__ import annotations

from collections.abc import Iterable
from typing import cast

import reflex as rx
from reflex_components_radix.themes.components.checkbox import Checkbox
from reflex_components_radix.themes.components.dropdown_menu import DropdownMenuRoot

from fullstack_guide import routes, styles
from fullstack_guide.components.keyed import keyed_li
from fullstack_guide.components.state_slice import read_alone
from fullstack_guide.components.status import badge_placeholder, loading_placeholder
from fullstack_guide.components.status import status_badge as shared_status_badge
from fullstack_guide.content import get_content
from fullstack_guide.content.schema import ChecklistItem
from fullstack_guide.events import event
from fullstack_guide.models import STATUS_LABELS, Status
from fullstack_guide.state import ProgressState, status_of

SHORTCUTS = (
    ("Space", "tick or untick the focused item"),
    ("D", "mark done"),
    ("L", "mark in progress (learning)"),
    ("S", "skip (leaves your progress total)"),
    ("R", "reset to not started"),
    ("Esc", "close a menu or panel"),
)
_MENU_ON_FIRST_USE = rx.asset("menu_on_first_use.js", shared=True)
# A size-2 Radix progress bar's own height (components.css): a loading bar's skeleton matches it.
PROGRESS_BAR_HEIGHT = "calc(var(--space-2) * 0.75)"


class ChecklistViewState(rx.State):
    """Compact checklist (descriptions collapsed), remembered per browser in localStorage."""

    compact: str = rx.LocalStorage("", name="fsg-checklist-compact", sync=True)

    @event
    def set_compact(self, on: bool):
        self.compact = "1" if on is True else ""


def compact_toggle() -> rx.Component:
    """A labelled switch: on a phone the full checklist is very long."""
    return rx.el.label(
        rx.hstack(
            rx.switch(
                checked=ChecklistViewState.compact == "1",
                on_change=ChecklistViewState.set_compact,
                size="1",
            ),
            rx.text("Compact view", size="2"),
            align="center",
            spacing="2",
        ),
        cursor="pointer",
    )


def rows_ready() -> rx.Var[bool]:
    """Whether the learner's statuses have loaded, as the checklist's rows read it.

    Its change swaps every row's skeletons for a checkbox and a badge (30 of each on
    ``/checklist``); read deferred, React draws them in short tasks instead of one that blocks
    the page for a fifth of a second on a phone (issue 11).
    """
    ready = cast("rx.Var[bool]", ProgressState.ready)  # a state field is a Var on the class
    return read_alone(ready, deferred=True)


def item_checkbox(item: ChecklistItem, *, label: str = "") -> rx.Component:
    """A real ``role=checkbox`` whose accessible name is the item's title.

    Until the learner's statuses have loaded it is a skeleton: an unticked box would be a lie.
    The box is Radix's checkbox alone in a flex ``div`` (``.checkbox-box``): ``rx.checkbox``
    wraps it in a Radix text label and a Radix flex for a caption this box does not have, two
    more components in every checklist row (and a label inside the item page's label).
    """
    control = rx.cond(
        rows_ready(),
        rx.el.div(
            Checkbox.create(
                checked=status_of(item.slug) == Status.DONE,
                on_change=lambda checked: ProgressState.set_done(item.slug, checked),
                aria_label=item.title,
                size="3",
            ),
            class_name="checkbox-box",
        ),
        rx.skeleton(width="1.25rem", height="1.25rem"),
    )
    if not label:
        return control
    return rx.el.label(
        rx.hstack(control, rx.text(label, weight="medium"), align="center", spacing="2"),
        cursor="pointer",
    )


def status_badge(item: ChecklistItem) -> rx.Component:
    """The item's status in the shared status language, and Review due when it applies.

    Until the statuses have loaded, a skeleton the size of a "Not started" badge holds its
    place: a badge appearing from nothing wrapped a phone's status row onto a second line and
    pushed the page down (layout shift 0.12 on every item page).
    """
    return rx.cond(
        rows_ready(),
        rx.fragment(
            rx.cond(
                read_alone(ProgressState.review_due.contains(item.slug)),
                rx.badge("Review due", color_scheme="amber", variant="soft"),
            ),
            shared_status_badge(status_of(item.slug)),
        ),
        badge_placeholder(),
    )


class DropdownMenuOnFirstUse(DropdownMenuRoot):
    """A ``DropdownMenuRoot`` (same props) from ``menu_on_first_use.js``: its first child until
    the learner reaches for the menu, then Radix's root around the others (issue 11: 30 fewer
    menu roots to hydrate on ``/checklist``)."""

    library = _MENU_ON_FIRST_USE.importable_path
    tag = "DropdownMenuOnFirstUse"
    # What the module imports: the version rx.dropdown_menu installs.
    lib_dependencies: list[str] = [DropdownMenuRoot.get_fields()["library"].default]


def _status_menu_button(item: ChecklistItem, **trigger_attrs: str) -> rx.Component:
    """The status menu's button: the same for the stand-in and for the menu's trigger."""
    return rx.icon_button(
        rx.icon("ellipsis", size=16),
        variant="ghost",
        size="1",
        aria_label=f"Status of {item.title}",
        **trigger_attrs,
    )


def status_menu(item: ChecklistItem) -> rx.Component:
    """Set any status from a menu (the checkbox only toggles done).

    The stand-in carries the attributes Radix gives a closed trigger, so a screen reader hears
    a menu button before and after the menu is mounted.
    """
    return DropdownMenuOnFirstUse.create(
        _status_menu_button(
            item,
            type="button",
            aria_haspopup="menu",
            aria_expanded="false",
            data_state="closed",
        ),
        rx.dropdown_menu.trigger(_status_menu_button(item)),
        rx.dropdown_menu.content(
            *[
                rx.dropdown_menu.item(label, on_select=ProgressState.set_status(item.slug, value))
                for value, label in STATUS_LABELS.items()
            ],
        ),
    )


def item_row(section_slug: str, item: ChecklistItem) -> rx.Component:
    """One checklist line: checkbox, status menu, the item's page link and its summary.

    Key presses inside the row (checkbox or menu focused) are the D/L/S/R shortcuts. The row's
    layout is plain elements styled by class (``.item-row*`` in ``assets/styles.css``): as
    Radix stacks and text, each of the checklist's 30 rows cost five more components to
    hydrate and to draw again when the learner's statuses arrive (issue 11).
    """
    return keyed_li(
        rx.el.div(
            rx.el.div(item_checkbox(item), class_name="item-row-check"),
            rx.el.div(
                rx.el.div(
                    rx.link(
                        item.title,
                        href=routes.item_url(section_slug, item.slug),
                        weight="medium",
                        size="3",
                    ),
                    status_badge(item),
                    class_name="item-row-title",
                ),
                rx.cond(
                    ChecklistViewState.compact == "1",
                    rx.fragment(),
                    rx.el.p(item.summary, class_name="item-row-summary"),
                ),
                class_name="item-row-body",
            ),
            status_menu(item),
            class_name="item-row-line",
        ),
        on_key_down=lambda key, info: ProgressState.key_command(item.slug, key, info),
        class_name="item-row",
    )


def item_list(rows: Iterable[tuple[str, ChecklistItem]]) -> rx.Component:
    """Checklist rows, given as (section slug, item); the compact view tightens them (CSS, from
    the list's ``data-compact``) and leaves their summaries out."""
    return rx.el.ul(
        *[item_row(section_slug, item) for section_slug, item in rows],
        class_name="item-list",
        custom_attrs={"data-compact": ChecklistViewState.compact},
    )


def status_announcer() -> rx.Component:
    """A polite live region that reads out a status set with D/L/S/R (the row gives no cue)."""
    return rx.el.div(
        ProgressState.spoken_status,
        role="status",
        aria_live="polite",
        class_name="visually-hidden",
    )


def shortcuts_help() -> rx.Component:
    """A popover listing the keyboard shortcuts."""
    return rx.popover.root(
        rx.popover.trigger(
            rx.button(rx.icon("keyboard", size=16), "Keyboard shortcuts", variant="ghost", size="1")
        ),
        rx.popover.content(
            rx.heading("Keyboard shortcuts", as_="h2", size="3", margin_bottom="0.5rem"),
            rx.el.dl(
                *[
                    rx.fragment(
                        rx.el.dt(rx.code(key), margin_top="0.35rem"),
                        rx.el.dd(text, margin_left="0", font_size="0.875rem"),
                    )
                    for key, text in SHORTCUTS
                ],
            ),
            rx.text(
                "Shortcuts act on the item whose checkbox or menu has focus.",
                size="1",
                style=styles.muted_text,
                margin_top="0.5rem",
            ),
            aria_label="Keyboard shortcuts",
        ),
    )


def progress_bar(
    percent: rx.Var | int, label: str, summary: rx.Var | str, *, loading: bool = False
) -> rx.Component:
    """A labelled progress bar with its figures written out for everyone (a skeleton if loading)."""
    return rx.vstack(
        rx.hstack(
            rx.text(label, weight="medium", size="2"),
            rx.text(summary, size="2", style=styles.muted_text),
            justify="between",
            width="100%",
        ),
        rx.skeleton(height=PROGRESS_BAR_HEIGHT, width="100%")
        if loading
        else rx.progress(value=percent, max=100, aria_label=f"{label} progress", width="100%"),
        spacing="1",
        width="100%",
    )


def section_progress(section_slug: str, title: str) -> rx.Component:
    """A section's bar; its figures only once the learner's statuses have loaded."""
    return rx.cond(
        ProgressState.ready,
        progress_bar(
            read_alone(ProgressState.section_percent[section_slug]),
            title,
            read_alone(ProgressState.section_summary[section_slug]),
        ),
        progress_bar(0, title, "loading…", loading=True),
    )


def skipped_note() -> rx.Component:
    return rx.cond(
        ProgressState.skipped_count > 0,
        rx.text(
            rx.cond(
                ProgressState.skipped_count == 1,
                "1 skipped item is left out of the totals.",
                ProgressState.skipped_count.to_string()
                + " skipped items are left out of the totals.",
            ),
            size="1",
            style=styles.muted_text,
        ),
    )


def overall_progress() -> rx.Component:
    """Overall figures once real progress has arrived; a placeholder (never "0%") before,
    as tall as the figures, so nothing below it moves when they land."""
    return rx.cond(ProgressState.ready, _overall_figures(), _overall_placeholder())


def _overall_placeholder() -> rx.Component:
    return rx.vstack(
        # The big percentage's line (text size 8), then the bar.
        loading_placeholder(width="100%", min_height="var(--line-height-8)"),
        rx.skeleton(height=PROGRESS_BAR_HEIGHT, width="100%"),
        width="100%",
        spacing="2",
    )


def _overall_figures() -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(ProgressState.overall_percent.to_string() + "%", size="8", weight="bold"),
            rx.text(ProgressState.overall_summary, style=styles.muted_text),
            align="baseline",
            spacing="3",
        ),
        rx.progress(
            value=ProgressState.overall_percent,
            max=100,
            aria_label="Overall checklist progress",
            width="100%",
        ),
        skipped_note(),
        width="100%",
        spacing="2",
    )


def section_progress_grid(**props) -> rx.Component:
    """Every checklist section's progress bar, each linking to its section page."""
    return rx.grid(
        *[
            rx.link(
                section_progress(sec.slug, f"{sec.number}. {sec.title}"),
                href=routes.section_url(sec.slug),
                underline="none",
                color="inherit",
            )
            for sec in get_content().sections
        ],
        columns=rx.breakpoints(initial="1", sm="2", md="3"),
        spacing="4",
        **props,
    )
