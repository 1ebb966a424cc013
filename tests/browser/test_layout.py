"""Phone-first layout, navigation and the small keyboard/HTML fixes of issue 14."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect

from fullstack_guide import routes
from testkit.app_server import AppServer
from tests.browser.conftest import wait_until_ready

MAIN_PAGES = [("Home", routes.HOME), *routes.NAV_LINKS, ("Learning paths", routes.PATHS)]
MIN_TAP_PX = 44


@pytest.fixture
def phone_context(browser: Browser, app_server: AppServer) -> Iterator[BrowserContext]:
    ctx = browser.new_context(
        base_url=app_server.url,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    yield ctx
    ctx.close()


@pytest.fixture
def phone(phone_context: BrowserContext) -> Page:
    return phone_context.new_page()


def assert_tappable(locator, what: str) -> None:
    """The element's laid-out size (not scaled by an opening animation) is at least 44×44."""
    expect(locator).to_be_visible()
    size = locator.evaluate("el => [el.offsetWidth, el.offsetHeight]")
    assert size[0] >= MIN_TAP_PX and size[1] >= MIN_TAP_PX, f"{what}: {size}"


def assert_no_sideways_scroll(page: Page) -> None:
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"page scrolls sideways: {widths}"


def test_tap_targets_are_at_least_44px(phone: Page):
    phone.goto("/checklist/scripting")
    wait_until_ready(phone)
    header = phone.locator("header")
    assert_tappable(header.get_by_role("button", name="Search", exact=True), "Search button")
    assert_tappable(header.get_by_role("button", name="Toggle dark mode"), "dark mode toggle")
    assert_tappable(header.get_by_role("button", name="Open navigation menu"), "menu button")
    assert_tappable(
        phone.get_by_role("checkbox", name="Python fundamentals", exact=True), "checkbox"
    )
    status = phone.get_by_role("button", name="Status of Python fundamentals")
    assert_tappable(status, "status menu button")
    status.tap()
    assert_tappable(phone.get_by_role("menuitem").first, "status menu item")
    phone.keyboard.press("Escape")
    header.get_by_role("button", name="Open navigation menu").tap()
    menu = phone.get_by_role("navigation", name="Navigation menu")
    assert_tappable(menu.get_by_role("link").first, "navigation menu link")


def test_a_long_stack_name_wraps_on_a_phone(phone: Page):
    long_name = "Averyveryverylongstacknamewithoutanyspacesthatgoesonandon1"
    phone.goto("/builder?backend=django")
    wait_until_ready(phone)
    phone.get_by_role("textbox", name="Stack name").fill(long_name)
    phone.get_by_role("button", name="Save stack").tap()
    expect(phone.get_by_role("list", name="Saved stacks").get_by_text(long_name)).to_be_visible()
    assert_no_sideways_scroll(phone)


def test_the_wide_paths_graph_shows_that_it_scrolls(phone: Page):
    phone.goto("/paths")
    wait_until_ready(phone)
    assert_no_sideways_scroll(phone)
    graph = phone.get_by_role("region", name=re.compile(r"^Learning path for .*scroll sideways"))
    expect(graph.first).to_be_visible()
    expect(graph.first).to_have_attribute("tabindex", "0")
    expect(phone.get_by_text("Scroll sideways to see every step").first).to_be_visible()


def test_the_mobile_menu_reaches_every_main_page(phone: Page):
    phone.goto("/")
    wait_until_ready(phone)
    phone.get_by_role("button", name="Open navigation menu").tap()
    menu = phone.get_by_role("navigation", name="Navigation menu")
    for label, href in MAIN_PAGES:
        item = menu.get_by_role("link", name=label, exact=True)
        expect(item).to_be_visible()
        expect(item).to_have_attribute("href", href)


def test_the_desktop_header_reaches_every_main_page(page: Page):
    page.goto("/")
    wait_until_ready(page)
    nav = page.get_by_role("navigation", name="Main")
    for label, href in MAIN_PAGES:
        if href == routes.HOME:
            expect(page.get_by_role("link", name="Full Stack Python Guide: home")).to_be_visible()
            continue
        expect(nav.get_by_role("link", name=label, exact=True)).to_have_attribute("href", href)


