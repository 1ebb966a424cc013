"""``@event``: Reflex's ``@rx.event`` for a state's handlers, with the type Reflex declares.

``rx.event`` is the class ``EventNamespace``, whose ``__new__`` returns an ``EventCallback``.
mypy ignores a ``__new__`` return type that is not an instance of the class
(python/mypy#15182), so under mypy an ``@rx.event`` handler types as ``EventNamespace`` and
binding its arguments (``ProgressState.set_done(slug, True)``) reads as "not callable". This
decorator returns the very object ``rx.event`` returns, typed as Reflex declares it, so mypy
checks the arguments a page binds against the handler's signature.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, TypeVarTuple, cast

import reflex as rx
from reflex.state import BaseState
from reflex_base.event import EventCallback

StateT = TypeVar("StateT", bound=BaseState)
Args = TypeVarTuple("Args")


def event(handler: Callable[[StateT, *Args], Any]) -> EventCallback[*Args]:
    """``@rx.event`` (no options) for a state's handler."""
    # Reflex's own declared return type; mypy reads EventNamespace instead (python/mypy#15182).
    return cast("EventCallback[*Args]", rx.event(handler))
