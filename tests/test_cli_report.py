"""``python -m lib.cli report``: writes the meeting files, narrows by 체계/추진전략/동, and
answers mistakes in Korean with exit 2 and no traceback, like ``summary``."""

import io

import pytest
from openpyxl import load_workbook
from pptx import Presentation

from lib.exports.deck import build_deck
from lib.schema import System
from lib.views.filters import Filter
from lib.views.view import View
from lib.workbook import read_workbook
from tests.conftest import SAMPLE, build_workbook, with_cell
from tests.test_cli import run_cli


@pytest.fixture(scope="module")
def sample():
    return read_workbook(SAMPLE.read_bytes(), SAMPLE.name)


def test_writes_all_three_files(tmp_path, sample):
    out = {ext: tmp_path / f"회의.{ext}" for ext in ("pptx", "xlsx", "html")}
    done = run_cli(
        "report", str(SAMPLE),
        "--pptx", str(out["pptx"]), "--xlsx", str(out["xlsx"]), "--html", str(out["html"]),
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    slides = len(build_deck(View.build(sample)).slides)
    assert done.stdout.splitlines() == [
        f"발표 자료를 만들었습니다: {out['pptx']} (슬라이드 {slides}장)",
        f"엑셀 자료를 만들었습니다: {out['xlsx']} (세부사업 48개)",
        f"HTML 보고서를 만들었습니다: {out['html']}",
    ]
    assert len(Presentation(out["pptx"]).slides) == slides
    assert load_workbook(out["xlsx"]).sheetnames[0] == "세부사업"
    assert out["html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")


def test_one_output_is_enough(tmp_path):
    out = tmp_path / "report.html"
    done = run_cli("report", str(SAMPLE), "--html", str(out))
    assert done.returncode == 0 and out.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report.html"]


def test_filters_narrow_what_is_written(tmp_path, sample):
    pptx, xlsx = tmp_path / "d.pptx", tmp_path / "d.xlsx"
    done = run_cli(
        "report", str(SAMPLE), "--pptx", str(pptx), "--xlsx", str(xlsx),
        "--system", "발전전략",
        "--strategy", "지역사회 거버넌스 구축", "--strategy", "담당인력 역량 강화",
        "--dong", "학장동", "--district-wide",
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    f = Filter(
        system=System.DEVELOPMENT,
        strategies=("지역사회 거버넌스 구축", "담당인력 역량 강화"),
        dongs=("학장동",),
        include_district_wide=True,
    )
    deck = build_deck(View.build(sample, f))
    prs = Presentation(pptx)
    assert len(prs.slides) == len(deck.slides)
    rows = list(load_workbook(xlsx)["세부사업"].iter_rows(min_row=2, values_only=True))
    assert {r[0] for r in rows} == {"발전전략"}
    assert {r[2] for r in rows} == {"지역사회 거버넌스 구축", "담당인력 역량 강화"}
    assert len(rows) == 10  # 8 district-wide, and 3-2-2 and 3-3-2 which name 학장동
    notes = prs.slides[0].shapes
    assert any("보는 범위: 발전전략" in s.text_frame.text for s in notes if s.has_text_frame)


def test_without_an_output_says_one_is_needed(tmp_path):
    done = run_cli("report", str(SAMPLE))
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.strip() == (
        "만들 파일을 하나 이상 지정해 주세요: --pptx, --xlsx, --html, --docx 또는 --hwpx"
    )


def test_unknown_values_list_the_valid_ones(tmp_path):
    out = tmp_path / "x.pptx"
    done = run_cli(
        "report", str(SAMPLE), "--pptx", str(out),
        "--system", "사회보장", "--strategy", "없는 전략", "--dong", "해운대동",
    )  # fmt: skip
    assert done.returncode == 2
    assert not out.exists() and done.stdout == ""
    lines = done.stderr.splitlines()
    assert lines[0] == "--system 값 '사회보장'이(가) 없습니다. 가능한 값: 사회보장사업, 발전전략"
    assert lines[1].startswith("--strategy 값 '없는 전략'이(가) 없습니다. 가능한 값: 누구나 누리는")
    assert lines[2].startswith("--dong 값 '해운대동'이(가) 없습니다. 가능한 값: 감전동, ")  # 가나다
    assert "Traceback" not in done.stderr


def test_a_strategy_of_the_other_system_is_refused(tmp_path):
    done = run_cli(
        "report", str(SAMPLE), "--html", str(tmp_path / "x.html"),
        "--system", "발전전략", "--strategy", "누구나 누리는 촘촘한 돌봄",
    )  # fmt: skip
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        "--strategy 값 '누구나 누리는 촘촘한 돌봄'이(가) 없습니다. 가능한 값: "
        "사회보장급여 이용·제공 기반 구축, 담당인력 역량 강화, 지역사회 거버넌스 구축, "
        "지역사회보장 인프라 확충"
    ]


def test_no_dongs_in_the_workbook(tmp_path):
    rows = with_cell(4, "사업지역", None)
    path = tmp_path / "w.xlsx"
    path.write_bytes(build_workbook(rows=rows))
    done = run_cli("report", str(path), "--html", str(tmp_path / "x.html"), "--dong", "모라1동")
    assert done.returncode == 2
    assert done.stderr.strip() == "--dong 값 '모라1동'이(가) 없습니다. 가능한 값: (없음)"


def test_bad_workbook_exits_2_with_every_problem(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(build_workbook(rows=with_cell(4, "목표", "약 300"), comments=None))
    done = run_cli("report", str(path), "--pptx", str(tmp_path / "x.pptx"))
    assert done.returncode == 2 and done.stdout == ""
    assert done.stderr.splitlines() == ["시행결과 시트 4행 '목표': 숫자가 아닙니다 ('약 300')"]
    assert not (tmp_path / "x.pptx").exists()


def test_missing_workbook_and_unwritable_output(tmp_path):
    done = run_cli("report", str(tmp_path / "none.xlsx"), "--xlsx", str(tmp_path / "x.xlsx"))
    assert done.returncode == 2 and "파일을 열 수 없습니다" in done.stderr
    target = tmp_path / "no such folder" / "x.xlsx"
    done = run_cli("report", str(SAMPLE), "--xlsx", str(target))
    assert done.returncode == 2
    assert done.stderr.startswith(f"파일을 쓸 수 없습니다: {target} (")
    assert "Traceback" not in done.stderr


def test_written_xlsx_matches_the_library(tmp_path, sample):
    from lib.exports.xlsx import render_xlsx

    out = tmp_path / "x.xlsx"
    assert run_cli("report", str(SAMPLE), "--xlsx", str(out)).returncode == 0
    written = load_workbook(out)["세부사업"]
    expected = load_workbook(io.BytesIO(render_xlsx(View.build(sample))))["세부사업"]
    assert list(written.values) == list(expected.values)
