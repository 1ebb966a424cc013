"""Tick round trip over Reflex's real websocket protocol, against a bare Reflex app.

Run: make bench (or .venv/bin/python -m benchmarks.tick_latency)

Starts two production builds (``reflex run --env prod``, free ports, bun from ``.tools``):
this app on a throw-away SQLite database, and ``benchmarks/bare_app`` (one state, one
boolean, no database). Simulated learners are :mod:`testkit.reflex_client` tabs: each
opens ``/checklist`` (hydrate + ``ProgressState.load``, which creates the learner) and ticks
checklist items with ``ProgressState.set_done`` exactly as the checkbox does; the round
trip is event sent -> delta carrying the new ``statuses`` received.

For 1, 50 and 200 concurrent learners, each ticking about once a second for ~15 s (1 learner:
four such rounds, the apps alternating, pooled), it
prints p50/p99 round trip, errors, and how many acknowledged ticks the database holds;
then saturation: learners ticking as fast as they can for ~10 s (acknowledged ticks/s).
Ratios are against the bare app measured in the same run. Targets: p50 at 1 learner
<= 1.5x bare; p99 <= 50 ms at 200 learners; zero errors; every acknowledged tick saved.
The rows go to ``make bench``'s table (:mod:`benchmarks.tick_rows`).

"srv cpu ms/tick" is the backend process's CPU time (all threads, read with psutil) over the
run divided by the acknowledged ticks; it includes the server's idle background work, so it
means most under load (saturation). The load average is printed too: on a shared machine
other work inflates every latency. ``--running OURS_URL BARE_URL SQLITE_PATH`` measures
servers that are already up instead of starting both; ``--cluster N`` measures ``make cluster``'s
topology (nginx, N workers sharing Redis, PostgreSQL) as "ours", its acknowledged ticks checked
in PostgreSQL and its CPU summed over the workers.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from urllib.parse import urlsplit

from benchmarks.tick_rows import TARGET_P50_RATIO, TARGET_P99_MS, record_tick_rows
from testkit.bench_servers import ProdServer, ours_and_bare, serving, workdir
from testkit.paths import BARE_APP
from testkit.processes import cpu_seconds, listening_pids
from testkit.reflex_client import BareTab, ProgressLearner
from testkit.saved import SavedCheck, check_saved

LEVELS = (1, 50, 200)
TICK_INTERVAL_S = 1.0
LEVEL_SECONDS = 15.0
# One learner ticks once a second, so a 15 s level is 15 ticks, and its median moved by 2x
# between whole runs with whatever else the machine did in those seconds. That level runs in
# rounds, the two apps alternating, and each app's rounds are pooled: 60 ticks each, measured
# under the same conditions as the other app's.
SINGLE_LEARNER_ROUNDS = 4
SATURATION_SECONDS = 10.0
SATURATION_LEARNERS = 50
OPEN_CONCURRENCY = 25
TICK_TIMEOUT_S = 10.0
WARMUP_TICKS = 30


def percentile(values: list[float], pct: float) -> float:
    """Nearest-rank percentile (0 for no values)."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = max(1, round(pct / 100 * len(ordered) + 0.5))
    return ordered[min(rank, len(ordered)) - 1]


@dataclass
class Run:
    app: str
    learners: int
    seconds: float = 0.0
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    open_ms: list[float] = field(default_factory=list)
    check: SavedCheck | None = None  # what the database held afterwards (ours only)
    client_cpu: float = 0.0
    server_cpu_s: float = 0.0

    @property
    def acked(self) -> int:
        return len(self.latencies_ms)

    @property
    def saved(self) -> str:
        check = self.check
        if check is None:
            return "-"
        text = f"{check.saved}/{check.acked}"
        if check.final_mismatches or check.unknown_learners:
            text += f" ({check.final_mismatches} final mismatch, {check.unknown_learners} unknown)"
        return text

    @property
    def saved_ok(self) -> bool:
        return self.check is None or self.check.ok

    @property
    def p50(self) -> float:
        return percentile(self.latencies_ms, 50)

    @property
    def p99(self) -> float:
        return percentile(self.latencies_ms, 99)

    @property
    def server_ms_per_tick(self) -> float:
        return 1000 * self.server_cpu_s / self.acked if self.acked else 0.0

    @property
    def rate(self) -> float:
        return self.acked / self.seconds if self.seconds else 0.0


