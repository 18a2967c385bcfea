"""의견 취합 and 우수사업 선정 pages under AppTest, and the round elsewhere (★, sidebar,
발표 모드 on the confirmed workbook version)."""

from __future__ import annotations

import io
from typing import Any

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

from lib import store
from lib.rounds import RoundStatus
from lib.schema import CommentCategory, Rating, System
from lib.store import ReviewKey
from lib.ui.data import SAMPLE_PATH, sample_results
from lib.ui.keys import Key
from lib.ui.round_keys import RoundKey, item_key
from lib.workbook import read_workbook
from tests.conftest import page_text
from tests.round_app import (
    ABOLISHED,
    DISTRICT,
    KIM,
    RYU,
    SECRETARIAT,
    YEAR,
    app,
    click,
    opened,
    rerun,
    snapshot,
)

CARE = "사회보장사업/1-1-3"  # 행복울타리 돌봄사업
OTHER = "사회보장사업/1-1-1"


def _written(engine: Any) -> None:
    """Both members write; 김소영 submits; the round moves on to 취합."""
    store.add_opinion(
        engine, KIM, DISTRICT, YEAR, category=CommentCategory.RESULTS, text="절차 적절"
    )
    store.add_opinion(
        engine, RYU, DISTRICT, YEAR, category=CommentCategory.RESULTS, text="홍보 필요", target=CARE
    )
    store.add_opinion(
        engine, RYU, DISTRICT, YEAR, category=CommentCategory.COOPERATION, text="민관 소통"
    )
    store.recommend(engine, KIM, DISTRICT, YEAR, CARE, "돌봄 공백 해소")
    store.recommend(engine, RYU, DISTRICT, YEAR, CARE, "성과 뚜렷")
    store.recommend(engine, RYU, DISTRICT, YEAR, OTHER, "참여 확대")
    store.submit(engine, KIM, DISTRICT, YEAR)


def test_merge_page_shows_replies_and_opinions_by_request_and_target(
    db_url: str, engine: Any
) -> None:
    opened(engine, sample_results())
    _written(engine)
    at = app(db_url, "jang", "round_merge.py")
    shown = page_text(at)
    assert "회신 현황: 2명 중 1명 제출" in shown
    assert "'의견 수렴' 단계입니다" in shown  # merging waits for 취합
    assert at.button(key=item_key(RoundKey.MERGE_ADD_, "RESULTS")).disabled
    table = at.dataframe[0].value
    assert list(table["제출"]) == ["제출", "미제출"]
    assert "전반" in shown and "행복울타리 돌봄사업 (1-1-3)" in shown
    assert [t.value for t in at.text if t.value in ("절차 적절", "홍보 필요", "민관 소통")] == [
        "절차 적절",
        "홍보 필요",
        "민관 소통",
    ]


def test_merged_points_link_their_originals_and_can_be_reordered(db_url: str, engine: Any) -> None:
    opened(engine, sample_results())
    _written(engine)
    store.advance_round(engine, SECRETARIAT, DISTRICT, YEAR, RoundStatus.MERGING)
    at = app(db_url, "jang", "round_merge.py")
    first, second = snapshot(engine).opinions[:2]
    at.multiselect(key=item_key(RoundKey.MERGE_SOURCES_, "RESULTS")).select(first.opinion_id)
    at.multiselect(key=item_key(RoundKey.MERGE_SOURCES_, "RESULTS")).select(second.opinion_id)
    at.text_area(key=item_key(RoundKey.MERGE_TEXT_, "RESULTS")).input("절차는 적절하나 홍보 필요")
    click(at, item_key(RoundKey.MERGE_ADD_, "RESULTS"))
    at.multiselect(key=item_key(RoundKey.MERGE_SOURCES_, "RESULTS")).select(first.opinion_id)
    click(at, item_key(RoundKey.MERGE_ADD_, "RESULTS"))  # one opinion, taken as written
    merged = snapshot(engine).merged_points
    assert [(p.text, p.sources) for p in merged] == [
        ("절차는 적절하나 홍보 필요", (first.opinion_id, second.opinion_id)),
        ("절차 적절", (first.opinion_id,)),
    ]
    assert snapshot(engine).opinions[0].text == "절차 적절"  # the original untouched
    assert "원문: 김소영, 류승일" in page_text(at)
    click(at, item_key(RoundKey.POINT_UP_, merged[1].point_id))
    ordered = sorted(snapshot(engine).merged_points, key=lambda p: p.order)
    assert [p.text for p in ordered] == ["절차 적절", "절차는 적절하나 홍보 필요"]
    at.text_area(key=item_key(RoundKey.POINT_TEXT_, merged[0].point_id)).input("다듬은 문장")
    rerun(at)
    reworded = next(p for p in snapshot(engine).merged_points if p.point_id == merged[0].point_id)
    assert (reworded.text, reworded.version) == ("다듬은 문장", 2)
    assert snapshot(engine).report_points(CommentCategory.RESULTS) == ["절차 적절", "다듬은 문장"]


