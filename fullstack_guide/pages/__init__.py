"""One module a route (or a family of deep-linked routes). Importing registers the pages."""

from fullstack_guide.pages import (  # noqa: F401
    account,
    builder,
    checklist,
    checklist_item,
    dashboard,
    home,
    journey,
    paths,
    sources,
    stack,
    technology,
    who_uses,
    why_python,
    your_data,
)
