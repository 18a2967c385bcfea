"""The deck description: which slides, in which order, with which numbers and comments."""

import dataclasses
from collections import Counter

import pytest

from lib.comments import CommentView
from lib.exports.deck import Bullet, Slide, SlideKind, _pack, build_deck
from lib.flags import Flag, Thresholds, flag_rule
from lib.schema import CommentCategory, CommentTarget, System, TargetKind
from lib.status import flag_badge
from lib.strings_ko import ExportText
from lib.views.filters import Filter
from lib.views.view import View
from lib.workbook import read_workbook
from tests.conftest import build_workbook, with_cell

STRATEGIES = 9  # in the bundled sample: 5 in 사회보장사업, 4 in 발전전략


@pytest.fixture(scope="module")
def sample(sample_bytes):
    return read_workbook(sample_bytes, "sasang_2023.xlsx")


@pytest.fixture(scope="module")
def deck(sample):
    return build_deck(View.build(sample))


def kinds(deck) -> list[SlideKind]:
    return [s.kind for s in deck.slides]


def of_kind(deck, kind: SlideKind) -> list[Slide]:
    return [s for s in deck.slides if s.kind is kind]


def by_title(deck, title: str) -> Slide:
    (slide,) = [s for s in deck.slides if s.title == title]
    return slide


def test_slides_follow_the_meeting_order(deck):
    order = list(dict.fromkeys(kinds(deck)))
    assert order == [
        SlideKind.TITLE,
        SlideKind.OVERVIEW,
        SlideKind.SYSTEM,
        SlideKind.STRATEGY,
        SlideKind.FLAGS,
        SlideKind.BUDGET_CHANGES,
        SlideKind.COMMENTS,
    ]
    counts = Counter(kinds(deck))
    assert counts[SlideKind.SYSTEM] == 2 and counts[SlideKind.STRATEGY] == STRATEGIES
    # Each kind is one run of slides: no section is interrupted by another.
    runs = [k for i, k in enumerate(kinds(deck)) if i == 0 or kinds(deck)[i - 1] is not k]
    assert len(runs) == len(set(runs))


def test_title_slide_names_district_year_term_and_says_figures_are_illustrative(deck, sample):
    title = deck.slides[0]
    assert title.title == "2023년 지역사회보장 연차별 시행계획 시행결과"
    assert title.subtitle == "부산광역시 사상구 · 제5기 지역사회보장계획"
    assert [b.text for b in title.bullets] == [f"예시 자료 안내: {sample.meta.illustrative_note}"]
    assert deck.file_stem == "2023_부산광역시_사상구_시행결과"


def test_overview_charts_each_systems_published_rate(deck):
    overview = of_kind(deck, SlideKind.OVERVIEW)[0]
    chart = overview.chart
    assert chart.categories == ("지자체 사회보장사업 전략체계", "지역사회보장 발전 전략체계")
    assert chart.values == (121.6, 110.7)
    assert chart.bands == ("● 달성", "● 달성")
    assert chart.reference == 100.0
    texts = [b.text for b in overview.bullets]
    assert "추진전략 5개 · 중점사업 10개 · 세부사업 29개" in texts
    assert "추진전략 4개 · 대표과업 9개 · 세부과업 18개" in texts
    # The comments on the whole plan (대상 전체) belong to the overview.
    assert overview.comments and all(
        t.kind is TargetKind.ALL for c in overview.comments for t in c.targets
    )


def test_system_slides_give_rate_counts_budget_and_strategy_chart(deck):
    social, development = of_kind(deck, SlideKind.SYSTEM)
    assert (social.title, social.headline) == ("지자체 사회보장사업 전략체계", "121.6%")
    assert (development.title, development.headline) == ("지역사회보장 발전 전략체계", "110.7%")
    assert social.headline_label.startswith("● 달성")
    texts = [b.text for b in social.bullets]
    assert texts[0] == "추진전략 5개 · 중점사업 10개 · 세부사업 29개"
    assert any(t.startswith("예산: 당초 ") and "천원" in t for t in texts)
    assert social.chart.title == "추진전략별 달성률"
    assert len(social.chart.categories) == 5 and len(development.chart.categories) == 4
    assert all(isinstance(v, float) and round(v, 1) == v for v in social.chart.values)
    assert [c.text[:8] for c in social.comments] == ["지자체 사회보장사업"[:8]]


