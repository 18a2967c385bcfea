"""The sample workbook with two comments no slide holds: 3,000 characters of sentences
on the whole plan (시행결과), and 40 short lines on a strategy (민관협력)."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from tests.conftest import SAMPLE

SENTENCE = "돌봄 사업의 대상자 선정과 절차가 적절했고, 민관이 함께 점검한 결과를 다음 계획에 반영해야 합니다. "
LONG = (SENTENCE * (3000 // len(SENTENCE) + 1))[:2999].rstrip() + "끝"  # 3,000 characters
MANY_LINES = "\n".join(f"{n}. 경로당 {n}곳 순회 점검" for n in range(1, 41))  # 40 short lines
STRATEGY = "누구나 누리는 촘촘한 돌봄"  # a strategy of the sample (사회보장사업 1)
FILE_NAME = "긴의견.xlsx"


def long_comment_workbook() -> bytes:
    book = load_workbook(SAMPLE)
    sheet = book["모니터링의견"]
    sheet.append(["시행결과", "전체", "모니터링 T/F", None, LONG])
    sheet.append(["민관협력", STRATEGY, "모니터링 T/F", None, MANY_LINES])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
