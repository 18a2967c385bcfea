"""A database that is down is said plainly on the page, never replaced silently by the sample."""

from __future__ import annotations

import socket
from pathlib import Path

from streamlit.testing.v1 import AppTest

from tests.conftest import open_app


def _refused_url() -> str:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    return f"postgresql+psycopg://app@127.0.0.1:{port}/reviews"


def _run(url: str) -> AppTest:
    at = open_app(db_url=url)
    assert not at.exception, [e.value for e in at.exception]
    return at


def test_a_refused_database_is_said_on_the_overview() -> None:
    at = _run(_refused_url())
    errors = " ".join(str(e.value) for e in at.error)
    assert "보관된 워크북을 읽지 못했습니다" in errors
    assert "의견 데이터베이스에 연결할 수 없습니다" in errors
    assert "예시 자료" in errors


def test_an_unusable_sqlite_path_is_said_on_the_overview(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory")
    at = _run(f"sqlite:///{blocker / 'sub' / 'reviews.db'}")
    errors = " ".join(str(e.value) for e in at.error)
    assert "만들거나 열 수 없습니다" in errors


def test_a_working_database_shows_no_such_error(tmp_path: Path) -> None:
    at = _run(f"sqlite:///{tmp_path / 'reviews.db'}")
    assert not [e for e in at.error if "보관된 워크북" in str(e.value)]
