"""The head's inline scripts: each file's source, written as is (issue 11)."""

from __future__ import annotations

from pathlib import Path

import pytest

from fullstack_guide.components import head_scripts

SOURCES = Path(head_scripts.__file__).parent


def test_each_head_script_is_its_file_as_written() -> None:
    scripts = head_scripts.head_scripts()
    assert len(scripts) == len(head_scripts.HEAD_SCRIPTS) == 3
    for name, component in zip(head_scripts.HEAD_SCRIPTS, scripts, strict=True):
        assert "dangerouslySetInnerHTML" in str(component.render()["props"]), name
        # The whole file, unescaped, as the element's inner HTML.
        source = (SOURCES / name).read_text(encoding="utf-8")
        assert component.custom_attrs["dangerouslySetInnerHTML"] == {"__html": source}, name


def test_a_script_that_would_close_its_element_is_refused(tmp_path, monkeypatch) -> None:
    (tmp_path / "bad.js").write_text('document.write("</script><b>")')
    monkeypatch.setattr(head_scripts, "_HERE", tmp_path)
    with pytest.raises(ValueError, match="end its own"):
        head_scripts.inline_script("bad.js")