Tab = ProgressLearner | BareTab


def pooled(runs: list[Run]) -> Run:
    """Rounds of one app at one level as one run: every tick, error, CPU second and database
    check of each."""
    whole = Run(runs[0].app, runs[0].learners)
    for run in runs:
        whole.seconds += run.seconds
        whole.latencies_ms += run.latencies_ms
        whole.errors += run.errors
        whole.open_ms += run.open_ms
        whole.server_cpu_s += run.server_cpu_s
        whole.client_cpu += run.client_cpu * run.seconds  # CPU seconds, divided below
        if run.check is not None:
            so_far = whole.check or SavedCheck()
            whole.check = SavedCheck(
                **{
                    name: getattr(so_far, name) + getattr(run.check, name)
                    for name in (field_.name for field_ in fields(SavedCheck))
                }
            )
    whole.client_cpu = whole.client_cpu / whole.seconds if whole.seconds else 0.0
    return whole


async def open_tabs(make: Callable[[], Tab], count: int, run: Run) -> list[Tab]:
    """Open ``count`` tabs, a few at a time, like page loads; failures count as errors."""
    gate = asyncio.Semaphore(OPEN_CONCURRENCY)
    tabs: list[Tab] = []

    async def one() -> None:
        tab = make()
        async with gate:
            try:
                run.open_ms.append(await tab.open() * 1000)
                tabs.append(tab)
            except Exception as error:  # any failure is an error of the run
                run.errors.append(f"open: {error!r}")
                await tab.close()

    await asyncio.gather(*(one() for _ in range(count)))
    return tabs


async def close_tabs(tabs: list[Tab]) -> None:
    await asyncio.gather(*(tab.close() for tab in tabs), return_exceptions=True)


async def drive(
    tabs: list[Tab], items: list[str], seconds: float, interval: float | None, run: Run
) -> None:
    """Every tab ticks random items: every ``interval`` s, or back to back when None."""
    started = time.perf_counter()
    cpu_started = time.process_time()
    end = started + seconds

    async def learner(tab: Tab, rng: random.Random) -> None:
        due = started + (rng.uniform(0, interval) if interval else 0.0)
        while True:
            if interval:
                delay = due - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                due += interval
            if time.perf_counter() >= end:
                return
            try:
                tick = await tab.tick(rng.choice(items), TICK_TIMEOUT_S)
                run.latencies_ms.append(tick.seconds * 1000)
            except Exception as error:  # any failure is an error of the run
                run.errors.append(f"tick: {error!r}")
                if not tab.tab.connected:
                    return

    await asyncio.gather(*(learner(tab, random.Random(i)) for i, tab in enumerate(tabs)))
    run.seconds = time.perf_counter() - started
    run.client_cpu = (time.process_time() - cpu_started) / run.seconds


async def measure(
    name: str,
    make: Callable[[], Tab],
    count: int,
    items: list[str],
    seconds: float,
    interval: float | None,
    db_path: str | None,
    server_pids: list[int],
) -> Run:
    run = Run(name, count)
    tabs = await open_tabs(make, count, run)
    try:
        cpu_before = cpu_seconds(server_pids)
        await drive(tabs, items, seconds, interval, run)
        run.server_cpu_s = cpu_seconds(server_pids) - cpu_before
    finally:
        await close_tabs(tabs)
    if db_path is not None:
        run.check = check_saved(db_path, [tab for tab in tabs if isinstance(tab, ProgressLearner)])
        if run.check.final_mismatches or run.check.unknown_learners:
            run.errors.append("database does not match what the tabs were shown")
    return run


