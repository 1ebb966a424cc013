"""Lighthouse scores of the production build, one page of each type, against Reflex's blank app.

Installs npm ``lighthouse`` into ``.tools/`` when missing, builds and serves the app's
production build (``reflex run --env prod`` on a free port and a throw-away migrated SQLite
database, as the browser tests do) and Reflex's ``blank`` template built and served the same
way, then runs Lighthouse (its default mobile configuration: a mid-range phone screen and
simulated slow-4G / 4x CPU throttling) with Debian's Chromium on each page.

It prints the performance, accessibility, best-practices and SEO scores and the bytes each
page transfers (median of ``--runs`` runs), the home page's bytes against the blank app's,
and every scored audit that fails, with the pages it fails on.
Targets: performance >= 0.95, accessibility, best practices and SEO 1.00, home page bytes
<= 1.3x the blank app's.

Run: make bench (or .venv/bin/python -m benchmarks.lighthouse [--runs N] [--copy])
By default the app is built in this checkout's ``.web``, as ``make run`` and ``make test`` do;
``--copy`` builds a throw-away copy instead (without ``.web``, ``.venv``, ``.tools``), and
``--app-dir DIR`` builds the project in DIR. ``--compare NAME=VALUE`` and ``--compare-dir DIR``
(another checkout, e.g. the commit before a change) measure an alternative right after each
page, so both see the same load. JSON reports go to
``benchmarks/results/lighthouse/``.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import urllib.request
from collections import defaultdict
from pathlib import Path

from testkit.app_server import AppServer
from testkit.bench_table import record_lighthouse
from testkit.migrations import upgrade

ROOT = Path(__file__).resolve().parent.parent
TOOLS = ROOT / ".tools"
NODE_BIN = TOOLS / "node_modules" / ".bin"
LIGHTHOUSE = NODE_BIN / "lighthouse"
# Lighthouse 13 needs Node.js >= 22.19; 12 runs on the Node.js 20 Debian ships.
LIGHTHOUSE_PACKAGE = "lighthouse@12"
VENV_BIN = Path(sys.executable).parent
CHROME_PATH = "/usr/bin/chromium"
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-quic --no-first-run "
    "--disable-background-networking --disable-component-update --disable-sync"
)
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
RESULTS = ROOT / "benchmarks" / "results" / "lighthouse"

# One page of each type: home, diagram, technology, checklist, section, item, journey,
# builder, dashboard, examples, one example, why Python, sources.
PAGES = (
    "/",
    "/stack",
    "/stack/backend/django",
    "/checklist",
    "/checklist/data",
    "/checklist/data/orm",
    "/journey",
    "/builder",
    "/dashboard",
    "/who-uses-python",
    "/who-uses-python/netflix",
    "/why-python",
    "/sources",
)
TARGET_PERFORMANCE = 0.95
TARGET_BYTES_RATIO = 1.3


class BuildServer(AppServer):
    """``reflex run --env prod`` for the Reflex app in ``app_dir`` (any app, not only ours)."""

    def __init__(
        self, app_dir: Path, db_url: str | None, log_path: Path, env: dict[str, str] | None = None
    ) -> None:
        super().__init__(db_url, log_path, app_dir=app_dir, name=app_dir.name)
        self.env = env or {}

    def _extra_env(self) -> dict[str, str]:
        return {**super()._extra_env(), **self.env}

    def ensure_up(self) -> None:
        """Restart the server if it has stopped (another process may have signalled it)."""
        if self.process is not None and self.process.poll() is None:
            return
        print(f"  the server for {self.app_dir} had stopped; starting it again", flush=True)
        self.stop()
        self.start()


def ensure_lighthouse() -> None:
    if LIGHTHOUSE.exists():
        return
    print(f"installing {LIGHTHOUSE_PACKAGE} into {TOOLS} …", flush=True)
    TOOLS.mkdir(exist_ok=True)
    subprocess.run(
        [
            "npm",
            "install",
            "--prefix",
            str(TOOLS),
            "--no-audit",
            "--no-fund",
            "--loglevel=error",
            LIGHTHOUSE_PACKAGE,
        ],
        check=True,
    )


def copy_project(parent: Path) -> Path:
    """A copy of this checkout to build in, without its build output and tool directories."""
    target = parent / "app"
    top_level = {".web", ".venv", ".tools", ".states", ".git", "data", "uploaded_files"}

    def ignore(directory: str, names: list[str]) -> set[str]:
        skipped = {name for name in names if name == "__pycache__"}
        if Path(directory) == ROOT:
            skipped |= top_level & set(names)
        return skipped

    shutil.copytree(ROOT, target, symlinks=True, ignore=ignore)
    return target


def blank_app(parent: Path) -> Path:
    """Reflex's blank template, initialised in ``parent/blank_app``."""
    app_dir = parent / "blank_app"
    app_dir.mkdir()
    env = {
        **os.environ,
        "REFLEX_TELEMETRY_ENABLED": "false",
        "PATH": f"{NODE_BIN}:{VENV_BIN}:{os.environ.get('PATH', '')}",
    }
    env.pop("REFLEX_DB_URL", None)
    subprocess.run(
        [str(VENV_BIN / "reflex"), "init", "--template", "blank", "--loglevel", "warning"],
        cwd=app_dir,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return app_dir


def lighthouse(url: str, report: Path) -> dict:
    """One Lighthouse run (default mobile configuration); the parsed JSON report."""
    subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
            "--max-wait-for-load=60000",
        ],
        env={**os.environ, "CHROME_PATH": CHROME_PATH},
        check=True,
        stdout=subprocess.DEVNULL,
    )
    return json.loads(report.read_text())


