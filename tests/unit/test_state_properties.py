"""Property tests: no input a browser can send makes a handler raise or change saved data."""

from __future__ import annotations

import asyncio

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from fullstack_guide.components.search import SearchState
from fullstack_guide.services import search
from tests.conftest import examples
from tests.unit.tabs import Tab

ANYTHING = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**70), max_value=2**70),
    st.floats(allow_nan=True),
    st.text(max_size=300),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1000, max_size=5000),
    st.lists(st.text(max_size=5), max_size=3),
    st.dictionaries(st.text(max_size=5), st.text(max_size=5), max_size=3),
)
SETTINGS = settings(
    max_examples=examples(60),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)


def _loaded_tab(storage: dict[str, str] | None = None) -> Tab:
    tab = Tab(storage)
    asyncio.run(tab.identify())
    return tab


TAB = None


def tab() -> Tab:
    global TAB
    if TAB is None:
        TAB = _loaded_tab()
        asyncio.run(TAB.progress.set_done("orm", True))
    return TAB


@SETTINGS
@given(slug=ANYTHING, value=ANYTHING)
def test_set_status_and_set_done_never_raise_or_corrupt(slug, value):
    learner_tab = tab().progress
    asyncio.run(learner_tab.set_status(slug, value))
    asyncio.run(learner_tab.set_done(slug, value))
    asyncio.run(learner_tab.key_command(slug, value, value))
    reloaded = _loaded_tab(dict(tab().storage)).progress
    assert reloaded.statuses.get("orm") == "done"
    assert set(reloaded.statuses) <= {"orm"} | ({slug} if isinstance(slug, str) else set())


@SETTINGS
@given(query=ANYTHING)
def test_search_never_raises(query):
    hits = search.search(query)  # type: ignore[arg-type]
    assert len(hits) <= 8
    palette = SearchState(_reflex_internal_init=True)
    palette.set_query(query)
    assert len(palette.results) <= 8
