"""Counted nouns in messages ("1 change", "2 changes", never "change(s)") and the sentences
built on them."""

from __future__ import annotations


def counted(count: int, noun: str, plural: str | None = None) -> str:
    """``count`` and the noun in the form that count takes (``plural`` when not noun + "s")."""
    return f"{count:,} {noun if count == 1 else plural or noun + 's'}"


def merge_note(listed: int, kept: int) -> str:
    """What an import does to progress the file does not list: it merges, never replaces."""
    take = "takes" if listed == 1 else "take"
    taken = f"the {counted(listed, 'item')} in the file {take} its status (and its note, if any)"
    if kept == 0:
        rest = "you have no other progress or notes"
    elif kept == 1:
        rest = "your 1 other item stays as it is"
    else:
        rest = f"your {kept:,} other items stay as they are"
    return f"Merge, not replace: {taken}; {rest}."
