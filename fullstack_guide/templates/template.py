"""Pages rendered inside the shared shell, with the learner's progress loaded on every visit.

Page modules call :func:`register_page` at import; the app module adds them all once with
:func:`add_pages`. An explicit list (rather than ``@rx.page``'s global registry) keeps
generated deep-link routes easy to enumerate for tests and the sitemap.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import reflex as rx

from fullstack_guide.components.layout import shell

SITE_NAME = "Full Stack Python Guide"


@dataclass(frozen=True)
class PageSpec:
    route: str
    title: str
    description: str
    render: Callable[[], rx.Component]
    on_load: tuple = ()
    index: bool = True


PAGES: list[PageSpec] = []


def register_page(
    route: str,
    title: str,
    description: str,
    render: Callable[[], rx.Component],
    *,
    on_load: tuple = (),
    index: bool = True,
) -> None:
    """Declare a page at ``route``; the shell and title suffix are added here.

    ``on_load`` events run on every visit, and again once the tab's learner is known
    (``identity.IdentityState.identify``), so they skip learner data until then; ``index=False``
    keeps private or per-learner pages out of search engines.
    """
    if any(spec.route == route for spec in PAGES):
        raise ValueError(f"route {route!r} registered twice")
    full_title = SITE_NAME if title == SITE_NAME else f"{title} · {SITE_NAME}"
    PAGES.append(PageSpec(route, full_title, description, render, tuple(on_load), index))


def _page_function(spec: PageSpec) -> Callable[[], rx.Component]:
    """The page's component function, attributed to the module that renders the page.

    Reflex groups the memoized components of pages by the page function's module; one shared
    lambda put every page's components into one bundle that every page downloaded.
    """

    def page() -> rx.Component:
        return shell(spec.render())

    page.__module__ = getattr(spec.render, "__module__", None) or __name__
    return page


def add_pages(app: rx.App) -> None:
    """Add every registered page to ``app``."""
    for spec in PAGES:
        app.add_page(
            _page_function(spec),
            route=spec.route,
            title=spec.title,
            description=spec.description,
            on_load=list(spec.on_load),
            meta=[] if spec.index else [{"name": "robots", "content": "noindex"}],
        )
