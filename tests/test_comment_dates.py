"""One comment byline and one date format everywhere: a review saved at 23:30 UTC is dated
the next day (Korean time) on screen, in the PPTX, the HTML and the Excel export."""

from __future__ import annotations

import io
from datetime import UTC, datetime

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from lib.comments import CommentView, byline
from lib.exports.deck import build_deck
from lib.exports.html import render_html
from lib.exports.pptx import render_pptx
from lib.exports.xlsx import render_xlsx
from lib.schema import CommentCategory, CommentTarget, Rating, Results, TargetKind
from lib.views.view import View
from lib.workbook import read_workbook
from tests.conftest import SAMPLE

SAVED = datetime(2024, 3, 14, 23, 30, tzinfo=UTC)  # 2024-03-15 08:30 in Korea
KOREAN_DAY = "2024. 3. 15."
UTC_DAY = "2024. 3. 14."

REVIEW = CommentView(
    category=CommentCategory.RESULTS,
    targets=(CommentTarget(kind=TargetKind.ALL),),
    text="늦은 밤에 저장한 의견",
    reviewer="김위원",
    rating=Rating.APPROPRIATE,
    source="점검 입력",
    written_at=SAVED,
)


@pytest.fixture(scope="module")
def results() -> Results:
    return read_workbook(SAMPLE.read_bytes(), SAMPLE.name)


def test_byline_dates_in_korean_time() -> None:
    line = byline(REVIEW, with_category=True, with_source=True)
    assert line == f"시행결과 · 김위원 · 평가: 적절 · 대상: 전체 · {KOREAN_DAY} · 점검 입력"


def _pptx_text(data: bytes) -> str:
    prs = Presentation(io.BytesIO(data))
    texts = []
    for slide in prs.slides:
        for shape in slide.shapes:
            if shape.has_text_frame:
                texts.append(shape.text_frame.text)
        if slide.has_notes_slide:
            texts.append(slide.notes_slide.notes_text_frame.text)
    return "\n".join(texts)


def test_every_export_dates_the_review_in_korean_time(results: Results) -> None:
    deck = build_deck(View.build(results), extra_comments=[REVIEW])
    html = render_html(deck)
    pptx = _pptx_text(render_pptx(deck))
    book = load_workbook(io.BytesIO(render_xlsx(View.build(results), extra_comments=[REVIEW])))
    cells = [
        str(value)
        for ws in book.worksheets
        for row in ws.iter_rows(values_only=True)
        for value in row
        if value is not None
    ]
    xlsx = "\n".join(cells)
    for text in (html, pptx, xlsx):
        assert "늦은 밤에 저장한 의견" in text
        assert KOREAN_DAY in text
        assert UTC_DAY not in text
    # The same byline on slides as on screen (the deck adds sub-project names as labels).
    assert byline(REVIEW) in html