def test_selection_page_tallies_with_rate_and_flags_and_selects_with_a_reason(
    db_url: str, engine: Any
) -> None:
    opened(engine, sample_results())
    _written(engine)
    store.create_review(
        engine,
        ReviewKey(DISTRICT, YEAR, System.SOCIAL_SECURITY, "1-1-3"),
        actor=KIM,
        rating_plan=Rating.APPROPRIATE,
    )
    store.create_review(
        engine,
        ReviewKey(DISTRICT, YEAR, System.SOCIAL_SECURITY, "1-1-3"),
        actor=RYU,
        rating_plan=Rating.INAPPROPRIATE,
    )
    store.advance_round(engine, SECRETARIAT, DISTRICT, YEAR, RoundStatus.MERGING)
    at = app(db_url, "jang", "round_select.py")
    shown = page_text(at)
    assert "**행복울타리 돌봄사업** (사회보장사업 1-1-3) · 추천 2명 · 달성률 131.6%" in shown
    assert "김소영: 돌봄 공백 해소" in [t.value for t in at.text]
    assert "행복울타리 돌봄사업 (1-1-3)** · 계획수립: 적절 김소영 / 부적절 류승일" in shown
    assert ABOLISHED not in at.selectbox(key=RoundKey.SELECT_PROJECT).options
    assert at.selectbox(key=RoundKey.SELECT_PROJECT).options[:2] == [  # recommended first
        "사회보장사업 1-1-3 행복울타리 돌봄사업",
        "사회보장사업 1-1-1 노인맞춤돌봄서비스",
    ]
    at.selectbox(key=RoundKey.SELECT_PROJECT).select(CARE)
    click(at, RoundKey.SELECT_ADD)
    assert "선정 사유를 적어 주세요." in [str(e.value) for e in at.error]
    at.text_input(key=RoundKey.SELECT_REASON).input("추천 2명, 돌봄 공백 해소")
    click(at, RoundKey.SELECT_ADD)
    at.selectbox(key=RoundKey.SELECT_PROJECT).select(OTHER)
    at.text_input(key=RoundKey.SELECT_REASON).input("참여 확대")
    click(at, RoundKey.SELECT_ADD)
    assert snapshot(engine).selected_ids == (CARE, OTHER)
    assert "우수사업 선정 (2)" in page_text(at)
    with pytest.raises(store.StoreError, match="폐지"):
        store.select_project(engine, SECRETARIAT, DISTRICT, YEAR, ABOLISHED, "폐지 선정")
    overview = app(db_url, None, "overview.py")
    assert "★ 우수사업 (2)" in page_text(overview)
    assert "확정 전" in page_text(overview)


def test_a_member_cannot_merge_or_select(db_url: str, engine: Any) -> None:
    opened(engine, sample_results(), RoundStatus.MERGING)
    at = app(db_url, "kim", "round_select.py")
    assert "사무국 계정만" in page_text(at)
    assert at.button(key=RoundKey.SELECT_ADD).disabled
    with pytest.raises(store.StoreError, match="사무국"):
        store.select_project(engine, KIM, DISTRICT, YEAR, CARE, "위원이 선정")


def _locked_script() -> None:
    import streamlit as st

    from lib.ui.data import catalog
    from lib.ui.round_actions import locked_results

    latest = catalog().get("부산광역시 사상구", 2023)
    st.text(f"{latest.source_name}|{locked_results(latest).source_name}")


def locked_source(db_url: str) -> tuple[str, ...]:
    """(the workbook in view, the one 발표 모드 and the exports use) as file names."""
    at = AppTest.from_function(_locked_script, default_timeout=60)
    at.secrets["connections"] = {"reviews": {"url": db_url}}
    rerun(at)
    return tuple(at.text[0].value.split("|"))


def test_a_workbook_uploaded_after_confirm_does_not_move_the_round(
    db_url: str, engine: Any
) -> None:
    opened(engine, sample_results(), RoundStatus.MERGING)
    store.select_project(engine, SECRETARIAT, DISTRICT, YEAR, CARE, "돌봄 공백 해소")
    store.confirm_round(engine, SECRETARIAT, DISTRICT, YEAR)
    book = load_workbook(SAMPLE_PATH)
    book["시행결과"]["L2"] = 999  # a different 실적: a new version of 사상구 2023
    out = io.BytesIO()
    book.save(out)
    store.save_workbook(
        engine,
        district=DISTRICT,
        year=YEAR,
        data=out.getvalue(),
        file_name="새판.xlsx",
        uploaded_by="장종윤",
    )
    assert snapshot(engine).workbook_sha256 == sample_results().source_sha256
    round_page = app(db_url, "jang", "round.py")
    assert "확정 당시 파일" in page_text(round_page)
    assert locked_source(db_url) == ("새판.xlsx", "sasang_2023.xlsx")  # 발표 모드 and exports
    overview = app(db_url, None, "overview.py")
    assert "새판.xlsx" in page_text(overview)  # elsewhere: the latest upload
    assert "★ 우수사업 (1)" in page_text(overview)
    at = app(db_url, None, "projects.py")
    at.query_params[Key.PROJECT] = CARE
    rerun(at)
    assert "★ 행복울타리 돌봄사업" in [h.value for h in [*at.main.header, *at.main.subheader]]
    assert "선정 사유: 돌봄 공백 해소" in page_text(at)


def _variant(actual: int) -> bytes:
    book = load_workbook(SAMPLE_PATH)
    book["시행결과"]["L2"] = actual
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_round_confirmed_on_a_kept_version_keeps_showing_that_version(
    db_url: str, engine: Any
) -> None:
    first = _variant(500)
    store.save_workbook(
        engine, district=DISTRICT, year=YEAR, data=first, file_name="1차.xlsx", uploaded_by="장종윤"
    )
    store.open_round(engine, SECRETARIAT, read_workbook(first, "1차.xlsx"))
    store.advance_round(engine, SECRETARIAT, DISTRICT, YEAR, RoundStatus.COLLECTING)
    store.advance_round(engine, SECRETARIAT, DISTRICT, YEAR, RoundStatus.MERGING)
    store.confirm_round(engine, SECRETARIAT, DISTRICT, YEAR)
    store.save_workbook(
        engine,
        district=DISTRICT,
        year=YEAR,
        data=_variant(600),
        file_name="2차.xlsx",
        uploaded_by="장종윤",
    )
    assert locked_source(db_url) == ("2차.xlsx", "1차.xlsx")
