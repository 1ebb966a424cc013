"""Safe forms of user-supplied values for log lines.

Event handlers log what they ignore, and what they ignore is often hostile: 100,000-character
strings, control characters, ANSI escapes. Logs get a short ``repr`` (escapes visible, length
capped) so one event cannot flood a log or forge a line in it.
"""

from __future__ import annotations

import reprlib

LOGGED_CHARACTERS = 80

_REPR = reprlib.Repr()
_REPR.maxstring = LOGGED_CHARACTERS
_REPR.maxother = LOGGED_CHARACTERS
_REPR.maxlevel = 2


def loggable(value: object) -> str:
    """``repr(value)`` capped to about LOGGED_CHARACTERS characters, with ``...`` where cut."""
    return _REPR.repr(value)
