"""점검 필요 사업 page on the sample: counts per flag, thresholds, filters, links."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import open_app, page_text


def open_flags(db_url: str | None = None, **params: str | list[str]) -> AppTest:
    at = open_app("app_pages/flags.py", query=params, db_url=db_url)
    assert not at.exception, [e.value for e in at.exception]
    return at


def counts(at: AppTest) -> dict[str, str]:
    """Summary metrics: flag badge → count."""
    return {m.label: m.value for m in at.metric}


def headers(at: AppTest) -> list[str]:
    return [s.value for s in at.main.header]


def texts(at: AppTest) -> str:
    return page_text(at)


def test_flag_counts_with_the_sample_defaults():
    app = open_flags()
    assert counts(app) == {
        "₩ 예산변경": "4개",
        "▽ 부진": "7개",
        "↑ 초과달성": "3개",
        "◐ 집행부진": "3개",
        "＋ 신설": "3개",
        "✕ 폐지": "1개",
    }


def test_sections_follow_flag_order_and_state_the_active_threshold():
    app = open_flags()
    assert headers(app) == [
        "₩ 예산변경 · 변경예산이 당초예산과 다름 · 4개",
        "▽ 부진 · 달성률 100% 미만 · 7개",
        "↑ 초과달성 · 달성률 150% 이상 · 3개",
        "◐ 집행부진 · 집행률 70% 미만 · 3개",
        "＋ 신설 · 올해 새로 시작 · 3개",
        "✕ 폐지 · 올해 폐지 · 1개",
        "추진전략별 평가 요약",
    ]


def test_rating_summary_per_strategy():
    app = open_flags()
    table = app.table[-1].value
    assert list(table.columns) == ["체계", "추진전략", "평가"]
    assert len(table) == 9  # 5 + 4 strategies
    assert set(table["평가"]) == {"적절 0 · 보통 0 · 부적절 0"}  # the T/F gave no ratings


def test_underperforming_threshold_from_the_url_changes_the_count():
    app = open_flags(th_under="90")
    assert counts(app)["▽ 부진"] == "1개"
    assert "▽ 부진 · 달성률 90% 미만 · 1개" in headers(app)
    assert app.number_input(key="_flags_th_under").value == 90


def test_section_threshold_input_writes_the_shared_threshold():
    app = open_flags()
    app.number_input(key="_flags_th_under").set_value(90).run()
    assert not app.exception
    assert app.session_state["th_under"] == 90


def test_budget_change_section_shows_before_after_and_reason():
    app = open_flags()
    shown = texts(app)
    assert "**당초 420,000 → 변경 468,000 (+48,000)**" in shown
    assert "사유: 돌봄 대상 가구 증가에 따른 증액" in shown
    assert "사유 없음" not in shown.replace("'⚠ 사유 없음'", "")  # every sample change has one


def test_each_flagged_project_links_to_its_detail():
    app = open_flags()
    links = app.get("page_link")
    targets = [link.proto.query_string for link in links]
    assert len(links) == 4 + 7 + 3 + 3 + 3 + 1
    assert any("1-1-3" in t for t in targets)


def test_low_execution_shows_the_amounts():
    app = open_flags()
    assert "**집행률 58.0% (집행액 34,800 / 최종예산 60,000)**" in texts(app)


def test_flags_page_follows_the_dong_filter():
    app = open_flags(dong="모라1동", district_wide="false")
    assert counts(app)["▽ 부진"] == "4개"
    assert counts(app)["₩ 예산변경"] == "1개"
    assert "전체 7개 중" in texts(app)
    assert "▽ 부진 · 달성률 100% 미만 · 7개 중 4개" in headers(app)


def test_flags_page_follows_the_flag_filter():
    app = open_flags(flag="신설")
    assert counts(app)["＋ 신설"] == "3개"
    assert counts(app)["✕ 폐지"] == "0개"


def test_stored_review_counts_in_its_strategy_summary(tmp_path):
    from lib import store
    from lib.rounds import Actor
    from lib.schema import Rating, System

    url = f"sqlite:///{tmp_path / 'r.db'}"
    key = store.ReviewKey("부산광역시 사상구", 2023, System.SOCIAL_SECURITY, "1-1-3")
    store.create_review(
        store.create_store_engine(url),
        key,
        actor=Actor("kim", "김위원"),
        rating_result=Rating.APPROPRIATE,
    )
    at = open_flags(url)
    table = at.table[-1].value
    row = table[table["추진전략"] == "누구나 누리는 촘촘한 돌봄"]
    assert row["평가"].tolist() == ["적절 1 · 보통 0 · 부적절 0"]
