"""Memory of everything ``make run`` starts: idle after one visit, and per connected learner.

Run: make bench (or .venv/bin/python -m benchmarks.memory)

Starts this app's production build on a throw-away SQLite database, and the bare baseline
app (``benchmarks/bare_app``) for comparison, the same way ``make run`` serves the app
(``scripts/serve.py``). For each: the proportional set size (PSS: shared pages split among
the processes sharing them, read with psutil) of every process of the server, once idle
after one warm-up visit, then with 200 learners connected (each has opened ``/checklist``
and ticked one item through :mod:`testkit.reflex_client`), and again after they have all
disconnected. Records the total, each process, and MB per connected learner.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
from collections.abc import Callable
from urllib.parse import urlsplit

import psutil

from testkit.bench_servers import ours_and_bare
from testkit.bench_table import record
from testkit.processes import listening_pids, process_tree, pss_mb
from testkit.reflex_client import BareTab, ProgressLearner

LEARNERS = 200
OPEN_CONCURRENCY = 25
SETTLE_S = 3.0
TARGET_RATIO = 2.5


async def settle_and_measure(pids: list[int]) -> float:
    await asyncio.sleep(SETTLE_S)
    return pss_mb(pids)


def server_pids(url: str) -> list[int]:
    """The processes listening on the URL's port, with their parents' trees up to the server.

    What ``make run`` started: the listening process, and a supervisor above it if any.
    """
    listeners = listening_pids(urlsplit(url).port)
    if not listeners:
        raise RuntimeError(f"no process listens on {url}")
    tops = set()
    for pid in listeners:
        process = psutil.Process(pid)
        while (parent := process.parent()) is not None and _serves(parent):
            process = parent
        tops.add(process.pid)
    return sorted({pid for top in tops for pid in process_tree(top)})


def _serves(process: psutil.Process) -> bool:
    """A process of the server (python/reflex/granian), not the shell or pytest above it."""
    try:
        command = " ".join(process.cmdline())
    except (psutil.NoSuchProcess, psutil.AccessDenied):
        return False
    return "scripts.serve" in command or "reflex run" in command or "granian" in command


def per_process(pids: list[int]) -> list[tuple[int, str, float]]:
    rows = []
    for pid in pids:
        try:
            command = " ".join(psutil.Process(pid).cmdline()[1:4])
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        rows.append((pid, command, pss_mb([pid])))
    return rows


async def measure(name: str, url: str, make: Callable, learners: int) -> dict:
    from fullstack_guide.content import get_content

    item = sorted(get_content().item_slugs)[0]
    pids = server_pids(url)
    warm = make()
    await warm.open()
    await warm.tick(item)
    await warm.close()
    idle = await settle_and_measure(pids)
    processes = per_process(pids)
    for pid, command, mb in processes:
        print(f"  {name:<4} process {pid} ({command}): {mb:.1f} MB PSS", flush=True)

    gate = asyncio.Semaphore(OPEN_CONCURRENCY)
    tabs = [make() for _ in range(learners)]

    async def visit(tab) -> None:
        async with gate:
            await tab.open()
            await tab.tick(item)

    failures = 0
    try:
        results = await asyncio.gather(*(visit(tab) for tab in tabs), return_exceptions=True)
        failures = sum(isinstance(result, BaseException) for result in results)
        connected = await settle_and_measure(pids)
    finally:
        await asyncio.gather(*(tab.close() for tab in tabs), return_exceptions=True)
        gc.collect()
    after = await settle_and_measure(pids)
    per_learner = (connected - idle) / learners
    print(
        f"  {name:<4} idle {idle:7.1f} MB | {learners} connected {connected:7.1f} MB "
        f"(+{connected - idle:.1f} MB, {per_learner:.3f} MB/learner) | "
        f"after they left {after:7.1f} MB | failed visits {failures}",
        flush=True,
    )
    return {
        "idle": idle,
        "connected": connected,
        "after": after,
        "per_learner": per_learner,
        "processes": processes,
    }


async def bench(ours_url: str, bare_url: str, learners: int) -> None:
    print(f"PSS of every process of each server, {learners} learners")
    bare = await measure("bare", bare_url, lambda: BareTab(bare_url), learners)
    ours = await measure("ours", ours_url, lambda: ProgressLearner(ours_url), learners)
    ratio = ours["idle"] / bare["idle"]
    print(f"  idle after one visit: ours {ours['idle']:.0f} MB, {ratio:.2f}x bare", flush=True)
    record(
        "memory of everything make run starts (PSS, after one visit)",
        ours["idle"],
        unit="MB",
        target=f"≤ {TARGET_RATIO}× bare",
        met=ratio <= TARGET_RATIO,
        baseline=bare["idle"],
        baseline_name="bare Reflex app, served the same way",
    )
    record(
        "processes make run leaves serving",
        len(ours["processes"]),
        unit="",
        target="one holding the app",
        met=len(ours["processes"]) == 1,
        baseline=len(bare["processes"]),
        baseline_name="bare app",
    )
    largest = max(mb for _, _, mb in ours["processes"])
    record(
        "largest process of make run (PSS, after one visit)",
        largest,
        unit="MB",
        target="report",
        met=True,
        baseline=max(mb for _, _, mb in bare["processes"]),
        baseline_name="bare app",
    )
    record(
        "memory per connected learner (PSS)",
        ours["per_learner"],
        unit="MB",
        target="report",
        met=True,
        baseline=bare["per_learner"],
        baseline_name="bare app",
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--learners", type=int, default=LEARNERS)
    parser.add_argument(
        "--running",
        nargs=2,
        metavar=("OURS_URL", "BARE_URL"),
        help="use servers that are already running instead of starting both",
    )
    args = parser.parse_args()
    if args.running:
        asyncio.run(bench(*args.running, args.learners))
        return
    with ours_and_bare("fsg-bench-memory-") as (ours, bare, _):
        asyncio.run(bench(ours.url, bare.url, args.learners))


if __name__ == "__main__":
    main()
