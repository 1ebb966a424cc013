"""Run the project's Alembic migrations against any database URL (tests and tools)."""

from __future__ import annotations

from alembic import command
from alembic.config import Config

from testkit.paths import ROOT


def alembic_config(db_url: str) -> Config:
    config = Config(str(ROOT / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "alembic"))
    config.attributes["db_url"] = db_url
    config.attributes["configure_logger"] = False
    return config


def upgrade(db_url: str, revision: str = "head") -> None:
    command.upgrade(alembic_config(db_url), revision)


def downgrade(db_url: str, revision: str = "base") -> None:
    command.downgrade(alembic_config(db_url), revision)
