"""A refused file keeps its message, whichever of the drop zone's two events lands last."""

from __future__ import annotations

from fullstack_guide.pages.your_data import YourDataState
from fullstack_guide.services import transfer
from tests.unit.tabs import Tab

REFUSED = f"at most {transfer.MAX_IMPORT_BYTES:,} bytes"


async def test_the_refusal_survives_the_empty_upload_that_follows_it():
    data = Tab().state(YourDataState)
    data.upload_rejected([{"errors": [{"code": "file-too-large"}]}])
    await data.handle_upload([])
    assert REFUSED in data.import_error and "Nothing was changed." in data.import_error


async def test_the_refusal_replaces_the_empty_upload_that_came_first():
    data = Tab().state(YourDataState)
    await data.handle_upload([])
    data.upload_rejected([])
    assert REFUSED in data.import_error


async def test_an_empty_upload_on_its_own_still_asks_for_a_file():
    data = Tab().state(YourDataState)
    await data.handle_upload([])
    assert data.import_error == "Choose one JSON file exported from this guide."
