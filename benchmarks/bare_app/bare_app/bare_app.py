"""One page, one checkbox, a state whose handler only flips a boolean; no database.

The handler takes the same arguments as ``ProgressState.set_done`` so both apps receive
the same event payload; it ignores the item and stores the flag.
"""

import reflex as rx


class BareState(rx.State):
    """The only state: one boolean."""

    done: bool = False

    @rx.event
    def set_done(self, item_slug: str, done: bool):
        """Store the ticked value (the benchmark alternates it, so it always flips)."""
        self.done = done is True


def index() -> rx.Component:
    return rx.center(
        rx.checkbox(
            "Ticked",
            checked=BareState.done,
            on_change=lambda checked: BareState.set_done("bare", checked),
        ),
        padding="2em",
    )


app = rx.App()
app.add_page(index, route="/", title="Bare baseline")
