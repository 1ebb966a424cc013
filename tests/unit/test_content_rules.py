"""Keeping content current: every topic is dated, checked and well sourced, and
``make content`` reports thin and stale topics per layer."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from fullstack_guide.content import ContentError, load_content
from fullstack_guide.content import __main__ as content_cli
from fullstack_guide.content.loader import DATA_DIR
from fullstack_guide.content.report import render, summarise, year_before

BACKEND = "technologies/backend.toml"
PYTHON_THIRD_RESOURCE = """[[technologies.resources]]
title = "Full Stack Python: Python Programming Language"
url = "https://www.fullstackpython.com/python-programming-language.html"
kind = "article"
"""


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def _rewrite(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _first_reviewed(path: Path) -> str:
    return next(line for line in path.read_text().splitlines() if line.startswith("reviewed ="))


@pytest.mark.parametrize(
    ("pattern", "replacement", "field"),
    [
        (r"(?m)^reviewed = .*$", "", "reviewed"),
        (r"checked_against = \[[^\]]*\]", "checked_against = []", "checked_against"),
        (re.escape(PYTHON_THIRD_RESOURCE), "", "resources"),
    ],
    ids=["no-review-date", "nothing-checked", "two-resources"],
)
def test_a_topic_breaking_a_currency_rule_fails_to_load_naming_it(
    data_copy, pattern, replacement, field
):
    path = data_copy / BACKEND
    text, count = re.subn(pattern, replacement, path.read_text(), count=1)
    assert count == 1
    path.write_text(text)
    # The first topic of backend.toml is Python: the message names the file, the topic and the rule.
    with pytest.raises(ContentError, match=rf"(?s)backend\.toml: python: .*{field}"):
        load_content(data_copy)


def test_every_real_topic_is_dated_checked_and_has_three_resources(content):
    for tech in content.technologies:
        assert tech.reviewed <= date.today(), tech.slug
        assert tech.checked_against, tech.slug
        assert len(tech.resources) >= 3, tech.slug


def test_the_report_counts_topics_and_resources_per_layer(content):
    rows = {row.group: row for row in summarise(content, date(2026, 11, 28))}
    assert list(rows) == [layer.slug for layer in content.layers]
    for layer in content.layers:
        techs = content.technologies_in(layer.slug)
        assert rows[layer.slug].topics == len(techs)
        assert rows[layer.slug].resources == sum(len(t.resources) for t in techs)
    assert sum(row.topics for row in rows.values()) == len(content.technologies)


def test_a_review_older_than_twelve_months_is_reported_stale(data_copy):
    path = data_copy / BACKEND
    _rewrite(path, _first_reviewed(path), "reviewed = 2025-11-27")
    content = load_content(data_copy)
    today = date(2026, 11, 28)
    rows = {row.group: row for row in summarise(content, today)}
    assert rows["backend"].stale == ("python",)
    assert all(not row.stale for row in rows.values() if row.group != "backend")
    table = render(summarise(content, today), today)
    assert "stale in backend: python" in table
    backend_line = next(line for line in table.splitlines() if line.startswith("backend "))
    assert backend_line.split()[-1] == "1"
    # Exactly twelve months old is not yet stale.
    assert summarise(content, date(2026, 11, 27))[1].stale == ()


def test_a_topic_that_is_not_complete_is_reported_thin(data_copy):
    path = data_copy / BACKEND
    _rewrite(path, 'maturity = "complete"', 'maturity = "starter"')
    content = load_content(data_copy)
    rows = {row.group: row for row in summarise(content, date(2026, 11, 28))}
    assert rows["backend"].thin == ("python",)
    assert "thin in backend: python" in render(tuple(rows.values()), date(2026, 11, 28))


def test_year_before_handles_the_leap_day():
    assert year_before(date(2028, 2, 29)) == date(2027, 2, 28)
    assert year_before(date(2026, 11, 28)) == date(2025, 11, 28)


def test_make_content_prints_the_table_and_fails_on_a_content_error(data_copy, monkeypatch, capsys):
    assert content_cli.main() == 0
    out = capsys.readouterr().out
    assert "group" in out and "stale" in out and "total" in out
    _rewrite(data_copy / BACKEND, "reviewed = ", "# reviewed = ")
    monkeypatch.setattr(content_cli, "load_content", lambda: load_content(data_copy))
    assert content_cli.main() == 1
    assert "python" in capsys.readouterr().err
