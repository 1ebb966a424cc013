"""A pytest plugin for `make mutate` only (``-p tests.unit.mutation_plugin`` in [tool.mutmut]).

mutmut learns which tests run each function from one run of the suite, then forks each
mutant's run from that process. A memoised result (the content's cached indexes, the search
index) is computed by the first test that needs it only, so later tests that rely on it were
never linked to the code behind it, and a forked run would reuse the original code's result.
So each run starts with fresh caches, and before each test the shared content drops its
cached indexes and the services their ``functools`` caches, so whichever code a test relies on
runs again inside it.
"""

from __future__ import annotations

import sys
from functools import cached_property

MUTATED = ("fullstack_guide.services", "fullstack_guide.content")


def clear_app_caches(prefixes: tuple[str, ...], keep: tuple[object, ...] = ()) -> int:
    """Clear every ``functools`` cache in the loaded modules under ``prefixes`` but ``keep``."""
    cleared = 0
    for name, module in list(sys.modules.items()):
        if module is None or not name.startswith(prefixes):
            continue
        for value in list(vars(module).values()):
            if value not in keep and callable(getattr(value, "cache_clear", None)):
                value.cache_clear()
                cleared += 1
    return cleared


def forget_cached_properties(obj: object) -> int:
    """Drop ``obj``'s computed ``cached_property`` values so the next read computes them."""
    names = [n for n, v in vars(type(obj)).items() if isinstance(v, cached_property)]
    return sum(obj.__dict__.pop(n, None) is not None for n in names)


def pytest_sessionstart(session) -> None:
    clear_app_caches(MUTATED)


def pytest_runtest_setup(item) -> None:
    # The session-wide content (the `content` fixture) stays the same object; only its
    # indexes are rebuilt, by the code under test.
    loader = sys.modules.get("fullstack_guide.content.loader")
    if loader is None:
        return
    forget_cached_properties(loader.get_content())
    clear_app_caches(MUTATED, keep=(loader.get_content,))
