"""A checkbox tick with the tab's identity check: on PostgreSQL, one statement.

Each statement is a round trip to PostgreSQL. A tick as :func:`identity.verify` then
:func:`ticks.record_tick` send it is seven (the pool's liveness ping, BEGIN, the check,
reading the row, writing it, logging the change, COMMIT): 3.2 ms on loopback, measured in
process. On PostgreSQL :func:`record_checked_tick` sends the ping and one statement whose
common table expressions check, read, write and log, run outside a transaction so that it
commits on its own as it ends (durably: ``synchronous_commit`` stays on): 1.6 ms. SQLite has
no data-modifying CTEs and no round trips (it runs in process), so there it is the two calls.

``tests/browser/test_checked_tick.py`` runs both against the two calls on the server's own
database, PostgreSQL in the cluster run. The unit tests have only SQLite, so ``make mutate``
leaves this module out (``pyproject.toml``).
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import (
    DateTime,
    Integer,
    Select,
    String,
    bindparam,
    case,
    func,
    insert,
    null,
    select,
    true,
)
from sqlalchemy.dialects import postgresql
from sqlmodel import Session, col

from fullstack_guide.content import Content
from fullstack_guide.models import ItemProgress, ProgressEvent, Status, utcnow
from fullstack_guide.services import history, identity, progress, schedule, ticks
from fullstack_guide.services.clock import as_utc


def record_checked_tick(
    session: Session,
    content: Content,
    credentials: tuple[int, str, str],
    item_slug: str,
    status: str,
    *,
    now: datetime | None = None,
) -> str:
    """:func:`identity.verify`, then :func:`ticks.record_tick`, in a transaction of their own.

    ``credentials`` are the tab's learner id, session digest and learner digest. Returns the
    status saved. On PostgreSQL the statement commits on its own, so call this first in a
    fresh session.

    Raises:
        identity.IdentityRevokedError: the credentials no longer open the learner.
        progress.UnknownItemError, progress.InvalidStatusError: as :func:`ticks.record_tick`.
    """
    learner_id, session_digest, learner_digest = credentials
    now = utcnow() if now is None else as_utc(now)
    if session.get_bind().dialect.name != "postgresql":
        identity.verify(
            session,
            learner_id,
            session_digest=session_digest,
            learner_digest=learner_digest,
            now=now,
        )
        return ticks.record_tick(session, content, learner_id, item_slug, status, now=now)
    progress.check_change(content, item_slug, status)
    signed_in = bool(session_digest)
    connection = session.connection(execution_options={"isolation_level": "AUTOCOMMIT"})
    previous = connection.execute(
        _STATEMENTS[signed_in],
        {
            "learner_id": learner_id,
            "session_digest": session_digest,
            "learner_digest": learner_digest,
            "item_slug": item_slug,
            "status": status,
            "now": now,
            "due_if_done": now + schedule.interval(0),
            "batch": history.new_batch(),
        },
    ).scalar()
    if previous is None:
        raise identity.refusal(signed_in=signed_in)
    return status


def _statement(signed_in: bool) -> Select:
    """The PostgreSQL statement of a checked tick; it selects the item's previous status.

    It selects no row when the identity check fails, and then writes nothing. The row's
    new review columns follow :func:`progress.apply_change`: becoming done starts the
    schedule (step 0, due one interval on), leaving done drops the due date, any other change
    keeps both.
    """
    learner_id = bindparam("learner_id", type_=Integer)
    item_slug = bindparam("item_slug", type_=String)
    status = bindparam("status", type_=String)
    now = bindparam("now", type_=DateTime(timezone=True))
    opens = identity.still_opens(signed_in=signed_in)
    old = (
        select(
            col(ItemProgress.status),
            col(ItemProgress.review_step),
            col(ItemProgress.review_due_at),
        )
        .where(col(ItemProgress.learner_id) == learner_id, col(ItemProgress.item_slug) == item_slug)
        .cte("old")
    )
    previous = (
        select(
            func.coalesce(select(old.c.status).scalar_subquery(), Status.NOT_STARTED.value).label(
                "status"
            )
        )
        .where(opens.exists())
        .cte("previous")
    )
    becomes_done = status == Status.DONE.value
    new_row = (
        select(
            learner_id,
            item_slug,
            status,
            now,
            case((becomes_done, 0), else_=func.coalesce(old.c.review_step, 0)),
            case(
                (becomes_done, bindparam("due_if_done", type_=DateTime(timezone=True))),
                (previous.c.status == Status.DONE.value, null()),
                else_=old.c.review_due_at,
            ),
        )
        .select_from(previous.outerjoin(old, true()))
        .where(previous.c.status != status)
    )
    upsert = postgresql.insert(ItemProgress).from_select(
        ["learner_id", "item_slug", *ticks.WRITTEN_COLUMNS], new_row
    )
    written = (
        upsert.on_conflict_do_update(
            constraint="uq_progress_item",
            set_={name: upsert.excluded[name] for name in ticks.WRITTEN_COLUMNS},
        )
        .returning(col(ItemProgress.id))
        .cte("written")
    )
    logged = (
        insert(ProgressEvent)
        .from_select(
            ["learner_id", "item_slug", "from_status", "to_status", "batch", "created_at"],
            select(
                learner_id,
                item_slug,
                previous.c.status,
                status,
                bindparam("batch", type_=String),
                now,
            ).select_from(written.join(previous, true())),
        )
        .cte("logged")
    )
    return select(previous.c.status).add_cte(logged)


_STATEMENTS = {signed_in: _statement(signed_in) for signed_in in (False, True)}
