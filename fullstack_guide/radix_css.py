"""Radix Themes' stylesheet with only the colour scales the app uses (issue 11, first paint).

``rx.plugins.RadixThemesPlugin`` imports ``@radix-ui/themes/styles.css``: the tokens of all 31
colour scales (about 130 KB of the 810 KB sheet, the least compressible part), every component
and the utilities. The sheet blocks the first paint. Radix ships the same sheet in parts for
importing only the colours you use (tokens/base.css, tokens/colors/<scale>.css,
components.css, utilities.css); :class:`UsedColoursRadixThemesPlugin` imports those parts, in
styles.css's own order, through the plugin hook Reflex takes stylesheets from.

:func:`scales` must hold every scale the app draws with: the theme's accent and gray, every
``color_scheme=`` / ``rx.color(...)`` colour in the pages and every ``var(--<scale>-N)`` in
``assets/`` (``tests/unit/test_radix_css.py`` checks), and the scales Reflex's own components
use. ``FSG_RADIX_CSS=full`` builds with the whole styles.css, as the plugin would.

The plugin also names ``@radix-ui/themes`` as a library for dynamic components (rx.dynamic,
ComponentState: components evaluated in the browser from state). The app has none, and the
root's lazy import of the whole package made the bundler keep every Radix component and put
them in the chunk every page preloads (rolldown merged it with the components pages import).
:class:`UsedColoursRadixThemesPlugin` leaves it out; the package is still installed, since
each Radix component names it as its library.
"""

from __future__ import annotations

import dataclasses
import os
from typing import Any

import reflex as rx

PACKAGE = "@radix-ui/themes"
ACCENT = "indigo"
# Radix pairs each accent with a gray when gray_color is "auto" (getMatchingGrayColor): indigo
# takes slate. "gray" stays too: color_scheme="gray" and Radix's defaults read the pure gray.
GRAY = "slate"
# Reflex's connection banner (reflex_components_core/core/banner.py) draws with amber and slate.
REFLEX_SCALES = ("amber", "slate")
# What the pages use: statuses (grass, blue, gray), verdicts (grass, amber, red), errors (red),
# topic maturity (orange, blue, grass).
PAGE_SCALES = ("amber", "blue", "grass", "gray", "orange", "red")
# styles.css imports the gray scales, then the accents, each in alphabetical order.
GRAY_SCALES = ("gray", "mauve", "slate", "sage", "olive", "sand")


def whole_sheet_requested() -> bool:
    """``FSG_RADIX_CSS=full``: build with Radix's whole styles.css, untrimmed (comparisons)."""
    return os.environ.get("FSG_RADIX_CSS") == "full"


def scales() -> tuple[str, ...]:
    """Every scale to import, grays first, in the order styles.css imports them."""
    used = {ACCENT, GRAY, *REFLEX_SCALES, *PAGE_SCALES}
    grays = [name for name in GRAY_SCALES if name in used]
    return (*grays, *sorted(used - set(GRAY_SCALES)))


def stylesheet_parts() -> tuple[str, ...]:
    """Radix's documented entry points for a sheet with only ``scales()``."""
    colours = tuple(f"{PACKAGE}/tokens/colors/{name}.css" for name in scales())
    return (
        *colours,
        f"{PACKAGE}/tokens/base.css",
        f"{PACKAGE}/components.css",
        f"{PACKAGE}/utilities.css",
    )


@dataclasses.dataclass
class UsedColoursRadixThemesPlugin(rx.plugins.RadixThemesPlugin):
    """The Radix Themes plugin, importing only the colour scales of :func:`scales`."""

    def get_frontend_dependencies(self, **context: Any) -> tuple[str, ...]:
        """None to bundle for dynamic components (the app has none; see the module's note)."""
        return ()

    def get_stylesheet_paths(self, **context: Any) -> tuple[str, ...]:
        full = super().get_stylesheet_paths(**context)
        if not full or whole_sheet_requested():
            return full
        return stylesheet_parts()
