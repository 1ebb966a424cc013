"""The one table ``make bench`` ends with: ours, the baseline measured in the same run, the
ratio and the target, one row per figure issue 11 tracks.

Each benchmark calls :func:`record` for the rows it measures; ``make bench`` empties the
results file first (``python -m testkit.bench_table --reset``) and prints the table last
(``python -m testkit.bench_table``). The README's performance table is copied from it.
"""

from __future__ import annotations

import argparse
import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from testkit.paths import ROOT

RESULTS = Path(os.environ.get("FSG_BENCH_RESULTS", ROOT / ".bench" / "results.jsonl"))


@dataclass(frozen=True)
class Row:
    what: str
    ours: float
    unit: str
    target: str
    met: bool
    baseline: float | None = None
    baseline_name: str = ""
    # The ratio a benchmark measured itself (a median of paired ratios, which is not the
    # ratio of the two medians); without it, ours / baseline.
    measured_ratio: float | None = None

    @property
    def ratio(self) -> float | None:
        if self.measured_ratio is not None:
            return self.measured_ratio
        if self.baseline in (None, 0):
            return None
        return self.ours / self.baseline


def record(
    what: str,
    ours: float,
    *,
    unit: str,
    target: str,
    met: bool,
    baseline: float | None = None,
    baseline_name: str = "",
    ratio: float | None = None,
) -> Row:
    """Add one measured row to this run's results (and return it)."""
    row = Row(what, ours, unit, target, met, baseline, baseline_name, ratio)
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    with RESULTS.open("a") as results:
        results.write(json.dumps(asdict(row)) + "\n")
    return row


def record_lighthouse(
    rows: dict[str, dict],
    blank_label: str,
    *,
    target_performance: float,
    target_bytes_ratio: float,
) -> None:
    """``benchmarks/lighthouse.py``'s rows: each page's performance against the blank
    template's, the home page's bytes, and the lowest of the other three categories.

    ``rows`` maps a page (or ``blank_label``) to its median ``scores`` by category and its
    ``bytes``; a label with ``[`` is an alternative build (``--compare-dir``) and is left out.
    """
    blank = rows[blank_label]
    app_rows = {
        label: row for label, row in rows.items() if label != blank_label and "[" not in label
    }
    for label, row in app_rows.items():
        score = row["scores"]["performance"]
        record(
            f"Lighthouse performance (mobile), {label}",
            score,
            unit="",
            target=f"≥ {target_performance}",
            met=score >= target_performance,
            baseline=blank["scores"]["performance"],
            baseline_name="blank template",
        )
    if "/" in rows:
        record(
            "home page bytes (Lighthouse, first visit)",
            rows["/"]["bytes"] / 1024,
            unit="KiB",
            target=f"≤ {target_bytes_ratio}× blank",
            met=rows["/"]["bytes"] <= target_bytes_ratio * blank["bytes"],
            baseline=blank["bytes"] / 1024,
            baseline_name="blank template",
        )
    others = ("accessibility", "best-practices", "seo")
    lowest = min((row["scores"][c] for row in app_rows.values() for c in others), default=1.0)
    record(
        "Lighthouse accessibility, best practices, SEO (lowest on any page)",
        lowest,
        unit="",
        target="1.00",
        met=lowest >= 1,
    )


def load() -> list[Row]:
    if not RESULTS.exists():
        return []
    return [Row(**json.loads(line)) for line in RESULTS.read_text().splitlines() if line.strip()]


def _figure(value: float | None, unit: str) -> str:
    if value is None:
        return "—"
    text = f"{value:.2f}" if abs(value) < 10 else f"{value:.0f}"
    return f"{text} {unit}".strip()


def table(rows: list[Row]) -> str:
    """A Markdown table of ``rows``; the last row of a repeated ``what`` wins."""
    latest = {row.what: row for row in rows}
    lines = [
        "| what | ours | baseline | ratio | target | met |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for row in latest.values():
        baseline = _figure(row.baseline, row.unit)
        if row.baseline_name and row.baseline is not None:
            baseline = f"{baseline} ({row.baseline_name})"
        ratio = "—" if row.ratio is None else f"{row.ratio:.2f}×"
        lines.append(
            f"| {row.what} | {_figure(row.ours, row.unit)} | {baseline} | {ratio} "
            f"| {row.target} | {'yes' if row.met else '**no**'} |"
        )
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reset", action="store_true", help="empty the results file")
    args = parser.parse_args()
    if args.reset:
        RESULTS.unlink(missing_ok=True)
        return
    rows = load()
    print(f"\n{len({row.what for row in rows})} figures from {RESULTS}:\n")
    print(table(rows))
    missed = sorted({row.what for row in rows if not row.met})
    print(f"\ntargets missed: {', '.join(missed) if missed else 'none'}")


if __name__ == "__main__":
    main()
