"""``read_alone``: a named item's status is subscribed to by value, not through the whole state.

What it buys in the browser (a tick re-renders one item) is tested in
``tests/browser/test_render_scope.py``; this checks the JavaScript it asks for and what it refuses.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import reflex as rx

from fullstack_guide.components.progress import item_checkbox, section_progress, status_badge
from fullstack_guide.components.state_slice import read_alone
from fullstack_guide.content import get_content
from fullstack_guide.identity import IdentityState
from fullstack_guide.state import ProgressState, status_of

PROGRESS = ProgressState.get_full_name()
HOOK_SOURCE = Path(__file__).resolve().parents[2] / "fullstack_guide/components/state_slice.js"


def _hooks(thing: rx.Var | rx.Component) -> str:
    if isinstance(thing, rx.Var):
        data = thing._get_all_var_data()
        return "\n".join(data.hooks if data else ())
    return "\n".join(thing._get_all_hooks())


def _reads_progress_whole(code: str) -> bool:
    return f'useStateContext("{PROGRESS}")' in code


def test_a_named_items_status_is_read_alone() -> None:
    hooks = _hooks(status_of("orm"))
    assert f'useStateSlice("{PROGRESS}"' in hooks
    assert '.statuses_rx_state_?.["orm"]' in hooks
    assert not _reads_progress_whole(hooks)


def test_a_status_looked_up_by_a_page_var_stays_a_plain_read() -> None:
    """Inside rx.foreach the slug is a render-time value a hook cannot see."""
    slug = rx.Var.create("orm")  # a Var, not a str: could be a loop variable
    assert _reads_progress_whole(_hooks(status_of(slug)))


@pytest.mark.parametrize(
    "component",
    [
        pytest.param(lambda item: item_checkbox(item), id="checkbox"),
        pytest.param(lambda item: status_badge(item), id="badge"),
        pytest.param(lambda item: section_progress("data", "Data"), id="section bar"),
    ],
)
def test_checklist_controls_never_read_the_whole_progress_state(component) -> None:
    code = _hooks(component(get_content().item("orm")))
    assert "useStateSlice(" in code
    assert not _reads_progress_whole(code)


def test_equal_reads_share_one_hook() -> None:
    assert str(status_of("orm")) == str(status_of("orm"))
    assert str(status_of("orm")) != str(status_of("sql"))


def test_only_a_str_bool_or_number_can_be_read_alone() -> None:
    """A list or dict would be a new object on every read: React would render forever."""
    with pytest.raises(TypeError):
        read_alone(ProgressState.review_due)
    with pytest.raises(TypeError):
        read_alone(ProgressState.statuses)


def test_a_var_of_no_state_or_of_two_states_is_refused() -> None:
    with pytest.raises(ValueError):
        read_alone(rx.Var.create("done"))
    with pytest.raises(ValueError):
        read_alone((IdentityState.username + ProgressState.overall_summary).to(str))


def test_the_hook_module_ships_with_the_app() -> None:
    assert "export function useStateSlice" in HOOK_SOURCE.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "component",
    [
        pytest.param(lambda item: item_checkbox(item), id="checkbox"),
        pytest.param(lambda item: item_checkbox(item, label="Done"), id="labelled checkbox"),
        pytest.param(lambda item: status_badge(item), id="badge"),
    ],
)
def test_a_row_swaps_its_placeholder_in_the_background(component) -> None:
    """The statuses' arrival swaps 60 skeletons on /checklist: read deferred, React splits
    that render into short tasks instead of blocking the page with one (issue 11)."""
    code = _hooks(component(get_content().item("orm")))
    ready = read_alone(ProgressState.ready, deferred=True)
    assert str(ready).startswith("settled_")
    assert str(ready) in code and "useSettledSlice(" in code
    assert ".ready_rx_state_" in code


def test_a_deferred_read_is_useDeferredValue_over_the_same_slice() -> None:
    text = HOOK_SOURCE.read_text(encoding="utf-8")
    assert "export function useSettledSlice" in text
    assert "useDeferredValue(useStateSlice(" in text
    deferred, direct = (
        read_alone(ProgressState.ready, deferred=True),
        read_alone(ProgressState.ready),
    )
    assert str(deferred) != str(direct)


def test_the_page_is_busy_until_the_rows_are_drawn() -> None:
    """``main[aria-busy]`` reads the rows' deferred flag, so it turns false in the commit that
    swaps their placeholders, not one render before it (tests and screen readers wait on it)."""
    from fullstack_guide.components.layout import shell
    from fullstack_guide.components.progress import rows_ready

    main = next(
        child for child in shell(rx.text("page")).children if getattr(child, "tag", "") == "main"
    )
    assert str(rows_ready()) in str(main.render()["props"])
    assert str(rows_ready()) in _hooks(main)
