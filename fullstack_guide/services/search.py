"""Typo-tolerant, ranked search over topics, checklist items, layers, sections and examples.

The index is built once per process from the content (a few hundred documents), so a query
is pure in-memory work: exact names first, then name prefixes, then close spellings
(RapidFuzz), then matches anywhere in the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from rapidfuzz import fuzz

from fullstack_guide import routes
from fullstack_guide.content import Content, get_content

MAX_QUERY_CHARS = 100
_WORD = re.compile(r"[a-z0-9+#]+")


@dataclass(frozen=True)
class Document:
    """One searchable thing and where it lives."""

    kind: str
    title: str
    subtitle: str
    href: str
    name: str
    words: tuple[str, ...]
    text: str


@dataclass(frozen=True)
class Hit:
    kind: str
    title: str
    subtitle: str
    href: str
    score: float


def _words(text: str) -> tuple[str, ...]:
    return tuple(_WORD.findall(text.lower()))


def _doc(kind: str, title: str, subtitle: str, href: str, *texts: str) -> Document:
    name = title.lower()
    return Document(kind, title, subtitle, href, name, _words(title), " ".join(texts).lower())


def build_index(content: Content) -> tuple[Document, ...]:
    """Every page worth finding, with the text that describes it."""
    docs = [
        _doc(
            "Layer",
            layer.name,
            layer.tagline,
            routes.layer_url(layer.slug),
            layer.summary,
            layer.why,
            layer.connects,
        )
        for layer in content.layers
    ]
    docs += [
        _doc(
            "Topic",
            t.name,
            f"{content.layer(t.layer).name} · {t.category}",
            routes.technology_url(t.layer, t.slug),
            t.slug,
            t.category,
            t.tagline,
            t.what,
            t.why,
            t.when,
            t.connects,
        )
        for t in content.technologies
    ]
    for section in content.sections:
        docs.append(
            _doc(
                "Checklist section",
                section.title,
                section.summary[:120],
                routes.section_url(section.slug),
                section.summary,
            )
        )
        docs += [
            _doc(
                "Checklist item",
                item.title,
                section.title,
                routes.item_url(section.slug, item.slug),
                item.slug,
                item.summary,
                " ".join(item.learn),
            )
            for item in section.items
        ]
    docs += [
        _doc(
            "Example", ex.name, ex.summary[:120], routes.example_url(ex.slug), ex.summary, ex.shows
        )
        for ex in content.examples
    ]
    return tuple(docs)


@cache
def default_index() -> tuple[Document, ...]:
    return build_index(get_content())


def _score(doc: Document, query: str, terms: tuple[str, ...]) -> float:
    if doc.name == query:
        return 1000.0
    if doc.name.startswith(query):
        return 800.0 - len(doc.name) / 100
    if all(any(word.startswith(term) for word in doc.words) for term in terms):
        return 600.0 - len(doc.name) / 100
    best = 0.0
    if len(query) >= 3:
        best = max(fuzz.ratio(query, doc.name), *(fuzz.ratio(query, w) for w in doc.words))
        if best >= 75:
            return 300.0 + best
    if all(term in doc.text for term in terms):
        return 100.0 + sum(doc.text.count(term) for term in terms) / 10
    if len(query) >= 4 and best >= 60:
        return best
    return 0.0


def search(query: str, *, limit: int = 8, index: tuple[Document, ...] | None = None) -> list[Hit]:
    """The best matches for ``query``, most relevant first (empty for an empty query)."""
    if not isinstance(query, str):
        return []
    query = " ".join(query.lower().split())[:MAX_QUERY_CHARS]
    terms = _words(query)
    if not terms:
        return []
    scored = [
        (score, doc)
        for doc in (index or default_index())
        if (score := _score(doc, query, terms)) > 0
    ]
    scored.sort(key=lambda pair: (-pair[0], pair[1].title))
    return [Hit(d.kind, d.title, d.subtitle, d.href, round(s, 1)) for s, d in scored[:limit]]
