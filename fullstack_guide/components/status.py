"""One status language: the same icon, label and colour for a status wherever it is shown.

Every status has its own icon shape and a written label, so it never depends on colour alone.
Pages pass a status Var (a ``models.Status`` value, or "" for not started) and get the same badge.
"""

from __future__ import annotations

import reflex as rx

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


def _by_status(status: rx.Var, pick) -> rx.Var | rx.Component:
    """``rx.match`` over every status; unknown or empty values read as not started."""
    cases = [(value, pick(value)) for value in STATUS_LOOK if value != Status.NOT_STARTED]
    return rx.match(status, *cases, pick(Status.NOT_STARTED))


def status_label(status: rx.Var) -> rx.Var:
    """The written status ("Done", "In progress", ...) for a status Var."""
    return _by_status(status, lambda value: STATUS_LABELS[value]).to(str)


def status_icon(status: rx.Var, size: int = 16) -> rx.Component:
    """The status's icon in its colour, hidden from screen readers (the label says it)."""
    return _by_status(
        status,
        lambda value: rx.icon(
            STATUS_LOOK[value][0],
            size=size,
            color=rx.color(STATUS_LOOK[value][1], 11),
            aria_hidden="true",
        ),
    )


def status_badge(status: rx.Var, *, size: str = "1") -> rx.Component:
    """Icon + label + colour for one status: the badge every page uses."""
    return rx.badge(
        status_icon(status, size=14),
        status_label(status),
        color_scheme=_by_status(status, lambda value: STATUS_LOOK[value][1]).to(str),
        variant="soft",
        size=size,
    )


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
