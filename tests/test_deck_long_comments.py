"""A comment longer than a slide goes on over the next slides (deck, PPTX) and screens
(발표 모드): each piece fits at full size, says that it goes on (계속) or goes on from the
last (이어서), and the pieces together are the whole comment; nothing shrinks below 24 px
(18 pt on the slide), nothing is cut. Tried with 3,000 characters and with 40 short lines."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence

import pytest
from pptx import Presentation

from lib.comments import CommentView
from lib.exports import deck as d
from lib.exports.deck import Deck, Slide, SlideKind, build_deck, screen_slides, split_text
from lib.exports.pptx import render_pptx
from lib.schema import CommentCategory
from lib.strings_ko import SplitCommentText
from lib.views.view import View
from lib.workbook import read_workbook
from tests.long_comments import FILE_NAME, LONG, MANY_LINES, STRATEGY, long_comment_workbook

GOES_ON = SplitCommentText.GOES_ON.format(text="")
GOES_ON_FROM = SplitCommentText.GOES_ON_FROM.format(text="")


@pytest.fixture(scope="module")
def deck() -> Deck:
    return build_deck(View.build(read_workbook(long_comment_workbook(), FILE_NAME)))


def _pieces(slides: Sequence[Slide], first_words: str) -> list[CommentView]:
    """The comment that starts with ``first_words`` and the pieces that go on from it, in
    slide order."""
    flat = [c for slide in slides for c in slide.comments]
    start = next(i for i, c in enumerate(flat) if c.text.startswith(first_words))
    found = [flat[start]]
    for c in flat[start + 1 :]:
        if not found[-1].text.endswith(GOES_ON):
            break
        found.append(c)
    return found


def _unmarked(pieces: Sequence[CommentView]) -> list[str]:
    return [c.text.removeprefix(GOES_ON_FROM).removesuffix(GOES_ON) for c in pieces]


def _same_text(pieces: Sequence[CommentView], original: str) -> bool:
    """Joined, the pieces are the comment (line breaks and spaces between pieces aside)."""
    return "".join("".join(_unmarked(pieces)).split()) == "".join(original.split())


def _marked_in_order(pieces: Sequence[CommentView]) -> bool:
    last = len(pieces) - 1
    return all(
        c.text.startswith(GOES_ON_FROM) == (i > 0) and c.text.endswith(GOES_ON) == (i < last)
        for i, c in enumerate(pieces)
    )


@pytest.mark.parametrize(("original", "start"), [(LONG, LONG[:12]), (MANY_LINES, "1. 경로당")])
def test_a_long_comment_goes_on_over_comment_slides_whole_and_marked(deck, original, start):
    slides = [s for s in deck.slides if s.kind is SlideKind.COMMENTS]
    pieces = _pieces(slides, start)
    assert len(pieces) >= 3, [len(c.text) for c in pieces]
    assert _same_text(pieces, original)
    assert _marked_in_order(pieces)
    holding = [s for s in slides if any(c in pieces for c in s.comments)]
    assert len(holding) == len(pieces)  # one piece a slide: each fills its slide
    assert all(s.part is not None for s in holding)  # titled (n/m)
    assert all(s.subtitle == holding[0].subtitle for s in holding)  # the count of comments


def test_forty_lines_are_cut_between_lines_never_inside_one(deck):
    slides = [s for s in deck.slides if s.kind is SlideKind.COMMENTS]
    pieces = _pieces(slides, "1. 경로당")
    lines = MANY_LINES.split("\n")
    shown = [line for text in _unmarked(pieces) for line in text.split("\n")]
    assert shown == lines


def test_every_comment_slide_holds_its_comments_at_full_size(deck):
    for slide in deck.slides:
        if slide.kind is not SlideKind.COMMENTS or not slide.comments:
            continue
        lines = sum(
            d.text_lines(c.text, d.SLIDE_TEXT_WIDTH_PX, d.SLIDE_TEXT_PX)
            + d.text_lines(deck.comment_byline(c), d.SLIDE_TEXT_WIDTH_PX, d.SLIDE_TEXT_PX * 2 // 3)
            for c in slide.comments
        )
        assert lines <= d.SLIDE_COMMENT_LINES, slide.title


def _screen_px(slide: Slide, deck: Deck) -> int:
    """What a screen's parts need, by the measure screen_slides cuts with."""
    used = d.chart_height_px(len(slide.chart.categories)) if slide.chart else 0
    used += sum(d._bullet_px(b) for b in slide.bullets)
    if slide.table is not None:
        used += d.SCREEN_TABLE_HEAD_PX + sum(d._row_px(slide.table, r) for r in slide.table.rows)
    if slide.comments and slide.kind is not SlideKind.COMMENTS:
        used += d.SCREEN_LINE_PX + 10  # the "모니터링 의견" heading
    return used + sum(d._comment_px(c, deck.comment_byline(c)) for c in slide.comments)


