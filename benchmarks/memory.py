"""Backend memory: resident set with the app idle and with 200 learners connected.

Run: make bench (or .venv/bin/python -m benchmarks.memory)

Starts this app's production build on a throw-away SQLite database, and the bare baseline
app (``benchmarks/bare_app``) for comparison, the same way ``make run`` serves the app.
For each: RSS of the backend worker (the process listening on the port, read with psutil)
once idle after one warm-up visit, then with 200 learners connected (each has opened
``/checklist`` and ticked one item through :mod:`testkit.reflex_client`), and again after
they have all disconnected. Prints MB per connected learner.
"""

from __future__ import annotations

import argparse
import asyncio
import gc
from collections.abc import Callable
from urllib.parse import urlsplit

from testkit.bench_servers import ours_and_bare
from testkit.processes import listening_pids, rss_mb
from testkit.reflex_client import BareTab, ProgressLearner

LEARNERS = 200
OPEN_CONCURRENCY = 25
SETTLE_S = 3.0


async def settle_and_measure(pids: list[int]) -> float:
    await asyncio.sleep(SETTLE_S)
    return rss_mb(pids)


async def measure(name: str, url: str, make: Callable, learners: int) -> dict[str, float]:
    from fullstack_guide.content import get_content

    item = sorted(get_content().item_slugs)[0]
    pids = listening_pids(urlsplit(url).port)
    if not pids:
        raise RuntimeError(f"no process listens on {url}")
    warm = make()
    await warm.open()
    await warm.tick(item)
    await warm.close()
    idle = await settle_and_measure(pids)

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
    return {"idle": idle, "connected": connected, "after": after, "per_learner": per_learner}


async def bench(ours_url: str, bare_url: str, learners: int) -> None:
    print(f"Backend RSS (VmRSS of the process serving the port), {learners} learners")
    bare = await measure("bare", bare_url, lambda: BareTab(bare_url), learners)
    ours = await measure("ours", ours_url, lambda: ProgressLearner(ours_url), learners)
    if bare["per_learner"] > 0:
        ratio = ours["per_learner"] / bare["per_learner"]
        print(f"  MB per connected learner: ours {ours['per_learner']:.3f}, {ratio:.1f}x bare")
    else:
        print(f"  MB per connected learner: ours {ours['per_learner']:.3f}")


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
