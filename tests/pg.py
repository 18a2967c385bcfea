"""A throwaway PostgreSQL server for the store tests, and the store URLs they run against.

``postgres_server`` (session): Debian's ``initdb`` into a temp directory and ``pg_ctl start``
on a free localhost port, as the ``postgres`` user when the tests run as root (CI), since
initdb and postgres refuse root. Stopped with ``pg_ctl stop -m fast`` after the session.
Missing binaries fail loudly (``make test`` installs them through scripts/system_deps.sh);
``PYTEST_NO_PG=1`` skips the PostgreSQL cases instead, for quick local runs.

``postgres_url``: a fresh database per test (the store is append-only, so tests cannot
clean up after themselves). ``store_url``: parametrised over ``sqlite`` (a file in
``tmp_path``) and ``postgresql``.
"""

from __future__ import annotations

import contextlib
import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

SKIP_ENV = "PYTEST_NO_PG"
RUN_AS = "postgres"


@dataclass(frozen=True)
class PostgresServer:
    port: int
    user: str

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{self.user}@127.0.0.1:{self.port}/{database}"


def _binaries() -> Path:
    found = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(Path(p).parts[4]) if Path(p).parts[4].isdigit() else 0,
    )
    if not found:
        pytest.fail(
            "PostgreSQL server binaries not found (/usr/lib/postgresql/*/bin/initdb): "
            f"run `bash scripts/system_deps.sh`, or set {SKIP_ENV}=1 to skip these tests",
            pytrace=False,
        )
    return Path(found[-1]).parent


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _run(command: list[str], as_user: str | None, cwd: Path) -> subprocess.CompletedProcess[str]:
    if as_user is not None:
        command = ["runuser", "-u", as_user, "--", *command]
    return subprocess.run(
        command, capture_output=True, text=True, timeout=120, check=False, cwd=cwd
    )


def _check(result: subprocess.CompletedProcess[str], what: str, log: Path | None = None) -> None:
    if result.returncode != 0:
        detail = result.stdout + result.stderr
        if log is not None and log.exists():
            detail += log.read_text(errors="replace")
        pytest.fail(f"{what} failed ({result.returncode}):\n{detail}", pytrace=False)


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    if os.environ.get(SKIP_ENV) == "1":
        pytest.skip(f"{SKIP_ENV}=1: PostgreSQL store tests skipped")
    bin_dir = _binaries()
    as_user = RUN_AS if os.geteuid() == 0 else None
    root = Path(tempfile.mkdtemp(prefix="pgtest-"))
    data, sockets, log = root / "data", root / "sock", root / "server.log"
    sockets.mkdir()
    if as_user is not None:
        account = pwd.getpwnam(as_user)
        for path in (root, sockets):
            os.chown(path, account.pw_uid, account.pw_gid)
    user = "postgres"
    _check(
        _run(
            [
                str(bin_dir / "initdb"),
                "-D",
                str(data),
                "-U",
                user,
                "--auth=trust",
                "-E",
                "UTF8",
                "--locale=C.UTF-8",
                "--no-sync",
            ],
            as_user,
            root,
        ),
        "initdb",
    )
    port = _free_port()
    options = (
        f"-p {port} -k {sockets} -c listen_addresses=127.0.0.1 -c fsync=off "
        "-c synchronous_commit=off -c full_page_writes=off -c max_connections=200"
    )
    pg_ctl = str(bin_dir / "pg_ctl")
    _check(
        _run(
            [pg_ctl, "-D", str(data), "-l", str(log), "-o", options, "-w", "start"], as_user, root
        ),
        "pg_ctl start",
        log,
    )
    try:
        yield PostgresServer(port=port, user=user)
    finally:
        _run([pg_ctl, "-D", str(data), "-m", "fast", "-w", "stop"], as_user, root)
        shutil.rmtree(root, ignore_errors=True)


def _admin(server: PostgresServer, sql: str) -> None:
    import psycopg

    with psycopg.connect(
        host="127.0.0.1", port=server.port, user=server.user, dbname="postgres", autocommit=True
    ) as conn:
        conn.execute(sql.encode())  # identifiers are built from uuid hex only


@pytest.fixture
def postgres_url(postgres_server: PostgresServer) -> Iterator[str]:
    name = f"t_{uuid.uuid4().hex}"
    _admin(postgres_server, f"CREATE DATABASE {name}")
    try:
        yield postgres_server.url(name)
    finally:
        with contextlib.suppress(Exception):
            _admin(postgres_server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'data' / 'reviews.db'}"
    return str(request.getfixturevalue("postgres_url"))


@dataclass(frozen=True)
class PostgresRoles:
    """One database owned by a non-superuser owner role, and an app role that only uses it."""

    owner_url: str
    app_url: str
    app_role: str


@pytest.fixture
def postgres_roles(postgres_server: PostgresServer) -> Iterator[PostgresRoles]:
    suffix = uuid.uuid4().hex[:12]
    name, owner, app = f"t_{suffix}", f"owner_{suffix}", f"app_{suffix}"
    _admin(postgres_server, f"CREATE ROLE {owner} LOGIN")
    _admin(postgres_server, f"CREATE ROLE {app} LOGIN")
    _admin(postgres_server, f"CREATE DATABASE {name} OWNER {owner}")
    _admin(postgres_server, f"REVOKE ALL ON DATABASE {name} FROM PUBLIC")
    _admin(postgres_server, f"GRANT CONNECT ON DATABASE {name} TO {app}")
    base = f"postgresql+psycopg://{{user}}@127.0.0.1:{postgres_server.port}/{name}"
    try:
        yield PostgresRoles(base.format(user=owner), base.format(user=app), app)
    finally:
        with contextlib.suppress(Exception):
            _admin(postgres_server, f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            _admin(postgres_server, f"DROP ROLE IF EXISTS {app}")
            _admin(postgres_server, f"DROP ROLE IF EXISTS {owner}")
