"""One learner, two tabs: they converge on what the database holds, and no note is lost silently.

Neither tab is ever reloaded here: what a tab shows after another tab (or device) changed
something comes from the sync pulse (``components.tab_sync``) alone. The database is read
directly (SQLite, or PostgreSQL under ``FSG_TARGET=cluster``) to know the truth. On the
cluster the two tabs are pinned to different workers, as in ``test_cluster.py``.
"""

from __future__ import annotations

import re
import time

import sqlalchemy
from playwright.sync_api import BrowserContext, Page, expect
from sqlmodel import Session, func, select

from fullstack_guide.components.tab_sync import SETTLE_MS
from fullstack_guide.content import get_content
from fullstack_guide.models import ProgressEvent, Status
from fullstack_guide.services import learners, notes, progress
from tests.browser.conftest import TARGET, wait_until_ready

ITEM, ITEM_TITLE, SECTION = "orm", "Object-relational mappers (ORM)", "data"
CLICKS_PER_TAB = 50
CONVERGE_S = 120  # generous: two shared cores, other test runs alongside
STEADY_S = 3  # agreement must hold this long, with no new write, to count as converged
POLL_S = 15  # components.tab_sync.POLL_S


def open_tab(
    context: BrowserContext, path: str, worker: int, events_sent: list[str] | None = None
) -> Page:
    """A tab on ``path`` (pinned to cluster ``worker``); Socket.IO events it sends go to
    ``events_sent`` (Engine.IO pings and pongs left out)."""
    page = context.new_page()
    if events_sent is not None:
        page.on(
            "websocket",
            lambda ws: ws.on(
                "framesent",
                lambda frame: events_sent.append(frame) if str(frame).startswith("42") else None,
            ),
        )
    if TARGET == "cluster":
        from scripts.cluster import PIN_HEADER

        page.set_extra_http_headers({PIN_HEADER: str(worker)})
    page.goto(path)
    wait_until_ready(page)
    assert page.evaluate("document.hidden") is False  # both tabs visible, as side by side
    return page


def learner_id(db: sqlalchemy.Engine, page: Page) -> int:
    # The token arrives in a script just after the page's progress: wait for it to be stored.
    token = page.wait_for_function("localStorage.getItem('fsg_learner')").json_value()
    with Session(db) as session:
        learner = learners.find_learner(session, token)
        assert learner is not None and learner.id is not None
        return learner.id


def stored(db: sqlalchemy.Engine, learner: int) -> tuple[bool, int, int]:
    """Whether the item is done, how many items are done, and how many changes were written."""
    with Session(db) as session:
        statuses = progress.get_statuses(session, learner)
        writes = session.exec(select(func.count()).where(ProgressEvent.learner_id == learner)).one()
    done = sum(1 for status in statuses.values() if status == Status.DONE)
    return statuses.get(ITEM) == Status.DONE, done, writes


def checkbox(page: Page):
    return page.get_by_role("checkbox", name=ITEM_TITLE, exact=True)


def shown(page: Page) -> bool:
    return checkbox(page).get_attribute("aria-checked") == "true"


def click_many(page: Page, count: int, gap_ms: int) -> None:
    """Schedule ``count`` clicks in the page and return at once (no waiting for any answer)."""
    page.evaluate(
        "([box, count, gap]) => { for (let i = 0; i < count; i++) "
        "setTimeout(() => box.click(), i * gap); }",
        [checkbox(page).element_handle(), count, gap_ms],
    )


def wait_for_agreement(db, learner: int, tabs: list[Page]) -> tuple[bool, int, float]:
    """Until both tabs show the stored value, steadily; returns it, the done count and the time."""
    start = time.monotonic()
    agreed_since, last = None, None
    while time.monotonic() - start < CONVERGE_S:
        now_stored = stored(db, learner)
        agree = all(shown(tab) == now_stored[0] for tab in tabs)
        if agree and now_stored == last:
            agreed_since = agreed_since or time.monotonic()
            if time.monotonic() - agreed_since >= STEADY_S:
                return now_stored[0], now_stored[1], agreed_since - start
        else:
            agreed_since = None
        last = now_stored
        tabs[0].wait_for_timeout(200)
    shows = [shown(tab) for tab in tabs]
    raise AssertionError(f"no agreement in {CONVERGE_S}s: stored {last}, tabs show {shows}")


