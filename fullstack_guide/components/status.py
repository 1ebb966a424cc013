"""One status language: the same icon, label and colour for a status wherever it is shown.

Every status has its own icon shape and a written label, so it never depends on colour alone.
Pages pass a status Var (a ``models.Status`` value, or "" for not started) and get the same badge.
"""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx
from reflex_base.vars.sequence import StringVar

from fullstack_guide import styles
from fullstack_guide.models import STATUS_LABELS, Status

# status -> (lucide icon, Radix colour scheme)
STATUS_LOOK: dict[str, tuple[str, str]] = {
    Status.DONE: ("circle_check", "grass"),
    Status.IN_PROGRESS: ("circle_dot", "blue"),
    Status.SKIPPED: ("circle_slash", "gray"),
    Status.NOT_STARTED: ("circle", "gray"),
}
NOT_STARTED_LOOK = STATUS_LOOK[Status.NOT_STARTED]


def _text_by_status(status: rx.Var[str], pick: Callable[[str], str]) -> StringVar[str]:
    """``rx.match`` over every status to a text; unknown or empty values read as not started."""
    cases = [(value, pick(value)) for value in STATUS_LOOK if value != Status.NOT_STARTED]
    return rx.match(status, *cases, pick(Status.NOT_STARTED)).to(str)


def status_label(status: rx.Var[str]) -> StringVar[str]:
    """The written status ("Done", "In progress", ...) for a status Var."""
    return _text_by_status(status, lambda value: STATUS_LABELS[value])


def status_icon(status: rx.Var[str], size: int = 16) -> rx.Component:
    """The status's icon in its colour, hidden from screen readers (the label says it)."""

    def icon(value: str) -> rx.Component:
        return rx.icon(
            STATUS_LOOK[value][0],
            size=size,
            color=rx.color(STATUS_LOOK[value][1], 11),
            aria_hidden="true",
        )

    cases = [(value, icon(value)) for value in STATUS_LOOK if value != Status.NOT_STARTED]
    return rx.match(status, *cases, icon(Status.NOT_STARTED))


def status_badge(status: rx.Var[str], *, size: str = "1") -> rx.Component:
    """Icon + label + colour for one status: the badge every page uses."""
    return rx.badge(
        status_icon(status, size=14),
        status_label(status),
        color_scheme=_text_by_status(status, lambda value: STATUS_LOOK[value][1]),
        variant="soft",
        size=size,
    )


def badge_placeholder() -> rx.Component:
    """A skeleton the size of a "Not started" badge, holding a status badge's place until the
    statuses load (a badge appearing from nothing can wrap its row and shift the page)."""
    return rx.skeleton(status_badge(rx.Var.create(Status.NOT_STARTED)))


def loading_placeholder(label: str = "Loading your progress…", **props) -> rx.Component:
    """Stands in for figures until the learner's real progress has loaded: never a false zero."""
    return rx.hstack(
        rx.skeleton(width="3.5rem", height="2rem"),
        rx.text(label, size="2", style=styles.muted_text),
        role="status",
        align="center",
        spacing="3",
        **props,
    )
