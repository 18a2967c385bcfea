"""Sheet 모니터링단 (optional): the T/F roster, read into ``Results.roster``."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import pytest

from lib.errors import WorkbookError
from lib.schema import RosterMember
from lib.workbook import read_workbook
from tests.conftest import build_workbook


def with_roster(rows: Sequence[Sequence[Any]]) -> bytes:
    def add(wb: Any) -> None:
        ws = wb.create_sheet("모니터링단")
        for line in rows:
            ws.append(list(line))

    return build_workbook(edit=add)


def test_without_the_sheet_the_roster_is_empty():
    assert read_workbook(build_workbook()).roster == ()


def test_an_empty_sheet_is_no_roster():
    assert read_workbook(with_roster([])).roster == ()


def test_roster_in_sheet_order_with_a_dash_read_as_blank():
    results = read_workbook(
        with_roster(
            [
                ("성명", "구분", "소속기관/ 직위"),
                ("류○○", "대표협의체 위원장", "학장종합사회복지관 / 관장"),
                (None, None, None),
                ("조○○", "대표협의체 위원", None),
                ("장○○", "-", "사상구지역사회보장협의체 사무국 / 팀장"),
            ]
        )
    )
    assert results.roster == (
        RosterMember(
            name="류○○", role="대표협의체 위원장", affiliation="학장종합사회복지관 / 관장", row=2
        ),
        RosterMember(name="조○○", role="대표협의체 위원", affiliation=None, row=4),
        RosterMember(
            name="장○○", role=None, affiliation="사상구지역사회보장협의체 사무국 / 팀장", row=5
        ),
    )


@pytest.mark.parametrize("header", ["소속", "직위", "소속기관", "소속기관/직위", "소속/직위"])
def test_one_affiliation_column_under_any_accepted_header(header):
    results = read_workbook(with_roster([("성명", header), ("김○○", "모라종합사회복지관 / 관장")]))
    assert results.roster[0].affiliation == "모라종합사회복지관 / 관장"


def test_two_columns_organisation_and_position_are_joined():
    results = read_workbook(
        with_roster(
            [
                ("구분", "성명", "소속기관", "직위"),
                ("대표협의체 위원", "한○○", "신라대학교", "사회복지학과 교수"),
                ("실무협의체 위원", "정○○", "복지정책과", None),
                ("대표협의체 위원", "조○○", None, None),
            ]
        )
    )
    assert [(m.name, m.affiliation) for m in results.roster] == [
        ("한○○", "신라대학교 / 사회복지학과 교수"),
        ("정○○", "복지정책과"),
        ("조○○", None),
    ]


def test_row_without_a_name_is_a_problem_naming_sheet_row_and_column():
    with pytest.raises(WorkbookError) as caught:
        read_workbook(with_roster([("성명", "구분"), ("류○○", "위원장"), (None, "위원")]))
    assert [str(p) for p in caught.value.problems] == [
        "모니터링단 시트 3행 '성명': 성명이 비어 있습니다."
    ]


def test_missing_name_column_is_a_problem():
    with pytest.raises(WorkbookError) as caught:
        read_workbook(with_roster([("이름표", "구분"), ("류○○", "위원장")]))
    assert [str(p) for p in caught.value.problems] == [
        "모니터링단 시트 1행 '성명': 필수 열이 없습니다."
    ]


def test_markup_in_roster_stays_text():
    results = read_workbook(
        with_roster([("성명", "구분"), ("**b** $x$", "[x](http://e) <script>")])
    )
    assert (results.roster[0].name, results.roster[0].role) == (
        "**b** $x$",
        "[x](http://e) <script>",
    )
