"""``python -m fullstack_guide.content``: validate the content files and print what they hold."""

import sys

from fullstack_guide.content import ContentError, load_content


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
    return 0


if __name__ == "__main__":
    sys.exit(main())
