"""Small shared controls: a read-only link with a copy button, a picker, and fit-rule notes."""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.sequence import ArrayVar

from fullstack_guide import styles

VERDICT_COLOURS = {"fits": "grass", "caution": "amber", "clash": "red"}


def copy_link(url: rx.Var, label: str, button: str = "Copy link") -> rx.Component:
    """A read-only field holding ``url`` and a button that copies it."""
    return rx.hstack(
        rx.input(value=url, read_only=True, aria_label=label, width="100%"),
        rx.button(
            rx.icon("copy", size=16),
            button,
            on_click=[rx.set_clipboard(url), rx.toast("Link copied")],
        ),
        width="100%",
    )


def picker(*options: rx.Component, **props) -> rx.Component:
    """The platform's ``<select>``, drawn like Radix's fields (``.picker`` in assets/styles.css).

    Radix's Select renders every option of a closed picker on load, to show the chosen
    label: the builder's 18 pickers made its hydration one long task (725 ms at 4x CPU
    throttling). A native select costs one element per option and brings the phone's own
    picker, and the keyboard and screen-reader behaviour people expect.
    """
    return rx.el.select(*options, class_name="picker", **props)


def fit_list(notes: ArrayVar, empty: str) -> rx.Component:
    """How the chosen technologies get along: a verdict badge and the reason for each pair."""
    return rx.cond(
        notes.length() > 0,
        rx.vstack(
            rx.foreach(
                notes,
                lambda note: rx.hstack(
                    rx.badge(
                        note["verdict"],
                        color_scheme=rx.match(note["verdict"], *VERDICT_COLOURS.items(), "gray"),
                        high_contrast=True,
                    ),
                    rx.text(rx.text.strong(note["pair"]), ": ", note["why"], size="2"),
                    align="start",
                    spacing="2",
                ),
            ),
            spacing="2",
        ),
        rx.text(empty, style=styles.muted_text),
    )
