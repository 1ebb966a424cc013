"""One module (or package) a route or family of deep-linked routes; importing declares them."""

from fullstack_guide.pages import (  # noqa: F401
    account,
    builder,
    checklist,
    checklist_item,
    dashboard,
    home,
    journey,
    not_found,
    paths,
    shared_progress,
    sources,
    stack,
    technology,
    who_uses,
    why_python,
    your_data,
)
