"""Export → reset → import, share links, and accounts across browser contexts."""

from __future__ import annotations

import json
import re
import secrets

from playwright.sync_api import Browser, Page, expect

from fullstack_guide.identity import SIGNED_OUT_ELSEWHERE
from testkit.app_server import AppServer
from tests.browser.conftest import checkbox, download_export, tick, wait_until_ready


def test_export_reset_import_restores_everything(page: Page, tmp_path):
    tick(page, "/checklist/web-app-deployment", "Web servers")
    page.goto("/checklist/web-app-deployment/web-servers")
    wait_until_ready(page)
    page.get_by_role("textbox", name="Your note on Web servers").fill("nginx in front")
    expect(page.get_by_role("status").filter(has_text="Saved")).to_be_visible()

    exported = download_export(page, tmp_path / "export.json")
    document = json.loads(exported.read_text())
    assert {"slug": "web-servers", "status": "done"}.items() <= next(
        i for i in document["items"] if i["slug"] == "web-servers"
    ).items()

    page.get_by_role("button", name="Reset all progress").click()
    page.get_by_role("alertdialog").get_by_role("button", name="Reset").click()
    expect(page.get_by_text("All progress reset")).to_be_visible()  # toasts work under the CSP
    page.goto("/checklist/web-app-deployment")
    wait_until_ready(page)
    expect(checkbox(page, "Web servers")).not_to_be_checked()

    page.goto("/your-data")
    wait_until_ready(page)
    page.locator("input[type=file]").set_input_files(str(exported))
    expect(page.get_by_role("rowheader", name="Web servers")).to_be_visible()
    page.get_by_role("button", name="Import these changes").click()
    expect(page.get_by_text(re.compile(r"^Imported \d+ change"))).to_be_visible()
    page.goto("/checklist/web-app-deployment/web-servers")
    wait_until_ready(page)
    expect(checkbox(page, "Web servers")).to_be_checked()
    expect(page.get_by_role("textbox", name="Your note on Web servers")).to_have_value(
        "nginx in front"
    )


def test_malformed_import_is_rejected_and_changes_nothing(page: Page, tmp_path):
    tick(page, "/checklist/data", "Relational databases")
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "fullstack-guide-progress", "version": 1, "items": [')
    page.goto("/your-data")
    wait_until_ready(page)
    page.locator("input[type=file]").set_input_files(str(bad))
    expect(page.get_by_role("alert")).to_contain_text("Nothing was changed")
    page.goto("/checklist/data")
    wait_until_ready(page)
    expect(checkbox(page, "Relational databases")).to_be_checked()


def test_a_file_over_the_import_limit_is_refused_with_a_message(page: Page, tmp_path):
    from fullstack_guide.services.transfer import MAX_IMPORT_BYTES

    big = tmp_path / "big.json"
    big.write_bytes(b" " * (MAX_IMPORT_BYTES + 1))
    page.goto("/your-data")
    wait_until_ready(page)
    page.locator("input[type=file]").set_input_files(str(big))
    expect(page.get_by_role("alert")).to_contain_text(f"over {MAX_IMPORT_BYTES:,} bytes")
    expect(page.get_by_role("alert")).to_contain_text("Nothing was changed")


def test_share_link_is_read_only_and_dies_on_revoke(
    page: Page, browser: Browser, app_server: AppServer
):
    tick(page, "/checklist/data", "Data analysis")
    page.goto("/your-data")
    wait_until_ready(page)
    page.get_by_role("button", name="Create a share link").click()
    link = page.get_by_role("textbox", name="Share link")
    expect(link).not_to_have_value("")
    url = link.input_value()
    assert "/shared/" in url

    visitor_ctx = browser.new_context(base_url=app_server.url)
    visitor = visitor_ctx.new_page()
    visitor.goto(url)
    expect(visitor.get_by_role("heading", name="Shared progress")).to_be_visible()
    data_analysis = visitor.locator("li").filter(has_text="Data analysis")
    expect(data_analysis.get_by_text("Done")).to_be_visible()
    expect(visitor.get_by_role("checkbox")).to_have_count(0)
    expect(visitor.get_by_role("textbox")).to_have_count(0)

    page.get_by_role("button", name="Stop sharing").click()
    expect(page.get_by_role("button", name="Create a share link")).to_be_visible()
    visitor.goto(url)
    expect(visitor.get_by_role("heading", name="This shared page is not available")).to_be_visible()
    visitor.goto("/shared/" + secrets.token_urlsafe(32))
    expect(visitor.get_by_role("heading", name="This shared page is not available")).to_be_visible()
    visitor_ctx.close()


def test_sign_up_here_sign_in_there_sees_the_same_progress(
    page: Page, browser: Browser, app_server: AppServer
):
    username = f"learner_{secrets.token_hex(4)}"
    password = "correct horse battery"
    tick(page, "/checklist/web-development", "Web APIs")
    page.goto("/account")
    wait_until_ready(page)
    form = page.locator("form").filter(has_text="Create an account")
    form.get_by_label("Username").fill(username)
    form.get_by_label("Password").fill(password)
    form.get_by_role("button", name="Create account").click()
    expect(page.get_by_text(f"Signed in as {username}")).to_be_visible()

    other_ctx = browser.new_context(base_url=app_server.url)
    other = other_ctx.new_page()
    other.goto("/account")
    wait_until_ready(other)
    form = other.locator("form").filter(has_text="Sign in")
    form.get_by_label("Username").fill(username)
    form.get_by_label("Password").fill("wrong password!!")
    form.get_by_role("button", name="Sign in").click()
    expect(other.get_by_role("alert")).to_contain_text("Username or password is incorrect")
    form.get_by_label("Username").fill(username)
    form.get_by_label("Password").fill(password)
    form.get_by_role("button", name="Sign in").click()
    expect(other.get_by_text(f"Signed in as {username}")).to_be_visible()
    other.goto("/checklist/web-development")
    wait_until_ready(other)
    expect(checkbox(other, "Web APIs")).to_be_checked()

    other.goto("/account")
    wait_until_ready(other)
    other.get_by_role("button", name="Sign out on every device").click()
    expect(other.get_by_text("Signed out on every device.")).to_be_visible()
    expect(other.get_by_role("button", name="Create account")).to_be_visible()
    # The first tab still shows the account, but its session ended with the others: its next
    # action is refused, and it says why (not that it signed anything out).
    page.get_by_role("button", name="Sign out on every device").click()
    expect(page.get_by_role("status").filter(has_text=SIGNED_OUT_ELSEWHERE)).to_be_visible()
    expect(page.get_by_text("Signed out on every device.")).to_have_count(0)
    page.goto("/checklist/web-development")
    wait_until_ready(page)
    expect(checkbox(page, "Web APIs")).not_to_be_checked()  # signed out everywhere
    other_ctx.close()
