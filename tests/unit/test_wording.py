"""Counted nouns read as English."""

from fullstack_guide.wording import counted


def test_one_is_singular_and_every_other_count_plural():
    assert counted(1, "change") == "1 change"
    assert counted(0, "change") == "0 changes"
    assert counted(2_000, "item") == "2,000 items"
    assert counted(3, "saved stack") == "3 saved stacks"
    assert counted(2, "entry", "entries") == "2 entries"


def test_the_import_preview_says_it_merges_and_counts_what_it_keeps():
    from fullstack_guide.wording import merge_note

    assert merge_note(1, 0) == (
        "Merge, not replace: the 1 item in the file takes its status (and its note, if any); "
        "you have no other progress or notes."
    )
    assert merge_note(3, 1).endswith(
        "the 3 items in the file take its status (and its note, "
        "if any); your 1 other item stays as it is."
    )
    assert merge_note(3, 2).endswith("; your 2 other items stay as they are.")
