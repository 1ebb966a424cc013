"""Whole-content checks: every reference names something real, and prerequisites are acyclic.

Run once by :func:`fullstack_guide.content.loader.load_content`; each failure is a
:class:`ContentError` that names the entity at fault, so a broken data file stops start-up
with a message that says where to look.
"""

from __future__ import annotations

import graphlib
from collections.abc import Collection, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from fullstack_guide.content.schema import Example, Perk, SluggedModel

if TYPE_CHECKING:
    from fullstack_guide.content.loader import Content


class ContentError(ValueError):
    """A content file is malformed or refers to something that does not exist."""


def check_refs(owner: str, refs: Iterable[str], known: Collection[str], kind: str) -> None:
    missing = sorted(set(refs) - set(known))
    if missing:
        raise ContentError(f"{owner} refers to unknown {kind}: {', '.join(missing)}")


def _refuse_duplicates(kind: str, entities: Iterable[SluggedModel]) -> None:
    seen: set[str] = set()
    for entity in entities:
        if entity.slug in seen:
            raise ContentError(f"duplicate {kind} slug {entity.slug!r}")
        seen.add(entity.slug)


def check_acyclic(kind: str, edges: Mapping[str, Sequence[str]]) -> None:
    """Prerequisites must form a DAG: report a cycle as a readable path (a -> b -> a)."""
    try:
        graphlib.TopologicalSorter(edges).prepare()
    except graphlib.CycleError as error:
        # graphlib walks from a node to its predecessors; reverse to read "needs" order.
        cycle = list(reversed(error.args[1]))
        message = f"{kind} prerequisites form a cycle: {' -> '.join(cycle)}"
        raise ContentError(message) from error


def _check_explore(content: Content) -> None:
    """Journey hops, fit rules, builder slots and presets may only name real things."""
    techs = content.technologies_by_slug
    for hop in content.hops:
        refs = [*hop.topics, *(option.topic for option in hop.options)]
        check_refs(f"journey hop {hop.slug}", refs, techs, "technologies")
    for rule in content.fit_rules:
        check_refs(f"fit rule {rule.pair}", rule.pair, techs, "technologies")
    for slot in content.slots:
        check_refs(f"builder slot {slot.slug}", slot.options, techs, "technologies")
        check_refs(f"builder slot {slot.slug}", [slot.layer], content.layers_by_slug, "layer")
    for preset in content.presets:
        owner = f"preset {preset.slug}"
        check_refs(owner, preset.choices, content.slots_by_slug, "builder slots")
        check_refs(owner, preset.sources, content.sources_by_slug, "sources")
        for slot_slug, choice in preset.choices.items():
            if choice not in content.slots_by_slug[slot_slug].options:
                raise ContentError(f"{owner}: {choice!r} is not an option of slot {slot_slug}")


def _check_technologies(content: Content) -> None:
    techs, sources = content.technologies_by_slug, content.sources_by_slug
    for tech in content.technologies:
        owner = f"technology {tech.slug}"
        check_refs(owner, [tech.layer], content.layers_by_slug, "layer")
        for kind, refs in (
            ("related", tech.related),
            ("alternatives", tech.alternatives),
            ("prerequisites", tech.prerequisites),
        ):
            check_refs(owner, refs, techs, "technologies")
            if tech.slug in refs:
                raise ContentError(f"{owner} lists itself in {kind}")
        check_refs(owner, tech.checklist, content.items_by_slug, "checklist items")
        check_refs(owner, tech.sources, sources, "sources")
    check_acyclic("technology", {t.slug: t.prerequisites for t in content.technologies})


def cross_check(content: Content) -> None:
    """Refuse duplicate slugs, dangling references, cycles and empty layers."""
    # Building each slug index refuses a slug used twice within its kind.
    _ = (
        content.sources_by_slug,
        content.layers_by_slug,
        content.technologies_by_slug,
        content.sections_by_slug,
        content.items_by_slug,
        content.hops_by_slug,
        content.slots_by_slug,
        content.presets_by_slug,
    )
    _refuse_duplicates("example", content.examples)
    _refuse_duplicates("perk", content.perks)
    sources, techs = content.sources_by_slug, content.technologies_by_slug
    for layer in content.layers:
        check_refs(f"layer {layer.slug}", layer.sources, sources, "sources")
    _check_technologies(content)
    for section in content.sections:
        check_refs(f"section {section.slug}", section.sources, sources, "sources")
        for item in section.items:
            check_refs(f"item {item.slug}", item.technologies, techs, "technologies")
            check_refs(
                f"item {item.slug}", item.prerequisites, content.items_by_slug, "checklist items"
            )
    check_acyclic("checklist item", {i.slug: i.prerequisites for i in content.items})
    entities: list[Example | Perk] = [*content.examples, *content.perks]
    for entity in entities:
        owner = f"{type(entity).__name__.lower()} {entity.slug}"
        check_refs(owner, entity.technologies, techs, "technologies")
        check_refs(owner, entity.sources, sources, "sources")
    check_refs("overview", content.overview.sources, sources, "sources")
    _check_explore(content)
    empty = [layer.slug for layer in content.layers if not content.technologies_in(layer.slug)]
    if empty:
        raise ContentError(f"layers without technologies: {', '.join(empty)}")
    numbers = [section.number for section in content.sections]
    if numbers != sorted(set(numbers)):
        raise ContentError("checklist section numbers must be unique and ascending")
