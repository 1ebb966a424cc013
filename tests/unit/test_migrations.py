"""Alembic migrations: an empty database upgrades to head, and head round-trips."""

from __future__ import annotations

import sqlalchemy
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlmodel import SQLModel

from fullstack_guide import models  # noqa: F401
from testkit.migrations import downgrade, upgrade

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


def test_share_links_made_before_digests_keep_working_after_the_upgrade(tmp_path):
    import hashlib
    import secrets

    url = f"sqlite:///{tmp_path / 'shares.db'}"
    upgrade(url, "68358b7b5df6")  # share links stored their raw token
    token = secrets.token_urlsafe(32)
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
                "INSERT INTO share_link (learner_id, token, include_notes, created_at) "
                "VALUES (1, :token, 0, '2026-01-01')"
            ),
            {"token": token},
        )
    upgrade(url)
    with engine.connect() as connection:
        stored = connection.execute(sqlalchemy.text("SELECT * FROM share_link")).mappings().one()
    engine.dispose()
    assert token not in [str(value) for value in stored.values()]
    assert stored["token_digest"] == hashlib.sha256(token.encode()).hexdigest()
    # The app looks links up by that digest, so the URL already shared still opens.
    from sqlmodel import Session

    from fullstack_guide.content import get_content
    from fullstack_guide.services import sharing

    engine = sqlalchemy.create_engine(url)
    with Session(engine) as session:
        assert sharing.shared_view(session, get_content(), token) is not None
    engine.dispose()
