"""A state Var read on its own: its component re-renders only when that value changes.

Reflex subscribes a component to a whole substate: every component that reads
``ProgressState.statuses["orm"]`` re-rendered on every tick of any item, so a tick on
``/checklist`` re-rendered 30 checkboxes, 30 badges and every section's bar (14 ms of the
browser's 22 ms from click to the ticked box). :func:`read_alone` reads the same expression
through ``state_slice.js``'s ``useStateSlice``, which compares the selected value instead.
"""

from __future__ import annotations

import hashlib
import json
from typing import TypeVar, cast

import reflex as rx
from reflex_base.components.state_context import get_event_app_wraps
from reflex_base.utils import format
from reflex_base.utils.imports import ImportVar
from reflex_base.vars.base import VarData

_SOURCE = rx.asset("state_slice.js", shared=True)
# Only values React can compare by identity: a list or dict built anew on each read would
# make useSyncExternalStore render forever.
_PRIMITIVES = (str, bool, int, float)

VarT = TypeVar("VarT", bound=rx.Var)


def read_alone(var: VarT, *, deferred: bool = False) -> VarT:
    """``var`` (a str, bool or number read from exactly one state), subscribed to by value.

    ``deferred`` renders a change of it in React's background lane (``useDeferredValue``),
    split into short tasks: for a flag whose change redraws much of the page at once.
    """
    data = var._get_all_var_data()
    states = list(data.field_dependencies) if data is not None else []
    if data is None or len(states) != 1:
        msg = f"read_alone needs a Var of exactly one state, not {states}: {var}"
        raise ValueError(msg)
    var_type = var._var_type
    if not (isinstance(var_type, type) and issubclass(var_type, _PRIMITIVES)):
        msg = f"read_alone needs a str, bool or number Var, not {var_type}: {var}"
        raise TypeError(msg)
    state_name = states[0]
    identifier = format.format_state_name(state_name)
    state_hook = VarData.from_state(state_name).hooks
    if set(data.hooks) - set(state_hook):
        msg = f"read_alone cannot move a Var with hooks of its own: {var}"
        raise ValueError(msg)
    expression = str(var)
    digest = hashlib.sha256(f"{state_name}\n{expression}".encode()).hexdigest()[:16]
    prefix, hook_name = ("settled", "useSettledSlice") if deferred else ("slice", "useStateSlice")
    name = f"{prefix}_{digest}"
    # The selector's parameter has the name useStateContext's constant would have had, so the
    # Var's own JavaScript reads the substate unchanged.
    select = f"({identifier}) => ({expression})"
    hook = f"const {name} = {hook_name}({json.dumps(state_name)}, {select})"
    alone = rx.Var(
        _js_expr=name,
        _var_type=var_type,
        _var_data=VarData(
            field_dependencies=data.field_dependencies,
            hooks={hook: None},
            imports={_SOURCE.importable_path: [ImportVar(tag=hook_name)]},
            app_wraps=get_event_app_wraps(),
        ),
    ).guess_type()
    return cast("VarT", alone)  # guess_type gives the same Var class as ``var``
