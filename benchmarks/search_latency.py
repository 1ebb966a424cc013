"""Search latency: median and p95 of full-content queries against the real index.

Run: make bench (or .venv/bin/python -m benchmarks.search_latency)
Prints the figures; the target is a median under 50 ms per query on the server.
"""

from __future__ import annotations

import statistics
import time

from fullstack_guide.services.search import default_index, search

QUERIES = [
    "django",
    "djnago",
    "postgres",
    "postgresql",
    "orm",
    "flask api",
    "react",
    "deploy",
    "docker container",
    "continuous integration",
    "websockets",
    "who uses python",
    "netflix",
    "cache",
    "celery redis",
    "virtualenv",
    "nginx gunicorn",
    "sql injection",
    "llm",
    "rag",
    "kubernets",
    "monitoring errors",
    "template engine",
    "static site",
    "data visualisation",
]
ROUNDS = 40


def main() -> None:
    started = time.perf_counter()
    docs = default_index()
    build_ms = (time.perf_counter() - started) * 1000
    timings = []
    for _ in range(ROUNDS):
        for query in QUERIES:
            t0 = time.perf_counter()
            search(query)
            timings.append((time.perf_counter() - t0) * 1000)
    timings.sort()
    p95 = timings[int(len(timings) * 0.95)]
    print(f"documents indexed: {len(docs)} (index built in {build_ms:.1f} ms)")
    print(
        f"queries: {len(timings)}; median {statistics.median(timings):.2f} ms; "
        f"p95 {p95:.2f} ms; max {timings[-1]:.2f} ms; target: median < 50 ms"
    )


if __name__ == "__main__":
    main()
