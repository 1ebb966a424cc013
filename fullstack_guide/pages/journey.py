"""The request journey (``/journey``): step through one web request, hop by hop.

Each hop explains what happens and links its topics; where several technologies can play
the hop's role, the learner picks one and the explanation follows. Fit notes say which of
the chosen technologies work together. Detours (CDN, cache, task queue) can be hidden.
"""

from __future__ import annotations

import reflex as rx

from fullstack_guide import routes, styles
from fullstack_guide.components.content import page_header
from fullstack_guide.components.controls import fit_list
from fullstack_guide.content import get_content
from fullstack_guide.pages import journey_parts as parts
from fullstack_guide.services import stacks
from fullstack_guide.templates import register_page


def _default_choices() -> dict[str, str]:
    return {hop.slug: hop.options[0].topic for hop in get_content().hops if hop.options}


class JourneyState(rx.State):
    """The current hop and the technology chosen at each hop, mirrored in the URL.

    The URL (``?step=<hop>&<hop>=<topic>&detours=off``) keeps them across a reload, makes them
    shareable, and lets back/forward step through them: every change pushes a new URL, and
    ``start`` (on load, also after back/forward) reads it.
    """

    step: int = 0
    choices: dict[str, str] = _default_choices()  # server-rendered defaults: no layout shift
    detours: bool = True

    def _visible(self) -> list[int]:
        hops = get_content().hops
        return [i for i, hop in enumerate(hops) if self.detours or not hop.detour]

    @rx.event
    def start(self):
        """Read the step, choices and detours from the URL (anything unknown is ignored)."""
        query = self.router.url.query_parameters
        hops = get_content().hops
        self.detours = query.get("detours") != "off"
        self.choices = _default_choices()
        for hop in hops:
            topic = query.get(hop.slug)
            if topic in {option.topic for option in hop.options}:
                self.choices[hop.slug] = topic
        slugs = [hop.slug for hop in hops]
        wanted = slugs.index(query["step"]) if query.get("step") in slugs else 0
        self.step = wanted if wanted in self._visible() else self._visible()[0]

    def _pushed(self, before: tuple):
        """Push the URL of the view now shown, if it changed."""
        if (self.step, self.choices, self.detours) == before:
            return None
        defaults = _default_choices()
        query = {"step": get_content().hops[self.step].slug}
        query |= {hop: t for hop, t in self.choices.items() if defaults.get(hop) != t}
        if not self.detours:
            query["detours"] = "off"
        return rx.redirect(routes.journey_url(query))

    def _now(self) -> tuple:
        return self.step, dict(self.choices), self.detours

    @rx.event
    def go(self, step: int):
        before = self._now()
        if type(step) is int and step in self._visible():  # not a bool, float or text
            self.step = step
        return self._pushed(before)

    @rx.event
    def move(self, delta: int):
        if type(delta) is not int:
            return None
        before = self._now()
        self._move(delta)
        return self._pushed(before)

    def _move(self, delta: int) -> None:
        visible = self._visible()
        position = visible.index(self.step) if self.step in visible else 0
        self.step = visible[max(0, min(len(visible) - 1, position + delta))]

    @rx.event
    def choose(self, hop_slug: str, topic: str):
        if not (isinstance(hop_slug, str) and isinstance(topic, str)):
            return None
        before = self._now()
        hops = {hop.slug: hop for hop in get_content().hops}
        hop = hops.get(hop_slug)
        if hop and topic in {option.topic for option in hop.options}:
            self.choices = {**self.choices, hop_slug: topic}
        return self._pushed(before)

    @rx.event
    def set_detours(self, show: bool):
        before = self._now()
        self.detours = show is True
        if not self.detours and get_content().hops[self.step].detour:
            self._move(1)
        return self._pushed(before)

    @rx.var
    def fit_notes(self) -> list[dict[str, str]]:
        """What the chosen technologies say about each other."""
        content = get_content()
        hops = [h for h in content.hops if self.detours or not h.detour]
        chosen = {h.slug: self.choices[h.slug] for h in hops if h.slug in self.choices}
        return stacks.fit_notes(content, chosen)

    @rx.var
    def hop_fit_notes(self) -> list[dict[str, str]]:
        """The fit notes that concern this hop's choice, shown beside the hop itself."""
        content = get_content()
        here = self.choices.get(content.hops[self.step].slug)
        if here is None:
            return []
        visible = [content.hops[i].slug for i in self._visible()]
        others = {
            h: self.choices[h] for h in visible if h in self.choices and self.choices[h] != here
        }
        return [
            note
            for note in stacks.fit_notes(content, {"here": here, **others})
            if content.technology(here).name in note["pair"].split(" + ")
        ]

    @rx.var
    def at_first(self) -> bool:
        return self.step == self._visible()[0]

    @rx.var
    def at_last(self) -> bool:
        return self.step == self._visible()[-1]

    @rx.var
    def choice_names(self) -> dict[str, str]:
        content = get_content()
        return {hop: content.technology(tech).name for hop, tech in self.choices.items()}

    @rx.var
    def position(self) -> str:
        visible = self._visible()
        at = visible.index(self.step) + 1 if self.step in visible else 1
        return f"Step {at} of {len(visible)}"


def journey_page() -> rx.Component:
    hops = get_content().hops
    return rx.box(
        page_header(
            "The journey of a web request",
            "Follow one request from the browser to the database and back. Swap the technology "
            "at any hop and see what changes.",
            eyebrow="Explore",
        ),
        rx.el.label(
            rx.hstack(
                rx.switch(
                    checked=JourneyState.detours,
                    on_change=JourneyState.set_detours,
                    aria_label="Show optional detours (CDN, cache, task queue)",
                ),
                rx.text("Show optional detours (CDN, cache, task queue)", size="2"),
                spacing="2",
                align="center",
            ),
        ),
        rx.grid(
            parts.route(JourneyState, hops),
            rx.el.section(
                rx.text(JourneyState.position, size="2", style=styles.muted_text),
                *[
                    rx.cond(JourneyState.step == i, parts.hop_detail(JourneyState, hop))
                    for i, hop in enumerate(hops)
                ],
                parts.hop_fit(JourneyState),
                rx.hstack(
                    rx.button(
                        "← Previous hop",
                        variant="soft",
                        on_click=JourneyState.move(-1),
                        disabled=JourneyState.at_first,
                    ),
                    rx.button(
                        "Next hop →", on_click=JourneyState.move(1), disabled=JourneyState.at_last
                    ),
                    justify="between",
                    margin_top="1.5rem",
                ),
                aria_live="polite",
                aria_labelledby="hop-title",
            ),
            columns=rx.breakpoints(initial="1", md="16rem 1fr"),
            spacing="6",
            margin_top="1rem",
        ),
        rx.el.section(
            rx.heading("Do your choices fit together?", as_="h2", size="4", margin_top="2rem"),
            fit_list(JourneyState.fit_notes, "No known conflicts between your choices."),
            rx.text(
                "Compose a whole stack in the ",
                rx.link("stack builder", href=routes.BUILDER),
                ".",
                margin_top="1rem",
            ),
        ),
    )


register_page(
    routes.JOURNEY,
    "The journey of a web request",
    "Step through a web request hop by hop and swap the technology at each hop.",
    journey_page,
    on_load=(JourneyState.start,),
)