def test_keyboard_hints_are_hidden_on_touch_devices(browser: Browser, app_server: AppServer):
    ctx = browser.new_context(
        base_url=app_server.url,
        viewport={"width": 1280, "height": 900},
        is_mobile=True,
        has_touch=True,
    )
    tablet = ctx.new_page()
    tablet.goto("/")
    wait_until_ready(tablet)
    assert tablet.evaluate("matchMedia('(hover: none) and (pointer: coarse)').matches")
    expect(tablet.get_by_text("Ctrl K")).to_be_hidden()
    tablet.get_by_role("button", name="Search", exact=True).tap()
    expect(tablet.get_by_role("combobox", name="Search the guide")).to_be_visible()
    expect(tablet.get_by_text(re.compile("Enter to open"))).to_be_hidden()
    ctx.close()


def test_keyboard_hints_show_with_a_mouse(page: Page):
    page.goto("/")
    wait_until_ready(page)
    expect(page.get_by_text("Ctrl K")).to_be_visible()
    page.keyboard.press("/")
    expect(page.get_by_text(re.compile("Enter to open"))).to_be_visible()


def test_button_links_are_one_tab_stop_and_valid_html(page: Page):
    page.goto("/")
    wait_until_ready(page)
    expect(page.locator("a button, button a")).to_have_count(0)
    explore = page.get_by_role("link", name="Explore the stack")
    explore.focus()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Open the checklist")).to_be_focused()


def test_the_search_button_shows_a_focus_ring(page: Page):
    page.goto("/")
    wait_until_ready(page)
    search = page.locator("header").get_by_role("button", name="Search", exact=True)
    page.get_by_role("link", name="Full Stack Python Guide: home").focus()
    for _ in range(12):
        page.keyboard.press("Tab")
        if search.evaluate("el => el === document.activeElement"):
            break
    expect(search).to_be_focused()
    ring = search.evaluate(
        """el => {
            const s = getComputedStyle(el);
            const header = getComputedStyle(el.closest("header"));
            return [s.outlineStyle, parseFloat(s.outlineWidth), parseFloat(s.outlineOffset),
                    s.outlineColor, header.backgroundColor];
        }"""
    )
    style, width, offset, colour, background = ring
    assert style != "none" and width >= 2 and offset >= 0, ring
    assert contrast(colour, background) >= 3, ring  # WCAG 1.4.11: non-text contrast


def contrast(colour: str, background: str) -> float:
    """WCAG contrast ratio of two computed ``rgb(...)`` colours."""

    def luminance(css: str) -> float:
        channels = [int(c) / 255 for c in re.findall(r"\d+", css)[:3]]
        linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    light, dark = sorted((luminance(colour), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_question_mark_opens_the_shortcuts_help(page: Page):
    page.goto("/")
    wait_until_ready(page)
    page.keyboard.press("?")
    help_dialog = page.get_by_role("dialog", name="Keyboard shortcuts")
    expect(help_dialog).to_be_visible()
    expect(help_dialog.get_by_text("open the search")).to_be_visible()
    page.keyboard.press("Escape")
    expect(help_dialog).to_have_count(0)


def _expanded(page: Page, name: str) -> bool | None:
    """The expanded state Chromium's accessibility tree gives the button named ``name``."""
    cdp = page.context.new_cdp_session(page)
    try:
        nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        cdp.detach()
    for node in nodes:
        if (
            node.get("role", {}).get("value") == "button"
            and node.get("name", {}).get("value") == name
        ):
            props = {p["name"]: p["value"].get("value") for p in node.get("properties", [])}
            return props.get("expanded")
    raise AssertionError(f"no button named {name!r} in the accessibility tree")


def test_the_mobile_menu_opens_and_closes_as_a_menu_should(phone: Page):
    """The browser's popover: expanded state announced, Escape and a tap outside close it."""
    phone.goto("/")
    wait_until_ready(phone)
    button = phone.get_by_role("button", name="Open navigation menu")
    menu = phone.get_by_role("navigation", name="Navigation menu")
    expect(menu).to_be_hidden()
    assert (
        phone.locator("a.nav-menu-link").count() == len(routes.NAV_LINKS) + 3
    )  # Home, Your data, Account
    assert _expanded(phone, "Open navigation menu") is False
    button.tap()
    expect(menu).to_be_visible()
    assert _expanded(phone, "Open navigation menu") is True
    phone.keyboard.press("Tab")
    expect(menu.get_by_role("link", name="Home")).to_be_focused()
    phone.keyboard.press("Escape")
    expect(menu).to_be_hidden()
    expect(button).to_be_focused()
    button.tap()
    expect(menu).to_be_visible()
    viewport = phone.viewport_size
    assert viewport is not None
    phone.touchscreen.tap(10, viewport["height"] - 10)  # outside the menu, bottom left
    expect(menu).to_be_hidden()
