"""`make content` (``python -m fullstack_guide.content``) says what it loaded, pinned where
`make mutate` found it loose (see README.md, "Mutation testing")."""

from __future__ import annotations

import time
from datetime import UTC, datetime

import pytest

from fullstack_guide.content import __main__ as content_cli


def test_make_content_prints_what_it_loaded(content, capsys):
    assert content_cli.main() == 0
    first_line = capsys.readouterr().out.splitlines()[0]
    assert first_line == (
        f"content ok: {len(content.layers)} layers, {len(content.technologies)} technologies, "
        f"{len(content.sections)} checklist sections, {len(content.items)} items, "
        f"{len(content.examples)} examples, {len(content.perks)} perks, "
        f"{len(content.sources)} sources"
    )


@pytest.mark.parametrize("zone", ["Etc/GMT-14", "Etc/GMT+12"])  # one is a day off UTC now
def test_make_content_dates_its_review_in_utc_whatever_the_local_zone(monkeypatch, capsys, zone):
    monkeypatch.setenv("TZ", zone)
    time.tzset()
    try:
        assert content_cli.main() == 0
    finally:
        monkeypatch.undo()
        time.tzset()
    today = datetime.now(UTC).date().isoformat()
    assert f"Content review as of {today} " in capsys.readouterr().out
