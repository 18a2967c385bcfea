"""Uploaded workbooks kept in the store: every version retrievable, byte for byte."""

from __future__ import annotations

import hashlib
from collections.abc import Iterator
from datetime import UTC

import pytest
from sqlalchemy import Engine, text
from sqlalchemy.exc import DBAPIError

from lib import store
from lib.store import InvalidReview, WorkbookNotFound

SASANG = "부산광역시 사상구"
BUKGU = "부산광역시 북구"


@pytest.fixture
def engine(store_url: str) -> Iterator[Engine]:
    eng = store.create_store_engine(store_url)
    yield eng
    eng.dispose()


def _save(
    engine: Engine, data: bytes, district: str = SASANG, year: int = 2023
) -> store.StoredWorkbook:
    return store.save_workbook(
        engine,
        district=district,
        year=year,
        data=data,
        file_name=f"{district}_{year}.xlsx",
        uploaded_by="정선희",
        uploaded_by_id="jung",
    )


def test_first_upload_is_version_one_with_hash_size_and_uploader(
    engine: Engine, sample_bytes: bytes
) -> None:
    kept = _save(engine, sample_bytes)
    assert kept.version == 1
    assert kept.sha256 == hashlib.sha256(sample_bytes).hexdigest()
    assert kept.size == len(sample_bytes)
    assert (kept.uploaded_by, kept.uploaded_by_id) == ("정선희", "jung")
    assert kept.uploaded_at.tzinfo is UTC
    assert kept.file_name == f"{SASANG}_2023.xlsx"
    assert store.get_workbook_bytes(engine, kept.id) == sample_bytes


def test_a_newer_upload_replaces_and_the_older_stays_retrievable(
    engine: Engine, sample_bytes: bytes, valid_bytes: bytes
) -> None:
    first = _save(engine, sample_bytes)
    second = _save(engine, valid_bytes)
    assert second.version == 2
    assert store.latest_workbooks(engine) == [second]
    assert store.workbook_versions(engine, SASANG, 2023) == [first, second]
    assert store.get_workbook_bytes(engine, first.id) == sample_bytes
    assert store.get_workbook_bytes(engine, second.id) == valid_bytes


def test_confirming_the_latest_bytes_again_adds_no_version(
    engine: Engine, sample_bytes: bytes, valid_bytes: bytes
) -> None:
    first = _save(engine, sample_bytes)
    assert _save(engine, sample_bytes) == first
    _save(engine, valid_bytes)
    back = _save(engine, sample_bytes)  # going back to an older file is a new version
    assert [w.version for w in store.workbook_versions(engine, SASANG, 2023)] == [1, 2, 3]
    assert back.sha256 == first.sha256


def test_latest_workbooks_lists_each_district_and_year_sorted(engine: Engine) -> None:
    _save(engine, b"sasang 2024 v1", year=2024)
    sasang_2024 = _save(engine, b"sasang 2024 v2", year=2024)
    sasang_2023 = _save(engine, b"sasang 2023")
    bukgu_2023 = _save(engine, b"bukgu 2023", district=BUKGU)
    assert store.latest_workbooks(engine) == [bukgu_2023, sasang_2023, sasang_2024]
    assert store.latest_workbooks(engine, district=SASANG) == [sasang_2023, sasang_2024]
    assert store.latest_workbooks(engine, year=2023) == [bukgu_2023, sasang_2023]
    assert store.workbook_versions(engine, BUKGU, 2024) == []


def test_unknown_workbook_id_is_reported(engine: Engine) -> None:
    with pytest.raises(WorkbookNotFound, match="보관되어 있지 않습니다"):
        store.get_workbook_bytes(engine, 12345)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"data": b""}, "빈 파일"),
        ({"district": " "}, "시군구"),
        ({"year": 20230}, "연도"),
        ({"file_name": ""}, "파일 이름"),
        ({"uploaded_by": ""}, "로그인"),
    ],
)
def test_invalid_uploads_are_refused_in_korean(
    engine: Engine, change: dict[str, object], message: str
) -> None:
    arguments: dict[str, object] = {
        "district": SASANG,
        "year": 2023,
        "data": b"x",
        "file_name": "a.xlsx",
        "uploaded_by": "정선희",
    }
    arguments.update(change)
    with pytest.raises(InvalidReview, match=message):
        store.save_workbook(engine, **arguments)  # type: ignore[arg-type]
    assert store.latest_workbooks(engine) == []


def test_kept_workbooks_cannot_be_overwritten_or_deleted(engine: Engine) -> None:
    kept = _save(engine, b"original")
    for statement in ("UPDATE workbooks SET content = NULL", "DELETE FROM workbooks"):
        with pytest.raises(DBAPIError, match="append-only"), engine.begin() as conn:
            conn.execute(text(statement))
    assert store.get_workbook_bytes(engine, kept.id) == b"original"
