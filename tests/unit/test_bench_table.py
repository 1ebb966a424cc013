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


def test_a_missed_target_stands_out(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(summary, "RESULTS", tmp_path / "results.jsonl")
    summary.record("memory", 676, unit="MB", target="≤ 2.5×", met=False, baseline=76)
    assert "| **no** |" in summary.table(summary.load())
