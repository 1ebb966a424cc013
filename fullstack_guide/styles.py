"""Design tokens and shared style dicts (colours come from the Radix theme scales)."""

import reflex as rx

MAX_WIDTH = "72rem"
PROSE_WIDTH = "44rem"

muted_text = {"color": rx.color("gray", 11)}

card = {
    "padding": "1rem",
    "border": f"1px solid {rx.color('gray', 5)}",
    "border_radius": "0.75rem",
    "background": rx.color("gray", 2),
    "width": "100%",
}

link_card = {
    **card,
    "display": "block",
    "text_decoration": "none",
    "color": "inherit",
    "_hover": {"border_color": rx.color("accent", 8), "background": rx.color("accent", 2)},
    "_focus_visible": {"outline": f"2px solid {rx.color('accent', 9)}", "outline_offset": "2px"},
}

skip_link = {
    "position": "absolute",
    "left": "-9999px",
    "top": "0.5rem",
    "z_index": "100",
    "padding": "0.5rem 1rem",
    "background": rx.color("accent", 9),
    "color": "white",
    "border_radius": "0.5rem",
    "_focus": {"left": "0.5rem"},
}
