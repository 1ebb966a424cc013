"""The app's toast provider is the lazily loading one (issue 11; behaviour: test_toasts.py)."""

from __future__ import annotations

from reflex_components_sonner.toast import Toaster

from fullstack_guide.components.toaster import LazyToaster
from fullstack_guide.fullstack_guide import app


def test_the_app_mounts_the_lazy_toaster() -> None:
    assert isinstance(app.toaster, LazyToaster)


def test_the_lazy_toaster_takes_sonners_props_and_imports_nothing_of_sonner() -> None:
    toaster = LazyToaster.create()
    assert toaster.render()["props"] == Toaster.create().render()["props"]
    rendered = {
        library: [tag.tag for tag in tags if tag.render]
        for library, tags in toaster._get_all_imports().items()
    }
    assert not any(tags for library, tags in rendered.items() if library.startswith("sonner"))
    assert sorted(rendered[LazyToaster.library or ""]) == ["LazyToaster", "toast"]
