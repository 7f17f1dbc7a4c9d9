"""A throwaway PostgreSQL server for tests, started once per test session.

Any test package can reuse it (tests/ is on sys.path through the root conftest, and
tests/store is a package, so this module is `store.pg_server` during a test session):

    from store.pg_server import PgServer, unavailable_reason
    server = PgServer.start()          # once per session, e.g. in a session-scoped fixture
    url = server.create_database()     # a fresh, empty database: postgresql://…
    server.stop()

The server binaries (initdb, pg_ctl) refuse to run as root. When the tests run as root they
are run as the `postgres` system user through `runuser`, in a temporary folder owned by that
user; the socket lives in that folder and the server also listens on 127.0.0.1 on a free port.
fsync is off: the data is thrown away at the end of the session.

Set NEWSDESK_TEST_PG_URL=postgresql://user@host:port/db to use an existing server instead
(the tests create and drop databases on it).
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path

ENV_URL = "NEWSDESK_TEST_PG_URL"
PG_VERSIONS = ("17", "16", "15", "14", "13")  # newest first
SERVER_USER = "postgres"


def find_pg_bin() -> Path | None:
    """The folder holding initdb and pg_ctl, or None when PostgreSQL is not installed."""
    candidates = [f"/usr/lib/postgresql/{v}/bin" for v in PG_VERSIONS]
    candidates += sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)
    candidates += ["/usr/local/pgsql/bin", "/opt/homebrew/bin", "/usr/local/bin", "/usr/bin"]
    for folder in candidates:
        p = Path(folder)
        if (p / "initdb").is_file() and (p / "pg_ctl").is_file():
            return p
    initdb = shutil.which("initdb")
    if initdb and shutil.which("pg_ctl"):
        return Path(initdb).resolve().parent
    return None


def unavailable_reason() -> str | None:
    """Why a throwaway server cannot be started here, or None if it can."""
    if os.environ.get(ENV_URL):
        return None
    if find_pg_bin() is None:
        return "PostgreSQL server binaries (initdb, pg_ctl) not found; install postgresql"
    if os.geteuid() == 0:
        try:
            pwd.getpwnam(SERVER_USER)
        except KeyError:
            return f"running as root and there is no {SERVER_USER!r} user to run the server as"
        if shutil.which("runuser") is None:
            return "running as root and `runuser` is not available"
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgServer:
    """A running server; `admin_url` connects to its `postgres` database as superuser."""

    admin_url: str
    folder: Path | None = None  # None for an external server (NEWSDESK_TEST_PG_URL)
    bin_dir: Path | None = None
    port: int = 0
    _databases: list[str] = field(default_factory=list)

    @classmethod
    def start(cls) -> PgServer:
        external = os.environ.get(ENV_URL)
        if external:
            return cls(admin_url=external)
        reason = unavailable_reason()
        if reason:
            raise RuntimeError(reason)
        bin_dir = find_pg_bin()
        assert bin_dir is not None
        as_root = os.geteuid() == 0
        folder = Path(tempfile.mkdtemp(prefix="newsdesk-pg-"))
        data = folder / "data"
        if as_root:
            user = pwd.getpwnam(SERVER_USER)
            os.chown(folder, user.pw_uid, user.pw_gid)
            os.chmod(folder, 0o700)
            run_as = ["runuser", "-u", SERVER_USER, "--"]
            db_user = SERVER_USER
        else:
            run_as = []
            db_user = pwd.getpwuid(os.geteuid()).pw_name
        port = _free_port()

        def run(*args: str) -> None:
            result = subprocess.run(
                [*run_as, *args], capture_output=True, text=True, timeout=120, cwd=folder
            )
            if result.returncode != 0:
                log = folder / "server.log"
                tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
                raise RuntimeError(
                    f"{' '.join(args[:2])} failed ({result.returncode}): "
                    f"{result.stderr.strip() or result.stdout.strip()}\n{tail}"
                )

        run(
            str(bin_dir / "initdb"),
            "-D",
            str(data),
            "-A",
            "trust",
            "-U",
            db_user,
            "-E",
            "UTF8",
            "--locale=C",
            "--no-sync",
        )
        options = f"-p {port} -k {folder} -c listen_addresses=127.0.0.1 -F -c max_connections=200"
        run(
            str(bin_dir / "pg_ctl"),
            "-D",
            str(data),
            "-o",
            options,
            "-l",
            str(folder / "server.log"),
            "-w",
            "-t",
            "60",
            "start",
        )
        server = cls(
            admin_url=f"postgresql://{db_user}@127.0.0.1:{port}/postgres",
            folder=folder,
            bin_dir=bin_dir,
            port=port,
        )
        server._run_as = run_as  # type: ignore[attr-defined]
        return server

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.admin_url, autocommit=True) as conn:
            conn.execute(sql)

    def create_database(self, prefix: str = "newsdesk_test") -> str:
        """Create a fresh empty database and return its postgresql:// URL."""
        name = f"{prefix}_{uuid.uuid4().hex[:12]}"
        self._admin(f"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'")
        self._databases.append(name)
        base, _, _ = self.admin_url.rpartition("/")
        return f"{base}/{name}"

    def drop_database(self, url: str) -> None:
        name = url.rpartition("/")[2]
        self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if name in self._databases:
            self._databases.remove(name)

    def stop(self) -> None:
        """Stop the server and delete its folder (an external server only loses our databases)."""
        if self.folder is None:
            for name in list(self._databases):
                self._admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        assert self.bin_dir is not None
        run_as = getattr(self, "_run_as", [])
        subprocess.run(
            [
                *run_as,
                str(self.bin_dir / "pg_ctl"),
                "-D",
                str(self.folder / "data"),
                "-m",
                "fast",
                "-w",
                "stop",
            ],
            capture_output=True,
            timeout=60,
            cwd=self.folder,
        )
        shutil.rmtree(self.folder, ignore_errors=True)
        self.folder = None
