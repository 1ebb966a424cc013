"""Load and cross-check the guide's content files.

Content is versioned data (TOML) in ``data/``; this module turns it into typed, validated
objects once per process. Anything malformed — a bad key, a duplicate slug, a reference to
a slug that does not exist — raises :class:`ContentError` at start-up, never at render time.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from pydantic import BaseModel, TypeAdapter, ValidationError

from fullstack_guide.content.schema import (
    BuilderSlot,
    ChecklistItem,
    ChecklistSection,
    Example,
    FitRule,
    JourneyHop,
    Layer,
    Overview,
    Perk,
    Preset,
    Source,
    Technology,
)

DATA_DIR = Path(__file__).parent / "data"


class ContentError(ValueError):
    """A content file is malformed or refers to something that does not exist."""


@dataclass(frozen=True)
class Content:
    """All guide content, in display order, with slug look-ups."""

    overview: Overview
    sources: tuple[Source, ...]
    layers: tuple[Layer, ...]
    technologies: tuple[Technology, ...]
    sections: tuple[ChecklistSection, ...]
    examples: tuple[Example, ...]
    perks: tuple[Perk, ...]
    hops: tuple[JourneyHop, ...] = ()
    fit_rules: tuple[FitRule, ...] = ()
    slots: tuple[BuilderSlot, ...] = ()
    presets: tuple[Preset, ...] = ()
    _index: dict[str, dict[str, BaseModel]] = field(default_factory=dict, repr=False)

    def source(self, slug: str) -> Source:
        return self._index["sources"][slug]  # type: ignore[return-value]

    def layer(self, slug: str) -> Layer:
        return self._index["layers"][slug]  # type: ignore[return-value]

    def technology(self, slug: str) -> Technology:
        return self._index["technologies"][slug]  # type: ignore[return-value]

    def item(self, slug: str) -> ChecklistItem:
        return self._index["items"][slug]  # type: ignore[return-value]

    def section_of(self, item_slug: str) -> ChecklistSection:
        return self._index["item_sections"][item_slug]  # type: ignore[return-value]

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        """Every checklist item, in checklist order."""
        return tuple(item for section in self.sections for item in section.items)

    @property
    def item_slugs(self) -> frozenset[str]:
        return frozenset(self._index["items"])

    @property
    def stack_layers(self) -> tuple[Layer, ...]:
        return tuple(layer for layer in self.layers if layer.in_stack)

    def technologies_in(self, layer_slug: str) -> tuple[Technology, ...]:
        return tuple(tech for tech in self.technologies if tech.layer == layer_slug)

    def technologies_for_item(self, item_slug: str) -> tuple[Technology, ...]:
        """Technologies linked to an item, from either side of the link."""
        item = self.item(item_slug)
        linked = set(item.technologies)
        return tuple(
            tech for tech in self.technologies if tech.slug in linked or item_slug in tech.checklist
        )

    def examples_using(self, tech_slug: str) -> tuple[Example, ...]:
        return tuple(ex for ex in self.examples if tech_slug in ex.technologies)

    def fit(self, a: str, b: str) -> FitRule | None:
        """The rule for a pair of technologies, in either order."""
        pair = {a, b}
        return next((rule for rule in self.fit_rules if set(rule.pair) == pair), None)

    def related_to(self, tech_slug: str) -> tuple[Technology, ...]:
        """Related topics in both directions: those it lists and those that list it."""
        tech = self.technology(tech_slug)
        slugs = dict.fromkeys(tech.related)
        slugs.update(dict.fromkeys(t.slug for t in self.technologies if tech_slug in t.related))
        return tuple(self.technology(slug) for slug in slugs)

    def alternatives_to(self, tech_slug: str) -> tuple[Technology, ...]:
        """Alternatives in both directions (if A is an alternative to B, B is one to A)."""
        tech = self.technology(tech_slug)
        slugs = dict.fromkeys(tech.alternatives)
        slugs.update(
            dict.fromkeys(t.slug for t in self.technologies if tech_slug in t.alternatives)
        )
        return tuple(self.technology(slug) for slug in slugs)

    def unlocks(self, tech_slug: str) -> tuple[Technology, ...]:
        """Topics that list this one as a prerequisite: natural next steps after it."""
        return tuple(t for t in self.technologies if tech_slug in t.prerequisites)


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ContentError(f"{path.name}: cannot read: {error}") from error


def _parse(model, raw, where: str):
    try:
        return TypeAdapter(model).validate_python(raw)
    except ValidationError as error:
        raise ContentError(f"{where}: {error}") from error


def _unique(kind: str, entities: Iterable[BaseModel]) -> dict[str, BaseModel]:
    index: dict[str, BaseModel] = {}
    for entity in entities:
        slug = entity.slug  # type: ignore[attr-defined]
        if slug in index:
            raise ContentError(f"duplicate {kind} slug {slug!r}")
        index[slug] = entity
    return index


def _check_refs(owner: str, refs: Iterable[str], known: dict, kind: str) -> None:
    missing = sorted(set(refs) - set(known))
    if missing:
        raise ContentError(f"{owner} refers to unknown {kind}: {', '.join(missing)}")


def _check_acyclic(kind: str, edges: dict[str, list[str]]) -> None:
    """Prerequisites must form a DAG: report the first cycle found, as a readable path."""
    state: dict[str, int] = {}  # 1 = on the current path, 2 = finished
    for start in edges:
        if state.get(start):
            continue
        stack: list[tuple[str, int]] = [(start, 0)]
        path: list[str] = []
        while stack:
            node, index = stack.pop()
            if index == 0:
                state[node] = 1
                path.append(node)
            targets = edges.get(node, [])
            if index < len(targets):
                stack.append((node, index + 1))
                target = targets[index]
                if state.get(target) == 1:
                    cycle = [*path[path.index(target) :], target]
                    raise ContentError(f"{kind} prerequisites form a cycle: {' -> '.join(cycle)}")
                if not state.get(target):
                    stack.append((target, 0))
            else:
                state[node] = 2
                path.pop()


def _check_explore(content: Content) -> None:
    """Journey hops, fit rules, builder slots and presets may only name real things."""
    idx = content._index
    techs = idx["technologies"]
    for hop in content.hops:
        refs = [*hop.topics, *(option.topic for option in hop.options)]
        _check_refs(f"journey hop {hop.slug}", refs, techs, "technologies")
    for rule in content.fit_rules:
        _check_refs(f"fit rule {rule.pair}", rule.pair, techs, "technologies")
    for slot in content.slots:
        _check_refs(f"builder slot {slot.slug}", slot.options, techs, "technologies")
        _check_refs(f"builder slot {slot.slug}", [slot.layer], idx["layers"], "layer")
    for preset in content.presets:
        owner = f"preset {preset.slug}"
        _check_refs(owner, preset.choices, idx["slots"], "builder slots")
        _check_refs(owner, preset.sources, idx["sources"], "sources")
        for slot_slug, choice in preset.choices.items():
            if choice not in idx["slots"][slot_slug].options:  # type: ignore[attr-defined]
                raise ContentError(f"{owner}: {choice!r} is not an option of slot {slot_slug}")


def _cross_check(content: Content) -> None:
    idx = content._index
    sources, techs, items = idx["sources"], idx["technologies"], idx["items"]
    for layer in content.layers:
        _check_refs(f"layer {layer.slug}", layer.sources, sources, "sources")
    for tech in content.technologies:
        owner = f"technology {tech.slug}"
        _check_refs(owner, [tech.layer], idx["layers"], "layer")
        for kind, refs in (
            ("related", tech.related),
            ("alternatives", tech.alternatives),
            ("prerequisites", tech.prerequisites),
        ):
            _check_refs(owner, refs, techs, "technologies")
            if tech.slug in refs:
                raise ContentError(f"{owner} lists itself in {kind}")
        _check_refs(owner, tech.checklist, items, "checklist items")
        _check_refs(owner, tech.sources, sources, "sources")
    _check_acyclic("technology", {t.slug: t.prerequisites for t in content.technologies})
    for section in content.sections:
        _check_refs(f"section {section.slug}", section.sources, sources, "sources")
        for item in section.items:
            _check_refs(f"item {item.slug}", item.technologies, techs, "technologies")
            _check_refs(f"item {item.slug}", item.prerequisites, items, "checklist items")
    _check_acyclic("checklist item", {i.slug: i.prerequisites for i in content.items})
    for entity in (*content.examples, *content.perks):
        owner = f"{type(entity).__name__.lower()} {entity.slug}"
        _check_refs(owner, entity.technologies, techs, "technologies")
        _check_refs(owner, entity.sources, sources, "sources")
    _check_refs("overview", content.overview.sources, sources, "sources")
    _check_explore(content)
    empty = [layer.slug for layer in content.layers if not content.technologies_in(layer.slug)]
    if empty:
        raise ContentError(f"layers without technologies: {', '.join(empty)}")
    numbers = [section.number for section in content.sections]
    if numbers != sorted(set(numbers)):
        raise ContentError("checklist section numbers must be unique and ascending")


def load_content(data_dir: Path = DATA_DIR) -> Content:
    """Read every content file under ``data_dir`` and validate it as a whole."""
    tech_raw: list = []
    for path in sorted((data_dir / "technologies").glob("*.toml")):
        tech_raw.extend(_read_toml(path).get("technologies", []))

    def listed(name: str, key: str, model):
        return tuple(_parse(list[model], _read_toml(data_dir / name).get(key, []), name))

    sections = listed("checklist.toml", "sections", ChecklistSection)
    builder = _read_toml(data_dir / "builder.toml")
    content = Content(
        hops=listed("journey.toml", "hops", JourneyHop),
        fit_rules=listed("fit.toml", "rules", FitRule),
        slots=tuple(_parse(list[BuilderSlot], builder.get("slots", []), "builder.toml")),
        presets=tuple(_parse(list[Preset], builder.get("presets", []), "builder.toml")),
        overview=_parse(
            Overview, _read_toml(data_dir / "overview.toml").get("overview"), "overview.toml"
        ),
        sources=listed("sources.toml", "sources", Source),
        layers=listed("layers.toml", "layers", Layer),
        technologies=tuple(_parse(list[Technology], tech_raw, "technologies/*.toml")),
        sections=sections,
        examples=listed("examples.toml", "examples", Example),
        perks=listed("perks.toml", "perks", Perk),
    )
    content._index.update(
        sources=_unique("source", content.sources),
        layers=_unique("layer", content.layers),
        technologies=_unique("technology", content.technologies),
        sections=_unique("section", sections),
        items=_unique("checklist item", content.items),
        examples=_unique("example", content.examples),
        perks=_unique("perk", content.perks),
        hops=_unique("journey hop", content.hops),
        slots=_unique("builder slot", content.slots),
        presets=_unique("preset", content.presets),
        item_sections={item.slug: s for s in sections for item in s.items},
    )
    _cross_check(content)
    return content


@cache
def get_content() -> Content:
    """The process-wide content, loaded and validated on first use."""
    return load_content()
