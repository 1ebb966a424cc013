"""Load and cross-check the guide's content files.

Content is versioned data (TOML) in ``data/``; this module turns it into typed, validated
objects once per process. Anything malformed — a bad key, a duplicate slug, a reference to
a slug that does not exist — raises :class:`ContentError` at start-up, never at render time.

:class:`Content` is an immutable index: every look-up table (slug to entity, and the
reverse links such as "which topics list this one as related") is computed once, on first
use, with :func:`functools.cached_property`, so pages and services never rebuild tuples.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache, cached_property
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from fullstack_guide.content.checks import ContentError, check_acyclic, cross_check
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
    SluggedModel,
    Source,
    Technology,
)

DATA_DIR = Path(__file__).parent / "data"

# Kept importable from here: tests and older callers use these names.
_check_acyclic = check_acyclic
__all__ = ["DATA_DIR", "Content", "ContentError", "get_content", "load_content"]

Slugged = TypeVar("Slugged", bound=SluggedModel)
Model = TypeVar("Model", bound=BaseModel)


def unique(kind: str, entities: Iterable[Slugged]) -> dict[str, Slugged]:
    """Index entities by slug, refusing a slug used twice."""
    index: dict[str, Slugged] = {}
    for entity in entities:
        if entity.slug in index:
            raise ContentError(f"duplicate {kind} slug {entity.slug!r}")
        index[entity.slug] = entity
    return index


def _reverse(links: Iterable[tuple[str, Iterable[str]]]) -> Mapping[str, tuple[str, ...]]:
    """From owner -> targets pairs, build target -> owners (owners in the order seen)."""
    back: defaultdict[str, list[str]] = defaultdict(list)
    for owner, targets in links:
        for target in targets:
            back[target].append(owner)
    return {target: tuple(owners) for target, owners in back.items()}


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

    # --- slug indexes (built once; duplicates raise ContentError) -----------------
    @cached_property
    def sources_by_slug(self) -> dict[str, Source]:
        return unique("source", self.sources)

    @cached_property
    def layers_by_slug(self) -> dict[str, Layer]:
        return unique("layer", self.layers)

    @cached_property
    def technologies_by_slug(self) -> dict[str, Technology]:
        return unique("technology", self.technologies)

    @cached_property
    def sections_by_slug(self) -> dict[str, ChecklistSection]:
        return unique("section", self.sections)

    @cached_property
    def items_by_slug(self) -> dict[str, ChecklistItem]:
        return unique("checklist item", self.items)

    @cached_property
    def hops_by_slug(self) -> dict[str, JourneyHop]:
        return unique("journey hop", self.hops)

    @cached_property
    def slots_by_slug(self) -> dict[str, BuilderSlot]:
        return unique("builder slot", self.slots)

    @cached_property
    def presets_by_slug(self) -> dict[str, Preset]:
        return unique("preset", self.presets)

    @cached_property
    def _item_sections(self) -> dict[str, ChecklistSection]:
        return {item.slug: section for section in self.sections for item in section.items}

    # --- derived collections -------------------------------------------------------
    @cached_property
    def items(self) -> tuple[ChecklistItem, ...]:
        """Every checklist item, in checklist order."""
        return tuple(item for section in self.sections for item in section.items)

    @cached_property
    def item_slugs(self) -> frozenset[str]:
        return frozenset(self.items_by_slug)

    @cached_property
    def checklist_layout(self) -> tuple[tuple[str, tuple[str, ...]], ...]:
        """Each checklist section's slug with its items' slugs: what a rollup counts over."""
        return tuple((s.slug, tuple(i.slug for i in s.items)) for s in self.sections)

    @cached_property
    def stack_layers(self) -> tuple[Layer, ...]:
        return tuple(layer for layer in self.layers if layer.in_stack)

    @cached_property
    def _by_layer(self) -> Mapping[str, tuple[Technology, ...]]:
        grouped: defaultdict[str, list[Technology]] = defaultdict(list)
        for tech in self.technologies:
            grouped[tech.layer].append(tech)
        return {layer: tuple(techs) for layer, techs in grouped.items()}

    def _both_ways(self, forward: Mapping[str, Iterable[str]]) -> dict[str, tuple[Technology, ...]]:
        """Per topic: the slugs it lists, then the topics that list it, as technologies."""
        back = _reverse(forward.items())
        return {
            slug: tuple(
                self.technology(other)
                for other in dict.fromkeys((*forward[slug], *back.get(slug, ())))
            )
            for slug in forward
        }

    @cached_property
    def _related(self) -> dict[str, tuple[Technology, ...]]:
        return self._both_ways({t.slug: t.related for t in self.technologies})

    @cached_property
    def _alternatives(self) -> dict[str, tuple[Technology, ...]]:
        return self._both_ways({t.slug: t.alternatives for t in self.technologies})

    @cached_property
    def _unlocks(self) -> dict[str, tuple[Technology, ...]]:
        back = _reverse((t.slug, t.prerequisites) for t in self.technologies)
        return {
            t.slug: tuple(self.technology(other) for other in back.get(t.slug, ()))
            for t in self.technologies
        }

    @cached_property
    def _item_technologies(self) -> Mapping[str, tuple[Technology, ...]]:
        linked = {item.slug: set(item.technologies) for item in self.items}
        for tech in self.technologies:
            for item_slug in tech.checklist:
                linked.setdefault(item_slug, set()).add(tech.slug)
        return {
            item: tuple(t for t in self.technologies if t.slug in slugs)
            for item, slugs in linked.items()
        }

    @cached_property
    def _examples_by_tech(self) -> Mapping[str, tuple[Example, ...]]:
        grouped: defaultdict[str, list[Example]] = defaultdict(list)
        for example in self.examples:
            for slug in dict.fromkeys(example.technologies):
                grouped[slug].append(example)
        return {slug: tuple(found) for slug, found in grouped.items()}

    @cached_property
    def _fit_by_pair(self) -> Mapping[frozenset[str], FitRule]:
        rules: dict[frozenset[str], FitRule] = {}
        for rule in self.fit_rules:
            rules.setdefault(frozenset(rule.pair), rule)
        return rules

    # --- look-ups --------------------------------------------------------------------
    def source(self, slug: str) -> Source:
        return self.sources_by_slug[slug]

    def layer(self, slug: str) -> Layer:
        return self.layers_by_slug[slug]

    def technology(self, slug: str) -> Technology:
        return self.technologies_by_slug[slug]

    def item(self, slug: str) -> ChecklistItem:
        return self.items_by_slug[slug]

    def section_of(self, item_slug: str) -> ChecklistSection:
        return self._item_sections[item_slug]

    def technologies_in(self, layer_slug: str) -> tuple[Technology, ...]:
        return self._by_layer.get(layer_slug, ())

    def technologies_for_item(self, item_slug: str) -> tuple[Technology, ...]:
        """Technologies linked to an item, from either side of the link."""
        self.item(item_slug)  # unknown items raise KeyError, as before
        return self._item_technologies.get(item_slug, ())

    def examples_using(self, tech_slug: str) -> tuple[Example, ...]:
        return self._examples_by_tech.get(tech_slug, ())

    def fit(self, a: str, b: str) -> FitRule | None:
        """The rule for a pair of technologies, in either order."""
        return self._fit_by_pair.get(frozenset((a, b)))

    def related_to(self, tech_slug: str) -> tuple[Technology, ...]:
        """Related topics in both directions: those it lists and those that list it."""
        return self._related[tech_slug]

    def alternatives_to(self, tech_slug: str) -> tuple[Technology, ...]:
        """Alternatives in both directions (if A is an alternative to B, B is one to A)."""
        return self._alternatives[tech_slug]

    def unlocks(self, tech_slug: str) -> tuple[Technology, ...]:
        """Topics that list this one as a prerequisite: natural next steps after it."""
        return self._unlocks.get(tech_slug, ())  # unknown slugs unlock nothing, as before


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except (OSError, tomllib.TOMLDecodeError) as error:
        raise ContentError(f"{path.name}: cannot read: {error}") from error


def _parse(model: type[Model], raw: object, where: str) -> Model:
    """Validate one entity; the error names the file and, when it has one, the slug."""
    try:
        return model.model_validate(raw)
    except ValidationError as error:
        slug = raw.get("slug") if isinstance(raw, dict) else None
        named = f"{slug}: " if isinstance(slug, str) else ""
        raise ContentError(f"{where}: {named}{error}") from error


def _parse_all(model: type[Model], raw: object, where: str) -> tuple[Model, ...]:
    if not isinstance(raw, list):
        raise ContentError(f"{where}: expected a list of {model.__name__} tables")
    return tuple(_parse(model, entry, where) for entry in raw)


def load_content(data_dir: Path = DATA_DIR) -> Content:
    """Read every content file under ``data_dir`` and validate it as a whole."""
    technologies: list[Technology] = []
    for path in sorted((data_dir / "technologies").glob("*.toml")):
        raw = _read_toml(path).get("technologies", [])
        technologies.extend(_parse_all(Technology, raw, f"technologies/{path.name}"))

    def listed(name: str, key: str, model: type[Model]) -> tuple[Model, ...]:
        return _parse_all(model, _read_toml(data_dir / name).get(key, []), name)

    builder = _read_toml(data_dir / "builder.toml")
    content = Content(
        hops=listed("journey.toml", "hops", JourneyHop),
        fit_rules=listed("fit.toml", "rules", FitRule),
        slots=_parse_all(BuilderSlot, builder.get("slots", []), "builder.toml"),
        presets=_parse_all(Preset, builder.get("presets", []), "builder.toml"),
        overview=_parse(
            Overview, _read_toml(data_dir / "overview.toml").get("overview"), "overview.toml"
        ),
        sources=listed("sources.toml", "sources", Source),
        layers=listed("layers.toml", "layers", Layer),
        technologies=tuple(technologies),
        sections=listed("checklist.toml", "sections", ChecklistSection),
        examples=listed("examples.toml", "examples", Example),
        perks=listed("perks.toml", "perks", Perk),
    )
    cross_check(content)
    return content


@cache
def get_content() -> Content:
    """The process-wide content, loaded and validated on first use."""
    return load_content()
