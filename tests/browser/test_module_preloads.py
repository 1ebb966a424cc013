"""Each page preloads the Radix components it renders, not every component of the app (issue 11).

Lighthouse's simulated slow-4G first paint counts every module a page preloads before it
paints. Radix Themes was registered as a library for dynamic components (which the app has
none of): eagerly the root imported all of ``@radix-ui/themes``, and lazily the bundler still
kept every component and merged them into the chunk every page preloads
(``radix_css.UsedColoursRadixThemesPlugin`` no longer registers it). Chunks are named after
whatever module the bundler starts them with, so the tests look for each component's own class
name (``rt-TableRoot``, ...) inside the preloaded modules, not for chunk names.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from fullstack_guide.first_paint import parked_preloads
from fullstack_guide.http.cache_policy import IMMUTABLE, cache_control
from tests.browser.conftest import TARGET, wait_until_ready

pytestmark = pytest.mark.skipif(
    TARGET == "cluster", reason="the cluster serves the same build from nginx"
)

# Radix components (by a class name only their own module holds: Reflex's state code names
# rt-CheckboxRoot, rt-SwitchRoot, rt-SliderRoot and rt-SliderThumb) these pages do not render.
# The slider, hover card, context menu and select are on no page (the builder's pickers are
# the browser's own select elements).
NEVER_RENDERED = (
    "rt-SliderTrack",
    "rt-HoverCardContent",
    "rt-ContextMenuContent",
    "rt-SelectTrigger",
)
NOT_ON_PAGE = {
    "index.html": (
        "rt-AlertDialogContent", "rt-BaseCheckboxIndicator", "rt-RadioGroupRoot", "rt-SwitchThumb",
        "rt-TableRoot", "rt-TabsList", "rt-TextAreaRoot", *NEVER_RENDERED,
    ),
    "stack/backend/django/index.html": (
        "rt-AlertDialogContent", "rt-RadioGroupRoot", "rt-SwitchThumb", "rt-TableRoot",
        *NEVER_RENDERED,
    ),
}  # fmt: skip


def preloaded_modules(app_server, page: str) -> dict[str, str]:
    """The modules ``page`` preloads once it has painted (``first_paint.py``), with their code."""
    client = app_server.web_dir / "build" / "client"
    paths = [href.lstrip("/") for href in parked_preloads((client / page).read_text())]
    assert any("root" in path for path in paths), "the page's preloads were not found"
    return {path: (client / path).read_text() for path in paths}


def built_modules(app_server) -> dict[str, str]:
    client = app_server.web_dir / "build" / "client"
    return {f"assets/{p.name}": p.read_text() for p in (client / "assets").glob("*.js")}


@pytest.mark.parametrize("page", list(NOT_ON_PAGE))
def test_a_page_preloads_no_radix_component_it_does_not_render(app_server, page: str) -> None:
    everywhere = "\n".join(built_modules(app_server).values())
    rendered_elsewhere = [name for name in NOT_ON_PAGE[page] if name not in NEVER_RENDERED]
    missing = [name for name in rendered_elsewhere if name not in everywhere]
    assert missing == [], "a component some page renders is in no module: its marker is stale"
    code = "\n".join(preloaded_modules(app_server, page).values())
    assert [name for name in NOT_ON_PAGE[page] if name in code] == []


def test_no_module_holds_a_radix_component_no_page_renders(app_server) -> None:
    everywhere = "\n".join(built_modules(app_server).values())
    assert [name for name in NEVER_RENDERED if name in everywhere] == []


# A Prism theme's selector: only the code highlighter's chunk holds it; recharts' surface class.
HIGHLIGHTER = re.compile(r'code\[class\*=\\?"language-')
RECHARTS = re.compile(r"recharts-surface")
ITEM_PAGES = ["checklist/data/orm/index.html", "checklist/ai/rag/index.html"]


def preloaded_holding(app_server, page: str, marker: re.Pattern) -> list[str]:
    """The modules ``page`` preloads that hold ``marker`` (which some built module must hold)."""
    holding = [path for path, code in built_modules(app_server).items() if marker.search(code)]
    assert holding, f"{marker.pattern} is in no module at all: the marker no longer matches"
    return [path for path in preloaded_modules(app_server, page) if path in holding]


def test_the_highlighter_marker_matches_a_prism_theme() -> None:
    assert HIGHLIGHTER.search('{\'code[class*="language-"]\':{color:"#abb2bf"}}')
    assert HIGHLIGHTER.search('{"code[class*=\\"language-\\"]":{}}')


@pytest.mark.parametrize("page", ITEM_PAGES)
def test_an_item_page_fetches_the_notes_highlighter_only_to_show_a_note(app_server, page: str):
    """The notes' Markdown renderer and highlighter (52 KiB brotli) are not preloaded: an item
    page shows its note's preview only behind a tab."""
    assert preloaded_holding(app_server, page, HIGHLIGHTER) == []