def failing_audits(result: dict) -> list[tuple[str, str, str]]:
    """(category, audit id, title and value) of each weighted audit scoring below 1."""
    failing = []
    for category in CATEGORIES:
        for ref in result["categories"][category]["auditRefs"]:
            audit = result["audits"][ref["id"]]
            if ref.get("weight", 0) <= 0 or audit["score"] is None or audit["score"] >= 1:
                continue
            if audit["scoreDisplayMode"] in ("notApplicable", "informative", "manual"):
                continue
            shown = audit.get("displayValue") or f"score {audit['score']:.2f}"
            failing.append((category, ref["id"], f"{audit['title']} ({shown})"))
    return failing


def diagnostics(result: dict) -> list[str]:
    """Unweighted performance audits and insights that flag something, with their figures."""
    found = []
    for ref in result["categories"]["performance"]["auditRefs"]:
        audit = result["audits"][ref["id"]]
        if ref.get("weight", 0) > 0 or audit["score"] is None or audit["score"] >= 1:
            continue
        if audit["scoreDisplayMode"] in ("notApplicable", "manual"):
            continue
        found.append(f"{ref['id']}: {audit['title']} ({audit.get('displayValue') or '-'})")
    return found


def measure(label: str, server: BuildServer, route: str, runs: int, out_dir: Path) -> dict:
    """Median scores and bytes of ``runs`` Lighthouse runs on ``route``."""
    results = []
    page, _, setting = label.partition(" ")
    name = (page.strip("/").replace("/", "_") or "home") + setting.replace(" ", "-")
    for run in range(runs):
        report = out_dir / f"{name}-{run + 1}.json"
        try:
            results.append(lighthouse(f"{server.url}{route}", report))
        except subprocess.CalledProcessError:  # the server may have been stopped under us
            server.ensure_up()
            results.append(lighthouse(f"{server.url}{route}", report))
    scores = {
        category: statistics.median(r["categories"][category]["score"] for r in results)
        for category in CATEGORIES
    }
    transferred = statistics.median(
        r["audits"]["total-byte-weight"]["numericValue"] for r in results
    )
    metrics = {
        key: statistics.median(r["audits"][key]["numericValue"] for r in results)
        for key in (
            "first-contentful-paint",
            "largest-contentful-paint",
            "total-blocking-time",
            "cumulative-layout-shift",
            "speed-index",
        )
    }
    failing = {(cat, audit_id): text for r in results for cat, audit_id, text in failing_audits(r)}
    return {
        "scores": scores,
        "bytes": transferred,
        "metrics": metrics,
        "failing": failing,
        "diagnostics": diagnostics(results[0]),
    }


