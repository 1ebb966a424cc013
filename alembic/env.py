"""Alembic environment for the plain ``alembic`` CLI and the tests.

``reflex db migrate`` configures Alembic itself; this file gives ``alembic upgrade`` and
``alembic downgrade`` the same metadata, database URL (``REFLEX_DB_URL`` wins) and SQLite
batch mode, so both paths run the same migrations the same way.
"""

from logging.config import fileConfig

from alembic import context
from reflex.config import get_config
from sqlalchemy import create_engine, pool
from sqlmodel import SQLModel

from fullstack_guide import models  # noqa: F401  (registers the tables)

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

target_metadata = SQLModel.metadata


def _url() -> str:
    return config.attributes.get("db_url") or get_config().db_url


def run_migrations_offline() -> None:
    context.configure(
        url=_url(), target_metadata=target_metadata, literal_binds=True, render_as_batch=True
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    engine = create_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        context.configure(
            connection=connection, target_metadata=target_metadata, render_as_batch=True
        )
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