def test_every_screen_holds_its_parts_and_long_comments_go_on(deck):
    screens = screen_slides(deck)
    for screen in screens:
        assert _screen_px(screen, deck) <= d.SCREEN_BODY_PX or len(screen.bullets) == 1, (
            screen.title
        )
    # On the overview (the whole plan) and on the strategy: pieces on screens of their own.
    overview = [s for s in screens if s.kind is SlideKind.OVERVIEW]
    pieces = _pieces(overview, LONG[:12])
    assert len(pieces) >= 4 and _same_text(pieces, LONG) and _marked_in_order(pieces)
    strategy = [s for s in screens if s.kind is SlideKind.STRATEGY and STRATEGY in s.title]
    pieces = _pieces(strategy, "1. 경로당")
    assert len(pieces) >= 2 and _same_text(pieces, MANY_LINES) and _marked_in_order(pieces)
    assert all(s.title.endswith("· 의견") for s in strategy if any(c in pieces for c in s.comments))


def test_the_pptx_never_sets_a_comment_below_18_pt_and_keeps_every_word(deck):
    prs = Presentation(io.BytesIO(render_pptx(deck)))
    said = ""
    for slide, s in zip(prs.slides, deck.slides, strict=True):
        if s.kind is not SlideKind.COMMENTS or not s.comments:
            continue
        for shape in slide.shapes:
            if not shape.has_text_frame:
                continue
            for paragraph in shape.text_frame.paragraphs:
                text = "".join(r.text for r in paragraph.runs)
                if text.startswith("“"):  # a comment (its byline follows it)
                    assert all(r.font.size.pt >= 18 for r in paragraph.runs), s.title
                    said += text
    for original in (LONG, MANY_LINES):
        assert "".join(original.split()) in "".join(
            re.sub(r"“|”|\(계속\)|\(이어서\)", "", said).split()
        )


def test_a_typed_line_break_stays_a_line_break_in_the_pptx(deck):
    prs = Presentation(io.BytesIO(render_pptx(deck)))
    xml = b"".join(
        slide.element.xml.encode()
        for slide, s in zip(prs.slides, deck.slides, strict=True)
        if any(c.text.startswith("(이어서) 12.") for c in s.comments)
    )
    assert xml.count(b"<a:br") >= 10  # lines 12–22, each on its own line
    assert b"\n12." not in xml


def test_split_text_gives_the_text_back_and_prefers_the_coarsest_cut():
    text = "첫 문장입니다. 둘째 문장입니다.\n셋째 줄\n넷째 줄"
    assert split_text(text, lambda t: True) == [text]
    assert split_text(text, lambda t: len(t) <= 20) == [
        "첫 문장입니다. 둘째 문장입니다.\n",  # a whole line fits: cut there
        "셋째 줄\n넷째 줄",
    ]
    pieces = split_text(text, lambda t: len(t) <= 15)  # the first line does not: sentences
    assert "".join(pieces) == text
    assert pieces == ["첫 문장입니다. ", "둘째 문장입니다.\n셋째 줄\n", "넷째 줄"]
    word = "가" * 50  # one word longer than a piece: cut between letters
    assert [len(p) for p in split_text(word, lambda t: len(t) <= 20)] == [20, 20, 10]
    assert split_text("abc", lambda t: False) == ["a", "b", "c"]  # ends, whatever fits says


@pytest.mark.parametrize(
    "text",
    ["가" * 30_000, "https://e.test/" + "a" * 5_000, "줄\n" * 2_000],
    ids=["30000 letters without a space", "a long URL", "2000 one-word lines"],
)
def test_text_without_sentences_or_spaces_is_cut_finer_and_every_piece_fits(text):
    comment = CommentView(
        category=CommentCategory.RESULTS,
        targets=(),
        text=text,
        reviewer="모니터링 T/F",
        rating=None,
        source="모니터링의견 시트 2행",
    )

    def fits(c: CommentView) -> bool:
        return d._comment_px(c, "모니터링 T/F") <= d.SCREEN_BODY_PX

    pieces = d.split_comment(comment, fits)
    assert len(pieces) > 1 and all(fits(p) for p in pieces)
    assert _same_text(pieces, text) and _marked_in_order(pieces)
