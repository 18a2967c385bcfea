"""The trend over years and the comparison of districts: exact values in the figures,
names escaped, the selected district marked by a word and outline, not colour alone."""

from fractions import Fraction

import pytest

from lib import figures
from lib.schema import System
from lib.status import BAND_COLOUR, DEFAULT_BANDS, Band
from lib.views.collection import RatePoint

SOC = System.SOCIAL_SECURITY
DEV = System.DEVELOPMENT
SASANG = "부산광역시 사상구"


def point(district: str, year: int, system: System, rate: Fraction | None) -> RatePoint:
    return RatePoint(district, year, system, rate)


TREND = [
    point(SASANG, 2023, SOC, Fraction(12165, 100)),  # 121.65 → 121.7
    point(SASANG, 2023, DEV, Fraction(1107, 10)),
    point(SASANG, 2024, SOC, Fraction(314875, 3000)),  # 104.958… → 105.0
    point(SASANG, 2024, DEV, Fraction(325, 3)),  # 108.333… → 108.3
    point(SASANG, 2025, SOC, None),
]


def test_trend_lines_one_line_per_system_with_year_categories_and_labels():
    fig = figures.trend_lines(TREND)
    social, development = fig.data
    assert social.name == "지자체 사회보장사업 전략체계"
    assert development.name == "지역사회보장 발전 전략체계"
    assert list(social.x) == ["2023년", "2024년", "2025년"]
    assert list(social.y) == [121.7, 105.0, None]  # a year without a rate is a gap
    assert list(social.text) == ["121.7%", "105.0%", ""]
    assert list(development.y) == [110.7, 108.3, None]  # 2025 has no 발전전략 point
    assert list(development.text) == ["110.7%", "108.3%", ""]
    assert social.mode == development.mode == "lines+markers+text"
    # Told apart without colour: marker and dash differ.
    assert social.marker.symbol != development.marker.symbol
    assert social.line.dash != development.line.dash
    assert fig.layout.xaxis.type == "category"
    assert list(fig.layout.xaxis.categoryarray) == ["2023년", "2024년", "2025년"]
    (target,) = fig.layout.shapes
    assert (target.y0, target.y1) == (100, 100)
    assert fig.layout.annotations[0].text == "목표 100%"
    assert fig.layout.font.family == figures.FONT_FAMILY
    assert fig.layout.font.size == figures.BASE_FONT_SIZE
    low, high = fig.layout.yaxis.range
    assert low <= 100 <= high and low <= 105.0 and high >= 121.7


def test_trend_lines_for_one_system():
    fig = figures.trend_lines([p for p in TREND if p.system is DEV])
    assert [trace.name for trace in fig.data] == ["지역사회보장 발전 전략체계"]


def busan(rates: dict[str, Fraction | None]) -> list[RatePoint]:
    return [point(f"부산광역시 {name}", 2024, SOC, rate) for name, rate in rates.items()]


def test_ranked_highest_first_ties_share_a_rank_no_rate_last():
    rows = figures.ranked(
        busan({"북구": Fraction(90), "사상구": Fraction(110), "중구": Fraction(90), "서구": None})
    )
    assert [(r.rank, r.point.district) for r in rows] == [
        (1, "부산광역시 사상구"),
        (2, "부산광역시 북구"),
        (2, "부산광역시 중구"),
        (None, "부산광역시 서구"),
    ]


