"""Account (``/account``): optional sign-up/sign-in to open the same progress elsewhere."""

from fullstack_guide.pages.account import views  # noqa: F401  (declares the page)
from fullstack_guide.pages.account.state import SESSION_ALREADY_ENDED, AccountState

__all__ = ["SESSION_ALREADY_ENDED", "AccountState"]
