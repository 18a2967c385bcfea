"""Workbooks: confirmed uploads kept as versions per 시군구·연도."""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    and_,
    func,
    insert,
    select,
)

from lib.store.engine import _lock, _now, _retried, _write, prepare
from lib.store.errors import InvalidReview, WorkbookNotFound
from lib.store.reviews import _check_author, _check_text, _check_year
from lib.store.tables import (
    _WORKBOOK_LOCK_CLASS,
    DISTRICT_MAX_CHARS,
    FILE_NAME_MAX_CHARS,
    workbooks,
)
from lib.strings_ko import StoreText

# ── Workbooks ───────────────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class StoredWorkbook:
    """One kept upload (without its bytes: ``get_workbook_bytes`` reads them)."""

    id: int
    district: str  # 시군구, as the workbook's 개요 states it
    year: int  # 연도
    version: int  # 1, 2, … per 시군구·연도; the highest is the one in use
    sha256: str  # hex digest of the original bytes
    file_name: str
    size: int  # bytes
    uploaded_by: str
    uploaded_by_id: str | None
    uploaded_at: datetime  # UTC


_WORKBOOK_COLUMNS = tuple(c for c in workbooks.c if c.name != "content")


def _workbook(row: Mapping[Any, Any]) -> StoredWorkbook:
    return StoredWorkbook(
        id=int(row["id"]),
        district=row["district"],
        year=int(row["year"]),
        version=int(row["version"]),
        sha256=row["sha256"],
        file_name=row["file_name"],
        size=int(row["size"]),
        uploaded_by=row["uploaded_by"],
        uploaded_by_id=row["uploaded_by_id"],
        uploaded_at=row["uploaded_at"],
    )


def _latest_workbook(conn: Connection, district: str, year: int) -> StoredWorkbook | None:
    row = conn.execute(
        select(*_WORKBOOK_COLUMNS)
        .where(workbooks.c.district == district, workbooks.c.year == year)
        .order_by(workbooks.c.version.desc())
        .limit(1)
    ).first()
    return None if row is None else _workbook(row._mapping)


def save_workbook(
    engine: Engine,
    *,
    district: str,
    year: int,
    data: bytes,
    file_name: str,
    uploaded_by: str,
    uploaded_by_id: str | None = None,
) -> StoredWorkbook:
    """Keep a confirmed workbook as the next version for its 시군구·연도.

    Re-confirming the bytes that are already the latest version adds nothing and returns
    that version; every other upload becomes the new latest, older ones stay retrievable.
    """
    prepare(engine)
    district = _check_text(district, StoreText.FIELD_DISTRICT, DISTRICT_MAX_CHARS)
    year = _check_year(year)
    file_name = _check_text(file_name, StoreText.FIELD_FILE_NAME, FILE_NAME_MAX_CHARS)
    who = _check_author(uploaded_by, uploaded_by_id)
    if not data:
        raise InvalidReview(StoreText.WORKBOOK_EMPTY)
    digest = hashlib.sha256(data).hexdigest()

    def insert_next() -> StoredWorkbook:
        with _write(engine) as conn:
            _lock(conn, _WORKBOOK_LOCK_CLASS, f"{district}\x1f{year}")
            latest = _latest_workbook(conn, district, year)
            if latest is not None and latest.sha256 == digest:
                return latest
            values = {
                "district": district,
                "year": year,
                "version": 1 if latest is None else latest.version + 1,
                "sha256": digest,
                "file_name": file_name,
                "size": len(data),
                "content": data,
                "uploaded_by": who[0],
                "uploaded_by_id": who[1],
                "uploaded_at": _now(),
            }
            created = conn.execute(insert(workbooks).values(**values).returning(*_WORKBOOK_COLUMNS))
            return _workbook(created.one()._mapping)

    return _retried(
        insert_next, "uq_workbooks_district_year_version", ("district", "year", "version")
    )


def latest_workbooks(
    engine: Engine, district: str | None = None, year: int | None = None
) -> list[StoredWorkbook]:
    """The version in use of every kept 시군구·연도 (optionally one 시군구 or 연도), sorted."""
    prepare(engine)
    wb = workbooks
    where: list[ColumnElement[bool]] = []
    if district is not None:
        where.append(wb.c.district == district)
    if year is not None:
        where.append(wb.c.year == year)
    latest = (
        select(wb.c.district, wb.c.year, func.max(wb.c.version).label("latest_version"))
        .where(*where)
        .group_by(wb.c.district, wb.c.year)
        .subquery()
    )
    query = (
        select(*_WORKBOOK_COLUMNS)
        .join(
            latest,
            and_(
                wb.c.district == latest.c.district,
                wb.c.year == latest.c.year,
                wb.c.version == latest.c.latest_version,
            ),
        )
        .order_by(wb.c.district, wb.c.year)
    )
    with engine.connect() as conn:
        return [_workbook(r._mapping) for r in conn.execute(query)]


def workbook_versions(engine: Engine, district: str, year: int) -> list[StoredWorkbook]:
    """Every kept version for one 시군구·연도, oldest first."""
    prepare(engine)
    query = (
        select(*_WORKBOOK_COLUMNS)
        .where(workbooks.c.district == district, workbooks.c.year == year)
        .order_by(workbooks.c.version)
    )
    with engine.connect() as conn:
        return [_workbook(r._mapping) for r in conn.execute(query)]


def workbook_by_sha256(
    engine: Engine, district: str, year: int, sha256: str
) -> StoredWorkbook | None:
    """The first kept version of one 시군구·연도 with these bytes (e.g. a round's pin), if kept.

    ``None`` when those bytes were never confirmed into the store (the bundled sample, or an
    upload shown in one browser only).
    """
    prepare(engine)
    query = (
        select(*_WORKBOOK_COLUMNS)
        .where(
            workbooks.c.district == district,
            workbooks.c.year == year,
            workbooks.c.sha256 == sha256,
        )
        .order_by(workbooks.c.version)
        .limit(1)
    )
    with engine.connect() as conn:
        row = conn.execute(query).first()
    return None if row is None else _workbook(row._mapping)


def get_workbook_bytes(engine: Engine, workbook_id: int) -> bytes:
    """The original bytes of one kept workbook, exactly as uploaded."""
    prepare(engine)
    with engine.connect() as conn:
        data = conn.execute(
            select(workbooks.c.content).where(workbooks.c.id == workbook_id)
        ).scalar_one_or_none()
    if data is None:
        raise WorkbookNotFound(workbook_id)
    return bytes(data)
