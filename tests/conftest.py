"""Workbooks built in memory with openpyxl, small and valid, for tests to break."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook
from sqlalchemy import Engine
from streamlit.testing.v1 import AppTest

from lib.store import create_store_engine
from tests.pg import (  # noqa: F401  (store fixtures)
    postgres_roles,
    postgres_server,
    postgres_url,
    store_url,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "data" / "sample" / "sasang_2023.xlsx"

HEADER = (
    "체계", "사업번호", "추진전략", "중점사업", "세부사업", "사업지역", "사업구분",
    "성과지표", "지표방향", "가중치", "목표", "실적", "당초예산", "변경예산", "집행액", "예산변경사유",
)  # fmt: skip

# Row 2.. of sheet 시행결과: 3 sub-projects in 사회보장사업 (one with two indicators), 1 in 발전전략.
ROWS: tuple[tuple[Any, ...], ...] = (
    ("사회보장사업", "1-1-1", "돌봄 강화", "노인 돌봄", "행복울타리 돌봄사업", "전체", "계속",
     "돌봄 인원", "상향", None, 100, 120, 1000, 1200, 1100, "대상자 증가"),
    (None, None, None, None, None, None, None,
     "고독사 건수", "하향", None, 40, 36.1, None, None, None, None),
    (None, "1-1-2", None, None, "방문건강관리", "모라1동, 덕포2동", "신설",
     "방문 횟수", "상향", None, 200, 150, 500, None, 200, None),
    (None, "1-2-1", None, "건강 증진", "마을건강센터 운영", "전체", "계속",
     "참여 인원", None, None, 50, 80, 300, None, 290, None),
    ("발전전략", "1-1-1", "거버넌스 구축", "협의체 활성화", "동 협의체 활성화", None, None,
     "회의 횟수", None, None, 12, 12, 100, None, 100, None),
)  # fmt: skip

META = (
    ("시군구", "부산광역시 사상구"),
    ("연도", 2023),
    ("계획기수", "제5기"),
    ("예산단위", "천원"),
)
COMMENTS = (
    ("구분", "대상", "위원", "평가", "의견"),
    ("시행결과", "사회보장사업", "모니터링 T/F", None, "목표 대비 향상된 성과"),
    ("민관협력", "행복울타리 돌봄사업, 1-1-2", "모니터링 T/F", "적절", "민관 연계 강화 필요"),
)


def build_workbook(
    rows: Sequence[Sequence[Any]] = ROWS,
    header: Sequence[str] = HEADER,
    meta: Sequence[Sequence[Any]] | None = META,
    comments: Sequence[Sequence[Any]] | None = COMMENTS,
    above_header: Sequence[Sequence[Any]] = (),
    edit: Callable[[Workbook], None] | None = None,
) -> bytes:
    """An .xlsx in memory; ``rows`` start right after the header (row 2 unless titles above)."""
    wb = Workbook()
    ws = wb.active
    if meta is not None:
        ws.title = "개요"
        for line in meta:
            ws.append(list(line))
        ws = wb.create_sheet("시행결과")
    else:
        ws.title = "시행결과"
    for line in above_header:
        ws.append(list(line))
    ws.append(list(header))
    for line in rows:
        ws.append(list(line))
    if comments is not None:
        wc = wb.create_sheet("모니터링의견")
        for line in comments:
            wc.append(list(line))
    if edit is not None:
        edit(wb)
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()


def with_cell(
    row: int, column: str, value: Any, rows: Sequence[Sequence[Any]] = ROWS
) -> list[list[Any]]:
    """ROWS with one cell replaced; ``row`` is the Excel row (header is row 1)."""
    copy = [list(r) for r in rows]
    copy[row - 2][HEADER.index(column)] = value
    return copy


@pytest.fixture(autouse=True)
def _reviews_database_in_tmp(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """An AppTest without ``[connections.reviews]`` in at.secrets never opens data/reviews.db."""
    monkeypatch.setattr("lib.ui.db.DEFAULT_URL", f"sqlite:///{tmp_path / 'reviews.db'}")


@pytest.fixture
def db_url(tmp_path: Path) -> str:
    """A page test's own database: an SQLite file in the test's folder."""
    return f"sqlite:///{tmp_path / 'reviews.db'}"


@pytest.fixture
def engine(db_url: str) -> Iterator[Engine]:
    """The store on ``db_url``, for a page test to set up or check what the page wrote
    (the store tests override it with ``store_url``, SQLite and PostgreSQL)."""
    eng = create_store_engine(db_url)
    yield eng
    eng.dispose()


def open_app(
    page: str | None = None,
    *,
    query: Mapping[str, str | list[str]] | None = None,
    secrets: Mapping[str, Any] | None = None,
    session: Mapping[str, Any] | None = None,
    db_url: str | None = None,
    user: Mapping[str, Any] | None = None,
    run: bool = True,
    timeout: float = 60,
) -> AppTest:
    """The one way a test opens the app under ``AppTest``.

    Builds ``app.py`` with ``db_url`` as ``[connections.reviews]``, the other ``secrets``
    sections, the URL's ``query`` parameters, ``session`` state seeded before the first
    run (e.g. a signed-in ``Key.REVIEWER``) and ``user`` as ``st.user`` (OIDC). Unless
    ``run`` is False it then runs the app, as a browser's first visit does (the 개요 page),
    and, given ``page`` ("app_pages/x.py"), switches to it and runs again. Asserting that
    no exception was raised is left to the caller. ``timeout`` is per run, generous for a
    loaded machine.
    """
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=timeout)
    if db_url is not None:
        at.secrets["connections"] = {"reviews": {"url": db_url}}
    for section, value in (secrets or {}).items():
        at.secrets[section] = value
    for key, param in (query or {}).items():
        at.query_params[key] = param
    for key, state in (session or {}).items():
        at.session_state[key] = state
    if user is not None:
        at.user = dict(user)
    if not run:
        return at
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at


def page_text(at: Any) -> str:
    """Everything an AppTest page says in text, with markdown escapes of user text removed."""
    elements = [
        *at.title,
        *at.subheader,
        *at.markdown,
        *at.caption,
        *at.text,
        *at.info,
        *at.success,
        *at.warning,
        *at.error,
    ]
    return re.sub(r"\\(.)", r"\1", "\n".join(str(e.value) for e in elements))


@pytest.fixture
def valid_bytes() -> bytes:
    return build_workbook()


@pytest.fixture(scope="session")
def sample_bytes() -> bytes:
    return SAMPLE.read_bytes()
