"""Store share-link tokens as SHA-256 digests (existing links keep working).

Revision ID: a3c9e1f0b7d2
Revises: 68358b7b5df6
Create Date: 2026-11-28 22:50:00

Each existing row's token is replaced by its digest, which is what the app now looks links up
by, so every URL already shared still opens. The raw tokens are gone after the upgrade; a
downgrade cannot bring them back, so it leaves the links unusable (new ones can be made).
"""

import hashlib
import secrets
from collections.abc import Sequence

import sqlalchemy as sa
import sqlmodel
from alembic import op

revision: str = "a3c9e1f0b7d2"
down_revision: str | Sequence[str] | None = "68358b7b5df6"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("share_link", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("token_digest", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id, token FROM share_link")).all()
    for row_id, token in rows:
        digest = hashlib.sha256(token.encode("ascii")).hexdigest()
        connection.execute(
            sa.text("UPDATE share_link SET token_digest = :digest WHERE id = :id"),
            {"digest": digest, "id": row_id},
        )
    with op.batch_alter_table("share_link", schema=None) as batch_op:
        batch_op.alter_column(
            "token_digest",
            existing_type=sqlmodel.sql.sqltypes.AutoString(length=64),
            nullable=False,
        )
        batch_op.drop_index(batch_op.f("ix_share_link_token"))
        batch_op.drop_column("token")
        batch_op.create_index(
            batch_op.f("ix_share_link_token_digest"), ["token_digest"], unique=True
        )


def downgrade() -> None:
    with op.batch_alter_table("share_link", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("token", sqlmodel.sql.sqltypes.AutoString(length=64), nullable=True)
        )
    connection = op.get_bind()
    rows = connection.execute(sa.text("SELECT id FROM share_link")).all()
    for (row_id,) in rows:  # the raw tokens cannot be recovered: old links stay dead
        connection.execute(
            sa.text(
                "UPDATE share_link SET token = :token, revoked_at = COALESCE(revoked_at, CURRENT_TIMESTAMP) WHERE id = :id"
            ),
            {"token": secrets.token_urlsafe(32), "id": row_id},
        )
    with op.batch_alter_table("share_link", schema=None) as batch_op:
        batch_op.alter_column(
            "token", existing_type=sqlmodel.sql.sqltypes.AutoString(length=64), nullable=False
        )
        batch_op.drop_index(batch_op.f("ix_share_link_token_digest"))
        batch_op.drop_column("token_digest")
        batch_op.create_index(batch_op.f("ix_share_link_token"), ["token"], unique=True)
