"""The one way a page is declared: ``@page(route=..., title=..., ...)``.

The decorator renders the page inside the shared shell and records it; the app module adds
them all once with :func:`add_pages`. An explicit list (rather than ``@rx.page``'s global
registry) keeps generated deep-link routes easy to enumerate for tests and the sitemap.
Routes generated per content entity call the decorator in a loop:
``page(route=..., title=...)(render)``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import reflex as rx
from reflex.event import EventType

from fullstack_guide.components.layout import shell

SITE_NAME = "Full Stack Python Guide"

Render = Callable[[], rx.Component]
Meta = dict[str, str]


@dataclass(frozen=True)
class PageSpec:
    """One declared page: its address, head tags and the function that renders its content."""

    route: str
    title: str
    description: str
    render: Render
    on_load: tuple[EventType[()], ...] = ()
    index: bool = True
    meta: tuple[Meta, ...] = ()

    @property
    def head_meta(self) -> list[Meta]:
        """The page's extra ``<meta>`` tags; ``index=False`` adds ``robots: noindex``."""
        robots = [] if self.index else [{"name": "robots", "content": "noindex"}]
        return [*robots, *self.meta]


# Every page with one fixed address a learner can open or link to (tests and the sitemap
# enumerate these), and the pages that have none: the 404 page and dynamic routes.
PAGES: list[PageSpec] = []
UNLISTED_PAGES: list[PageSpec] = []


def page(
    *,
    route: str,
    title: str,
    description: str,
    on_load: Sequence[EventType[()]] = (),
    index: bool = True,
    meta: Sequence[Meta] = (),
    listed: bool = True,
) -> Callable[[Render], Render]:
    """Declare the page at ``route``; the shell and the site-name title suffix are added here.

    ``on_load`` events run on every visit, and again once the tab's learner is known
    (``identity.IdentityState.identify``), so they skip learner data until then; ``index=False``
    keeps private or per-learner pages out of search engines; ``listed=False`` is for the
    404 page and dynamic routes, which have no one address to list.
    """
    full_title = title if title == SITE_NAME else f"{title} · {SITE_NAME}"

    def declare(render: Render) -> Render:
        if any(spec.route == route for spec in (*PAGES, *UNLISTED_PAGES)):
            raise ValueError(f"route {route!r} declared twice")
        spec = PageSpec(route, full_title, description, render, tuple(on_load), index, tuple(meta))
        (PAGES if listed else UNLISTED_PAGES).append(spec)
        return render

    return declare


def _page_function(spec: PageSpec) -> Render:
    """The page's component function, attributed to the module that renders the page.

    Reflex groups the memoized components of pages by the page function's module; one shared
    lambda put every page's components into one bundle that every page downloaded.
    """

    def component() -> rx.Component:
        return shell(spec.render())

    origin = getattr(spec.render, "func", spec.render)  # a functools.partial's function
    component.__module__ = getattr(origin, "__module__", None) or __name__
    return component


def add_pages(app: rx.App) -> None:
    """Add every declared page to ``app`` (the only place pages are added)."""
    for spec in (*PAGES, *UNLISTED_PAGES):
        app.add_page(
            _page_function(spec),
            route=spec.route,
            title=spec.title,
            description=spec.description,
            on_load=list(spec.on_load),
            meta=spec.head_meta,
        )