def test_the_dashboard_fetches_recharts_only_to_draw_its_chart(app_server) -> None:
    """Recharts (93 KiB brotli) was part of the dashboard's own chunk, evaluated on every visit;
    the chart module imports it when a chart is drawn."""
    assert preloaded_holding(app_server, "dashboard/index.html", RECHARTS) == []


SONNER = re.compile(r"data-sonner-toaster")  # in sonner's own code only


@pytest.mark.parametrize("page", ["index.html", "checklist/index.html", "stack/index.html"])
def test_a_page_fetches_sonner_after_its_first_paint(app_server, page: str) -> None:
    """The toasts' library (7.5 KiB brotli) is fetched once the page is idle
    (``components/lazy_toaster.js``): no toast shows before the learner does something."""
    assert preloaded_holding(app_server, page, SONNER) == []


def test_no_module_holds_react_helmet(app_server) -> None:
    """The head's two scripts are plain elements of the prerendered head: ``rx.script`` wrapped
    each in react-helmet (5 KiB brotli on every page), which nothing else used."""
    everywhere = "\n".join(built_modules(app_server).values())
    assert "data-react-helmet" not in everywhere


@pytest.mark.parametrize("path", ["/", "/checklist/data/orm"])
def test_a_page_fetches_no_script_a_repeat_visit_must_revalidate(page, app_server, path: str):
    """The keyboard shortcuts and the notes' draft keeper run inline in the head
    (``components/head_scripts.py``). As ``/shortcuts.js`` and ``/note_drafts.js`` they were two
    more requests on every page, which Lighthouse's simulated phone queued behind the modules
    (its largest paint 0.15 s after its first) and which every repeat visit fetched again."""
    scripts: list[str] = []
    page.on(
        "request",
        lambda request: (
            request.resource_type == "script" and scripts.append(urlsplit(request.url).path)
        ),
    )
    page.goto(app_server.url + path)
    wait_until_ready(page)
    assert scripts, "no script request was seen: the listener no longer works"
    # Only content-hashed build files, which browsers keep for a year (``http/cache_policy``).
    assert [script for script in scripts if cache_control(script, 200) != IMMUTABLE] == []
    # The inline shortcuts ran (their focus hook is defined); test_note_drafts.py types a draft.
    assert page.evaluate("typeof window.fsgRestoreFocus") == "function"


# When each of a page's modules started downloading and when the page was parsed, in ms.
LOAD_ORDER = """() => {
    const navigation = performance.getEntriesByType("navigation")[0];
    const modules = performance.getEntriesByType("resource").filter(
        (entry) => new URL(entry.name).pathname.startsWith("/assets/") && entry.name.endsWith(".js")
    );
    return {
        parsed: navigation.domContentLoadedEventEnd,
        modules: modules.map((entry) => entry.startTime),
        preloadLinks: document.querySelectorAll('link[rel="modulepreload"]').length,
    };
}"""


@pytest.mark.parametrize("path", ["/", "/checklist", "/checklist/data/orm"])
def test_a_page_is_parsed_before_it_fetches_a_module(page, app_server, path: str):
    """React Router preloads every module in the head, so on a fast connection the hydration ran
    before the page's first paint and Lighthouse's simulated phone counted 180-210 KiB of
    scripts before it (FCP 2.2-2.7 s). The build parks them (``first_paint.py``) and the head's
    ``modules_after_paint.js`` starts them after the first paint; the page still hydrates."""
    served = page.request.get(app_server.url + path).text()
    assert 'rel="modulepreload"' not in served
    assert '<script type="module"' not in served
    parked = parked_preloads(served)
    assert parked, "the page's modules are not parked"
    page.goto(app_server.url + path)
    wait_until_ready(page)  # hydrated: the tests that tick, type and navigate rely on it
    order = page.evaluate(LOAD_ORDER)
    assert order["modules"], "no module was fetched: the page cannot have hydrated"
    assert min(order["modules"]) >= order["parsed"]
    # The preloads were put back (the modules download in parallel, not import by import).
    assert order["preloadLinks"] >= len(parked)
