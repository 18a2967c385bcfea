"""The 결과보고 document model: the seed's sections in order, the roster, the round's
opinions, 우수사업 and ratings, 초안 until 확정, the sample's notice."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from lib.report import build_report
from lib.report.model import Heading, PageBreak, Paragraph, Table, TextKind
from lib.rounds import (
    MemberRating,
    MergedPoint,
    Opinion,
    RosterEntry,
    RoundSettings,
    RoundSnapshot,
    RoundStatus,
    Selection,
    default_settings,
)
from lib.schema import CommentCategory, Rating, RosterMember
from lib.workbook import read_workbook
from tests.conftest import SAMPLE, build_workbook

MADE_ON = date(2024, 3, 15)
SEED_HEADINGS = [
    "1. 모니터링 근거",
    "2. 모니터링단 구성방법",
    "3. 시행결과 모니터링 T/F팀 구성원",
    "4. 시행결과 모니터링 요청사항",
    "5. 모니터링 방법",
    "시행결과 모니터링 결과",
    "1) 연차별 시행계획 시행결과 관련",
    "2) 민관협력 증진방안 및 보완사항",
    "3) 우수사업 선정",
    "붙임 1. 세부사업별 시행결과",
]
MARKUP = '=HYPERLINK("http://e") <script>alert(1)</script> [x](http://e) **b** $x$'


@pytest.fixture(scope="module")
def sample():
    return read_workbook(SAMPLE.read_bytes(), SAMPLE.name)


@pytest.fixture(scope="module")
def small():
    return read_workbook(build_workbook(), "small.xlsx")


def headings(report):
    return [b.text for b in report.blocks if isinstance(b, Heading)]


def tables(report):
    return [b for b in report.blocks if isinstance(b, Table)]


def section(report, start: str, end: str | None) -> list:
    """The blocks between two headings."""
    blocks = list(report.blocks)
    i = next(n for n, b in enumerate(blocks) if isinstance(b, Heading) and b.text == start)
    rest = blocks[i + 1 :]
    j = next((n for n, b in enumerate(rest) if isinstance(b, Heading) and b.text == end), len(rest))
    return rest[:j]


def bullets(blocks) -> list[str]:
    return [b.text for b in blocks if isinstance(b, Paragraph) and b.kind is TextKind.BULLET]


def a_round(status=RoundStatus.MERGING, **changes) -> RoundSnapshot:
    """A round on the small workbook: two members, their opinions, one merged point,
    one 우수사업, ratings from both."""
    fields = dict(
        district="부산광역시 사상구",
        year=2023,
        status=status,
        settings=default_settings(),
        roster=(
            RosterEntry("m1", "류○○", "대표협의체 위원장", "학장종합사회복지관 / 관장"),
            RosterEntry("m2", "김○○", None, None),
        ),
        opinions=(
            Opinion("o1", "m1", CommentCategory.RESULTS, "돌봄 사업의 성과가 뚜렷함"),
            Opinion("o2", "m2", CommentCategory.COOPERATION, "민관 협의 정례화 필요"),
            Opinion("o3", "m1", CommentCategory.COOPERATION, "자원 공유 확대 필요"),
        ),
        merged_points=(
            MergedPoint("p1", CommentCategory.COOPERATION, "민관 협의 정례화와 자원 공유 확대", 1),
        ),
        selections=(
            Selection("사회보장사업/1-2-1", "주민 참여가 높고 목표를 크게 넘김", 1),
        ),
        ratings=(
            MemberRating("류○○", "사회보장사업/1-1-1", Rating.APPROPRIATE, Rating.AVERAGE, None),
            MemberRating("김○○", "사회보장사업/1-1-1", Rating.APPROPRIATE, Rating.INAPPROPRIATE, Rating.APPROPRIATE),
            MemberRating("김○○", "발전전략/1-1-1", None, None, Rating.AVERAGE),
        ),
    )  # fmt: skip
    fields.update(changes)
    return RoundSnapshot(**fields)


def test_sections_follow_the_seed(sample):
    report = build_report(sample, made_on=MADE_ON)
    assert headings(report) == SEED_HEADINGS
    assert report.blocks[0] == Paragraph(
        "「2023년 지역사회보장 연차별 시행계획」 시행결과 모니터링 결과보고", TextKind.TITLE
    )
    assert report.blocks[1].text == "부산광역시 사상구 지역사회보장협의체"
    assert report.blocks[2].text == "2024. 3. 15."
    # The results part and the annex each start on a new page, as the seed's does.
    results_at = report.blocks.index(Heading("시행결과 모니터링 결과", 1))
    assert isinstance(report.blocks[results_at - 1], PageBreak)
    assert report.file_stem == "2023_부산광역시_사상구_결과보고"


def test_sample_notice_under_the_title(sample):
    report = build_report(sample, made_on=MADE_ON)
    note = report.blocks[3]
    assert note.kind is TextKind.NOTE
    assert note.text.startswith("예시 자료 안내: 총괄 수치")


def test_without_a_notice_none_is_printed(small):
    report = build_report(small, made_on=MADE_ON)
    assert not any(
        isinstance(b, Paragraph) and b.text.startswith("예시 자료 안내") for b in report.blocks
    )


def test_basis_with_and_without_plan_term(small):
    report = build_report(small, made_on=MADE_ON)
    purpose, legal = bullets(section(report, "1. 모니터링 근거", "2. 모니터링단 구성방법"))
    assert purpose == (
        "제5기 지역사회보장계획 「2023년 지역사회보장 연차별 시행계획」 시행결과 모니터링을 통한 "
        "시행계획 전반의 시행결과 확인 및 우수사업 선정을 위함"
    )
    assert legal == "관련근거: 「사회보장급여의 이용·제공 및 수급권자 발굴에 관한 법률」 제41조"
    no_term = small.model_copy(update={"meta": small.meta.model_copy(update={"plan_term": None})})
    purpose = bullets(section(build_report(no_term), "1. 모니터링 근거", None))[0]
    assert purpose.startswith("「2023년 지역사회보장 연차별 시행계획」 시행결과 모니터링을")


def test_sample_opinions_follow_the_generated_lines_without_repeating_them(sample):
    report = build_report(sample, made_on=MADE_ON)
    results = bullets(
        section(report, "1) 연차별 시행계획 시행결과 관련", "2) 민관협력 증진방안 및 보완사항")
    )
    assert results[0].endswith("121.6%로 목표대비 향상된 성과 지표를 보이고 있음")
    assert (
        results[5] == "전반적으로 서비스 대상자 선정 및 절차가 적절하고, 내용이 다양하게 운영되었음"
    )
    # The sample's 모니터링의견 repeats the seed's summary lines; each fact is printed once.
    assert sum("121.6%" in line for line in results) == 1
    assert sum("110.7%" in line for line in results) == 1
    assert sum("목표예산 변경" in line for line in results) == 1
    assert len(results) == 5 + 8 - 3
    cooperation = bullets(section(report, "2) 민관협력 증진방안 및 보완사항", "3) 우수사업 선정"))
    assert len(cooperation) == 12
    assert cooperation[0].startswith("부진한 사업의 적절한 홍보방안을")


def test_no_roster_one_line(small):
    blocks = section(
        build_report(small), "3. 시행결과 모니터링 T/F팀 구성원", "4. 시행결과 모니터링 요청사항"
    )
    assert blocks == [Paragraph("입력된 T/F팀 구성원이 없습니다.", TextKind.BODY)]


def test_roster_from_the_workbook_sheet(small):
    # 소속기관 and 직위 written in two columns reach the model joined (the reader's job).
    roster = (
        RosterMember(name="류○○", role="대표협의체 위원장", affiliation="학장종합사회복지관 / 관장", row=2),
        RosterMember(name="장○○", role=None, affiliation="사상구지역사회보장협의체 사무국 / 팀장", row=3),
    )  # fmt: skip
    report = build_report(small.model_copy(update={"roster": roster}))
    [table] = section(report, "3. 시행결과 모니터링 T/F팀 구성원", "4. 시행결과 모니터링 요청사항")
    assert table.columns == ("성명", "구분", "소속기관/직위")
    assert table.rows == (
        ("류○○", "대표협의체 위원장", "학장종합사회복지관 / 관장"),
        ("장○○", "", "사상구지역사회보장협의체 사무국 / 팀장"),
    )


def test_the_rounds_roster_wins_over_the_sheet(small):
    sheet = (RosterMember(name="이○○", row=2),)
    report = build_report(small.model_copy(update={"roster": sheet}), a_round())
    [table] = section(report, "3. 시행결과 모니터링 T/F팀 구성원", "4. 시행결과 모니터링 요청사항")
    assert [row[0] for row in table.rows] == ["류○○", "김○○"]


def test_round_settings_replace_the_defaults(small):
    settings = RoundSettings(
        composition="위원 5명으로 구성",
        requests=("시행결과 전반", "민관협력", "내년 계획"),
        methods=("서면 검토",),
        legal_basis="같은 법 제41조",
    )
    report = build_report(small, a_round(settings=settings))
    assert bullets(section(report, "2. 모니터링단 구성방법", None))[0] == "위원 5명으로 구성"
    items = [b.text for b in section(report, "4. 시행결과 모니터링 요청사항", "5. 모니터링 방법")]
    assert items == ["1) 시행결과 전반", "2) 민관협력", "3) 내년 계획"]
    assert bullets(section(report, "5. 모니터링 방법", "시행결과 모니터링 결과")) == ["서면 검토"]
    assert "관련근거: 같은 법 제41조" in bullets(section(report, "1. 모니터링 근거", None))


def test_round_opinions_after_the_workbooks_merged_points_when_there_are_any(small):
    report = build_report(small, a_round())
    results = bullets(
        section(report, "1) 연차별 시행계획 시행결과 관련", "2) 민관협력 증진방안 및 보완사항")
    )
    # 5 generated lines, the workbook's one 시행결과 opinion, then the member's original.
    assert results[5:] == ["목표 대비 향상된 성과", "돌봄 사업의 성과가 뚜렷함"]
    cooperation = bullets(section(report, "2) 민관협력 증진방안 및 보완사항", "3) 우수사업 선정"))
    assert cooperation == ["민관 연계 강화 필요", "민관 협의 정례화와 자원 공유 확대"]


def test_selection_table_and_pending_line(small):
    [table] = section(
        build_report(small, a_round()), "3) 우수사업 선정", "붙임 1. 세부사업별 시행결과"
    )[:1]
    assert table.columns == ("체계", "사업번호", "세부사업", "달성률", "선정 사유")
    assert table.rows == (
        (
            "사회보장사업",
            "1-2-1",
            "마을건강센터 운영",
            "160.0%",
            "주민 참여가 높고 목표를 크게 넘김",
        ),
    )
    pending = section(build_report(small), "3) 우수사업 선정", "붙임 1. 세부사업별 시행결과")
    assert pending[0] == Paragraph("우수사업은 아직 선정되지 않았습니다(선정 예정).", TextKind.BODY)


def test_annex_lists_every_sub_project_abolished_without_a_rate(sample):
    report = build_report(sample)
    annex = tables(report)[-1]
    assert annex.columns == (
        "체계", "사업번호", "세부사업", "달성률", "상태", "당초예산", "최종예산", "집행률", "점검 표시",
    )  # fmt: skip
    assert annex.unit == "단위: 천원"
    assert len(annex.rows) == 48
    rows = {row[1]: row for row in annex.rows if row[0] == "사회보장사업"}
    assert rows["1-2-4"][2:5] == ("홀몸어르신 안부우유 배달", "", "폐지")
    assert rows["1-1-3"][3:] == ("131.6%", "● 달성", "420,000", "468,000", "98.6%", "예산변경")
    assert rows["1-2-2"][8] == "부진, 집행부진, 신설"


def test_ratings_annex_counts_each_stage(small):
    report = build_report(small, a_round())
    assert headings(report)[-1] == "붙임 2. 세부사업별 자체평가"
    ratings = tables(report)[-1]
    assert ratings.columns == ("체계", "사업번호", "세부사업", "계획수립", "이행점검", "결과확인")
    assert ratings.rows == (
        ("사회보장사업", "1-1-1", "행복울타리 돌봄사업", "2 / 0 / 0", "0 / 1 / 1", "1 / 0 / 0"),
        ("발전전략", "1-1-1", "동 협의체 활성화", "0 / 0 / 0", "0 / 0 / 0", "0 / 1 / 0"),
    )
    assert (
        report.blocks[-1].text == "각 칸은 적절 / 보통 / 부적절 평가 수입니다 (T/F 위원 2명 평가)."
    )
    assert "붙임 2. 세부사업별 자체평가" not in headings(build_report(small, a_round(ratings=())))


def test_draft_until_confirmed(small):
    assert build_report(small).header == "초안 · 모니터링 결과 확정 전"
    assert build_report(small, a_round()).draft
    confirmed = a_round(RoundStatus.CONFIRMED, confirmed_at=datetime(2024, 3, 20, 1, 0, tzinfo=UTC))
    report = build_report(small, confirmed, made_on=MADE_ON)
    assert not report.draft
    assert report.header == "부산광역시 사상구 지역사회보장협의체 · 2024. 3. 20. 확정"
    assert report.blocks[2].text == "2024. 3. 20."
    assert "초안" not in report.text()


def test_user_text_is_kept_literally(small):
    round_ = a_round(
        opinions=(Opinion("o1", "m1", CommentCategory.RESULTS, MARKUP + "\x07\r\n둘째 줄"),),
        roster=(RosterEntry("m1", MARKUP, MARKUP, MARKUP),),
        selections=(Selection("사회보장사업/1-1-1", MARKUP, 1),),
    )
    report = build_report(small, round_)
    results = bullets(
        section(report, "1) 연차별 시행계획 시행결과 관련", "2) 민관협력 증진방안 및 보완사항")
    )
    assert results[-1] == MARKUP + "\n둘째 줄"  # a control character dropped, nothing else
    assert tables(report)[0].rows == ((MARKUP, MARKUP, MARKUP),)
    assert tables(report)[1].rows[0][-1] == MARKUP


def test_sample_roster_sheet_is_the_seeds_seven_members(sample):
    report = build_report(sample)
    [table] = section(report, "3. 시행결과 모니터링 T/F팀 구성원", "4. 시행결과 모니터링 요청사항")
    assert [row[0] for row in table.rows] == [
        "류○○", "김○○", "이○○", "정○○", "한○○", "조○○", "장○○",
    ]  # fmt: skip
    assert table.rows[0] == ("류○○", "대표협의체 위원장", "학장종합사회복지관 / 관장")
    assert table.rows[6] == ("장○○", "", "사상구지역사회보장협의체 사무국 / 팀장")


def test_roster_sheet_with_two_columns_in_a_built_workbook():
    """소속기관 and 직위 as two columns of the 모니터링단 sheet reach the table joined."""

    def roster_sheet(wb):
        ws = wb.create_sheet("모니터링단")
        for line in (
            ("성명", "구분", "소속기관", "직위"),
            ("류○○", "대표협의체 위원장", "학장종합사회복지관", "관장"),
            ("조○○", "대표협의체 위원", None, None),
        ):
            ws.append(list(line))

    results = read_workbook(build_workbook(edit=roster_sheet), "roster.xlsx")
    report = build_report(results)
    [table] = section(report, "3. 시행결과 모니터링 T/F팀 구성원", "4. 시행결과 모니터링 요청사항")
    assert table.rows == (
        ("류○○", "대표협의체 위원장", "학장종합사회복지관 / 관장"),
        ("조○○", "대표협의체 위원", ""),
    )
