"""One page per checklist item (``/checklist/<section>/<item>``): its status, what to learn,
the learner's note (bound to :class:`NoteState`), technologies and resources."""

from __future__ import annotations

from functools import partial

import reflex as rx

from fullstack_guide import routes, styles
from fullstack_guide.components.content import (
    breadcrumbs,
    page_header,
    resource_list,
    section,
    technology_chips,
)
from fullstack_guide.components.keyed import keyed_div
from fullstack_guide.components.note_editor import NoteEditorBindings, editor
from fullstack_guide.components.progress import (
    item_checkbox,
    shortcuts_help,
    status_announcer,
    status_badge,
    status_menu,
)
from fullstack_guide.content import get_content
from fullstack_guide.content.schema import ChecklistItem, ChecklistSection
from fullstack_guide.pages.checklist_item.state import MAX_TYPED_CHARS, NoteState
from fullstack_guide.state import ProgressState
from fullstack_guide.templates import page

AUTOSAVE_DELAY_MS = 700


def _neighbour_links(item: ChecklistItem) -> rx.Component:
    content = get_content()
    items = content.items
    position = items.index(item)
    links: list[rx.Component] = [rx.box()]
    if position > 0:
        prev = items[position - 1]
        links[0] = rx.link(
            f"← {prev.title}", href=routes.item_url(content.section_of(prev.slug).slug, prev.slug)
        )
    if position + 1 < len(items):
        nxt = items[position + 1]
        links.append(
            rx.link(
                f"Next: {nxt.title} →",
                href=routes.item_url(content.section_of(nxt.slug).slug, nxt.slug),
            )
        )
    return rx.hstack(*links, justify="between", margin_top="2rem", wrap="wrap", spacing="3")


def review_prompt(item: ChecklistItem) -> rx.Component:
    """Shown when a done item is due for review."""
    return rx.cond(
        ProgressState.review_due.contains(item.slug),
        rx.callout(
            rx.vstack(
                rx.text("Time to review: do you still know this?"),
                rx.hstack(
                    rx.button("Still know it", on_click=ProgressState.review_item(item.slug, True)),
                    rx.button(
                        "Forgot — learn again",
                        variant="soft",
                        on_click=ProgressState.review_item(item.slug, False),
                    ),
                    spacing="2",
                    wrap="wrap",
                ),
                spacing="2",
            ),
            icon="rotate_ccw",
            color_scheme="amber",
        ),
    )


def status_panel(item: ChecklistItem) -> rx.Component:
    """Checkbox, status menu and review prompt; D/L/S/R work while focus is inside."""
    return keyed_div(
        rx.hstack(
            item_checkbox(item, label="I can do this — mark as done"),
            rx.hstack(status_badge(item), status_menu(item), align="center", spacing="2"),
            justify="between",
            align="center",
            width="100%",
            wrap="wrap",
        ),
        rx.box(review_prompt(item), margin_top="0.5rem"),
        rx.box(shortcuts_help(), margin_top="0.25rem"),
        status_announcer(),
        on_key_down=lambda key, info: ProgressState.key_command(item.slug, key, info),
        style=styles.card,
    )


def note_editor(item_title: str) -> rx.Component:
    """The note editor of an item page, bound to this tab's NoteState."""
    return editor(
        NoteEditorBindings.of(NoteState),
        item_title,
        autosave_ms=AUTOSAVE_DELAY_MS,
        max_length=MAX_TYPED_CHARS,
    )


def item_page(sec: ChecklistSection, item: ChecklistItem) -> rx.Component:
    content = get_content()
    techs = [t.slug for t in content.technologies_for_item(item.slug)]
    blocks = [
        breadcrumbs(
            ("Checklist", routes.CHECKLIST),
            (sec.title, routes.section_url(sec.slug)),
            (item.title, routes.item_url(sec.slug, item.slug)),
        ),
        page_header(item.title, item.summary, eyebrow=f"{sec.number}. {sec.title}"),
        status_panel(item),
        section(
            "What you should be able to do",
            rx.el.ul(
                *[rx.el.li(point, margin_bottom="0.35rem") for point in item.learn],
                padding_left="1.25rem",
            ),
        ),
        section("Your notes", note_editor(item.title)),
    ]
    if techs:
        blocks.append(section("Technologies to explore", technology_chips(techs)))
    blocks += [section("Resources", resource_list(item.resources)), _neighbour_links(item)]
    return rx.box(*blocks)


for _section in get_content().sections:
    for _item in _section.items:
        page(
            route=routes.item_url(_section.slug, _item.slug),
            title=_item.title,
            description=_item.summary[:160],
            on_load=(NoteState.load_note(_item.slug),),
        )(partial(item_page, _section, _item))
