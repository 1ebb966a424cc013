"""`make content` (``python -m fullstack_guide.content``) says what it loaded, pinned where
`make mutate` found it loose (see README.md, "Mutation testing")."""

from __future__ import annotations

from fullstack_guide.content import __main__ as content_cli


def test_make_content_prints_what_it_loaded(content, capsys):
    assert content_cli.main() == 0
    first_line = capsys.readouterr().out.splitlines()[0]
    assert first_line == (
        f"content ok: {len(content.layers)} layers, {len(content.technologies)} technologies, "
        f"{len(content.sections)} checklist sections, {len(content.items)} items, "
        f"{len(content.examples)} examples, {len(content.perks)} perks, "
        f"{len(content.sources)} sources"
    )
