"""Page templates: the shared shell every route is rendered in."""

from fullstack_guide.templates.template import register_page

__all__ = ["register_page"]
