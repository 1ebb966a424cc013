"""One module a route (or a family of deep-linked routes). Importing registers the pages."""

from fullstack_guide.pages import (  # noqa: F401
    checklist,
    checklist_item,
    home,
    sources,
    stack,
    technology,
    who_uses,
    why_python,
)