def test_one_slide_per_strategy_with_its_sub_projects_and_comments(deck):
    care = by_title(deck, "누구나 누리는 촘촘한 돌봄")
    assert care.headline == "114.1%"
    assert care.chart.title == "세부사업별 달성률"
    # The abolished sub-project has no bar, but is named.
    assert "홀몸어르신 안부우유 배달" not in care.chart.categories
    assert any("폐지된 세부사업 1개" in b.text for b in care.bullets)
    assert (
        dict(zip(care.chart.categories, care.chart.values, strict=True))[
            "중장년 1인 가구 사회관계망 지원"
        ]
        == 77.7
    )
    assert (
        dict(zip(care.chart.categories, care.chart.bands, strict=True))[
            "중장년 1인 가구 사회관계망 지원"
        ]
        == "▼ 저조"
    )
    # Key projects are listed with their rates, indented.
    assert [b.level for b in care.bullets[:3]] == [0, 1, 1]
    # Comments on the strategy and on its sub-projects are attached to it.
    texts = [c.text for c in care.comments]
    assert any(t.startswith("사상구의 노인인구") for t in texts)  # names the strategy
    assert any(t.startswith("계획예산 대비") for t in texts)  # names 1-1-3, 1-1-4
    governance = by_title(deck, "지역사회 거버넌스 구축")
    assert governance.subtitle == "지역사회보장 발전 전략체계 · 추진전략"
    assert governance.chart.title == "세부과업별 달성률"
    assert len(governance.comments) == 7
    assert any(n.startswith("3-2-2 동 협의체 특화사업 지원: 97.1%") for n in governance.notes)


def test_flag_slides_give_the_number_that_raised_each_flag(deck):
    lines = [b.text for s in of_kind(deck, SlideKind.FLAGS) for b in s.bullets]
    assert "▽ 부진 (달성률 100% 미만) 7개" in lines
    assert "중장년 1인 가구 사회관계망 지원 (사회보장사업 1-2-2) · 달성률 77.7%" in lines
    low = "중장년 1인 가구 사회관계망 지원 (사회보장사업 1-2-2) · 집행률 58.0% (집행액 "
    assert any(line.startswith(low) and line.endswith("천원)") for line in lines)
    assert (
        "행복울타리 돌봄사업 (사회보장사업 1-1-3) · "
        "당초 420,000천원 → 변경 468,000천원 (+48,000천원)"
    ) in lines
    assert (
        "홀몸어르신 안부우유 배달 (사회보장사업 1-2-4) · 사업구분: 폐지 (달성률·예산 합계에서 제외)"
    ) in lines
    # The same wording as the screen's 점검 필요 사업 page (one home: lib.flags).
    for flag in Flag:
        if any(b.startswith(flag_badge(flag)) for b in lines):
            assert f"{flag_badge(flag)} ({flag_rule(flag, Thresholds())})" in " ".join(lines)
    # 4 + 7 + 3 + 3 + 3 + 1 flagged entries, each indented under its flag's heading.
    bullets = [b for s in of_kind(deck, SlideKind.FLAGS) for b in s.bullets]
    assert sum(1 for b in bullets if b.level == 1) == 21
    assert [b.text.split(" (")[0] for b in bullets if b.level == 0] == [
        "₩ 예산변경", "▽ 부진", "↑ 초과달성", "◐ 집행부진", "＋ 신설", "✕ 폐지",
    ]  # fmt: skip


def test_flag_lists_continue_without_splitting_a_section_that_fits():
    sections = [
        [Bullet(f"h{i}"), *(Bullet(f"i{i}{j}", 1) for j in range(n))]
        for i, n in enumerate((4, 7, 3))
    ]
    pages = _pack(sections, 12)
    assert pages == [sections[0], [*sections[1], *sections[2]]]
    # A section longer than a page is split and its heading repeated, marked 계속.
    long_pages = _pack([[Bullet("h"), *(Bullet(f"i{j}", 1) for j in range(15))]], 12)
    assert [len(p) for p in long_pages] == [12, 5]
    assert long_pages[1][0] == Bullet("h (계속)")


def test_budget_changes_show_original_to_changed_with_reasons(deck):
    (slide,) = of_kind(deck, SlideKind.BUDGET_CHANGES)
    assert slide.table.columns == ExportText.BUDGET_COLUMNS
    assert slide.table.unit == "단위: 천원"
    rows = {row[1]: row for row in slide.table.rows}
    assert set(rows) == {
        "행복울타리 돌봄사업",
        "노후준비지원센터 운영",
        "복지N건강 상담지원",
        "마을건강센터 운영",
    }
    assert rows["행복울타리 돌봄사업"][2:] == (
        "420,000",
        "468,000",
        "+48,000",
        "돌봄 대상 가구 증가에 따른 증액",
    )
    assert rows["마을건강센터 운영"][4] == "−70,000"
    assert slide.bullets[0].text == "예산변경 4개 · 증액 2개 · 감액 2개"


def test_a_budget_change_without_reason_is_marked():
    rows = with_cell(2, "예산변경사유", None)
    deck = build_deck(View.build(read_workbook(build_workbook(rows=rows))))
    (slide,) = of_kind(deck, SlideKind.BUDGET_CHANGES)
    assert slide.table.rows[0][5] == "⚠ 사유 미기재"
    assert slide.bullets[0].text.endswith("사유 미기재 1개")


