"""The command line keeps cli.md's contract: JSON on the sample, exit 2 with Korean problems."""

import json
import subprocess
import sys

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT, SAMPLE, build_workbook, with_cell


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "lib.cli", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


@pytest.fixture(scope="module")
def sample_summary() -> dict:
    done = run_cli("summary", str(SAMPLE), "--json")
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def test_sample_reproduces_published_totals(sample_summary):
    social, development = sample_summary["systems"]
    assert (social["system"], social["strategies"], social["key_projects"], social["sub_projects"]) == (
        "사회보장사업", 5, 10, 29,
    )  # fmt: skip
    assert social["achievement_rate"] == 121.6
    assert (development["system"], development["strategies"], development["key_projects"]) == (
        "발전전략",
        4,
        9,
    )
    assert development["sub_projects"] == 18
    assert development["achievement_rate"] == 110.7


def test_summary_shape_follows_cli_md(sample_summary):
    assert sample_summary["district"] == "부산광역시 사상구"
    assert sample_summary["year"] == 2023
    assert list(sample_summary["flags"]) == [
        "예산변경",
        "부진",
        "초과달성",
        "집행부진",
        "신설",
        "폐지",
    ]
    assert set(sample_summary["comments"]) == {"시행결과", "민관협력"}
    assert set(sample_summary["systems"][0]["budget"]) == {"planned", "final", "executed"}
    first = sample_summary["sub_projects"][0]
    assert set(first) == {"system", "code", "name", "status", "achievement_rate", "flags"}
    assert sum(s["sub_projects"] for s in sample_summary["strategies"]) == 29 + 18


def test_four_budget_changes_are_the_reported_projects(sample_summary):
    names = {sp["system"] + "/" + sp["code"]: sp["name"] for sp in sample_summary["sub_projects"]}
    changed = {names[i] for i in sample_summary["flags"]["예산변경"]}
    assert changed == {
        "복지N건강 상담지원",
        "행복울타리 돌봄사업",
        "마을건강센터 운영",
        "노후준비지원센터 운영",
    }


def test_abolished_listed_with_null_rate(sample_summary):
    (gone,) = [sp for sp in sample_summary["sub_projects"] if sp["status"] == "폐지"]
    assert gone["achievement_rate"] is None and gone["flags"] == ["폐지"]
    assert sample_summary["flags"]["폐지"] == [f"{gone['system']}/{gone['code']}"]


def test_plain_report_is_korean():
    done = run_cli("summary", str(SAMPLE))
    assert done.returncode == 0
    assert "달성률 121.6%" in done.stdout and "달성률 110.7%" in done.stdout


def test_bad_workbook_exits_2_with_every_problem(tmp_path):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(
        build_workbook(
            rows=with_cell(4, "목표", "약 300", with_cell(5, "실적", "-")), comments=None
        )
    )
    done = run_cli("summary", str(path), "--json")
    assert done.returncode == 2
    assert done.stdout == ""
    assert done.stderr.splitlines() == [
        "시행결과 시트 4행 '목표': 숫자가 아닙니다 ('약 300')",
        "시행결과 시트 5행 '실적': 숫자가 아닙니다 ('-')",
    ]


@pytest.mark.parametrize("content", [b"not a workbook", b""])
def test_not_an_xlsx_gets_one_clear_line(tmp_path, content):
    path = tmp_path / "x.xlsx"
    path.write_bytes(content)
    done = run_cli("summary", str(path))
    assert done.returncode == 2
    assert len(done.stderr.splitlines()) == 1 and "Traceback" not in done.stderr


def test_missing_file(tmp_path):
    done = run_cli("summary", str(tmp_path / "none.xlsx"))
    assert (
        done.returncode == 2
        and "파일을 열 수 없습니다" in done.stderr
        and "Traceback" not in done.stderr
    )


def test_template_is_the_format(tmp_path):
    out = tmp_path / "template.xlsx"
    assert run_cli("template", str(out)).returncode == 0
    wb = load_workbook(out)
    assert wb.sheetnames == ["개요", "시행결과", "모니터링의견", "모니터링단"]
    header = [c.value for c in wb["시행결과"][1]]
    assert header[:5] == ["체계", "사업번호", "추진전략", "중점사업", "세부사업"]
    # An empty template is rejected for what is missing, in Korean, not with a traceback.
    done = run_cli("summary", str(out))
    assert done.returncode == 2
    assert "개요 시트 1행 '시군구': 값이 비어 있습니다." in done.stderr.splitlines()


def test_json_has_one_list_item_per_line_as_cli_md_shows():
    done = run_cli("summary", str(SAMPLE), "--json")
    lines = done.stdout.splitlines()
    assert lines[0] == "{" and lines[-1] == "}"
    data = json.loads(done.stdout)
    items = [line.strip().rstrip(",") for line in lines if line.startswith("    {")]
    assert len(items) == len(data["systems"]) + len(data["strategies"]) + len(data["sub_projects"])
    assert json.loads(items[0]) == data["systems"][0]
    flag_lines = [line for line in lines if line.startswith('    "') and '": [' in line]
    assert len(flag_lines) == len(data["flags"])


@pytest.mark.parametrize(
    "name",
    ['따옴표 " 와 \\ 역슬래시', "<script>alert(1)</script>", "줄\n바꿈\t탭\x01", "😀 비BMP", ""],
)
@pytest.mark.parametrize("rate", [None, 0.0, 97.9, 121.6, 1e16, 100.0])
def test_sub_project_lines_are_what_json_writes(name, rate):
    """Each sub-project's line of ``summary --json`` is built from its values' JSON text;
    it must be the very text json's encoder writes for the item's dict."""
    from lib.cli import _item_encoder, _SubProjectColumns
    from lib.flags import Flag
    from lib.schema import ProjectStatus, System

    rows = [
        (System.SOCIAL_SECURITY, "1-1-1", name, ProjectStatus.CONTINUING, rate, ()),
        (System.DEVELOPMENT, name, "사업", ProjectStatus.ABOLISHED, rate, (Flag.ABOLISHED,)),
        (
            System.SOCIAL_SECURITY,
            "2",
            name,
            ProjectStatus.NEW,
            rate,
            (Flag.UNDERPERFORMING, Flag.NEW),
        ),
    ]
    columns = _SubProjectColumns(tuple(map(list, zip(*rows, strict=True))))
    dumps = _item_encoder()
    assert columns.lines(dumps) == [
        json.dumps(item, ensure_ascii=False) for item in columns.items()
    ]
    assert [item["name"] for item in columns.items()] == [name, "사업", name]


def test_summary_json_of_a_result_without_sub_projects():
    from lib.cli import summary, summary_json
    from lib.schema import Meta, Results

    results = Results(meta=Meta(district="가구", year=2024), sub_projects=())
    assert json.loads(summary_json(results)) == summary(results)
    assert summary(results)["sub_projects"] == []
