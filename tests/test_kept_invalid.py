"""A kept workbook that today's checks reject (kept under older rules) is left out with a
warning that names it; no page fails and the other workbooks stay."""

from __future__ import annotations

from pathlib import Path

from lib import store
from tests.conftest import build_workbook, open_app, with_cell


def test_a_kept_workbook_that_no_longer_validates_is_named_not_fatal(tmp_path: Path) -> None:
    url = f"sqlite:///{tmp_path / 'reviews.db'}"
    engine = store.create_store_engine(url)
    bad = build_workbook(rows=with_cell(4, "목표", "약 300"))
    store.save_workbook(
        engine, district="부산광역시 사상구", year=2022, data=bad, file_name="옛 규칙.xlsx",
        uploaded_by="담당자",
    )  # fmt: skip
    engine.dispose()
    at = open_app(db_url=url)
    assert not at.exception
    warnings = [w.value for w in at.warning]
    assert any("옛 규칙" in w and "2022년" in w and "목표" in w for w in warnings), warnings
    assert [m.value for m in at.metric][:2] == ["121.6%", "110.7%"]  # the sample still shows
