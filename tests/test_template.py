"""The blank template: every sheet the reader knows, the optional roster included."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from lib.template import template_bytes
from lib.workbook import read_workbook


def test_template_has_the_roster_sheet_with_its_headers():
    wb = load_workbook(io.BytesIO(template_bytes()))
    assert [c.value for c in wb["모니터링단"][1]] == ["성명", "구분", "소속기관/직위"]
    assert wb["모니터링단"].freeze_panes == "A2"


def test_template_filled_in_reads_with_its_roster():
    wb = load_workbook(io.BytesIO(template_bytes()))
    wb["개요"]["B1"], wb["개요"]["B2"] = "부산광역시 사상구", 2024
    wb["시행결과"].append(
        ["사회보장사업", "1-1-1", "돌봄", "노인 돌봄", "방문 돌봄", *[None] * 5, "인원", "명",
         "상향", None, 100, 110]
    )  # fmt: skip
    wb["모니터링단"].append(["류○○", "대표협의체 위원장", "학장종합사회복지관 / 관장"])
    out = io.BytesIO()
    wb.save(out)
    results = read_workbook(out.getvalue())
    assert [(m.name, m.role, m.affiliation, m.row) for m in results.roster] == [
        ("류○○", "대표협의체 위원장", "학장종합사회복지관 / 관장", 2)
    ]
