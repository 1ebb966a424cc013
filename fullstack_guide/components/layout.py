"""The shell around every page: skip link, navigation, main landmark and footer."""

from __future__ import annotations

import reflex as rx
from reflex_base.vars.function import FunctionStringVar
from reflex_components_core.react_router.dom import ReactRouterLink

from fullstack_guide import routes, styles
from fullstack_guide.components.progress import SHORTCUTS, rows_ready
from fullstack_guide.components.search import search_dialog
from fullstack_guide.components.tab_sync import tab_sync
from fullstack_guide.identity import LEARNER_TOKEN_JS, SESSION_TOKEN_JS, IdentityState


def _brand() -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.icon("layers", size=22, aria_hidden="true"),
            rx.text(
                "Full Stack Python Guide",
                weight="bold",
                size="4",
                white_space="nowrap",
                display=["none", "inline"],
            ),
            align="center",
            spacing="2",
        ),
        href=routes.HOME,
        underline="none",
        color=rx.color("gray", 12),
        aria_label="Full Stack Python Guide: home",
    )


def color_mode_toggle() -> rx.Component:
    """Switch between light and dark themes."""
    return rx.icon_button(
        rx.color_mode_cond(light=rx.icon("moon"), dark=rx.icon("sun")),
        on_click=rx.toggle_color_mode,
        variant="ghost",
        aria_label="Toggle dark mode",
        title="Toggle dark mode",
        class_name="tap-target",
    )


def account_link() -> rx.Component:
    """Signed-in name or a sign-in link (accounts are optional)."""
    return rx.link(
        rx.hstack(
            rx.icon("circle_user", size=18, aria_hidden="true"),
            rx.text(
                rx.cond(IdentityState.username != "", IdentityState.username, "Sign in"),
                size="2",
                # One line in the header: a long username ends in an ellipsis.
                white_space="nowrap",
                overflow="hidden",
                text_overflow="ellipsis",
                max_width="10rem",
            ),
            align="center",
            spacing="1",
        ),
        href=routes.ACCOUNT,
        color=rx.color("gray", 12),
        display=["none", "none", "none", "none", "flex"],
    )


NAV_MENU_ID = "nav-menu"
# A link in the menu navigates without a page load, so it closes the menu itself.
_CLOSE_NAV_MENU: FunctionStringVar = FunctionStringVar.create(
    f"(() => document.getElementById({NAV_MENU_ID!r})?.hidePopover())"
)


def _mobile_menu() -> rx.Component:
    """Every main page, for screens too narrow for the header's links.

    The browser's own popover (``popovertarget``): it opens and closes without a script,
    closes on Escape or a tap outside, and tells assistive technology whether it is expanded.
    Radix's dropdown menu did the same with about 10 KiB of brotli on every page without a
    status menu, before the first paint (issue 11). Styled by ``.nav-menu`` in
    ``assets/styles.css``.
    """
    return rx.fragment(
        rx.icon_button(
            rx.icon("menu"),
            variant="ghost",
            aria_label="Open navigation menu",
            display=["flex", "flex", "flex", "flex", "none"],
            class_name="tap-target",
            custom_attrs={"popoverTarget": NAV_MENU_ID},
        ),
        rx.el.nav(
            rx.el.ul(
                *[
                    rx.el.li(
                        ReactRouterLink.create(
                            label, to=href, class_name="nav-menu-link", on_click=_CLOSE_NAV_MENU
                        )
                    )
                    for label, href in (
                        ("Home", routes.HOME),
                        *routes.NAV_LINKS,
                        ("Your data", routes.YOUR_DATA),
                        ("Account", routes.ACCOUNT),
                    )
                ],
            ),
            id=NAV_MENU_ID,
            aria_label="Navigation menu",
            class_name="nav-menu",
            custom_attrs={"popover": "auto"},
        ),
    )


