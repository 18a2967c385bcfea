"""A 50,000-row workbook reads completely (its time is measured in bench/, not here)."""

from lib.metrics import system_summaries
from lib.workbook import read_workbook
from tests.conftest import HEADER, build_workbook


def test_fifty_thousand_rows_all_read():
    rows = []
    for n in range(25_000):
        code = f"{n // 1000 + 1}-{n // 100 % 10 + 1}-{n}"
        rows.append(("사회보장사업", code, f"전략 {n // 1000}", f"중점 {n // 100}", f"사업 {n}", None, None,
                     "지표 1", None, None, 100, 100 + n % 50, 1000, None, 900, None))  # fmt: skip
        rows.append(
            (
                None,
                None,
                None,
                None,
                None,
                None,
                None,
                "지표 2",
                "하향",
                None,
                10,
                9,
                None,
                None,
                None,
                None,
            )
        )
    assert len(rows) == 50_000 and len(HEADER) == len(rows[0])
    results = read_workbook(build_workbook(rows=rows, comments=None))
    assert len(results.sub_projects) == 25_000
    assert sum(len(sp.indicators) for sp in results.sub_projects) == 50_000
    (summary,) = system_summaries(results)
    assert summary.sub_projects == 25_000
