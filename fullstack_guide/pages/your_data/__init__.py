"""Your data (``/your-data``): export, import with preview, reset, and the share link."""

from fullstack_guide.pages.your_data import views  # noqa: F401  (declares the page)
from fullstack_guide.pages.your_data.state import YourDataState

__all__ = ["YourDataState"]
