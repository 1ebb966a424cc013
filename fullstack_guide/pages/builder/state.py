"""The stack builder's state: the stack being composed (mirrored in the URL), the saved
stacks and the comparison."""

from __future__ import annotations

import json
import logging

import reflex as rx

from fullstack_guide import routes
from fullstack_guide.content import get_content
from fullstack_guide.events import event
from fullstack_guide.identity import (
    NOT_READY,
    current_learner_id,
    holds_learner_data,
    run_for_learner,
)
from fullstack_guide.models import Status
from fullstack_guide.services import saved_stacks, stacks
from fullstack_guide.state import ProgressState

logger = logging.getLogger(__name__)
CURRENT = "current"


@holds_learner_data
class BuilderState(rx.State):
    """The stack being composed (mirrored in the URL), the saved stacks and the comparison."""

    choices: rx.Field[dict[str, str]] = rx.field(default_factory=dict)
    saved: rx.Field[list[dict[str, str]]] = rx.field(default_factory=list)
    name: rx.Field[str] = rx.field("")
    error: rx.Field[str] = rx.field("")
    replace_name: rx.Field[str] = rx.field("")
    compare_a: rx.Field[str] = rx.field(CURRENT)
    compare_b: rx.Field[str] = rx.field("preset:typical-python-stack")
    origin: rx.Field[str] = rx.field("")
    done_items: rx.Field[list[str]] = rx.field(default_factory=list)

    def _forget_learner(self) -> None:
        self.saved, self.done_items, self.error = [], [], ""

    @event
    async def load(self):
        """Take the stack from the URL (shared links, reload, back/forward); read saved stacks."""
        self.origin = self.router.url.origin
        query = dict(self.router.url.query_parameters)
        self.choices = stacks.clean_choices(get_content(), query)
        self.error, self.replace_name = "", ""
        await self._refresh_progress()
        if await current_learner_id(self) is None:
            return None  # identify runs this again once the learner is known
        outcome = await run_for_learner(self, saved_stacks.saved_rows, get_content())
        if not outcome.ok:
            return outcome.refusal
        self.saved = outcome.value
        return None

    async def _refresh_progress(self) -> None:
        statuses = (await self.get_state(ProgressState)).statuses
        self.done_items = [slug for slug, status in statuses.items() if status == Status.DONE]

    async def _show(self, choices: dict[str, str]):
        """Show ``choices`` and push them to the URL, so reload and back/forward keep them."""
        self.choices = stacks.clean_choices(get_content(), choices)
        await self._refresh_progress()
        return rx.redirect(routes.builder_url(self.choices))

    @event
    async def choose(self, slot: str, tech: str):
        if not isinstance(slot, str):
            return None
        return await self._show({**self.choices, slot: tech})

    @event
    async def clear(self, slot: str):
        if not isinstance(slot, str) or slot not in self.choices:
            return None
        return await self._show({k: v for k, v in self.choices.items() if k != slot})

    @event
    async def apply_preset(self, slug: str):
        presets = {p.slug: p for p in get_content().presets}
        if isinstance(slug, str) and slug in presets:
            return await self._show(dict(presets[slug].choices))
        return None

    @event
    def set_name(self, name: str):
        """Typing a new name clears the message about the old one."""
        self.name = name if isinstance(name, str) else ""
        self.error, self.replace_name = "", ""

    @event
    async def save(self, form: dict):
        """Save the current stack under a name; a name already in use asks before replacing."""
        raw = form.get("name", "") if isinstance(form, dict) else None
        try:
            name = stacks.clean_name(raw)
        except stacks.StackError as problem:
            self.error, self.replace_name = str(problem), ""
            return None
        if any(s["name"] == name for s in self.saved):
            self.error = f'You already have a stack called "{name}". Replace it, or rename.'
            self.replace_name = name
            return None
        return await self._save(name, replace=False)

    @event
    async def replace(self):
        """The learner confirmed: overwrite the saved stack of that name."""
        if not self.replace_name:
            return None
        return await self._save(self.replace_name, replace=True)

    async def _save(self, name: str, *, replace: bool):
        if await current_learner_id(self) is None:
            self.error = NOT_READY
            return None
        try:
            outcome = await run_for_learner(
                self, saved_stacks.save, get_content(), name, dict(self.choices), replace
            )
        except stacks.StackExists as taken:  # another tab saved this name since this one looked
            self.error, self.replace_name = str(taken), taken.name
            refreshed = await run_for_learner(self, saved_stacks.saved_rows, get_content())
            if refreshed.ok:
                self.saved = refreshed.value
            return None
        except stacks.StackError as problem:
            self.error = str(problem)
            return None
        if not outcome.ok:
            return outcome.refusal
        self.saved = outcome.value
        self.name, self.error, self.replace_name = "", "", ""
        return rx.toast.success("Stack saved.")

    @event
    async def delete(self, stack_id: str):
        stack_id = str(stack_id)
        well_formed = stack_id.isascii() and stack_id.isdigit() and len(stack_id) <= 18
        if not well_formed:  # "²" is a digit to Python, not to int()
            return None
        outcome = await run_for_learner(self, saved_stacks.delete, get_content(), int(stack_id))
        if not outcome.ok:
            return outcome.refusal
        self.saved = outcome.value
        return None

    @event
    async def open_saved(self, key: str):
        stack = self._stack_for(key)
        return None if stack is None else await self._show(stack)

    @event
    def set_compare_a(self, key: str):
        if self._stack_for(key) is not None:
            self.compare_a = key

    @event
    def set_compare_b(self, key: str):
        if self._stack_for(key) is not None:
            self.compare_b = key

    def _stack_for(self, key: str) -> dict[str, str] | None:
        if not isinstance(key, str):
            return None
        if key == CURRENT:
            return dict(self.choices)
        if key.startswith("preset:"):
            preset = next((p for p in get_content().presets if f"preset:{p.slug}" == key), None)
            return dict(preset.choices) if preset else None
        saved = next((s for s in self.saved if s["key"] == key), None)
        return json.loads(saved["choices"]) if saved else None

    @rx.var
    def fit_notes(self) -> list[dict[str, str]]:
        return stacks.fit_notes(get_content(), self.choices)

    @rx.var
    def implied(self) -> list[dict[str, str]]:
        """Checklist items this stack calls for, with the learner's progress on each."""
        content = get_content()
        done = set(self.done_items)
        return [
            {
                "slug": slug,
                "title": content.item(slug).title,
                "href": routes.item_url_for(slug),
                "done": "yes" if slug in done else "",
            }
            for slug in stacks.implied_items(content, self.choices)
        ]

    @rx.var
    def implied_summary(self) -> str:
        total = len(self.implied)
        done = sum(1 for item in self.implied if item["done"])
        return f"You have done {done} of the {total} checklist items this stack calls for."

    @rx.var
    def share_url(self) -> str:
        return f"{self.origin}{routes.builder_url(self.choices)}" if self.choices else ""

    @rx.var
    def comparison(self) -> list[dict[str, str]]:
        """Slot by slot: stack A, stack B and whether they differ."""
        content = get_content()
        a = self._stack_for(self.compare_a) or {}
        b = self._stack_for(self.compare_b) or {}

        def name(tech: str | None) -> str:
            return content.technology(tech).name if tech else "—"

        return [
            {
                "slot": slot.label,
                "a": name(a.get(slot.slug)),
                "b": name(b.get(slot.slug)),
                "differs": "yes" if a.get(slot.slug) != b.get(slot.slug) else "",
            }
            for slot in content.slots
            if a.get(slot.slug) or b.get(slot.slug)
        ]

    @rx.var
    def compare_options(self) -> list[dict[str, str]]:
        options = [{"key": CURRENT, "name": "The stack above"}]
        options += [
            {"key": f"preset:{p.slug}", "name": f"Preset: {p.name}"} for p in get_content().presets
        ]
        options += [{"key": s["key"], "name": f"Saved: {s['name']}"} for s in self.saved]
        return options
