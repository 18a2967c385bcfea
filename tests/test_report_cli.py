"""``python -m lib.cli report … --docx --hwpx [--store URL]``: the 결과보고 from the command
line, with the stored round of the workbook's 시군구·연도 when a database is given."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
from docx import Document
from hwpx import HwpxDocument
from hwpx.tools.validator import validate_document

from lib import cli, store
from lib.rounds import RosterEntry, RoundStatus, Selection
from tests.conftest import SAMPLE, build_workbook, with_cell
from tests.test_cli import run_cli
from tests.test_report_document import a_round

SOCIAL_LINE = (
    "- 지자체 사회보장사업 전략체계 5대 추진전략, 10개 중점사업, 29개 세부사업의 목표 달성률 "
    "121.6%로 목표대비 향상된 성과 지표를 보이고 있음"
)
DEVELOPMENT_LINE = (
    "- 지역사회보장 발전 전략체계 4대 추진전략, 9개 대표과업, 18개 세부과업의 목표 달성률 "
    "110.7%로 목표대비 향상된 성과 지표를 보이고 있음"
)


def result_lines(paragraphs: list[str]) -> list[str]:
    """The bullets under "1) 연차별 시행계획 시행결과 관련"."""
    start = paragraphs.index("1) 연차별 시행계획 시행결과 관련") + 1
    return [p for p in paragraphs[start:] if p.startswith("- ")]


def test_sample_report_as_docx_and_hwpx(tmp_path):
    docx, hwpx = tmp_path / "결과보고.docx", tmp_path / "결과보고.hwpx"
    done = run_cli("report", str(SAMPLE), "--docx", str(docx), "--hwpx", str(hwpx))
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    assert done.stdout.splitlines() == [
        f"결과보고서(Word)를 만들었습니다: {docx}",
        f"결과보고서(한글)를 만들었습니다: {hwpx}",
    ]
    paragraphs = [p.text for p in Document(docx).paragraphs if p.text]
    assert result_lines(paragraphs)[:2] == [SOCIAL_LINE, DEVELOPMENT_LINE]
    hwpx_lines = HwpxDocument.open(hwpx.read_bytes()).text.plain().splitlines()
    assert result_lines(hwpx_lines)[:2] == [SOCIAL_LINE, DEVELOPMENT_LINE]
    assert validate_document(hwpx.read_bytes()).ok


def test_one_report_file_is_enough(tmp_path):
    out = tmp_path / "r.hwpx"
    done = run_cli("report", str(SAMPLE), "--hwpx", str(out))
    assert done.returncode == 0, done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.hwpx"]


def test_bad_workbook_exits_2_with_the_summary_problems(tmp_path):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(build_workbook(rows=with_cell(3, "목표", "약 300")))
    done = run_cli("report", str(bad), "--docx", str(tmp_path / "r.docx"))
    summary = run_cli("summary", str(bad))
    assert done.returncode == summary.returncode == 2
    assert done.stderr == summary.stderr
    assert "시행결과 시트 3행 '목표'" in done.stderr
    assert "Traceback" not in done.stderr
    assert not (tmp_path / "r.docx").exists()


def test_unwritable_path_exits_2(tmp_path):
    done = run_cli("report", str(SAMPLE), "--docx", str(tmp_path / "없는 폴더" / "r.docx"))
    assert done.returncode == 2
    assert done.stderr.startswith("파일을 쓸 수 없습니다:")


def test_store_that_does_not_exist_exits_2(tmp_path):
    missing = tmp_path / "없음.db"
    done = run_cli(
        "report", str(SAMPLE), "--docx", str(tmp_path / "r.docx"), "--store", f"sqlite:///{missing}"
    )
    assert done.returncode == 2
    assert done.stderr.strip() == f"보관 데이터베이스를 열 수 없습니다: {missing}: 파일이 없습니다"
    assert not missing.exists()  # no empty database left behind


def test_store_url_that_is_not_a_url_exits_2(tmp_path):
    done = run_cli("report", str(SAMPLE), "--docx", str(tmp_path / "r.docx"), "--store", "아무말")
    assert done.returncode == 2
    assert done.stderr.startswith("보관 데이터베이스를 열 수 없습니다:")
    assert "Traceback" not in done.stderr


@pytest.fixture
def database(tmp_path) -> str:
    url = f"sqlite:///{tmp_path / 'reviews.db'}"
    store.create_store_engine(url).dispose()
    return url


def test_store_round_goes_into_the_report(tmp_path, database, monkeypatch, capsys):
    asked = []
    confirmed = a_round(
        RoundStatus.CONFIRMED,
        confirmed_at=datetime(2024, 3, 20, tzinfo=UTC),
        roster=(RosterEntry("m1", "류○○", "대표협의체 위원장", "학장종합사회복지관 / 관장"),),
        selections=(Selection("사회보장사업/5-1-1", "민관 사례관리망이 자리 잡음", 1),),
    )

    def round_snapshot(engine, district, year):
        asked.append((str(engine.url), district, year))
        return confirmed

    monkeypatch.setattr(store, "round_snapshot", round_snapshot, raising=False)
    out = tmp_path / "r.docx"
    assert cli.main(["report", str(SAMPLE), "--docx", str(out), "--store", database]) == 0
    assert asked == [(database, "부산광역시 사상구", 2023)]
    assert capsys.readouterr().err == ""  # a round not pinned to a version: nothing to say
    document = Document(out)
    assert document.sections[0].header.paragraphs[0].text == (
        "부산광역시 사상구 지역사회보장협의체 · 2024. 3. 20. 확정"
    )
    roster, selection = document.tables[0], document.tables[1]
    assert [c.text for c in roster.rows[1].cells] == [
        "류○○", "대표협의체 위원장", "학장종합사회복지관 / 관장",
    ]  # fmt: skip
    assert [c.text for c in selection.rows[1].cells] == [
        "사회보장사업", "5-1-1", "우와한 사례관리 네트워크", "141.5%", "민관 사례관리망이 자리 잡음",
    ]  # fmt: skip


def test_store_round_of_another_workbook_version_is_noted(tmp_path, database, monkeypatch, capsys):
    pinned = a_round(workbook_sha256="0" * 64)
    monkeypatch.setattr(store, "round_snapshot", lambda *_: pinned, raising=False)
    out = tmp_path / "r.docx"
    assert cli.main(["report", str(SAMPLE), "--docx", str(out), "--store", database]) == 0
    assert capsys.readouterr().err.strip() == (
        "참고: 모니터링 회차는 이 파일과 다른 버전의 워크북으로 진행되었습니다. 숫자는 이 파일 "
        "기준입니다."
    )
    assert out.exists()


def test_store_without_a_round_says_so_and_uses_the_workbook(
    tmp_path, database, monkeypatch, capsys
):
    monkeypatch.setattr(store, "round_snapshot", lambda *_: None, raising=False)
    out = tmp_path / "r.docx"
    assert cli.main(["report", str(SAMPLE), "--docx", str(out), "--store", database]) == 0
    err = capsys.readouterr().err
    assert err.strip() == (
        "부산광역시 사상구 2023년 모니터링 회차가 보관되어 있지 않아 워크북 내용만으로 만듭니다."
    )
    header = Document(io.BytesIO(out.read_bytes())).sections[0].header.paragraphs[0].text
    assert header == "초안 · 모니터링 결과 확정 전"


def test_store_round_written_through_the_store(tmp_path, database):
    """A round kept by lib.store (opened, roster, an opinion, 취합, 우수사업, 확정) reaches
    the 결과보고 through ``--store``, as the stored round of the workbook's 시군구·연도."""
    from lib.rounds import Actor, Role
    from lib.schema import CommentCategory, Rating, System
    from lib.workbook import read_workbook

    results = read_workbook(SAMPLE.read_bytes(), SAMPLE.name)
    office, kim = Actor("office", "사무국 담당", Role.SECRETARIAT), Actor("kim", "김소영")
    district, year = results.meta.district, results.meta.year
    engine = store.create_store_engine(database)
    try:
        store.open_round(engine, office, results)
        store.set_roster(
            engine, office, district, year,
            [RosterEntry("", "김○○", "대표협의체 부위원장", "사상구청소년수련관 / 관장", "kim")],
        )  # fmt: skip
        store.advance_round(engine, office, district, year, RoundStatus.COLLECTING)
        store.add_opinion(
            engine, kim, district, year,
            category=CommentCategory.COOPERATION, text="동 협의체와 정례 회의 필요",
        )  # fmt: skip
        store.advance_round(engine, office, district, year, RoundStatus.MERGING)
        store.select_project(engine, office, district, year, "발전전략/4-1-1", "자원 공유 활발")
        store.create_review(
            engine, store.ReviewKey(district, year, System.SOCIAL_SECURITY, "1-1-3"), actor=kim,
            rating_plan=Rating.APPROPRIATE, rating_check=Rating.AVERAGE,
            rating_result=Rating.APPROPRIATE, comment="예산 증액 사유가 분명함",
        )  # fmt: skip
    finally:
        engine.dispose()
    out = tmp_path / "r.docx"
    done = run_cli("report", str(SAMPLE), "--docx", str(out), "--store", database)
    assert done.returncode == 0, done.stderr
    document = Document(out)
    assert document.sections[0].header.paragraphs[0].text == "초안 · 모니터링 결과 확정 전"
    texts = [p.text for p in document.paragraphs]
    assert texts.index("- 동 협의체와 정례 회의 필요") > texts.index(
        "2) 민관협력 증진방안 및 보완사항"
    )
    roster, selection = document.tables[0], document.tables[1]
    assert [c.text for c in roster.rows[1].cells] == [
        "김○○", "대표협의체 부위원장", "사상구청소년수련관 / 관장",
    ]  # fmt: skip
    assert [c.text for c in selection.rows[1].cells][1:3] == ["4-1-1", "사상 이음복지플랫폼"]
    ratings = document.tables[3]  # 붙임 2, from the member's stored review
    assert [[c.text for c in row.cells] for row in ratings.rows][1:] == [
        ["사회보장사업", "1-1-3", "행복울타리 돌봄사업", "1 / 0 / 0", "0 / 1 / 0", "1 / 0 / 0"],
    ]

    engine = store.create_store_engine(database)
    try:
        store.confirm_round(engine, office, district, year)
    finally:
        engine.dispose()
    done = run_cli("report", str(SAMPLE), "--docx", str(out), "--store", database)
    assert done.returncode == 0, done.stderr
    header = Document(out).sections[0].header.paragraphs[0].text
    assert header.startswith("부산광역시 사상구 지역사회보장협의체 · ") and header.endswith(" 확정")


def test_readme_report_options_exist():
    from tests.test_docs import README

    lines = [line for line in README.splitlines() if "lib.cli report" in line]
    used = {option for line in lines for option in re.findall(r"(--[a-z]+)", line)}
    assert {"--docx", "--hwpx", "--store"} <= used
    helped = run_cli("report", "--help").stdout
    assert [option for option in sorted(used) if option not in helped] == []
