"""Dashboard (``/dashboard``): progress, completions over time, activity, reviews, history."""

from fullstack_guide.pages.dashboard import views  # noqa: F401  (declares the page)
from fullstack_guide.pages.dashboard.state import DashboardState

__all__ = ["DashboardState"]
