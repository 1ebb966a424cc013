"""Backups taken while learners keep ticking restore every learner's progress."""

from __future__ import annotations

import threading

import sqlalchemy
from sqlmodel import Session

from fullstack_guide.services import learners, progress
from scripts.backup import backup, restore
from tests.migrations import upgrade


def test_online_backup_and_restore_keep_every_learner(tmp_path, content):
    url = f"sqlite:///{tmp_path / 'live.db'}"
    upgrade(url)
    engine = sqlalchemy.create_engine(url)
    slugs = [item.slug for item in content.items]
    with Session(engine) as session:
        ids = [learners.create_learner(session)[0].id for _ in range(20)]
        for n, learner_id in enumerate(ids):
            for slug in slugs[: n % len(slugs) + 1]:
                progress.set_status(session, content, learner_id, slug, "done")
        session.commit()
        before = {i: progress.get_statuses(session, i) for i in ids}

    stop = threading.Event()

    def keep_writing() -> None:  # the app keeps serving during the backup
        with Session(engine) as session:
            extra, _ = learners.create_learner(session)
            while not stop.is_set():
                progress.set_status(session, content, extra.id, "orm", "done")
                session.commit()
                progress.set_status(session, content, extra.id, "orm", "not_started")
                session.commit()

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        copy = backup(url, tmp_path / "copy.db")
    finally:
        stop.set()
        writer.join()

    restored_url = f"sqlite:///{tmp_path / 'restored.db'}"
    upgrade(restored_url)
    restore(restored_url, copy)
    restored = sqlalchemy.create_engine(restored_url)
    with Session(restored) as session:
        assert {i: progress.get_statuses(session, i) for i in ids} == before
        integrity = session.exec(sqlalchemy.text("PRAGMA integrity_check")).scalar()
    assert integrity == "ok"
    engine.dispose()
    restored.dispose()
