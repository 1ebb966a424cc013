"""Content index: how long loading and validating the content takes, and what each look-up
costs once the index is built (pages call related_to, alternatives_to, unlocks and
technologies_for_item for every topic they render).

Run: .venv/bin/python -m benchmarks.content_index
Prints the figures; there is no target beyond "look-ups cost microseconds, not a scan".
"""

from __future__ import annotations

import statistics
import time

from fullstack_guide.content import load_content

ROUNDS = 5


def main() -> None:
    loads = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        content = load_content()
        loads.append(time.perf_counter() - start)
    slugs = [tech.slug for tech in content.technologies]
    items = [item.slug for item in content.items]
    content.related_to(slugs[0])  # build the cached indexes before timing look-ups
    start = time.perf_counter()
    for _ in range(ROUNDS):
        for slug in slugs:
            content.related_to(slug)
            content.alternatives_to(slug)
            content.unlocks(slug)
        for item in items:
            content.technologies_for_item(item)
    calls = ROUNDS * (3 * len(slugs) + len(items))
    per_call = (time.perf_counter() - start) / calls
    print(
        f"content: {len(slugs)} topics, {len(items)} items; "
        f"load+validate median {statistics.median(loads) * 1000:.0f} ms; "
        f"look-up {per_call * 1e6:.2f} µs per call ({calls} calls)"
    )


if __name__ == "__main__":
    main()
