"""Two browsers on one account: "sign out on every device" takes effect in the other one at once.

Browser A and browser B are separate Chromium contexts (no shared storage). B has an item
page open when A signs out everywhere; B's next tick must not reach the account, B must
say why, and nothing of the account may stay on B's screen. On the cluster the two browsers
talk to different workers.
"""

from __future__ import annotations

import secrets

from playwright.sync_api import Browser, BrowserContext, Page, expect

from fullstack_guide.identity import SIGNED_OUT_ELSEWHERE
from tests.browser.conftest import TARGET, checkbox, wait_until_ready

ITEM_URL, ITEM_TITLE = "/checklist/data/orm", "Object-relational mappers (ORM)"
PASSWORD = "correct horse battery staple"


def _browser(browser: Browser, base_url: str, worker: int) -> BrowserContext:
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    if TARGET == "cluster":
        from scripts.cluster import PIN_HEADER

        context.set_extra_http_headers({PIN_HEADER: str(worker)})
    return context


def _account_form(page: Page, heading: str, username: str) -> None:
    page.goto("/account")
    wait_until_ready(page)
    form = page.locator("form").filter(has=page.get_by_role("heading", name=heading))
    form.get_by_label("Username").fill(username)
    form.get_by_label("Password", exact=False).fill(PASSWORD)
    form.get_by_role("button").click()
    expect(page.get_by_text(f"Signed in as {username}.")).to_be_visible()


def test_a_tick_after_sign_out_everywhere_is_refused_and_the_tab_is_cleared(
    browser: Browser, app_server
):
    username = f"both_{secrets.token_hex(4)}"
    a_context = _browser(browser, app_server.url, 0)
    b_context = _browser(browser, app_server.url, 1)
    try:
        a, b = a_context.new_page(), b_context.new_page()
        _account_form(a, "Create an account", username)
        _account_form(b, "Sign in", username)
        b.goto(ITEM_URL)
        wait_until_ready(b)
        expect(checkbox(b, ITEM_TITLE)).not_to_be_checked()

        a.get_by_role("button", name="Sign out on every device").click()
        expect(a.get_by_text("Signed out on every device.")).to_be_visible()

        checkbox(b, ITEM_TITLE).click()
        expect(b.get_by_role("status").filter(has_text=SIGNED_OUT_ELSEWHERE)).to_be_visible()
        expect(checkbox(b, ITEM_TITLE)).not_to_be_checked()
        expect(b.get_by_role("link", name="Sign in")).to_be_visible()  # no username shown
        b.wait_for_function("localStorage.getItem('fsg_session') === null")

        # A fresh sign-in shows the account without that tick.
        c_context = _browser(browser, app_server.url, 0)
        try:
            c = c_context.new_page()
            _account_form(c, "Sign in", username)
            c.goto(ITEM_URL)
            wait_until_ready(c)
            expect(checkbox(c, ITEM_TITLE)).not_to_be_checked()
        finally:
            c_context.close()
    finally:
        a_context.close()
        b_context.close()


def test_an_anonymous_token_retired_by_sign_up_stops_working_in_the_other_browser(
    browser: Browser, app_server
):
    from fullstack_guide.identity import TOKEN_RETIRED

    a_context = _browser(browser, app_server.url, 0)
    b_context = _browser(browser, app_server.url, 1)
    try:
        a = a_context.new_page()
        a.goto(ITEM_URL)
        wait_until_ready(a)
        token = a.wait_for_function("localStorage.getItem('fsg_learner')").json_value()
        # The same anonymous token in a second browser (copied, or a shared computer).
        b_context.add_init_script(f"localStorage.setItem('fsg_learner', {token!r})")
        b = b_context.new_page()
        b.goto(ITEM_URL)
        wait_until_ready(b)
        assert b.evaluate("localStorage.getItem('fsg_learner')") == token

        _account_form(a, "Create an account", f"anon_{secrets.token_hex(4)}")
        b.bring_to_front()
        checkbox(b, ITEM_TITLE).click()
        expect(b.get_by_role("status").filter(has_text=TOKEN_RETIRED)).to_be_visible()
        expect(checkbox(b, ITEM_TITLE)).not_to_be_checked()
        a.goto(ITEM_URL)
        wait_until_ready(a)
        expect(checkbox(a, ITEM_TITLE)).not_to_be_checked()  # the account never got the tick
    finally:
        a_context.close()
        b_context.close()


def test_parallel_wrong_passwords_verify_at_most_five_on_the_servers_database(app_server):
    """The attempt is recorded under a per-key lock before any password is checked.

    Run against the database the server uses: SQLite on the single server, the cluster's
    PostgreSQL (shared by both workers, locked with an advisory lock) under FSG_TARGET=cluster.
    """
    from concurrent.futures import ThreadPoolExecutor

    import sqlalchemy
    from argon2 import PasswordHasher
    from sqlmodel import Session

    from fullstack_guide.services import accounts, learners

    engine = sqlalchemy.create_engine(app_server.db_url, pool_size=12)
    name = f"race_{secrets.token_hex(4)}"
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    with Session(engine) as session:
        learner, _ = learners.create_learner(session)
        ticket_name = accounts.begin_sign_up(session, learner.id, name, PASSWORD, "setup")
        accounts.finish_sign_up(session, learner.id, ticket_name, cheap.hash(PASSWORD))
        session.commit()
    verified = []

    def attempt(n: int) -> None:
        with Session(engine) as session:
            try:
                ticket = accounts.begin_sign_in(session, name, f"racer-{n}")
            except accounts.RateLimitedError:
                session.rollback()
                return
            session.commit()
        verified.append(ticket.known)

    try:
        with ThreadPoolExecutor(10) as pool:
            list(pool.map(attempt, range(10)))
    finally:
        engine.dispose()
    assert 0 < len(verified) <= accounts.MAX_FAILURES_PER_USER