def print_report(rows: dict[str, dict], blank_label: str) -> None:
    print(
        f"\n{'page':30}{'perf':>6}{'a11y':>6}{'BP':>6}{'SEO':>6}{'KiB':>9}"
        f"{'FCP s':>7}{'LCP s':>7}{'TBT ms':>8}{'CLS':>7}"
    )
    for label, row in rows.items():
        s, m = row["scores"], row["metrics"]
        print(
            f"{label:30}"
            + "".join(f"{s[c]:>6.2f}" for c in CATEGORIES)
            + f"{row['bytes'] / 1024:>9.1f}"
            f"{m['first-contentful-paint'] / 1000:>7.2f}"
            f"{m['largest-contentful-paint'] / 1000:>7.2f}"
            f"{m['total-blocking-time']:>8.0f}"
            f"{m['cumulative-layout-shift']:>7.3f}"
        )
    if "/" in rows:
        ratio = rows["/"]["bytes"] / rows[blank_label]["bytes"]
        verdict = "met" if ratio <= TARGET_BYTES_RATIO else "MISSED"
        print(
            f"\nhome page bytes: {rows['/']['bytes'] / 1024:.1f} KiB vs blank template "
            f"{rows[blank_label]['bytes'] / 1024:.1f} KiB = {ratio:.2f}x "
            f"(target <= {TARGET_BYTES_RATIO}x: {verdict})"
        )
    app_rows = {label: row for label, row in rows.items() if label != blank_label}
    below = [
        f"{label} {category} {row['scores'][category]:.2f}"
        for label, row in app_rows.items()
        for category in CATEGORIES
        if row["scores"][category] < (TARGET_PERFORMANCE if category == "performance" else 1)
    ]
    print(
        "targets (perf >= 0.95, a11y/BP/SEO = 1.00): "
        + ("all met" if not below else "missed on " + ", ".join(below))
    )

    pages_by_audit: dict[tuple[str, str], list[str]] = defaultdict(list)
    texts: dict[tuple[str, str], str] = {}
    for label, row in rows.items():
        for key, text in row["failing"].items():
            pages_by_audit[key].append(label)
            texts.setdefault(key, text)
    for label in ("/", blank_label):
        if label in rows:
            print(f"\nperformance diagnostics (unweighted) on {label}:")
            for line in rows[label]["diagnostics"] or ["none"]:
                print(f"  {line}")
    print("\nfailing scored audits (any run), by category:")
    if not pages_by_audit:
        print("  none")
    for key in sorted(pages_by_audit):
        print(f"  [{key[0]}] {key[1]}: {texts[key]}")
        print(f"      on: {', '.join(pages_by_audit[key])}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="Lighthouse runs per page")
    parser.add_argument("--app-dir", type=Path, default=ROOT, help="project to build and serve")
    parser.add_argument("--copy", action="store_true", help="build a throw-away copy instead")
    parser.add_argument("--keep", action="store_true", help="keep the built copies afterwards")
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated routes")
    parser.add_argument(
        "--compare",
        metavar="NAME=VALUE[,NAME=VALUE]",
        help="also build and measure the app with these environment settings, in the same run "
        "(e.g. FSG_RADIX_CSS=full)",
    )
    parser.add_argument(
        "--compare-dir",
        type=Path,
        metavar="DIR",
        help="also build and measure another checkout of the app, in the same run "
        "(e.g. a `git worktree add DIR REV` of the commit before a change)",
    )
    args = parser.parse_args()
    if not Path(CHROME_PATH).exists():
        sys.exit(f"{CHROME_PATH} is missing (make test installs Debian's chromium)")
    if not (NODE_BIN / "bun").exists():
        sys.exit(f"bun is missing from {NODE_BIN} (make run installs it)")
    ensure_lighthouse()

    workdir = Path(tempfile.mkdtemp(prefix="fsg-lighthouse-"))
    out_dir = RESULTS
    shutil.rmtree(out_dir, ignore_errors=True)
    out_dir.mkdir(parents=True)
    db_url = f"sqlite:///{workdir / 'lighthouse.db'}"
    upgrade(db_url)
    blank_dir = blank_app(workdir)
    app_dir = copy_project(workdir) if args.copy else args.app_dir.resolve()
    servers = {
        "app": BuildServer(app_dir, db_url, workdir / "app.log"),
        "blank": BuildServer(blank_dir, None, workdir / "blank.log"),
    }
    if args.compare:
        settings = dict(setting.split("=", 1) for setting in args.compare.split(","))
        servers[args.compare] = BuildServer(app_dir, db_url, workdir / "compare.log", env=settings)
    if args.compare_dir:
        other = args.compare_dir.resolve()
        servers[other.name] = BuildServer(other, db_url, workdir / "compare-dir.log")
    alternatives = [name for name in servers if name not in ("app", "blank")]
    rows: dict[str, dict] = {}
    blank_label = "blank template /"
    try:
        for name, server in servers.items():
            print(f"building and serving the {name} ({server.app_dir}) …", flush=True)
            server.start()
        for route in [p for p in args.pages.split(",") if p]:
            servers["app"].ensure_up()
            urllib.request.urlopen(f"{servers['app'].url}{route}", timeout=30).close()  # warm up
            rows[route] = measure(route, servers["app"], route, args.runs, out_dir)
            print(f"  measured {route}", flush=True)
            for name in alternatives:  # right after the same page, so both see the same load
                label = f"{route} [{name}]"
                rows[label] = measure(label, servers[name], route, args.runs, out_dir)
        servers["blank"].ensure_up()
        rows[blank_label] = measure("blank", servers["blank"], "/", args.runs, out_dir)
    finally:
        for server in servers.values():
            server.stop()
        if not args.keep:  # the builds are large; the server logs stay
            for built in (blank_dir, workdir / "app"):
                shutil.rmtree(built, ignore_errors=True)
    print(f"\nLighthouse {_version()} (mobile), median of {args.runs} run(s) per page")
    print_report(rows, blank_label)
    record_lighthouse(
        rows,
        blank_label,
        target_performance=TARGET_PERFORMANCE,
        target_bytes_ratio=TARGET_BYTES_RATIO,
    )
    print(f"\nJSON reports: {out_dir}; server logs: {workdir}")


def _version() -> str:
    done = subprocess.run([str(LIGHTHOUSE), "--version"], capture_output=True, text=True)
    return done.stdout.strip()


if __name__ == "__main__":
    main()
