"""Route constants and URL helpers: the one place that knows how URLs are shaped."""

from __future__ import annotations

from urllib.parse import urlencode

HOME = "/"
STACK = "/stack"
CHECKLIST = "/checklist"
DASHBOARD = "/dashboard"
WHY_PYTHON = "/why-python"
WHO_USES = "/who-uses-python"
SOURCES = "/sources"
YOUR_DATA = "/your-data"
ACCOUNT = "/account"
SHARED = "/shared"
JOURNEY = "/journey"
BUILDER = "/builder"
PATHS = "/paths"


def layer_url(layer_slug: str) -> str:
    return f"{STACK}/{layer_slug}"


def technology_url(layer_slug: str, tech_slug: str) -> str:
    return f"{STACK}/{layer_slug}/{tech_slug}"


def section_url(section_slug: str) -> str:
    return f"{CHECKLIST}/{section_slug}"


def item_url(section_slug: str, item_slug: str) -> str:
    return f"{CHECKLIST}/{section_slug}/{item_slug}"


def item_url_for(item_slug: str) -> str:
    """An item's URL from its slug alone (looks up its section in the content)."""
    from fullstack_guide.content import get_content

    return item_url(get_content().section_of(item_slug).slug, item_slug)


def example_url(example_slug: str) -> str:
    return f"{WHO_USES}/{example_slug}"


def perk_url(perk_slug: str) -> str:
    return f"{WHY_PYTHON}#{perk_slug}"


def shared_url(token: str) -> str:
    """The public read-only page of a share link."""
    return f"{SHARED}/{token}"


def builder_url(choices: dict[str, str]) -> str:
    """The builder showing ``choices`` (slot → technology), in a stable order for sharing."""
    query = urlencode(sorted(choices.items()))
    return f"{BUILDER}?{query}" if query else BUILDER


def journey_url(query: dict[str, str]) -> str:
    """The journey at a step with the chosen technologies (``query`` as built by the page)."""
    return f"{JOURNEY}?{urlencode(query)}" if query else JOURNEY


NAV_LINKS: tuple[tuple[str, str], ...] = (
    ("Stack", STACK),
    ("Journey", JOURNEY),
    ("Builder", BUILDER),
    ("Checklist", CHECKLIST),
    ("Learning paths", PATHS),
    ("Dashboard", DASHBOARD),
)
MORE_LINKS: tuple[tuple[str, str], ...] = (
    ("Why Python", WHY_PYTHON),
    ("Who uses Python", WHO_USES),
    ("Your data", YOUR_DATA),
    ("Account", ACCOUNT),
    ("Sources and about", SOURCES),
)