def navbar() -> rx.Component:
    return rx.el.header(
        rx.hstack(
            _brand(),
            rx.el.nav(
                rx.hstack(
                    *[
                        rx.link(
                            label,
                            href=href,
                            color=rx.color("gray", 12),
                            weight="medium",
                            white_space="nowrap",  # "Learning paths" stays on one line
                        )
                        for label, href in routes.NAV_LINKS
                    ],
                    spacing="4",
                    align="center",
                ),
                aria_label="Main",
                display=["none", "none", "none", "none", "block"],
            ),
            rx.hstack(
                search_dialog(),
                color_mode_toggle(),
                account_link(),
                _mobile_menu(),
                spacing="3",
                align="center",
                # Pushed right, not spread apart from the nav: on a slow phone the browser
                # paints the header before it has parsed this group, and a nav centred in
                # the free space jumped 112 px sideways when the group arrived (a layout shift).
                margin_left="auto",
            ),
            # The nav's place is fixed by the brand alone (the same 2rem gap as before).
            spacing="6",
            align="center",
            max_width=styles.MAX_WIDTH,
            margin="0 auto",
            padding="0.75rem 1rem",
        ),
        border_bottom=f"1px solid {rx.color('gray', 5)}",
        background=rx.color("gray", 1),
        position="sticky",
        top="0",
        z_index="10",
    )


GLOBAL_SHORTCUTS = (
    ("Ctrl K or /", "open the search"),
    ("↑ ↓ then Enter", "choose a search result and open it"),
    ("?", "show these shortcuts"),
)


def shortcuts_dialog() -> rx.Component:
    """Every keyboard shortcut; "?" opens it (``components/shortcuts.js``); not on touch screens."""
    return rx.dialog.root(
        rx.dialog.trigger(
            rx.button(
                rx.icon("keyboard", size=16, aria_hidden="true"),
                "Keyboard shortcuts",
                variant="ghost",
                size="1",
                id="shortcuts-trigger",
                class_name="keyboard-hint",
            ),
        ),
        rx.dialog.content(
            rx.dialog.title("Keyboard shortcuts", size="3"),
            rx.el.dl(
                *[
                    rx.fragment(
                        rx.el.dt(rx.code(key), margin_top="0.35rem"),
                        rx.el.dd(text, margin_left="0", font_size="0.875rem"),
                    )
                    for key, text in (*GLOBAL_SHORTCUTS, *SHORTCUTS)
                ],
            ),
            rx.text(
                "On the checklist, shortcuts act on the item whose checkbox or menu has focus.",
                size="1",
                style=styles.muted_text,
                margin_top="0.5rem",
            ),
            rx.dialog.close(rx.button("Close", variant="soft", margin_top="1rem")),
            max_width="28rem",
        ),
    )


def footer() -> rx.Component:
    return rx.el.footer(
        rx.vstack(
            rx.text(
                "An independent learning guide. Every description is written for this guide; "
                "the facts come from the linked sources.",
                size="2",
                style=styles.muted_text,
            ),
            rx.flex(
                *[rx.link(label, href=href, size="2") for label, href in routes.MORE_LINKS],
                spacing="4",
                wrap="wrap",
            ),
            shortcuts_dialog(),
            max_width=styles.MAX_WIDTH,
            margin="0 auto",
            padding="2rem 1rem",
            spacing="2",
        ),
        border_top=f"1px solid {rx.color('gray', 5)}",
        margin_top="3rem",
    )


def _identify():
    return IdentityState.identify(LEARNER_TOKEN_JS, SESSION_TOKEN_JS)


def signed_out_notice() -> rx.Component:
    """Why this tab dropped the learner it showed (signed out on another device...)."""
    return rx.cond(
        IdentityState.notice != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("log_out", size=16)),
            rx.callout.text(IdentityState.notice),
            rx.button("Dismiss", size="1", variant="soft", on_click=IdentityState.dismiss_notice),
            color_scheme="amber",
            role="status",
            margin_bottom="1rem",
        ),
    )


def shell(content: rx.Component) -> rx.Component:
    """Wrap a page's content in the site chrome."""
    return rx.box(
        rx.el.a(
            "Skip to content",
            href="#main",
            # Reflex renders the anchor as a router link, which navigates instead of moving
            # focus: keep the browser's own skip-link behaviour.
            on_click=[rx.prevent_default, rx.set_focus("main")],
            style=styles.skip_link,
        ),
        navbar(),
        rx.el.main(
            signed_out_notice(),
            content,
            id="main",
            tab_index=-1,
            # Busy until the learner's progress has been read from the database and drawn:
            # the checklist rows' own deferred flag, so it turns false in the commit that
            # swaps their placeholders, not one render before it.
            aria_busy=rx.cond(rows_ready(), "false", "true"),
            max_width=styles.MAX_WIDTH,
            margin="0 auto",
            padding=["1.25rem 1rem", "2rem 1.5rem"],
            width="100%",
        ),
        footer(),
        # Every page load and sync pulse hands the browser's tokens to the backend.
        tab_sync(_identify(), source=True, on_mount=_identify()),
        min_height="100vh",
    )
