"""Reflex deprecations as Python warnings, so pytest's ``filterwarnings`` makes them errors.

Reflex 0.10 reports a deprecated API (``console.deprecate``) only as a log record on the
``reflex.deprecation`` logger, which ``filterwarnings`` cannot see. This handler re-issues each
record as a :class:`ReflexDeprecationWarning`; pyproject.toml turns that category into an error.
"""

from __future__ import annotations

import logging
import warnings


class ReflexDeprecationWarning(DeprecationWarning):
    """A Reflex API the app uses is deprecated (``reflex.deprecation`` log record)."""


class _AsWarning(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        # Not wrapped in try/except like most handlers: the error must reach the test.
        warnings.warn(record.getMessage(), ReflexDeprecationWarning, stacklevel=2)


def install() -> None:
    """Send every ``reflex.deprecation`` record through ``warnings`` (idempotent)."""
    logger = logging.getLogger("reflex.deprecation")
    if not any(isinstance(handler, _AsWarning) for handler in logger.handlers):
        logger.addHandler(_AsWarning(logging.WARNING))
