"""Indicator rows are built once: 전략별 성과, 세부사업 and the Excel export show the same rate
for one indicator, and a 폐지 sub-project's indicators show none (one rule for 폐지)."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from lib.exports.xlsx import render_xlsx
from lib.schema import Results
from lib.status import DEFAULT_BANDS
from lib.strings_ko import ExportText
from lib.views import drilldown, tables
from lib.views.view import View
from lib.workbook import read_workbook
from tests.conftest import SAMPLE


@pytest.fixture(scope="module")
def results() -> Results:
    return read_workbook(SAMPLE.read_bytes(), SAMPLE.name)


def _xlsx_rates(results: Results) -> dict[tuple[str, int], object]:
    book = load_workbook(io.BytesIO(render_xlsx(View.build(results))))
    ws = book[ExportText.SHEET_INDICATORS]
    header = [c.value for c in ws[1]]
    rate_at = header.index(ExportText.XLSX_INDICATOR_COLUMNS[9])
    return {
        (f"{row[0]}/{row[1]}", row[-1]): row[rate_at]
        for row in ws.iter_rows(min_row=2, values_only=True)
    }


def test_every_table_shows_the_same_indicator_rates(results: Results) -> None:
    in_excel = _xlsx_rates(results)
    abolished = [sp for sp in results.sub_projects if sp.abolished]
    assert abolished, "the sample has a 폐지 sub-project"
    for sp in results.sub_projects:
        screen = tables.indicator_table(sp, DEFAULT_BANDS)["achievement_rate"].tolist()
        strategies = [
            line.rate.split(" ")[0] for line in drilldown.indicator_rows(sp, DEFAULT_BANDS)
        ]
        assert screen == strategies
        bars = [item.rate for item in drilldown.indicator_items(sp)]
        rows = tables.indicator_rows(sp, DEFAULT_BANDS)
        assert bars == [row.rate for row in rows]
        for row in rows:
            excel = in_excel[(sp.id, row.indicator.row)]
            if row.rate is None:
                assert excel is None
            else:
                assert row.rate_text == f"{excel:.1f}%"
        if sp.abolished:
            assert set(screen) == {"–"}
            assert all(rate is None for rate in bars)
