"""Every page renders in a real browser, with its heading, landmarks and working links."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from fullstack_guide import pages  # noqa: F401  (registers the routes)
from fullstack_guide.templates.template import PAGES
from tests.browser.conftest import wait_until_ready

ROUTES = [spec.route for spec in PAGES]


def test_every_page_renders_with_one_h1_and_no_errors(page: Page):
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    titles = {spec.route: spec.title for spec in PAGES}
    for route in ROUTES:
        response = page.goto(route)
        assert response is not None and response.status == 200, route
        expect(page.locator("h1")).to_have_count(1)
        expect(page.locator("h1")).to_be_visible()
        expect(page).to_have_title(titles[route])
        expect(page.get_by_role("main")).to_be_visible()
        expect(page.get_by_role("navigation", name="Main")).to_be_attached()
    assert errors == []


def test_every_page_is_reachable_by_links_from_home(page: Page):
    seen, queue, failed = {"/"}, ["/"], {}
    while queue:
        path = queue.pop()
        response = page.goto(path)
        if response is None or response.status != 200:
            failed[path] = response.status if response else None
            continue
        hrefs = page.eval_on_selector_all(
            "a[href^='/']", "els => els.map(e => e.getAttribute('href'))"
        )
        for href in hrefs:
            path = href.split("#")[0].rstrip("/") or "/"
            if path not in seen:
                seen.add(path)
                queue.append(path)
    assert failed == {}, "links from the site that do not answer 200"
    assert set(ROUTES) - seen == set()


def test_unknown_address_shows_a_not_found_page(page: Page):
    # before hydration: a link needs no script
    response = page.goto("/stack/frontend/no-such-technology")
    assert response is not None and response.status == 404
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    page.get_by_role("link", name="Open the checklist").click()
    expect(page).to_have_url(re.compile(r"/checklist/?$"))


def test_examples_filter_by_kind(page: Page):
    page.goto("/who-uses-python")
    wait_until_ready(page)  # the tabs switch once hydrated (modules load after the first paint)
    expect(page.get_by_role("link", name=re.compile("^Uber"))).to_be_visible()
    page.get_by_role("tab", name=re.compile("^Government")).click()
    expect(page.get_by_role("link", name=re.compile("^NASA"))).to_be_visible()
    expect(page.get_by_role("link", name=re.compile("^Uber"))).to_have_count(0)


def test_dark_mode_toggles_and_sticks(page: Page):
    page.goto("/")
    # The toggle works once the page has hydrated; the modules load after the first paint
    # (first_paint.py), which can be after the load event page.goto waits for.
    wait_until_ready(page)
    html = page.locator("html")
    before = "dark" in (html.get_attribute("class") or "")
    page.get_by_role("button", name="Toggle dark mode").click()
    expect(html).to_have_class(re.compile(r"\blight\b") if before else re.compile(r"\bdark\b"))
    page.reload()
    expect(html).to_have_class(re.compile(r"\blight\b") if before else re.compile(r"\bdark\b"))


def _open(browser, app_server, width: int):
    ctx = browser.new_context(base_url=app_server.url, viewport={"width": width, "height": 800})
    page = ctx.new_page()
    page.goto("/")
    wait_until_ready(page)
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    return ctx, page


def test_phones_get_a_navigation_menu_and_no_sideways_scroll(browser, app_server):
    ctx, page = _open(browser, app_server, 375)
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    page.get_by_role("button", name="Open navigation menu").click()
    menu = page.get_by_role("navigation", name="Navigation menu")
    menu.get_by_role("link", name="Checklist").click()
    expect(page).to_have_url(re.compile(r"/checklist/?$"))
    expect(menu).to_be_hidden()  # a link closes the menu as it navigates
    expect(page.get_by_role("heading", level=1)).to_have_text("The Python checklist")
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    ctx.close()


def test_tablets_use_the_menu_and_desktops_the_full_navigation(browser, app_server):
    ctx, page = _open(browser, app_server, 768)
    expect(page.get_by_role("button", name="Open navigation menu")).to_be_visible()
    ctx.close()
    ctx, page = _open(browser, app_server, 1280)
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Dashboard")).to_be_visible()
    expect(page.get_by_role("button", name="Open navigation menu")).to_be_hidden()
    ctx.close()


def test_skip_link_is_the_first_stop_for_keyboard_users(page: Page):
    page.goto("/checklist")  # before hydration: a Tab needs no script
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to content")).to_be_focused()


def test_the_skip_link_moves_focus_into_the_page_content(page: Page):
    page.goto("/checklist/data")
    wait_until_ready(page)
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is inside the content, past the header
    assert page.evaluate("() => document.querySelector('main').contains(document.activeElement)")
    expect(page).to_have_url(re.compile(r"/checklist/data(#main)?$"))
