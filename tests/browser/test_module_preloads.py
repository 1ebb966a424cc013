"""Each page preloads the Radix components it renders, not every component of the app (issue 11).

Lighthouse's simulated slow-4G first paint counts every module a page preloads before it
paints. With Reflex's eager bundled libraries the root imported all of ``@radix-ui/themes``
for dynamic components (which the app has none of), so every page preloaded the chunks of the
select, alert dialog, table, text area, ... (``frontend_lazy_bundled_libraries`` in rxconfig).
"""

from __future__ import annotations

import re

import pytest

from tests.browser.conftest import TARGET

pytestmark = pytest.mark.skipif(
    TARGET == "cluster", reason="the cluster serves the same build from nginx"
)

PRELOAD = re.compile(r'<link rel="modulepreload" href="/assets/([a-z-]+)-[\w-]{8}\.js"')
# Radix components some pages render and these pages do not (read from their compiled route).
NOT_ON_PAGE = {
    "index.html": {
        "alert-dialog", "checkbox", "radio-group", "select", "switch", "table", "tabs",
        "text-area",
    },
    "stack/backend/django/index.html": {"alert-dialog", "radio-group", "select", "switch", "table"},
}  # fmt: skip


def preloaded_chunks(html: str) -> set[str]:
    return set(PRELOAD.findall(html))


def test_the_pattern_reads_vites_preload_links() -> None:
    html = '<link rel="modulepreload" href="/assets/text-area-oHUg2hQj.js"/>'
    assert preloaded_chunks(html) == {"text-area"}


@pytest.mark.parametrize("page", list(NOT_ON_PAGE))
def test_a_page_preloads_no_radix_component_it_does_not_render(app_server, page: str) -> None:
    html = (app_server.web_dir / "build" / "client" / page).read_text()
    chunks = preloaded_chunks(html)
    assert "root" in chunks, "the pattern no longer matches the page's preload links"
    assert not chunks & NOT_ON_PAGE[page]


# A Prism theme's selector: only the code highlighter's chunk holds it; recharts' surface class.
HIGHLIGHTER = re.compile(r'code\[class\*=\\?"language-')
RECHARTS = re.compile(r"recharts-surface")
ITEM_PAGES = ["checklist/data/orm/index.html", "checklist/ai/rag/index.html"]


def preloaded_and_lazy(app_server, page: str, marker: re.Pattern) -> tuple[list[str], list[str]]:
    """The modules ``page`` preloads that hold ``marker``, and every built module that does."""
    client = app_server.web_dir / "build" / "client"
    html = (client / page).read_text()
    preloaded = re.findall(r'<link rel="modulepreload" href="/(assets/[^"]+\.js)"', html)
    assert any("root" in chunk for chunk in preloaded), "the preload pattern no longer matches"
    built = [f"assets/{p.name}" for p in (client / "assets").glob("*.js")]
    holding = [c for c in built if marker.search((client / c).read_text())]
    assert holding, f"{marker.pattern} is in no module at all: the marker no longer matches"
    return [c for c in preloaded if c in holding], holding


def test_the_highlighter_marker_matches_a_prism_theme() -> None:
    assert HIGHLIGHTER.search('{\'code[class*="language-"]\':{color:"#abb2bf"}}')
    assert HIGHLIGHTER.search('{"code[class*=\\"language-\\"]":{}}')


@pytest.mark.parametrize("page", ITEM_PAGES)
def test_an_item_page_fetches_the_notes_highlighter_only_to_show_a_note(app_server, page: str):
    """The notes' Markdown renderer and highlighter (52 KiB brotli) are not preloaded: an item
    page shows its note's preview only behind a tab."""
    preloaded, _ = preloaded_and_lazy(app_server, page, HIGHLIGHTER)
    assert preloaded == []


def test_the_dashboard_fetches_recharts_only_to_draw_its_chart(app_server) -> None:
    """Recharts (93 KiB brotli) was part of the dashboard's own chunk, evaluated on every visit;
    the chart module imports it when a chart is drawn."""
    preloaded, _ = preloaded_and_lazy(app_server, "dashboard/index.html", RECHARTS)
    assert preloaded == []
