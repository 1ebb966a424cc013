"""The cluster's own PostgreSQL: a private data directory, a role and a database for the app."""

from __future__ import annotations

import os
import pwd
import subprocess
from pathlib import Path

from scripts.cluster.common import ClusterError, is_root, log, read_or_create_secret
from scripts.cluster.installer import postgres_bindir, which
from scripts.cluster.processes import ProcessTable

DB_NAME = "fullstack_guide"
DB_USER = "fullstack_guide"
PG_SUPERUSER_OS = "postgres"  # Debian's postgres account; initdb refuses to run as root


class PostgresPart(ProcessTable):
    """``initdb`` once, ``pg_ctl start/stop``; the password in ``secrets/pg-password``."""

    state_dir: Path
    secrets_dir: Path
    logs: Path
    pg_port: int
    external_db_url: str | None

    @property
    def pg_data(self) -> Path:
        return self.state_dir / "pg"

    @property
    def pg_socket_dir(self) -> Path:
        return self.state_dir / "pg-socket"

    @property
    def db_url(self) -> str:
        if self.external_db_url:
            return self.external_db_url
        password = (self.secrets_dir / "pg-password").read_text().strip()
        return f"postgresql+psycopg://{DB_USER}:{password}@127.0.0.1:{self.pg_port}/{DB_NAME}"

    def _as_pg_user(self, command: list[str]) -> list[str]:
        return ["runuser", "-u", PG_SUPERUSER_OS, "--", *command] if is_root() else command

    def _pg_tool(self, name: str) -> str:
        bindir = postgres_bindir()
        if bindir is None:
            raise ClusterError("PostgreSQL is not installed")
        return str(bindir / name)

    def _pg_ctl_status(self) -> bool:
        result = subprocess.run(
            self._as_pg_user([self._pg_tool("pg_ctl"), "status", "-D", str(self.pg_data)]),
            capture_output=True,
            cwd=self.state_dir,
        )
        return result.returncode == 0

    def start_postgres(self) -> None:
        owner = pwd.getpwnam(PG_SUPERUSER_OS) if is_root() else None
        password = read_or_create_secret(self.secrets_dir / "pg-password")
        pg_log = self.logs / "postgres.log"
        pg_log.touch()
        for path in (self.pg_data, self.pg_socket_dir):
            path.mkdir(mode=0o700, exist_ok=True)
        if owner:
            for path in (self.pg_data, self.pg_socket_dir, pg_log):
                os.chown(path, owner.pw_uid, owner.pw_gid)
        if not (self.pg_data / "PG_VERSION").exists():
            log(f"initdb {self.pg_data}")
            self._run(
                self._as_pg_user(
                    [
                        self._pg_tool("initdb"),
                        "-D",
                        str(self.pg_data),
                        "--auth-local=peer",
                        "--auth-host=scram-sha-256",
                        "--encoding=UTF8",
                        "--no-locale",
                    ]
                ),
                "postgres-initdb",
                cwd=self.state_dir,
            )
            with (self.pg_data / "postgresql.conf").open("a") as conf:
                conf.write("\ninclude_if_exists = 'fsg-cluster.conf'\n")
        settings = self.pg_data / "fsg-cluster.conf"
        settings.write_text(
            "# written by scripts/cluster/postgres.py on every start\n"
            "listen_addresses = '127.0.0.1'\n"
            f"port = {self.pg_port}\n"
            f"unix_socket_directories = '{self.pg_socket_dir}'\n"
        )
        if owner:
            os.chown(settings, owner.pw_uid, owner.pw_gid)
        self._run(
            self._as_pg_user(
                [
                    self._pg_tool("pg_ctl"),
                    "start",
                    "-D",
                    str(self.pg_data),
                    "-l",
                    str(pg_log),
                    "-w",
                    "-t",
                    "60",
                ]
            ),
            "postgres-ctl",
            cwd=self.state_dir,
        )
        sql = f"""
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{DB_USER}') THEN
    CREATE ROLE {DB_USER} LOGIN PASSWORD '{password}';
  ELSE
    ALTER ROLE {DB_USER} LOGIN PASSWORD '{password}';
  END IF;
END $$;
SELECT 'CREATE DATABASE {DB_NAME} OWNER {DB_USER}'
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '{DB_NAME}')\\gexec
"""
        psql = [
            which("psql") or self._pg_tool("psql"),
            *("-h", str(self.pg_socket_dir), "-p", str(self.pg_port), "-d", "postgres"),
            *("-v", "ON_ERROR_STOP=1", "-q", "-f", "-"),
        ]
        self._run(self._as_pg_user(psql), "postgres-setup", stdin=sql, cwd=self.state_dir)
        log(f"postgres ready on 127.0.0.1:{self.pg_port} (database {DB_NAME})")

    def stop_postgres(self) -> None:
        if self.external_db_url or not (self.pg_data / "postmaster.pid").exists():
            return
        if postgres_bindir() is None:
            return
        subprocess.run(
            self._as_pg_user(
                [self._pg_tool("pg_ctl"), "stop", "-D", str(self.pg_data), "-m", "fast", "-w"]
            ),
            capture_output=True,
            cwd=self.state_dir,
        )
