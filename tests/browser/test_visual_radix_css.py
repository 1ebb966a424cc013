"""The trimmed stylesheet draws every page as the whole styles.css does (issue 11).

The build imports only the colour scales the app uses (``fullstack_guide/radix_css.py``) and
PurgeCSS then drops the rules no built page can use (``fullstack_guide/css_purge.py``).
Every page type, in light and dark, at phone and desktop widths, is drawn twice once loaded:
with the built stylesheet, and with that stylesheet's request answered by the same sheet made
from the whole ``@radix-ui/themes/styles.css`` (Reflex's reset, Radix, the app's own sheet, in
Reflex's order). So are the parts drawn only once a learner acts (:data:`INTERACTIONS`): the
menus, popovers and dialogs, whose classes are in no prerendered page, and a keyboard focus
ring. Pixels must match up to anti-aliasing noise.
"""

from __future__ import annotations

import os
import re
from io import BytesIO
from pathlib import Path

import pytest
from PIL import Image, ImageChops
from playwright.sync_api import Browser, Page, expect

from tests.browser.conftest import TARGET, wait_until_ready

pytestmark = pytest.mark.skipif(
    TARGET == "cluster", reason="the cluster serves the same build from nginx"
)

PAGES = {
    "home": "/",
    "layer": "/stack/backend",
    "topic": "/stack/backend/django",
    "checklist": "/checklist",
    "checklist-item": "/checklist/data/orm",
    "stack": "/stack",
    "journey": "/journey",
    "builder": "/builder",
    "paths": "/paths",
    "dashboard": "/dashboard",
    "your-data": "/your-data",
    "account": "/account",
    "why-python": "/why-python",
    "who-uses": "/who-uses-python",
    "sources": "/sources",
    "404": "/no-such-page",
}


def _open_status_menu(page: Page) -> None:
    page.get_by_role("button", name=re.compile(r"^Status of ")).first.click()
    expect(page.get_by_role("menuitem").first).to_be_visible()


def _open_shortcuts_popover(page: Page) -> None:
    page.get_by_role("button", name="Keyboard shortcuts").first.click()
    expect(page.get_by_role("dialog", name="Keyboard shortcuts")).to_be_visible()


def _search_for_django(page: Page) -> None:
    page.keyboard.press("/")
    search = page.get_by_role("combobox", name="Search the guide")
    expect(search).to_be_focused()
    search.press_sequentially("django")
    expect(page.get_by_role("option").first).to_be_visible()


def _focus_by_keyboard(page: Page) -> None:
    """A focus ring drawn by Radix's :focus-visible rules (the third Tab stop: a checkbox)."""
    checkbox = page.get_by_role("checkbox").first
    checkbox.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    expect(checkbox).to_be_focused()


def _open_mobile_menu(page: Page) -> None:
    page.get_by_role("button", name="Open navigation menu").click()
    expect(page.get_by_role("navigation", name="Navigation menu")).to_be_visible()


# name -> (route, width, what the learner does before the screenshot)
INTERACTIONS = {
    "status-menu": ("/checklist", 1280, _open_status_menu),
    "shortcuts-popover": ("/checklist", 1280, _open_shortcuts_popover),
    "search-palette": ("/", 1280, _search_for_django),
    "focus-ring": ("/checklist", 1280, _focus_by_keyboard),
    "mobile-menu": ("/", 390, _open_mobile_menu),
}
SCHEMES = ("light", "dark")
WIDTHS = {"mobile": 390, "desktop": 1280}
GLOBAL_SHEET = "**/assets/__reflex_global_styles-*.css"
IMPORT = re.compile(r"@import url\('([^']+)'\);")
# A pixel differs when a channel moves by more than this; at most this share may differ.
CHANNEL_TOLERANCE = 16
PIXEL_SHARE_TOLERANCE = 0.0005
LOADING = re.compile(r"^Loading")
SETTLE_ATTEMPTS = 5
DIFFS = Path(os.environ.get("FSG_VISUAL_DIFFS", "/tmp/fsg-visual-diffs"))


@pytest.fixture(scope="module")
def whole_sheet(app_server) -> str:
    """The global stylesheet as the untrimmed plugin would make it, from the same files."""
    styles = app_server.web_dir / "styles"
    imports = IMPORT.findall((styles / "__reflex_global_styles.css").read_text())
    radix = [name for name in imports if name.startswith("@radix-ui/themes/")]
    assert "@radix-ui/themes/tokens/base.css" in radix, f"the build is not trimmed: {imports}"
    assert "@radix-ui/themes/styles.css" not in radix
    node_modules = app_server.web_dir / "node_modules"
    parts, radix_done = ["@layer __reflex_base;"], False
    for name in imports:
        if not name.startswith("@radix-ui/themes/"):
            parts.append((styles / name).read_text())
        elif not radix_done:  # the whole sheet where the first part was
            parts.append((node_modules / "@radix-ui/themes/styles.css").read_text())
            radix_done = True
    return "\n".join(parts)


