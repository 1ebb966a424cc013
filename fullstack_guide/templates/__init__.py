"""Page templates: the shared shell every route is rendered in, and the ``@page`` declaration."""

from fullstack_guide.templates.template import page

__all__ = ["page"]
