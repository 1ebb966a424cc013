"""Typed models for the guide's content files.

Every entity carries a stable ``slug``: learners' progress refers to slugs, so content
can be edited or reordered without losing anyone's ticks. Models forbid unknown keys so
a typo in a data file fails loudly instead of being silently dropped.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, HttpUrl, field_validator

SLUG_PATTERN = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

ResourceKind = Literal[
    "official-docs", "tutorial", "article", "video", "book", "course", "reference", "tool"
]
ExampleKind = Literal["business", "government", "big-tech", "scale"]
Maturity = Literal["draft", "starter", "complete"]


class ContentModel(BaseModel):
    """Base for content entities: frozen and strict about keys."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class SluggedModel(ContentModel):
    """An entity addressable by URL and referenced by progress records."""

    slug: str = Field(min_length=1, max_length=80)

    @field_validator("slug")
    @classmethod
    def _slug_is_url_safe(cls, value: str) -> str:
        if not SLUG_PATTERN.match(value):
            raise ValueError(f"slug {value!r} must be lowercase words joined by hyphens")
        return value


class Resource(ContentModel):
    """A link to learn more, with what kind of material it is."""

    title: str = Field(min_length=3)
    url: HttpUrl
    kind: ResourceKind


class Source(SluggedModel):
    """An original document the guide's facts come from."""

    title: str
    url: HttpUrl | None = None
    publisher: str
    note: str = Field(min_length=10)


class Layer(SluggedModel):
    """One layer of the stack (frontend, backend, ...) or the wider Python ecosystem."""

    name: str
    in_stack: bool = True
    tagline: str = Field(min_length=10, max_length=160)
    summary: str = Field(min_length=40)
    why: str = Field(min_length=40)
    connects: str = Field(min_length=40)
    sources: list[str] = Field(min_length=1)


class Technology(SluggedModel):
    """A named technology inside a layer (a language, framework, database, service...)."""

    name: str
    layer: str
    category: str
    tagline: str = Field(min_length=10, max_length=160)
    what: str = Field(min_length=60)
    why: str = Field(min_length=60)
    when: str = ""
    connects: str = Field(min_length=60)
    related: list[str] = Field(default_factory=list)
    alternatives: list[str] = Field(default_factory=list)
    prerequisites: list[str] = Field(default_factory=list)
    checklist: list[str] = Field(default_factory=list)
    resources: list[Resource] = Field(min_length=3)
    sources: list[str] = Field(min_length=1)
    maturity: Maturity = "starter"
    # When the topic's facts were last checked, and the pages they were checked against
    # (official documentation first): `make content` lists topics whose review has aged.
    reviewed: date
    checked_against: list[HttpUrl] = Field(min_length=1)


class ChecklistItem(SluggedModel):
    """A sub-topic a learner can tick off; its slug is what progress stores."""

    title: str
    summary: str = Field(min_length=40)
    learn: list[str] = Field(min_length=2)
    technologies: list[str] = Field(default_factory=list)
    prerequisites: list[str] = Field(default_factory=list)
    resources: list[Resource] = Field(min_length=1)


class ChecklistSection(SluggedModel):
    """One of the checklist's sections (Scripting, Data, ...)."""

    number: int = Field(ge=1)
    title: str
    summary: str = Field(min_length=40)
    items: list[ChecklistItem] = Field(min_length=1)
    sources: list[str] = Field(min_length=1)


class Example(SluggedModel):
    """A real organisation using Python, and what it shows about Python in production."""

    name: str
    kind: ExampleKind
    summary: str = Field(min_length=40)
    shows: str = Field(min_length=40)
    technologies: list[str] = Field(default_factory=list)
    sources: list[str] = Field(min_length=1)


class Perk(SluggedModel):
    """A reason to choose Python for full-stack work."""

    title: str
    summary: str = Field(min_length=40)
    detail: str = Field(min_length=60)
    technologies: list[str] = Field(default_factory=list)
    sources: list[str] = Field(min_length=1)


class Overview(ContentModel):
    """The guide's introduction: what full-stack development is."""

    title: str
    lead: str = Field(min_length=40)
    paragraphs: list[str] = Field(min_length=2)
    frontend: str = Field(min_length=40)
    backend: str = Field(min_length=40)
    sources: list[str] = Field(min_length=1)


class JourneyOption(ContentModel):
    """One technology that can play a hop's role, and what it does there."""

    topic: str
    does: str = Field(min_length=40)


class JourneyHop(SluggedModel):
    """One step of a web request's trip from the browser to the database and back."""

    title: str
    explains: str = Field(min_length=60)
    detour: bool = False
    topics: list[str] = Field(default_factory=list)
    options: list[JourneyOption] = Field(default_factory=list)


FitVerdict = Literal["fits", "caution", "clash"]


class FitRule(ContentModel):
    """How two technologies get along, shown by the journey and the stack builder."""

    pair: list[str] = Field(min_length=2, max_length=2)
    verdict: FitVerdict
    why: str = Field(min_length=30)


class BuilderSlot(SluggedModel):
    """A choice in the stack builder: one technology for a layer or an optional extra."""

    label: str
    layer: str
    optional: bool = False
    options: list[str] = Field(min_length=2)


class Preset(SluggedModel):
    """A ready-made stack, only where the sources describe one."""

    name: str
    summary: str = Field(min_length=40)
    choices: dict[str, str]
    sources: list[str] = Field(min_length=1)
