"""Database growth: does a learner's dashboard get slower as the guide gains learners?

Builds two throw-away SQLite databases, migrated to head with the project's Alembic
migrations: one holding 100 learners and one holding 100,000, each learner with 5-30 item
statuses and the history that led to them (spread over the last year, a few changes undone,
done items on their review schedule). History and progress rows are inserted in time order,
so a learner's rows are scattered through the tables the way real use leaves them.

One measured learner with the same 30-item profile sits in the middle of both databases.
For each size the benchmark times, on Reflex's own engine for that database and in one
committed session each (as ``fullstack_guide.db.run_in_session`` does):

- ``services.dashboard_summary.read_summary``: every query ``/dashboard`` runs for the learner;
- ``identity._identify_and_read``: a page load's path (identify by token + statuses and due
  reviews).

It prints the median and p95 of many alternating repetitions, the ratio of the 100,000-learner
median to the 100-learner median (target: <= 1.5x), and every SELECT those two paths run,
with SQLite's query plan and its own median at each size.

Run: make bench (or .venv/bin/python -m benchmarks.db_growth [--sizes 100,100000] [--reps N])
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable, Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import sqlalchemy
from reflex.model import get_engine
from sqlalchemy import event
from sqlmodel import Session

from fullstack_guide import identity
from fullstack_guide.content import get_content
from fullstack_guide.services.dashboard_summary import read_summary
from fullstack_guide.services.learners import token_digest
from fullstack_guide.services.review import REVIEW_INTERVALS_DAYS
from fullstack_guide.state import read_snapshot
from testkit.migrations import upgrade

SIZES = (100, 100_000)
TARGET_RATIO = 1.5
REPS = 300  # per size and per path, run in alternating rounds
ROUND = 25
CHUNK = 5_000  # learners generated and inserted per batch
SEED = 20_260_301

# The measured learner's token (43 URL-safe characters, the shape the app accepts).
TOKEN = "benchmarkLearnerToken-0123456789abcdefghijk"
assert len(TOKEN) == 43

# How an item reached its current status: the statuses it went through after not started.
STATUS_PATHS: tuple[tuple[int, tuple[str, ...]], ...] = (
    (40, ("done",)),
    (20, ("in_progress", "done")),
    (15, ("in_progress",)),
    (8, ("skipped",)),
    (7, ("in_progress", "done", "in_progress")),  # forgotten at a review
    (5, ("done", "not_started")),  # reset
    (5, ("in_progress", "skipped")),
)
UNDONE_SHARE = 0.05  # items that also carry one change the learner undid
SQL_TIME = "%Y-%m-%d %H:%M:%S.%f"  # how SQLAlchemy stores a DateTime in SQLite (UTC)

Row = tuple


def _ts(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime(SQL_TIME)


def _learner_rows(
    rng: random.Random,
    learner_id: int,
    item_slugs: list[str],
    now: datetime,
    n_items: int | None = None,
    days_active: float | None = None,
) -> tuple[list[Row], list[Row]]:
    """One learner's progress rows and history events (both carry a sort key first).

    The learner started ``days_active`` days ago (random within the year when not given)
    and made their changes at random moments since.
    """
    paths = [path for _, path in STATUS_PATHS]
    weights = [weight for weight, _ in STATUS_PATHS]
    n_items = n_items or rng.randint(5, 30)
    days_active = days_active or rng.uniform(1 / 24, 365)
    started = now - timedelta(days=days_active)
    span = (now - started).total_seconds()
    progress_rows: list[Row] = []
    events: list[Row] = []
    for slug in rng.sample(item_slugs, n_items):
        path = rng.choices(paths, weights)[0]
        times = sorted(started + timedelta(seconds=rng.uniform(0, span)) for _ in path)
        before = "not_started"
        for status, at in zip(path, times, strict=True):
            events.append(
                (_ts(at), learner_id, slug, before, status, f"{rng.getrandbits(128):032x}", None)
            )
            before = status
        last = times[-1]
        if rng.random() < UNDONE_SHARE:  # a change made and undone a few minutes later
            at = last + timedelta(seconds=rng.uniform(5, 600))
            undone = _ts(at + timedelta(seconds=rng.uniform(1, 120)))
            events.append(
                (
                    _ts(at),
                    learner_id,
                    slug,
                    before,
                    "skipped",
                    f"{rng.getrandbits(128):032x}",
                    undone,
                )
            )
            last = at
        step = rng.randint(0, len(REVIEW_INTERVALS_DAYS) - 1) if "done" in path else 0
        due = (
            _ts(times[-1] + timedelta(days=REVIEW_INTERVALS_DAYS[step]))
            if before == "done"
            else None
        )
        progress_rows.append((_ts(times[0]), learner_id, slug, before, _ts(last), step, due))
    return progress_rows, events


def _population(
    n_learners: int, item_slugs: list[str], now: datetime
) -> Iterator[tuple[list[Row], list[Row], list[Row]]]:
    """Learners, progress and events in chunks; the measured learner is number n/2 + 1."""
    rng = random.Random(SEED)
    target_id = n_learners // 2 + 1
    for first in range(1, n_learners + 1, CHUNK):
        learners: list[Row] = []
        progress_rows: list[Row] = []
        events: list[Row] = []
        for learner_id in range(first, min(first + CHUNK, n_learners + 1)):
            if learner_id == target_id:
                # Same profile in every database: its own seed, every checklist item,
                # changes spread over the whole year.
                rows, evs = _learner_rows(
                    random.Random(SEED + 1), learner_id, item_slugs, now, len(item_slugs), 360
                )
                digest = token_digest(TOKEN)
            else:
                rows, evs = _learner_rows(rng, learner_id, item_slugs, now)
                digest = hashlib.sha256(f"learner-{learner_id}".encode()).hexdigest()
            first_seen = min(e[0] for e in evs)
            last_seen = max(e[0] for e in evs)
            learners.append((learner_id, digest, first_seen, last_seen))
            progress_rows += rows
            events += evs
        yield learners, progress_rows, events


def build_database(path: Path, n_learners: int) -> dict[str, int]:
    """Migrate a fresh SQLite file to head and bulk-load ``n_learners`` learners into it.

    The two big tables' secondary indexes are dropped during the load and recreated from
    their own stored SQL afterwards (the schema ends exactly as the migrations made it).
    No ANALYZE is run: the app never runs it, so the planner works without statistics.
    """
    upgrade(f"sqlite:///{path}")
    item_slugs = [item.slug for item in get_content().items]
    now = datetime.now(UTC)
    conn = sqlite3.connect(path)
    try:
        conn.execute("PRAGMA journal_mode=OFF")
        conn.execute("PRAGMA synchronous=OFF")
        conn.execute("PRAGMA cache_size=-262144")
        indexes = conn.execute(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL "
            "AND tbl_name IN ('item_progress', 'progress_event')"
        ).fetchall()
        for name, _ in indexes:
            conn.execute(f'DROP INDEX "{name}"')
        conn.execute(
            "CREATE TEMP TABLE stage_progress (sort_key, learner_id, item_slug, status, "
            "updated_at, review_step, review_due_at)"
        )
        conn.execute(
            "CREATE TEMP TABLE stage_event (created_at, learner_id, item_slug, from_status, "
            "to_status, batch, undone_at)"
        )
        for learners, progress_rows, events in _population(n_learners, item_slugs, now):
            conn.executemany(
                "INSERT INTO learner (id, token_digest, created_at, last_seen_at) "
                "VALUES (?, ?, ?, ?)",
                learners,
            )
            conn.executemany(
                "INSERT INTO stage_progress VALUES (?, ?, ?, ?, ?, ?, ?)", progress_rows
            )
            conn.executemany("INSERT INTO stage_event VALUES (?, ?, ?, ?, ?, ?, ?)", events)
        # Time order: a learner's rows end up spread through the tables, as in real use.
        conn.execute(
            "INSERT INTO item_progress (learner_id, item_slug, status, updated_at, review_step, "
            "review_due_at) SELECT learner_id, item_slug, status, updated_at, review_step, "
            "review_due_at FROM stage_progress ORDER BY sort_key"
        )
        conn.execute(
            "INSERT INTO progress_event (learner_id, item_slug, from_status, to_status, batch, "
            "created_at, undone_at) SELECT learner_id, item_slug, from_status, to_status, batch, "
            "created_at, undone_at FROM stage_event ORDER BY created_at"
        )
        conn.execute("DROP TABLE stage_progress")
        conn.execute("DROP TABLE stage_event")
        for _, sql in indexes:
            conn.execute(sql)
        conn.commit()
        counts = {
            table: conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0]
            for table in ("learner", "item_progress", "progress_event")
        }
    finally:
        conn.close()
    counts["bytes"] = path.stat().st_size
    return counts


def _in_session(engine: sqlalchemy.Engine, fn: Callable, *args) -> float:
    """Milliseconds for ``fn(session, *args)`` in one committed session, like the app."""
    started = time.perf_counter()
    with Session(engine, expire_on_commit=False) as session:
        try:
            fn(session, *args)
            session.commit()
        except BaseException:
            session.rollback()
            raise
    return (time.perf_counter() - started) * 1000


def _target_id(engine: sqlalchemy.Engine) -> int:
    with Session(engine) as session:
        return identity._identify_and_read(session, "", TOKEN, read_snapshot)[0].learner_id


PATHS: dict[str, Callable[[sqlalchemy.Engine, int], float]] = {
    "dashboard (read_summary)": lambda eng, lid: _in_session(eng, read_summary, lid, get_content()),
    "page load (identify)": lambda eng, lid: _in_session(
        eng, identity._identify_and_read, "", TOKEN, read_snapshot
    ),
}


def _captured_selects(engine: sqlalchemy.Engine, learner_id: int) -> list[tuple[str, tuple]]:
    """Every SELECT the two paths run, with its parameters, in the order they ran."""
    seen: dict[str, tuple] = {}

    def capture(_conn, _cursor, statement, parameters, _context, _many):
        if statement.lstrip().upper().startswith("SELECT") and statement not in seen:
            seen[statement] = tuple(parameters)

    event.listen(engine, "before_cursor_execute", capture)
    try:
        for run in PATHS.values():
            run(engine, learner_id)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    return list(seen.items())


def _query_report(engines: dict[int, sqlalchemy.Engine], ids: dict[int, int], reps: int) -> None:
    sizes = sorted(engines)
    print("\nEvery SELECT on those paths: SQLite's plan and median ms per size")
    selects = _captured_selects(engines[sizes[-1]], ids[sizes[-1]])
    for number, (statement, params) in enumerate(selects, 1):
        one_line = " ".join(statement.split())
        print(f"\n  Q{number}: {one_line[:300]}{'…' if len(one_line) > 300 else ''}")
        figures = []
        for size in sizes:
            sized = _with_learner(params, ids[sizes[-1]], ids[size])
            with engines[size].connect() as conn:
                plan = conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", sized).all()
                timings = []
                for _ in range(reps):
                    started = time.perf_counter()
                    conn.exec_driver_sql(statement, sized).all()
                    timings.append((time.perf_counter() - started) * 1000)
            if size == sizes[-1]:
                for row in plan:
                    print(f"      plan: {row[-1]}")
            figures.append(f"{size:,} learners {statistics.median(timings):.3f} ms")
        print("      " + "; ".join(figures))


def _with_learner(params: tuple, old_id: int, new_id: int) -> tuple:
    return tuple(new_id if p == old_id and isinstance(p, int) else p for p in params)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default=",".join(str(s) for s in SIZES))
    parser.add_argument("--reps", type=int, default=REPS)
    parser.add_argument("--keep", action="store_true", help="keep the database files")
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))

    workdir = Path(tempfile.mkdtemp(prefix="fsg-db-growth-"))
    engines: dict[int, sqlalchemy.Engine] = {}
    ids: dict[int, int] = {}
    for size in sizes:
        path = workdir / f"learners-{size}.db"
        started = time.perf_counter()
        counts = build_database(path, size)
        print(
            f"built {size:,} learners: {counts['item_progress']:,} item statuses, "
            f"{counts['progress_event']:,} history events, {counts['bytes'] / 2**20:.0f} MiB "
            f"in {time.perf_counter() - started:.1f} s"
        )
        engines[size] = get_engine(f"sqlite:///{path}")
        ids[size] = _target_id(engines[size])

    timings: dict[tuple[str, int], list[float]] = {(p, s): [] for p in PATHS for s in sizes}
    for run in PATHS.values():  # warm-up: connections, statement caches, page cache
        for size in sizes:
            for _ in range(10):
                run(engines[size], ids[size])
    rounds = max(1, args.reps // ROUND)
    for number in range(rounds):
        order = sizes if number % 2 == 0 else sizes[::-1]
        for size in order:
            for name, run in PATHS.items():
                timings[(name, size)] += [run(engines[size], ids[size]) for _ in range(ROUND)]

    print(
        f"\nMeasured learner: 30 item statuses and their history; {rounds * ROUND} repetitions "
        "per path and size, alternating rounds"
    )
    header = f"{'path':30}" + "".join(f"{f'{s:,} median / p95':>26}" for s in sizes)
    print(header + f"{'ratio':>9}")
    totals = {size: [0.0] * len(timings[(next(iter(PATHS)), size)]) for size in sizes}
    rows = [*PATHS, "both together"]
    for name in rows:
        medians = []
        cells = ""
        for size in sizes:
            if name == "both together":
                values = totals[size]
            else:
                values = timings[(name, size)]
                totals[size] = [a + b for a, b in zip(totals[size], values, strict=True)]
            ordered = sorted(values)
            median = statistics.median(ordered)
            p95 = ordered[int(len(ordered) * 0.95)]
            medians.append(median)
            cells += f"{f'{median:.2f} / {p95:.2f} ms':>26}"
        ratio = medians[-1] / medians[0]
        print(f"{name:30}{cells}{ratio:>8.2f}x")
    print(f"target: the largest size within {TARGET_RATIO}x of the smallest")

    _query_report(engines, ids, max(50, args.reps // 2))
    for engine in engines.values():
        engine.dispose()
    if args.keep:
        print(f"\ndatabases kept in {workdir}")
    else:
        for path in workdir.iterdir():
            path.unlink()
        workdir.rmdir()


if __name__ == "__main__":
    main()
