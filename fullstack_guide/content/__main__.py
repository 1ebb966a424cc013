"""``python -m fullstack_guide.content``: validate the content files and print the review table.

Exits 1 on a content error, so ``make content`` stops a build that would fail at start-up.
"""

import sys
from datetime import UTC, datetime

from fullstack_guide.content import ContentError, load_content
from fullstack_guide.content.report import render, summarise


def main() -> int:
    try:
        content = load_content()
    except ContentError as error:
        print(f"content error: {error}", file=sys.stderr)
        return 1
    print(
        f"content ok: {len(content.layers)} layers, {len(content.technologies)} technologies, "
        f"{len(content.sections)} checklist sections, {len(content.items)} items, "
        f"{len(content.examples)} examples, {len(content.perks)} perks, "
        f"{len(content.sources)} sources"
    )
    today = datetime.now(UTC).date()
    print(render(summarise(content, today), today))
    return 0


if __name__ == "__main__":
    sys.exit(main())