def loaded_shot(
    browser: Browser, base_url: str, route: str, scheme: str, width: int, sheet, act=None
):
    """The loaded page, after ``act(page)`` when given; ``sheet`` (CSS text) replaces the
    built global stylesheet when given."""
    context = browser.new_context(
        base_url=base_url, viewport={"width": width, "height": 900}, color_scheme=scheme
    )
    try:
        replaced: list[str] = []
        if sheet is not None:

            def whole(request_route) -> None:
                replaced.append(request_route.request.url)
                request_route.fulfill(body=sheet, content_type="text/css")

            context.route(GLOBAL_SHEET, whole)
        page = context.new_page()
        page.goto(route)
        wait_until_ready(page)
        page.evaluate("document.fonts.ready")
        assert sheet is None or replaced, "the built stylesheet was not replaced"
        if act is not None:
            expect(page.get_by_text(LOADING)).to_have_count(0)
            act(page)
        return settled_screenshot(page)
    finally:
        context.close()


def settled_screenshot(page: Page) -> bytes:
    """A full-page screenshot once two in a row agree: the dashboard's figures and lists
    arrive after the page reports ready, and a shot in between is not the page's look."""
    expect(page.get_by_text(LOADING)).to_have_count(0)
    shot = page.screenshot(full_page=True, animations="disabled", caret="hide")
    for _ in range(SETTLE_ATTEMPTS):
        page.wait_for_timeout(300)
        again = page.screenshot(full_page=True, animations="disabled", caret="hide")
        if again == shot:
            break
        shot = again
    return shot


def differing_share(a: bytes, b: bytes) -> tuple[float, Image.Image | None]:
    """Share of pixels that differ beyond anti-aliasing noise (1.0 if sizes differ)."""
    first, second = Image.open(BytesIO(a)).convert("RGB"), Image.open(BytesIO(b)).convert("RGB")
    if first.size != second.size:
        return 1.0, None
    mask = (
        ImageChops.difference(first, second)
        .convert("L")
        .point(lambda value: 255 if value > CHANNEL_TOLERANCE else 0)
    )
    return mask.histogram()[255] / (first.width * first.height), mask


@pytest.mark.parametrize("width_name", list(WIDTHS))
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("page_name", list(PAGES))
def test_trimmed_radix_sheet_draws_what_the_whole_sheet_draws(
    browser: Browser, app_server, whole_sheet, page_name: str, scheme: str, width_name: str
) -> None:
    route, width = PAGES[page_name], WIDTHS[width_name]
    shots = {
        "whole": loaded_shot(browser, app_server.url, route, scheme, width, whole_sheet),
        "trimmed": loaded_shot(browser, app_server.url, route, scheme, width, None),
    }
    assert_same_pixels(
        shots, f"radix-{page_name}-{scheme}-{width_name}", f"{route} ({scheme}, {width}px)"
    )


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("interaction", list(INTERACTIONS))
def test_trimmed_sheet_draws_menus_dialogs_and_focus_as_the_whole_sheet_does(
    browser: Browser, app_server, whole_sheet, interaction: str, scheme: str
) -> None:
    route, width, act = INTERACTIONS[interaction]
    shots = {
        "whole": loaded_shot(browser, app_server.url, route, scheme, width, whole_sheet, act),
        "trimmed": loaded_shot(browser, app_server.url, route, scheme, width, None, act),
    }
    assert_same_pixels(shots, f"radix-{interaction}-{scheme}", f"{route} ({interaction}, {scheme})")


def assert_same_pixels(shots: dict[str, bytes], name: str, what: str) -> None:
    """The two screenshots match; if not, both and their difference are saved for a look."""
    share, mask = differing_share(shots["whole"], shots["trimmed"])
    if share > PIXEL_SHARE_TOLERANCE:
        DIFFS.mkdir(parents=True, exist_ok=True)
        for label, png in shots.items():
            (DIFFS / f"{name}-{label}.png").write_bytes(png)
        if mask is not None:
            mask.save(DIFFS / f"{name}-diff.png")
    assert share <= PIXEL_SHARE_TOLERANCE, (
        f"{what} differs on {share:.2%} of its pixels; screenshots in {DIFFS}/{name}-*.png"
    )
