"""Unit-test fixtures: a migrated database and sessions on it."""

from __future__ import annotations

import os

import pytest
from sqlmodel import Session

from fullstack_guide.content import get_content
from fullstack_guide.db import get_engine
from testkit.migrations import upgrade


@pytest.fixture(scope="session", autouse=True)
def migrated_db() -> str:
    url = os.environ["REFLEX_DB_URL"]
    upgrade(url)
    return url


@pytest.fixture
def session():
    with Session(get_engine()) as db_session:
        yield db_session
        db_session.rollback()


@pytest.fixture(scope="session")
def content():
    return get_content()
