"""The ``make bench`` table: one row per figure, the ratio to the same run's baseline."""

from __future__ import annotations

from pathlib import Path

import pytest

from testkit import bench_table as summary


def test_rows_round_trip_and_the_latest_row_wins(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(summary, "RESULTS", tmp_path / "results.jsonl")
    summary.record("tick (ws)", 5.0, unit="ms", target="≤ 1.5×", met=False, baseline=2.0)
    summary.record("tick (ws)", 3.0, unit="ms", target="≤ 1.5×", met=True, baseline=2.0)
    summary.record("restart", 12.0, unit="s", target="≤ 15 s", met=True)
    text = summary.table(summary.load())
    assert text.count("tick (ws)") == 1
    assert "| tick (ws) | 3.00 ms | 2.00 ms | 1.50× | ≤ 1.5× | yes |" in text
    assert "| restart | 12 s | — | — | ≤ 15 s | yes |" in text


def test_a_measured_ratio_is_shown_rather_than_the_ratio_of_the_medians(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    """The browser tick is met by the median of its paired ratios (1.05x), which the medians'
    ratio (11.5 / 11.9 = 0.97x) does not show."""
    monkeypatch.setattr(summary, "RESULTS", tmp_path / "results.jsonl")
    summary.record(
        "tick in Chromium", 11.5, unit="ms", target="≤ 1.2×", met=True, baseline=11.9, ratio=1.05
    )
    assert "| tick in Chromium | 12 ms | 12 ms | 1.05× | ≤ 1.2× | yes |" in summary.table(
        summary.load()
    )


def test_a_missed_target_stands_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(summary, "RESULTS", tmp_path / "results.jsonl")
    summary.record("memory", 676, unit="MB", target="≤ 2.5×", met=False, baseline=76)
    assert "| **no** |" in summary.table(summary.load())


def test_lighthouse_puts_every_page_and_the_blank_template_in_the_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
):
    monkeypatch.setattr(summary, "RESULTS", tmp_path / "results.jsonl")

    def row(perf: float, kib: float, seo: float = 1.0) -> dict:
        scores = {"performance": perf, "accessibility": 1.0, "best-practices": 1.0, "seo": seo}
        return {"scores": scores, "bytes": kib * 1024}

    rows = {
        "/": row(0.93, 266),
        "/stack": row(0.89, 292),
        "/stack [before]": row(0.80, 300),  # a --compare-dir build: not this checkout's figure
        "blank template /": row(0.89, 329, seo=0.9),
    }
    summary.record_lighthouse(
        rows, "blank template /", target_performance=0.95, target_bytes_ratio=1.3
    )
    text = summary.table(summary.load())
    assert "| Lighthouse performance (mobile), / | 0.93 | 0.89 (blank template) |" in text
    assert "| Lighthouse performance (mobile), /stack | 0.89 |" in text
    assert "before" not in text
    assert "| home page bytes (Lighthouse, first visit) | 266 KiB | 329 KiB" in text
    assert "| Lighthouse accessibility, best practices, SEO (lowest on any page) | 1.00 |" in text
    assert text.count("**no**") == 2  # both pages under 0.95; bytes and the rest met
