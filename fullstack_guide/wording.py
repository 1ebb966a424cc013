"""Counted nouns in messages: "1 change", "2 changes", never "change(s)"."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and the noun in the form that count takes (``plural`` when not noun + "s")."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"
