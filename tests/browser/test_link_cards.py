"""A whole-card link is plain elements inside its Radix link (issue 11).

``/stack`` draws 135 link cards; each was a Radix link around two stacks, a heading and a text,
so every card ran Radix's prop extraction four more times while the page hydrated. The card is
now a ``div``, a heading and a ``p`` styled by ``.link-card*`` in ``assets/styles.css``. These
tests check that it stays that way, and still reads, links and answers hover and keyboard
focus as a card should.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from fullstack_guide.content import get_content
from tests.browser.conftest import RADIX_LAYOUT, wait_until_ready


@pytest.mark.parametrize("route", ["/", "/stack", "/who-uses-python", "/stack/backend/django"])
def test_cards_lay_out_without_radix_components(page: Page, route: str) -> None:
    page.goto(route)
    wait_until_ready(page)
    cards = page.locator("a.link-card")
    expect(cards.first).to_be_visible()
    assert cards.locator(RADIX_LAYOUT).count() == 0, "a card draws Radix layout components again"
    first = cards.first
    expect(first.locator(".link-card-title")).not_to_be_empty()
    expect(first.locator(".link-card-text")).not_to_be_empty()


def test_stack_lists_every_topic_as_a_card(page: Page) -> None:
    page.goto("/stack")
    wait_until_ready(page)
    content = get_content()
    cards = page.locator("a.link-card")
    expect(cards).to_have_count(len(content.technologies))
    django = cards.filter(has=page.get_by_role("heading", name="Django", exact=True))
    expect(django).to_have_count(1)
    expect(django).to_have_attribute("href", "/stack/backend/django")
    django.click()
    page.wait_for_url("**/stack/backend/django")
    expect(page.get_by_role("heading", level=1, name="Django")).to_be_visible()


def test_a_card_answers_hover_and_keyboard_focus(page: Page) -> None:
    page.goto("/")
    wait_until_ready(page)
    card = page.locator("a.link-card").first
    rest = card.evaluate("e => getComputedStyle(e).borderTopColor")
    card.hover()
    hovered = card.evaluate("e => getComputedStyle(e).borderTopColor")
    assert hovered != rest, "hovering a card does not mark it"
    page.mouse.move(0, 0)
    card.focus()
    page.keyboard.press("Shift+Tab")
    page.keyboard.press("Tab")
    outline = card.evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline == "solid", outline
