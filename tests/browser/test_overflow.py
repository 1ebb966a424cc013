"""Every page type fits a 390 px phone and a 1280 px desktop, light and dark: no sideways scroll.

Each page is loaded once per viewport and colour scheme (one context each, one page reused);
the test names the element that sticks out furthest and saves a full-page screenshot under
``test-results/overflow/`` (git-ignored) for a person to look at.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser, Page, expect

from fullstack_guide import routes
from fullstack_guide.content import get_content
from testkit.paths import ROOT
from tests.browser.conftest import TARGET, tick, wait_until_ready

# Layout is the same on every server: the cluster run (same pages, same CSS) skips it.
pytestmark = pytest.mark.skipif(TARGET == "cluster", reason="layout, checked on the single server")

SHOTS = ROOT / "test-results" / "overflow"
WIDTHS = (390, 1280)
SCHEMES = ("light", "dark")


def _page_types() -> dict[str, str]:
    """One URL per page type, picking the longest names where the content varies."""
    content = get_content()
    tech = max(content.technologies, key=lambda t: len(t.name))
    item = max(content.items, key=lambda i: len(i.title))
    section = content.section_of(item.slug)
    return {
        "home": routes.HOME,
        "layer": routes.layer_url(tech.layer),
        "topic": routes.technology_url(tech.layer, tech.slug),
        "checklist": routes.CHECKLIST,
        "checklist-section": routes.section_url(section.slug),
        "checklist-item": routes.item_url(section.slug, item.slug),
        "stack": routes.STACK,
        "journey": routes.JOURNEY,
        # a clash (Flask with the Django ORM) shows the fit notes at their widest
        "builder": routes.builder_url({"backend": "flask", "orm": "django-orm"}),
        "paths": routes.PATHS,
        "dashboard": routes.DASHBOARD,
        "your-data": routes.YOUR_DATA,
        "account": routes.ACCOUNT,
        "why-python": routes.WHY_PYTHON,
        "who-uses": routes.WHO_USES,
        "who-uses-example": routes.example_url(content.examples[0].slug),
        "sources": routes.SOURCES,
        "not-found": "/no-such-page",
    }


# The element whose right edge sticks out furthest past the viewport, ignoring elements a
# scrolling or clipping ancestor (a wide table in its own scroll box) keeps inside the page.
WIDEST_OFFENDER = """() => {
  const limit = document.documentElement.clientWidth;
  const clipped = (el) => {
    for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      if (getComputedStyle(p).overflowX !== 'visible') return true;
    }
    return false;
  };
  let worst = null;
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= limit + 0.5) continue;
    if (worst && box.right <= worst.right) continue;
    if (clipped(el)) continue;
    worst = {right: Math.round(box.right), el};
  }
  if (!worst) return 'no single element found';
  const el = worst.el;
  const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (typeof el.className === 'string' && el.className
       ? '.' + el.className.trim().split(/\\s+/).slice(0, 3).join('.') : '');
  return `${name} reaching ${worst.right}px: "${(el.textContent || '').trim().slice(0, 60)}"`;
}"""


def _overflow(page: Page) -> str | None:
    widths = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
    if widths[0] <= widths[1]:
        return None
    widest = page.evaluate(WIDEST_OFFENDER)
    return f"scrollWidth {widths[0]} > innerWidth {widths[1]}; widest: {widest}"


@pytest.fixture(scope="module")
def shared_path(browser: Browser, app_server) -> str:
    """A real share page with some progress on it (the shared view's page type)."""
    context = browser.new_context(base_url=app_server.url)
    page = context.new_page()
    tick(page, "/checklist/data", "Relational databases")
    page.goto(routes.YOUR_DATA)
    wait_until_ready(page)
    page.get_by_role("button", name="Create a share link").click()
    link = page.get_by_role("textbox", name="Share link")
    expect(link).to_have_value(re.compile(r"/shared/.+"))
    url = link.input_value()
    context.close()
    return url[url.index(routes.SHARED) :]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS)
def test_no_page_scrolls_sideways(browser: Browser, app_server, shared_path, width, scheme):
    context = browser.new_context(
        base_url=app_server.url,
        viewport={"width": width, "height": 844 if width < 600 else 900},
        color_scheme=scheme,
        is_mobile=width < 600,
        has_touch=width < 600,
    )
    page = context.new_page()
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems = {}
    for name, url in {**_page_types(), "shared": shared_path}.items():
        page.goto(url)
        wait_until_ready(page)
        expect(page.locator("html")).to_have_class(re.compile(rf"\b{scheme}\b"))
        problem = _overflow(page)
        if problem:
            problems[name] = problem
        page.screenshot(path=SHOTS / f"{name}-{width}-{scheme}.png", full_page=True)
    context.close()
    assert problems == {}, "\n".join(f"{name}: {problem}" for name, problem in problems.items())


def test_the_check_names_the_element_that_sticks_out(browser: Browser, app_server):
    """The check itself fails on overflow, and names the culprit (its failing-first evidence)."""
    context = browser.new_context(base_url=app_server.url, viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.goto(routes.HOME)
    wait_until_ready(page)
    assert _overflow(page) is None
    page.evaluate(
        """() => {
          const wide = document.createElement('div');
          wide.id = 'too-wide';
          wide.style.width = '900px';
          wide.textContent = 'wide';
          document.querySelector('main').append(wide);
        }"""
    )
    problem = _overflow(page)
    context.close()
    assert problem is not None and "div#too-wide reaching" in problem, problem
