"""List items and panels that report key presses, for the D/L/S/R shortcuts.

Reflex gives ``on_key_down`` only to inputs; an item row is an ``li`` holding a checkbox
and a menu button, so these thin subclasses add the trigger to ``li`` and ``div``.
``Annotated[rx.EventHandler, key_event]`` is exactly what ``rx.EventHandler[key_event]`` builds
at run time, spelled so that a type checker reads it.
"""

from __future__ import annotations

from typing import Annotated

import reflex as rx
from reflex_base.event import key_event
from reflex_components_core.el.elements.typography import Div, Li


class KeyedLi(Li):
    """An ``li`` whose descendants' key presses bubble up to ``on_key_down``."""

    on_key_down: Annotated[rx.EventHandler, key_event]


class KeyedDiv(Div):
    """A ``div`` whose descendants' key presses bubble up to ``on_key_down``."""

    on_key_down: Annotated[rx.EventHandler, key_event]


keyed_li = KeyedLi.create
keyed_div = KeyedDiv.create