def test_comparison_bars_sorted_with_the_selected_district_marked():
    points = busan(
        {"북구": Fraction(111625, 1000), "사상구": Fraction(314875, 3000), "중구": Fraction(79)}
    )
    fig = figures.comparison_bars(points, SASANG, DEFAULT_BANDS)
    bar = fig.data[0]
    assert list(fig.layout.yaxis.ticktext) == ["북구", "<b>▶ 사상구 (선택)</b>", "중구"]
    assert list(bar.x) == [111.6, 105.0, 79.0]
    assert list(bar.text) == [
        "111.6% · ● 달성 · 1위",
        "105.0% · ● 달성 · 2위",
        "79.0% · ▼ 저조 · 3위",
    ]
    assert list(bar.marker.color) == [
        BAND_COLOUR[Band.ACHIEVED],
        BAND_COLOUR[Band.ACHIEVED],
        BAND_COLOUR[Band.LOW],
    ]
    assert list(bar.marker.line.width) == [1.0, 3.0, 1.0]  # the selected one outlined
    assert [row[0] for row in bar.customdata] == [
        p.district for p in (points[0], points[1], points[2])
    ]
    labels = [a.text for a in fig.layout.annotations if a.text != "목표 100%"]
    assert labels == list(bar.text)
    # Each label starts right of both its bar and the 100% line, never crossed by it.
    assert [a.x for a in fig.layout.annotations if a.text != "목표 100%"] == [111.6, 105.0, 100.0]
    assert fig.layout.yaxis.autorange == "reversed"


def test_comparison_names_are_escaped_and_keep_their_sido_when_they_differ():
    points = [
        point("서울특별시 <b>종로구</b>", 2024, SOC, Fraction(100)),
        point(SASANG, 2024, SOC, Fraction(90)),
    ]
    fig = figures.comparison_bars(points, SASANG, DEFAULT_BANDS)
    assert list(fig.layout.yaxis.ticktext) == [
        "서울특별시 &lt;b&gt;종로구&lt;/b&gt;",
        "<b>▶ 부산광역시 사상구 (선택)</b>",
    ]


def test_comparison_of_229_districts_shows_both_ends_and_the_selected_one():
    points = [point(f"시군구 {n:03d}", 2024, SOC, Fraction(200 - n, 1)) for n in range(1, 230)]
    fig = figures.comparison_bars(points, "시군구 100", DEFAULT_BANDS)
    ticks = list(fig.layout.yaxis.ticktext)
    top = [f"시군구 {n:03d}" for n in range(1, 11)]
    bottom = [f"시군구 {n:03d}" for n in range(220, 230)]
    assert ticks == [*top, "⋯ 89개 생략", "<b>▶ 시군구 100 (선택)</b>", "⋯ 119개 생략", *bottom]
    labels = list(fig.data[0].text)
    assert labels[11] == "100.0% · ● 달성 · 100위"
    assert labels[10] == labels[12] == ""  # the gaps carry no bar and no label
    assert fig.layout.height == 40 * len(ticks) + 130


def test_comparison_rows_keep_every_district_up_to_the_limit():
    rows = figures.ranked([point(f"구 {n}", 2024, SOC, Fraction(n)) for n in range(30)])
    assert figures.comparison_rows(rows, "구 0") == rows
    shown = figures.comparison_rows(rows, "구 0", all_up_to=10, each_end=3)
    assert [r if isinstance(r, int) else r.point.district for r in shown] == [
        "구 29",
        "구 28",
        "구 27",
        24,
        "구 2",
        "구 1",
        "구 0",
    ]  # fmt: skip  (the selected one is among the bottom three: one gap only)


def test_comparison_takes_one_system_and_year():
    with pytest.raises(ValueError):
        figures.comparison_bars(
            [point(SASANG, 2024, SOC, Fraction(1)), point(SASANG, 2024, DEV, Fraction(1))],
            SASANG,
            DEFAULT_BANDS,
        )


def test_common_prefix_only_when_every_name_shares_it():
    assert figures.common_prefix(["부산광역시 북구", "부산광역시 사상구"]) == "부산광역시"
    assert figures.common_prefix(["부산광역시 북구", "서울특별시 종로구"]) == ""
    assert figures.common_prefix(["부산광역시 북구", "시군구001"]) == ""
    assert figures.common_prefix(["부산광역시 북구"]) == ""  # one name: keep it whole
    assert figures.common_prefix(["경기도 수원시", "경기도 성남시"]) == "경기도"
    assert figures.common_prefix(["시군구 001", "시군구 002"]) == ""  # not a 시도
