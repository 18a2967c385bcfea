"""모니터링 의견 page: comments by 구분 and target, numbers beside them, filters, escaping."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from lib.strings_ko import CommentsText
from lib.ui.keys import Key
from tests.conftest import build_workbook, open_app

PAGE = "app_pages/comments.py"
HOSTILE = "<script>alert('x')</script> **x** [링크](http://example.com)"
TEST_COMMENTS = (
    ("구분", "대상", "위원", "평가", "의견"),
    ("시행결과", "전체", "김위원", "적절", "전반적으로 적절"),
    ("민관협력", "행복울타리 돌봄사업", "이위원", "보통", HOSTILE),
    ("시행결과", "동 협의체 활성화", None, None, "동 협의체 의견"),
)


def open_page(**params: str) -> AppTest:
    at = open_app(PAGE, query=params)
    assert not at.exception
    return at


@pytest.fixture
def test_workbook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The app serves a small workbook with ratings, reviewers and a hostile comment."""
    path = tmp_path / "test.xlsx"
    path.write_bytes(build_workbook(comments=TEST_COMMENTS))
    monkeypatch.setattr("lib.ui.data.SAMPLE_PATH", path)


def count_line(at: AppTest) -> str:
    return at.header[0].value


def headers(at: AppTest) -> list[str]:
    """The sections' headers (after the count line, which is a header of the same level)."""
    return [h.value for h in at.header[1:]]


def links(at: AppTest) -> list[tuple[str, str, dict[str, list[str]]]]:
    """(label, url path, query) of each page link; the default page (개요) is "overview"."""
    return [
        (p.value, p.proto.page or "overview", parse_qs(p.proto.query_string)) for p in at.page_link
    ]


def markdown(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def test_every_comment_by_category_on_the_sample():
    app = open_page()
    assert count_line(app) == "의견 20건"
    assert headers(app) == ["시행결과 의견 8건", "민관협력 의견 12건"]
    assert "예시 자료 안내" in app.info[0].value


def test_targets_in_order_and_linked_to_where_they_are():
    app = open_page()
    found = links(app)
    # One comment names two strategies, the next four projects whose budgets changed.
    assert found[:7] == [
        ("**전체**", "overview", {}),
        ("**지자체 사회보장사업 전략체계**", "strategies", {}),
        ("**지역사회보장 발전 전략체계**", "strategies", {}),
        ("**누구나 누리는 촘촘한 돌봄**", "strategies", {}),
        ("**건강하고 활기찬 일상**", "strategies", {}),
        ("**행복울타리 돌봄사업**", "projects", {"project": ["사회보장사업/1-1-3"]}),
        ("**노후준비지원센터 운영**", "projects", {"project": ["사회보장사업/1-1-4"]}),
    ]
    # Each comment is shown once.
    assert len([m for m in [t.value for t in app.text] if m.startswith("계획예산 대비")]) == 1


def test_numbers_beside_each_target():
    app = open_page()
    lines = markdown(app)
    assert (
        "사회보장사업 **121.6%** ● 달성 · 세부사업 29개  \n"
        "발전전략 **110.7%** ● 달성 · 세부과업 18개"
    ) in lines
    assert "달성률 **121.6%** ● 달성  \n세부사업 29개" in lines
    assert "달성률 **110.7%** ● 달성  \n세부과업 18개" in lines


def test_sidebar_dong_filter_from_url():
    app = open_page(dong="모라1동", district_wide="false")
    assert count_line(app) == "의견 20건 중 18건"
    assert headers(app) == ["시행결과 의견 8건", "민관협력 의견 10건"]
    assert any("모라1동" in m and "47개 중 6개" in m for m in markdown(app))
    # Only sub-projects serving 모라1동 are targets now: 행복울타리 (전체 사업) is not.
    names = [name for name, _, _ in links(app)]
    assert "**마을건강센터 운영**" in names and "**행복울타리 돌봄사업**" not in names


def test_sidebar_system_filter_keeps_overall_and_that_systems_comments():
    app = open_page(system="발전전략")
    assert count_line(app) == "의견 20건 중 16건"
    assert headers(app) == ["시행결과 의견 4건", "민관협력 의견 12건"]
    names = [name for name, _, _ in links(app)]
    assert "**지자체 사회보장사업 전략체계**" not in names
    assert "**지역사회보장 발전 전략체계**" in names


def test_category_filter_on_the_page():
    app = open_page()
    app.multiselect(key=Key.COMMENTS_CATEGORY).set_value(["민관협력"]).run()
    assert count_line(app) == "의견 20건 중 12건"
    assert headers(app) == ["민관협력 의견 12건"]


@pytest.mark.usefixtures("test_workbook")
def test_reviewer_and_rating_filters():
    at = open_page()
    assert count_line(at) == "의견 3건"
    assert at.multiselect(key=Key.COMMENTS_REVIEWER).options == ["김위원", "이위원", "작성자 미상"]
    assert at.multiselect(key=Key.COMMENTS_RATING).options == ["적절", "보통", "평가 없음"]
    at.multiselect(key=Key.COMMENTS_REVIEWER).set_value(["이위원", "작성자 미상"]).run()
    assert count_line(at) == "의견 3건 중 2건"
    at.multiselect(key=Key.COMMENTS_RATING).set_value(["평가 없음"]).run()
    assert count_line(at) == "의견 3건 중 1건"
    assert headers(at) == ["시행결과 의견 1건"]
    at.multiselect(key=Key.COMMENTS_CATEGORY).set_value(["민관협력"]).run()
    assert count_line(at) == "의견 3건 중 0건"
    assert at.warning[0].value == CommentsText.EMPTY


@pytest.mark.usefixtures("test_workbook")
def test_comment_text_is_shown_literally():
    at = open_page()
    # Shown through st.text: exactly as typed, with no markdown, HTML or link parsing.
    assert [t.value for t in at.text if "script" in t.value] == [HOSTILE]
    assert not any("script" in m.value for m in at.markdown)
    assert not any(m.proto.allow_html for m in at.markdown)


def test_workbook_without_comments_says_so(tmp_path, monkeypatch):
    path = tmp_path / "none.xlsx"
    path.write_bytes(build_workbook(comments=None))
    monkeypatch.setattr("lib.ui.data.SAMPLE_PATH", path)
    at = open_page()
    assert at.info[0].value == CommentsText.NONE
    assert Key.COMMENTS_CATEGORY not in [w.key for w in at.multiselect]
    assert at.header == []
