"""Short, safe forms of outside values (event arguments, uploaded files) for messages and logs.

Handlers name what they refuse, and what they refuse is often hostile: 100,000-character
strings, control characters, ANSI escapes, lists nested hundreds deep. A message or log line
gets a ``repr`` (escapes visible) that ``reprlib`` builds without walking the whole value,
capped in length, so one event can neither flood a log, forge a line in it, nor bury a message.
"""

from __future__ import annotations

import reprlib

MESSAGE_CHARACTERS = 40
LOGGED_CHARACTERS = 80

_REPR = reprlib.Repr()
_REPR.maxstring = 200  # more than any cap below: only the cap decides where text ends
_REPR.maxother = 200


def shortened(text: str, limit: int) -> str:
    """``text`` if it fits in ``limit`` characters, else its start ending in ``…``."""
    return text if len(text) <= limit else text[: limit - 1] + "…"


def short_repr(value: object, limit: int = MESSAGE_CHARACTERS) -> str:
    """``repr(value)`` in at most ``limit`` characters."""
    return shortened(_REPR.repr(value), limit)


def escaped(value: object, limit: int = MESSAGE_CHARACTERS) -> str:
    """``short_repr`` without a string's own quotes, for messages that quote it themselves.

    Escapes stay visible (``\\x1b``, ``\\n``), so a value cannot break the message's line.
    """
    text = _REPR.repr(value)
    if isinstance(value, str) and len(text) >= 2:
        text = text[1:-1]
    return shortened(text, limit)


def loggable(value: object) -> str:
    """``value`` as a log line may show it: a ``repr`` of at most LOGGED_CHARACTERS."""
    return short_repr(value, LOGGED_CHARACTERS)