async def warm_up(make: Callable[[], Tab], items: list[str]) -> None:
    tab = make()
    await tab.open()
    try:
        for i in range(WARMUP_TICKS):
            await tab.tick(items[i % len(items)])
    finally:
        await tab.close()


def ratio(ours: float, bare: float) -> str:
    return f"{ours / bare:.1f}x" if bare else "-"


def load_note() -> str:
    one, five, _ = os.getloadavg()
    cores = os.cpu_count() or 1
    note = f"load average {one:.1f} (5 min {five:.1f}) on {cores} cores"
    if one > cores:
        note += ": other work is competing for the CPU, latencies are inflated"
    return note


def print_report(pairs: list[tuple[Run, Run]], saturation: tuple[Run, Run], args) -> None:
    header = (
        f"{'learners':>8}  {'app':<4} {'ticks':>6} {'p50 ms':>7} {'p99 ms':>7} {'errors':>6} "
        f"{'saved/acked':>11} {'p50 ratio':>9} {'p99 ratio':>9} {'srv cpu ms/tick':>15} "
        f"{'open p50 ms':>11}"
    )
    print()
    print(
        f"Tick round trip (event sent -> delta with the new statuses), each learner ticking "
        f"~{1 / TICK_INTERVAL_S:.0f}/s for ~{args.seconds:.0f} s; ratios are ours / bare"
    )
    print(header)
    print("-" * len(header))
    for bare, ours in pairs:
        for run in (bare, ours):
            mine = run is ours
            print(
                f"{run.learners:>8}  {run.app:<4} {run.acked:>6} {run.p50:>7.2f} {run.p99:>7.2f} "
                f"{len(run.errors):>6} {run.saved:>11} "
                f"{ratio(run.p50, bare.p50) if mine else '':>9} "
                f"{ratio(run.p99, bare.p99) if mine else '':>9} "
                f"{run.server_ms_per_tick:>15.2f} {percentile(run.open_ms, 50):>11.1f}"
            )
    print()
    print(
        f"Saturation: {args.saturation_learners} learners ticking back to back "
        f"for ~{args.saturation:.0f} s"
    )
    for run in saturation:
        print(
            f"  {run.app:<4} {run.rate:>7.0f} acknowledged ticks/s  p50 {run.p50:.1f} ms, "
            f"p99 {run.p99:.1f} ms, errors {len(run.errors)}, saved/acked {run.saved}, "
            f"server cpu {run.server_ms_per_tick:.2f} ms/tick, client cpu {run.client_cpu:.0%}"
        )
    bare, ours = saturation
    if bare.rate:
        print(f"  throughput ratio ours / bare: {ours.rate / bare.rate:.2f}")

    verdicts = []
    by_level = {ours.learners: (bare, ours) for bare, ours in pairs}
    if 1 in by_level:
        bare1, ours1 = by_level[1]
        limit = TARGET_P50_RATIO * bare1.p50
        verdicts.append(
            (
                ours1.p50 <= limit,
                f"p50 at 1 learner {ours1.p50:.2f} ms <= {TARGET_P50_RATIO}x bare ({limit:.2f} ms)",
            )
        )
    if by_level:
        top = max(by_level)
        p99 = by_level[top][1].p99
        verdicts.append(
            (p99 <= TARGET_P99_MS, f"p99 at {top} learners {p99:.1f} ms <= {TARGET_P99_MS:.0f} ms")
        )
    runs = [run for pair in [*pairs, saturation] for run in pair]
    errors = [error for run in runs for error in run.errors]
    verdicts.append((not errors, f"errors: {len(errors)} (target 0)"))
    saved = all(run.saved_ok for run in runs if run.app == "ours")
    verdicts.append((saved, "every acknowledged tick is in the database"))
    print()
    print("Targets")
    for ok, text in verdicts:
        print(f"  [{'met' if ok else 'MISSED'}] {text}")
    for error in errors[:5]:
        print(f"  error: {error}")
    print(load_note())


@dataclass
class App:
    name: str
    make: Callable[[], Tab]
    db_path: str | None
    pids: list[int]