def test_100_concurrent_toggles_from_two_tabs_end_the_same_everywhere(context: BrowserContext, db):
    section_tab = open_tab(context, f"/checklist/{SECTION}", worker=0)
    full_tab = open_tab(context, "/checklist", worker=1)
    learner = learner_id(db, section_tab)
    assert learner_id(db, full_tab) == learner

    # 50 clicks each, none waiting for an answer, in two rhythms so the bursts interleave
    # and end at different moments (the tab that finishes first must still end up right).
    click_many(section_tab, CLICKS_PER_TAB, gap_ms=10)
    click_many(full_tab, CLICKS_PER_TAB, gap_ms=23)
    done, done_count, took = wait_for_agreement(db, learner, [section_tab, full_tab])
    writes = stored(db, learner)[2]
    print(f"\n100 clicks, {writes} writes: both tabs agreed with the database after {took:.1f}s")
    assert writes >= 2  # both tabs' clicks went through, interleaved

    for tab in (section_tab, full_tab):
        (expect(checkbox(tab)).to_be_checked if done else expect(checkbox(tab)).not_to_be_checked)()
    total = len(get_content().items)
    expect(full_tab.get_by_text(f"{done_count} of {total} items done")).to_be_visible()
    expect(section_tab.get_by_text(f"{int(done)} of 5 done")).to_be_visible()

    # One more tick once all is quiet: the other tab learns it without a reload.
    checkbox(section_tab).click()
    again, done_count, took = wait_for_agreement(db, learner, [section_tab, full_tab])
    print(f"a single tick reached the other tab in {took:.1f}s")
    assert again is not done
    expect(full_tab.get_by_text(f"{done_count} of {total} items done")).to_be_visible()

    section_tab.goto("/dashboard")
    wait_until_ready(section_tab)
    percent = round(100 * done_count / total)
    expect(section_tab.get_by_text(f"{done_count} of {total} items done")).to_be_visible()
    expect(section_tab.get_by_text(f"{percent}%", exact=True).first).to_be_visible()


def test_a_change_from_another_device_shows_while_the_tab_stays_open(context, db):
    tab = open_tab(context, f"/checklist/{SECTION}", worker=0)
    learner = learner_id(db, tab)
    expect(checkbox(tab)).not_to_be_checked()
    with Session(db) as session:  # the signed-in learner's other device, as far as we know
        progress.set_status(session, get_content(), learner, ITEM, Status.DONE)
        session.commit()
    started = time.monotonic()
    expect(checkbox(tab)).to_be_checked(timeout=(POLL_S + 30) * 1000)
    print(f"\nanother device's tick showed after {time.monotonic() - started:.1f}s")
    expect(tab.get_by_text("1 of 5 done")).to_be_visible()


# --- notes ------------------------------------------------------------------------------------

HIDE = "Object.defineProperty(document, 'hidden', {configurable: true, get: () => true})"
SHOW = "delete document.hidden; document.dispatchEvent(new Event('visibilitychange'))"


def note_box(page: Page):
    return page.get_by_role("textbox", name=f"Your note on {ITEM_TITLE}")


def expect_told_of_other_version(page: Page, own: str, other: str) -> None:
    """The tab says another tab changed the note, keeps ``own`` and can show ``other``."""
    expect(
        page.get_by_text(re.compile(r"This note was changed in another tab at \d\d:\d\d\."))
    ).to_be_visible()
    expect(note_box(page)).to_have_value(own)
    page.get_by_role("button", name="Show that version").click()
    expect(note_box(page)).to_have_value(other)


def stored_note(db, learner: int) -> str | None:
    with Session(db) as session:
        note = notes.get_note(session, learner, ITEM)
        return note.body if note else None


def test_concurrent_note_edits_never_lose_a_version_silently(context: BrowserContext, db):
    path = f"/checklist/{SECTION}/{ITEM}"
    sent_by_b: list[str] = []
    a = open_tab(context, path, worker=0)
    b = open_tab(context, path, worker=1, events_sent=sent_by_b)
    learner = learner_id(db, a)

    # B is hidden (another window on top): hidden tabs do not check, so B stays stale.
    b.evaluate(HIDE)
    b.evaluate("window.__signals = 0; addEventListener('storage', () => window.__signals++)")
    sent_before = len(sent_by_b)
    note_box(a).fill("Alpha: A's version")
    expect(a.get_by_text("Saved", exact=True)).to_be_visible()
    # A's change signal reached B; B's settle timer (tab_sync.SETTLE_MS) would have fired by the
    # second wait. A hidden B sent nothing and still shows the old note.
    b.wait_for_function("window.__signals > 0")
    b.evaluate(f"new Promise(done => setTimeout(done, {2 * SETTLE_MS}))")
    assert sent_by_b[sent_before:] == []
    expect(note_box(b)).to_have_value("")

    # B saves over A's version: B is told at once, as before.
    note_box(b).fill("Bravo: B's version")
    expect(
        b.get_by_text("Another tab had changed this note; your version replaced it.", exact=False)
    ).to_be_visible()
    assert stored_note(db, learner) == "Bravo: B's version"

    # A is told on its next check, and keeps its own text on screen meanwhile.
    expect_told_of_other_version(a, "Alpha: A's version", "Bravo: B's version")
    a.get_by_role("button", name="Keep mine").click()
    expect(note_box(a)).to_have_value("Alpha: A's version")
    expect(a.get_by_text("Saved your version. The other tab will be told.")).to_be_visible()
    expect(a.get_by_role("button", name="Show that version")).to_have_count(0)
    assert stored_note(db, learner) == "Alpha: A's version"

    # ...and B, shown again, is told in turn, its own text still on screen.
    b.evaluate(SHOW)
    expect_told_of_other_version(b, "Bravo: B's version", "Alpha: A's version")
    b.get_by_role("button", name="Keep this version").click()
    expect(b.get_by_role("button", name="Keep mine")).to_have_count(0)
    assert stored_note(db, learner) == "Alpha: A's version"
