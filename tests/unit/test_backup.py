"""Backups taken while learners keep ticking restore every learner's progress."""

from __future__ import annotations

import os
import subprocess
import threading
from pathlib import Path

import sqlalchemy
from sqlmodel import Session

from fullstack_guide.services import learners, progress
from scripts import backup as backup_module
from scripts.backup import backup, restore
from testkit.migrations import upgrade


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


def test_backups_are_private_to_their_owner(tmp_path, monkeypatch):
    """umask 077 and a 0700 folder, even where backups/ already existed with looser modes."""
    folder = tmp_path / "backups"
    folder.mkdir(mode=0o755)
    folder.chmod(0o755)
    monkeypatch.setattr(backup_module, "BACKUP_DIR", folder)
    url = f"sqlite:///{tmp_path / 'live.db'}"
    upgrade(url)
    copy = backup(url)
    assert copy.parent == folder
    assert folder.stat().st_mode & 0o777 == 0o700
    assert copy.stat().st_mode & 0o777 == 0o600


def test_postgres_passwords_go_by_passfile_never_argv(tmp_path, monkeypatch):
    """``ps`` shows pg_dump's and pg_restore's arguments to every account on the machine."""
    password = "s3cret:with\\colon"
    url = f"postgresql+psycopg://guide:{password.replace(':', '%3A')}@127.0.0.1:5544/guide"
    calls = []

    def fake_run(command, *, check, env):
        passfile = Path(env["PGPASSFILE"])
        calls.append(
            {
                "argv": command,
                "passfile": passfile.read_text(),
                "mode": passfile.stat().st_mode & 0o777,
                "pgpassword": env.get("PGPASSWORD"),
                "umask": os.umask(0o077),
            }
        )
        if command[0] == "pg_dump":
            Path(command[command.index("--file") + 1]).write_bytes(b"dump")
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setenv("PGPASSWORD", "leaked-from-the-caller")
    monkeypatch.setattr(backup_module.subprocess, "run", fake_run)
    dump = backup(url, tmp_path / "private" / "copy.dump")
    restore(url, dump)

    assert [call["argv"][0] for call in calls] == ["pg_dump", "pg_restore"]
    for call in calls:
        assert not any("s3cret" in arg for arg in call["argv"]), call["argv"]
        assert "postgresql://guide@127.0.0.1:5544/guide" in call["argv"]
        assert call["passfile"] == "*:*:*:*:s3cret\\:with\\\\colon\n"
        assert call["mode"] == 0o600
        assert call["pgpassword"] is None
    assert calls[0]["umask"] == 0o077  # pg_dump writes the backup under umask 077
    assert dump.stat().st_mode & 0o777 == 0o600
    assert (tmp_path / "private").stat().st_mode & 0o777 == 0o700
    assert not Path(calls[0]["passfile"]).exists()
