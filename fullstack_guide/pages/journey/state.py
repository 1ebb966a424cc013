"""The request journey's state: the hop shown and the technology chosen at each hop."""

from __future__ import annotations

import reflex as rx

from fullstack_guide import routes
from fullstack_guide.content import get_content
from fullstack_guide.events import event
from fullstack_guide.services import stacks


def _default_choices() -> dict[str, str]:
    return {hop.slug: hop.options[0].topic for hop in get_content().hops if hop.options}


class JourneyState(rx.State):
    """The current hop and the technology chosen at each hop, mirrored in the URL.

    The URL (``?step=<hop>&<hop>=<topic>&detours=off``) keeps them across a reload, makes them
    shareable, and lets back/forward step through them: every change pushes a new URL, and
    ``start`` (on load, also after back/forward) reads it.
    """

    step: rx.Field[int] = rx.field(0)
    # Server-rendered defaults: no layout shift.
    choices: rx.Field[dict[str, str]] = rx.field(default_factory=_default_choices)
    detours: rx.Field[bool] = rx.field(True)

    def _visible(self) -> list[int]:
        hops = get_content().hops
        return [i for i, hop in enumerate(hops) if self.detours or not hop.detour]

    @event
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

    @event
    def go(self, step: int):
        before = self._now()
        if type(step) is int and step in self._visible():  # not a bool, float or text
            self.step = step
        return self._pushed(before)

    @event
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

    @event
    def choose(self, hop_slug: str, topic: str):
        if not (isinstance(hop_slug, str) and isinstance(topic, str)):
            return None
        before = self._now()
        hops = {hop.slug: hop for hop in get_content().hops}
        hop = hops.get(hop_slug)
        if hop and topic in {option.topic for option in hop.options}:
            self.choices = {**self.choices, hop_slug: topic}
        return self._pushed(before)

    @event
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
