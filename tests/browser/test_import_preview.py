"""The import preview says whether importing merges or replaces, and the import keeps its word."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.browser.conftest import checkbox, download_export, tick, wait_until_ready


def test_the_preview_says_the_import_merges_and_keeps_what_the_file_does_not_list(
    page: Page, tmp_path
):
    tick(page, "/checklist/data", "Relational databases")
    exported = download_export(page, tmp_path / "export.json")  # lists Relational databases
    page.goto("/checklist/data")
    wait_until_ready(page)
    checkbox(page, "Relational databases").click()
    expect(checkbox(page, "Relational databases")).not_to_be_checked()
    tick(page, "/checklist/web-app-deployment", "Web servers")  # not in the file

    page.goto("/your-data")
    wait_until_ready(page)
    page.locator("input[type=file]").set_input_files(str(exported))
    expect(page.get_by_role("rowheader", name="Relational databases")).to_be_visible()
    note = page.get_by_text(re.compile(r"^Merge, not replace:"))
    expect(note).to_contain_text("item in the file takes its status")
    expect(note).to_contain_text("other item stays as it is")
    page.get_by_role("button", name="Import these changes").click()
    expect(page.get_by_text("Imported 1 change.", exact=False)).to_be_visible()

    page.goto("/checklist/web-app-deployment")
    wait_until_ready(page)
    expect(checkbox(page, "Web servers")).to_be_checked()  # merged, not replaced
    page.goto("/checklist/data")
    wait_until_ready(page)
    expect(checkbox(page, "Relational databases")).to_be_checked()
