"""The app's toast provider, with sonner loaded after the page instead of with it.

Reflex mounts sonner's ``Toaster`` in every page's root, so each page preloaded sonner (7.5 KiB
brotli) before its first paint, for toasts that only ever follow something the learner does.
``lazy_toaster.js`` renders the same ``Toaster`` with the same props once sonner has loaded
(the page idle), and keeps any ``rx.toast`` call made before that to show it then (issue 11).
"""

from __future__ import annotations

import reflex as rx
from reflex_components_sonner.toast import Toaster

_SOURCE = rx.asset("lazy_toaster.js", shared=True)


class LazyToaster(Toaster):
    """``Toaster``'s props and hook, from ``lazy_toaster.js``: the hook sets ``refs['__toast']``
    to the module's ``toast``, which holds calls until sonner is there and then forwards them."""

    library = _SOURCE.importable_path
    tag = "LazyToaster"
    # What the module imports: the version rx.toast would install.
    lib_dependencies: list[str] = [Toaster.library or "sonner"]


def lazy_toaster() -> rx.Component:
    """The provider to pass as ``rx.App(toaster=...)``."""
    return LazyToaster.create()