async def bench(
    ours_url: str,
    bare_url: str,
    db: str,
    args: argparse.Namespace,
    ours_pids: list[int] | None = None,
) -> None:
    """Measure both apps; ``db`` is our SQLite file or database URL, ``ours_pids`` its workers."""
    from fullstack_guide.content import get_content

    items = sorted(get_content().item_slugs)
    if ours_pids is None:
        ours_pids = listening_pids(urlsplit(ours_url).port)
    apps = [
        App("bare", lambda: BareTab(bare_url), None, listening_pids(urlsplit(bare_url).port)),
        App("ours", lambda: ProgressLearner(ours_url), db, ours_pids),
    ]
    print(load_note(), flush=True)
    for app in apps:
        await warm_up(app.make, items)

    async def run(app: App, count: int, seconds: float, interval: float | None) -> Run:
        return await measure(
            app.name, app.make, count, items, seconds, interval, app.db_path, app.pids
        )

    pairs = []
    for count in args.levels:
        rounds = SINGLE_LEARNER_ROUNDS if count == 1 else 1
        by_app: dict[str, list[Run]] = {app.name: [] for app in apps}
        for round_ in range(rounds):
            for app in apps if round_ % 2 == 0 else apps[::-1]:
                print(f"  {count} learner(s), {app.name}...", flush=True)
                by_app[app.name].append(await run(app, count, args.seconds, TICK_INTERVAL_S))
        pairs.append((pooled(by_app[apps[0].name]), pooled(by_app[apps[1].name])))
    saturation = []
    for app in apps:
        print(f"  saturation, {app.name}...", flush=True)
        saturation.append(await run(app, args.saturation_learners, args.saturation, None))
    print_report(pairs, (saturation[0], saturation[1]), args)
    label = f"cluster, {args.cluster} workers" if args.cluster else ""
    record_tick_rows(pairs, (saturation[0], saturation[1]), label)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--levels", type=int, nargs="+", default=list(LEVELS))
    parser.add_argument("--seconds", type=float, default=LEVEL_SECONDS)
    parser.add_argument("--saturation", type=float, default=SATURATION_SECONDS)
    parser.add_argument("--saturation-learners", type=int, default=SATURATION_LEARNERS)
    parser.add_argument(
        "--running",
        nargs=3,
        metavar=("OURS_URL", "BARE_URL", "SQLITE_PATH"),
        help="use servers that are already running instead of starting both",
    )
    parser.add_argument(
        "--cluster",
        type=int,
        metavar="WORKERS",
        help="measure the cluster (nginx, WORKERS Reflex workers, Redis, PostgreSQL) as 'ours'",
    )
    args = parser.parse_args()
    if args.running:
        asyncio.run(bench(*args.running, args))
        return
    if args.cluster:
        bench_cluster(args)
        return

    with ours_and_bare("fsg-bench-ticks-") as (ours, bare, db_path):
        asyncio.run(bench(ours.url, bare.url, db_path, args))


def bench_cluster(args: argparse.Namespace) -> None:
    """The same measurements with 'ours' served by ``scripts/cluster/`` on free ports."""
    from scripts.cluster import Cluster, free_port

    tmp = workdir("fsg-bench-cluster-")
    tmp.chmod(0o755)  # PostgreSQL and nginx run as their own accounts
    taken: set[int] = set()

    def port() -> int:
        taken.add(number := free_port(taken))
        return number

    cluster = Cluster(
        tmp / "cluster",
        port=port(),
        worker_ports=[port() for _ in range(args.cluster)],
        pg_port=port(),
        redis_port=port(),
    )
    bare = ProdServer("bare", BARE_APP, tmp / "bare.log")
    print(f"Starting the cluster ({args.cluster} workers) and the bare app (logs in {tmp})...")
    cluster.start()
    try:
        with serving(bare):
            workers = [pid for p in cluster.worker_ports for pid in listening_pids(p)]
            asyncio.run(bench(cluster.origin, bare.url, cluster.db_url, args, workers))
    finally:
        cluster.stop()


if __name__ == "__main__":
    main()
