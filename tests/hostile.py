"""A workbook whose every text field holds markup, for the tests that markup stays text."""

from __future__ import annotations

from tests.conftest import build_workbook

# Markdown link and image, bold, KaTeX, a colour directive, bare URL and e-mail (GFM
# autolinks), HTML, a material icon and a table row. Hosts end in .test (never resolved).
MARKUP = (
    "[x](http://x.test) ![i](http://i.test/i.png) **b** $\\frac12$ :red[r] "
    "www.w.test a@m.test <b>h</b> :material/home: | t |"
)
# The same in under 100 characters (시군구 and names of people are limited to 100).
SHORT = "[x](http://x.test) ![i](http://i.test) **b** $\\frac12$ :red[r] a@m.test <b>h</b>"
# What must never reach a markdown element unescaped.
LIVE = (
    "[x](",
    "![i]",
    "**b**",
    "$\\frac",
    ":red[",
    "http://",
    "www.w",
    "a@m",
    "<b>",
    ":material/home",
)

HEADER = (
    "체계", "사업번호", "추진전략", "중점사업", "세부사업", "담당부서", "사업지역", "사업구분",
    "성과지표", "단위", "지표방향", "목표", "실적", "당초예산", "변경예산", "집행액",
    "예산변경사유", "추진실적", "비고",
)  # fmt: skip
DISTRICT = "사상구 [x](http://x.test) **b** $\\frac12$ :red[r] <b>h</b>"  # 60 at most
YEAR = 2023
FILE_NAME = f"파일 {MARKUP}.xlsx"


def _m(prefix: str) -> str:
    return f"{prefix} {MARKUP}"


ROWS = (
    ("사회보장사업", "1-1-1", _m("전략"), _m("중점"), _m("세부"), _m("부서"), _m("동"), "계속",
     _m("지표"), _m("명"), "상향", 100, 30, 1000, 1200, 100, _m("사유"), _m("실적"), _m("비고")),
    ("사회보장사업", _m("1-1-2"), _m("전략"), _m("중점"), _m("세부2"), _m("부서"), "전체", "신설",
     _m("지표"), "명", "상향", 100, 300, 1000, None, 900, None, None, None),
    ("발전전략", "1-1-1", _m("발전"), _m("중점"), _m("발전세부"), None, None, None,
     "지표", "건", None, 10, 5, 10, None, 1, None, None, None),
)  # fmt: skip
META = (("시군구", DISTRICT), ("연도", YEAR), ("계획기수", "제5기 [x](http://x.test)"), ("예산단위", "천원"),
        ("비고", _m("비고")))  # fmt: skip
COMMENTS = (
    ("구분", "대상", "위원", "평가", "의견"),
    ("시행결과", "사회보장사업", "위원 " + SHORT, None, _m("의견")),
    ("민관협력", _m("세부"), "위원 " + SHORT, "적절", _m("의견2")),
)
HOSTILE_PROJECT = "사회보장사업/1-1-1"


def hostile_workbook() -> bytes:
    return build_workbook(rows=ROWS, header=HEADER, meta=META, comments=COMMENTS)


def live_markup(text: str) -> list[str]:
    """The patterns of ``LIVE`` found in ``text`` (a markdown source)."""
    return [pattern for pattern in LIVE if pattern in text]