def test_no_budget_change_says_so():
    rows = with_cell(2, "변경예산", None)
    deck = build_deck(View.build(read_workbook(build_workbook(rows=rows))))
    (slide,) = of_kind(deck, SlideKind.BUDGET_CHANGES)
    assert slide.table is None and slide.bullets[0].text == "예산을 변경한 사업이 없습니다."


def test_comment_slides_split_long_lists_and_keep_every_comment(deck, sample):
    results_slides = [
        s for s in of_kind(deck, SlideKind.COMMENTS) if s.section_title == "시행결과 모니터링 의견"
    ]
    coop = [
        s
        for s in of_kind(deck, SlideKind.COMMENTS)
        if s.section_title == "민관협력 증진방안 및 보완사항"
    ]
    assert len(coop) > 1
    assert [s.part for s in coop] == [(i, len(coop)) for i in range(1, len(coop) + 1)]
    assert coop[0].title == f"민관협력 증진방안 및 보완사항 (1/{len(coop)})"
    for group, category in ((results_slides, "시행결과"), (coop, "민관협력")):
        shown = [c.text for s in group for c in s.comments]
        expected = [c.text for c in sample.comments if c.category.value == category]
        assert shown == expected
        assert all(len(s.comments) <= 4 for s in group)


def test_chart_value_is_rounded_but_band_follows_the_exact_rate():
    # 9996 of 10000 is 99.96%: shown as 100.0, still short of the target (▲ 미달).
    rows = with_cell(6, "실적", 9996, with_cell(6, "목표", 10000))
    deck = build_deck(View.build(read_workbook(build_workbook(rows=rows))))
    development = [s for s in deck.slides if s.kind is SlideKind.STRATEGY][-1]
    assert development.chart.values == (100.0,)
    assert development.chart.bands == ("▲ 미달",)
    assert development.headline == "100.0%" and development.band.value == "미달"


def test_filter_narrows_the_deck_and_is_described(sample):
    f = Filter(system=System.DEVELOPMENT)
    deck = build_deck(View.build(sample, f))
    assert [s.title for s in of_kind(deck, SlideKind.SYSTEM)] == ["지역사회보장 발전 전략체계"]
    assert len(of_kind(deck, SlideKind.STRATEGY)) == 4
    assert deck.slides[0].bullets[0].text == "보는 범위: 발전전략 · 18개"
    # Comments about the other system's projects are left out; 전체 ones stay.
    texts = [c.text for s in of_kind(deck, SlideKind.COMMENTS) for c in s.comments]
    assert not any(t.startswith("계획예산 대비") for t in texts)
    assert any(t.startswith("전반적으로") for t in texts)


def test_filter_by_strategy_and_dong(sample):
    f = Filter(strategies=("누구나 누리는 촘촘한 돌봄",), dongs=("모라1동",))
    deck = build_deck(View.build(sample, f))
    (strategy,) = of_kind(deck, SlideKind.STRATEGY)
    assert strategy.title == "누구나 누리는 촘촘한 돌봄"
    assert (
        deck.slides[0].bullets[0].text.startswith("보는 범위: 누구나 누리는 촘촘한 돌봄 · 모라1동")
    )


def test_an_empty_filter_says_why(sample):
    f = Filter(system=System.DEVELOPMENT, strategies=("누구나 누리는 촘촘한 돌봄",))
    deck = build_deck(View.build(sample, f))
    assert ExportText.EMPTY in [b.text for b in deck.slides[0].bullets]
    assert set(kinds(deck)) == {SlideKind.TITLE, SlideKind.COMMENTS}


def test_stored_reviews_join_the_workbook_comments(sample):
    review = CommentView(
        category=CommentCategory.RESULTS,
        targets=(CommentTarget(kind=TargetKind.STRATEGY, system=System.SOCIAL_SECURITY,
                               strategy="건강하고 활기찬 일상"),),
        text="방문건강관리 대상 확대를 검토해 주세요.",
        reviewer="김위원",
        rating=None,
        source="점검 입력",
    )  # fmt: skip
    deck = build_deck(View.build(sample), extra_comments=[review])
    health = by_title(deck, "건강하고 활기찬 일상")
    assert review in health.comments
    assert deck.comment_byline(review) == "김위원 · 대상: 건강하고 활기찬 일상"
    assert any(review in s.comments for s in of_kind(deck, SlideKind.COMMENTS))


def test_bylines_name_sub_projects_not_ids(deck):
    care = by_title(deck, "누구나 누리는 촘촘한 돌봄")
    budget_comment = next(c for c in care.comments if c.text.startswith("계획예산 대비"))
    assert "행복울타리 돌봄사업 (1-1-3)" in deck.comment_byline(budget_comment)
    assert "사회보장사업/1-1-3" not in deck.comment_byline(budget_comment)


def test_deck_and_slides_are_frozen(deck):
    with pytest.raises(dataclasses.FrozenInstanceError):
        deck.slides[0].title = "x"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        deck.title = "x"  # type: ignore[misc]
