"""Alembic migrations: an empty database upgrades to head, and head round-trips."""

from __future__ import annotations

import sqlalchemy
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from fullstack_guide import models  # noqa: F401
from tests.migrations import downgrade, upgrade

APP_TABLES = {
    "learner",
    "item_progress",
    "progress_event",
    "note",
    "share_link",
    "account",
    "auth_session",
    "login_attempt",
    "saved_stack",
}
FIRST_REVISION = "d597c1fd797a"


def tables(url: str) -> set[str]:
    engine = sqlalchemy.create_engine(url)
    try:
        return set(sqlalchemy.inspect(engine).get_table_names()) - {"alembic_version"}
    finally:
        engine.dispose()


def test_empty_database_upgrades_to_head_and_matches_the_models(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    upgrade(url)
    assert tables(url) == APP_TABLES
    engine = sqlalchemy.create_engine(url)
    with engine.connect() as connection:
        diff = compare_metadata(MigrationContext.configure(connection), SQLModel.metadata)
    engine.dispose()
    assert diff == [], "models changed without a migration: run `reflex db makemigrations`"


def test_downgrade_and_upgrade_round_trip(tmp_path):
    url = f"sqlite:///{tmp_path / 'roundtrip.db'}"
    upgrade(url)
    downgrade(url, "base")
    assert tables(url) == set()
    upgrade(url)
    assert tables(url) == APP_TABLES


def test_data_survives_re_running_the_upgrade(tmp_path):
    url = f"sqlite:///{tmp_path / 'keep.db'}"
    upgrade(url)
    engine = sqlalchemy.create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            sqlalchemy.text(
                "INSERT INTO learner (token_digest, created_at, last_seen_at) "
                "VALUES ('abc', '2026-01-01', '2026-01-01')"
            )
        )
    upgrade(url)
    with engine.connect() as connection:
        count = connection.execute(sqlalchemy.text("SELECT count(*) FROM learner")).scalar()
    engine.dispose()
    assert count == 1


def test_progress_saved_before_an_upgrade_survives_it(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.db'}"
    upgrade(url, FIRST_REVISION)
    engine = sqlalchemy.create_engine(url)
    with engine.begin() as connection:
        connection.execute(
            sqlalchemy.text(
                "INSERT INTO learner (id, token_digest, created_at, last_seen_at) "
                "VALUES (1, 'abc', '2026-01-01', '2026-01-01')"
            )
        )
        connection.execute(
            sqlalchemy.text(
                "INSERT INTO item_progress (learner_id, item_slug, status, updated_at) "
                "VALUES (1, 'orm', 'done', '2026-01-02')"
            )
        )
    upgrade(url)
    with engine.connect() as connection:
        row = connection.execute(
            sqlalchemy.text("SELECT item_slug, status, review_step FROM item_progress")
        ).one()
    engine.dispose()
    assert tuple(row) == ("orm", "done", 0)
