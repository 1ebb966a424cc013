"""The interactive stack diagram on ``/stack``.

Layers are drawn as stacked bands of topic nodes. Hovering or focusing a band highlights its
topics (pure CSS, no round trip). Choosing a topic opens a detail panel (a dialog: focus
moves in, Esc closes) and puts ``?topic=<slug>`` in the URL so the view can be shared. Each
node shows the learner's status, computed in the browser from the checklist statuses.
"""

from __future__ import annotations

from functools import reduce

import reflex as rx

from fullstack_guide import routes, styles
from fullstack_guide.components.status import status_badge, status_icon, status_label
from fullstack_guide.content import get_content
from fullstack_guide.content.schema import Technology
from fullstack_guide.events import event
from fullstack_guide.models import Status
from fullstack_guide.state import ProgressState, status_of


def topic_status(tech: Technology) -> rx.Var:
    """A ``Status`` value: done when every linked item is, skipped when all are skipped,
    in progress when any is started."""
    if not tech.checklist:
        return rx.Var.create(Status.NOT_STARTED.value)
    statuses = [ProgressState.statuses[slug] for slug in tech.checklist]
    done = reduce(lambda a, b: a & b, [s == Status.DONE.value for s in statuses])
    skipped = reduce(lambda a, b: a & b, [s == Status.SKIPPED.value for s in statuses])
    started = reduce(
        lambda a, b: a | b,
        [(s == Status.DONE.value) | (s == Status.IN_PROGRESS.value) for s in statuses],
    )
    return rx.cond(
        done,
        Status.DONE.value,
        rx.cond(
            skipped,
            Status.SKIPPED.value,
            rx.cond(started, Status.IN_PROGRESS.value, Status.NOT_STARTED.value),
        ),
    )


def _topic_panel_data(slug: str) -> tuple[dict[str, str], list[dict[str, str]]]:
    content = get_content()
    tech = content.technology(slug)
    topic = {
        "slug": tech.slug,
        "name": tech.name,
        "tagline": tech.tagline,
        "what": tech.what,
        "layer": content.layer(tech.layer).name,
        "href": routes.technology_url(tech.layer, tech.slug),
    }
    items = [
        {"slug": i, "title": content.item(i).title, "href": routes.item_url_for(i)}
        for i in tech.checklist
    ]
    return topic, items


class DiagramState(rx.State):
    """Which topic's panel is open (mirrored in the URL's ``topic`` query parameter)."""

    topic: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    items: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)

    @event
    def open_from_url(self):
        """Open the panel named in the URL, so shared links land on the same view."""
        slug = self.router.url.query_parameters.get("topic", "")
        known = isinstance(slug, str) and slug in {t.slug for t in get_content().technologies}
        self.topic, self.items = _topic_panel_data(slug) if known else ({}, [])

    @event
    def select(self, slug: str):
        if not isinstance(slug, str) or slug not in {t.slug for t in get_content().technologies}:
            return None
        self.topic, self.items = _topic_panel_data(slug)
        return rx.call_script(
            f"window.history.replaceState(null, '', window.location.pathname + '?topic={slug}')"
        )

    @event
    def close(self, open_: bool = False):
        if open_:
            return None
        self.topic, self.items = {}, []
        return rx.call_script("window.history.replaceState(null, '', window.location.pathname)")


def _node(tech: Technology) -> rx.Component:
    status = topic_status(tech)
    return rx.el.button(
        status_icon(status, size=14),
        rx.text.span(tech.name),
        on_click=DiagramState.select(tech.slug),
        aria_label=rx.Var.create(tech.name + ": ") + status_label(status).to(str),
        class_name="stack-node",
        type="button",
    )


def _band(layer) -> rx.Component:
    techs = get_content().technologies_in(layer.slug)
    return rx.el.div(
        rx.el.div(
            rx.link(layer.name, href=routes.layer_url(layer.slug), weight="bold"),
            rx.text(f"{len(techs)} topics", size="1", style=styles.muted_text),
            class_name="stack-band-label",
        ),
        rx.el.div(*[_node(t) for t in techs], class_name="stack-band-nodes"),
        role="group",
        aria_label=f"{layer.name} layer",
        class_name="stack-band",
    )


def _panel() -> rx.Component:
    topic = DiagramState.topic.to(dict[str, str])  # mypy reads a dict Field as an array
    return rx.dialog.root(
        rx.dialog.content(
            rx.text(topic["layer"], size="1", color=rx.color("accent", 11)),
            rx.dialog.title(topic["name"]),
            rx.dialog.description(topic["tagline"]),
            rx.text(topic["what"], size="2", margin_top="0.75rem"),
            rx.cond(
                DiagramState.items.length() > 0,
                rx.box(
                    rx.heading("On your checklist", as_="h3", size="3", margin_top="1rem"),
                    rx.foreach(
                        DiagramState.items,
                        lambda item: rx.hstack(
                            rx.checkbox(
                                checked=status_of(item["slug"]) == Status.DONE,
                                on_change=lambda v: ProgressState.set_done(item["slug"], v),
                                aria_label=item["title"],
                            ),
                            rx.link(item["title"], href=item["href"]),
                            status_badge(status_of(item["slug"])),
                            align="center",
                            spacing="2",
                            margin_top="0.4rem",
                        ),
                    ),
                ),
            ),
            rx.hstack(
                # one link styled as a button: a button inside a link was two tab stops
                rx.button(rx.link("Open the full topic", href=topic["href"]), as_child=True),
                rx.dialog.close(rx.button("Close", variant="soft", color_scheme="gray")),
                spacing="3",
                justify="end",
                margin_top="1.25rem",
            ),
            max_width="34rem",
        ),
        open=DiagramState.topic.length() > 0,
        on_open_change=DiagramState.close,
    )


def stack_diagram() -> rx.Component:
    """All stack layers as bands, then the topics beyond the stack."""
    content = get_content()
    beyond = [layer for layer in content.layers if not layer.in_stack]
    return rx.box(
        rx.el.div(*[_band(layer) for layer in content.stack_layers], class_name="stack-diagram"),
        rx.heading("Beyond the stack", as_="h2", size="3", margin="1rem 0 0.5rem"),
        rx.el.div(*[_band(layer) for layer in beyond], class_name="stack-diagram"),
        rx.text(
            "Hover or focus a layer to highlight its topics; choose a topic for details. "
            "Icons show your progress: ✓ done, ◉ in progress, ○ not started.",
            size="1",
            style=styles.muted_text,
            margin_top="0.5rem",
        ),
        _panel(),
    )
