"""The request journey (``/journey``): step through one web request, hop by hop."""

from fullstack_guide.pages.journey import views  # noqa: F401  (declares the page)
from fullstack_guide.pages.journey.state import JourneyState

__all__ = ["JourneyState"]
