"""The stack builder (``/builder``): compose a stack, check the fit, save, compare, share."""

from fullstack_guide.pages.builder import views  # noqa: F401  (declares the page)
from fullstack_guide.pages.builder.state import BuilderState

__all__ = ["BuilderState"]
