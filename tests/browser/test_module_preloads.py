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
