"""A pytest plugin for `make mutate` only (``-p tests.unit.mutation_plugin`` in [tool.mutmut]).

mutmut forks each mutant's test run from a process that has already run the suite, so a
memoised result (the loaded content and its cached properties, the search index) would be
the original code's, and a mutant in the code behind it could never fail a test. Clearing
the caches of the mutated packages at the start of each run makes the mutant compute them.
"""

from __future__ import annotations

import sys


def clear_app_caches(prefixes: tuple[str, ...]) -> int:
    """Clear every ``functools`` cache in the loaded modules under ``prefixes``; how many."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(prefixes):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
                cleared += 1
    return cleared


def pytest_sessionstart(session) -> None:
    clear_app_caches(("fullstack_guide.services", "fullstack_guide.content"))
