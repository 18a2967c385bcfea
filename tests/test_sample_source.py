"""The bundled sample's source data matches the published facts of the 사상구 report.

Reads ``data/sample/source/*.csv`` with the csv module alone and recomputes the rates
exactly (fractions.Fraction) as ``workbook-format.md`` defines them, independently of the
app's reader and metrics. Also checks that ``data/sample/sasang_2023.xlsx`` was generated
from the current sources.
"""

from __future__ import annotations

import csv
import importlib.util
import math
import sys
from collections import defaultdict
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from types import ModuleType

import pytest
from openpyxl import load_workbook

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "data" / "sample" / "source"
SAMPLE = ROOT / "data" / "sample" / "sasang_2023.xlsx"

SS, DEV = "사회보장사업", "발전전략"
DONGS = (
    "삼락동",
    "모라1동",
    "모라3동",
    "덕포1동",
    "덕포2동",
    "괘법동",
    "감전동",
    "주례1동",
    "주례2동",
    "주례3동",
    "학장동",
    "엄궁동",
)
BUDGET_CHANGED = (
    "복지N건강 상담지원",
    "행복울타리 돌봄사업",
    "마을건강센터 운영",
    "노후준비지원센터 운영",
)
DEV_STRATEGIES = (
    "사회보장급여 이용·제공 기반 구축",
    "담당인력 역량 강화",
    "지역사회 거버넌스 구축",
    "지역사회보장 인프라 확충",
)
SUB_PROJECT_COLUMNS = (
    "담당부서",
    "사업대상",
    "사업지역",
    "사업구분",
    "민관협력",
    "당초예산",
    "변경예산",
    "집행액",
    "예산변경사유",
    "추진실적",
    "비고",
)
REVIEWER = "모니터링 T/F"


def read_csv(name: str) -> list[dict[str, str]]:
    with (SOURCE / name).open(encoding="utf-8", newline="") as f:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(f)]


def group_sub_projects() -> list[dict]:
    """Sub-projects in source order: the first row's columns plus the list of indicator rows."""
    groups: dict[tuple[str, str], dict] = {}
    for row in read_csv("시행결과.csv"):
        key = (row["체계"], row["사업번호"])
        if key not in groups:
            groups[key] = {**row, "indicators": []}
        else:
            sp = groups[key]
            for column in ("추진전략", "중점사업", "세부사업", *SUB_PROJECT_COLUMNS):
                assert not row[column] or row[column] == sp[column], (key, column)
        groups[key]["indicators"].append(row)
    return list(groups.values())


def indicator_rate(row: dict[str, str]) -> Fraction:
    ratio = Fraction(row["실적"]) / Fraction(row["목표"])
    if row["지표방향"] == "하향":
        return max(Fraction(0), (2 - ratio) * 100)
    return ratio * 100


def sub_project_rate(sp: dict) -> Fraction:
    indicators = sp["indicators"]
    weights = [i["가중치"] for i in indicators]
    assert all(weights) or not any(weights), sp["사업번호"]
    if all(weights):
        total = sum(Fraction(w) for w in weights)
        pairs = zip(weights, indicators, strict=True)
        return sum(Fraction(w) * indicator_rate(i) for w, i in pairs) / total
    return sum(indicator_rate(i) for i in indicators) / len(indicators)


def round_half_up(value: Fraction) -> Decimal:
    return (Decimal(math.floor(value * 10 + Fraction(1, 2))) / 10).quantize(Decimal("0.1"))


def execution_rate(sp: dict) -> Fraction | None:
    final = sp["변경예산"] or sp["당초예산"]
    if not sp["집행액"] or not final or Fraction(final) == 0:
        return None
    return Fraction(sp["집행액"]) / Fraction(final) * 100


def dongs(sp: dict) -> list[str]:
    area = sp["사업지역"]
    return [] if area in ("", "전체") else [d.strip() for d in area.split(",")]


@pytest.fixture(scope="module")
def sub_projects() -> list[dict]:
    return group_sub_projects()


@pytest.fixture(scope="module")
def active(sub_projects) -> list[dict]:
    return [sp for sp in sub_projects if sp["사업구분"] != "폐지"]


def system_rate(active: list[dict], system: str) -> Fraction:
    rates = [sub_project_rate(sp) for sp in active if sp["체계"] == system]
    return sum(rates) / len(rates)


@pytest.mark.parametrize(
    ("system", "strategies", "key_projects", "count"), [(SS, 5, 10, 29), (DEV, 4, 9, 18)]
)
def test_structure_counts(active, system, strategies, key_projects, count):
    mine = [sp for sp in active if sp["체계"] == system]
    assert len(mine) == count
    assert len({sp["추진전략"] for sp in mine}) == strategies
    assert len({(sp["추진전략"], sp["중점사업"]) for sp in mine}) == key_projects


def test_development_strategies_follow_the_ministry_areas(active):
    found = list(dict.fromkeys(sp["추진전략"] for sp in active if sp["체계"] == DEV))
    assert found == list(DEV_STRATEGIES)


@pytest.mark.parametrize(("system", "published"), [(SS, "121.6"), (DEV, "110.7")])
def test_system_rates_round_to_the_published_figures(active, system, published):
    rate = system_rate(active, system)
    assert round_half_up(rate) == Decimal(published)
    assert Fraction(published) - Fraction(5, 100) <= rate < Fraction(published) + Fraction(5, 100)
    # Near the middle of the rounding interval, not at an edge.
    assert abs(rate - Fraction(published)) < Fraction(2, 100)


def test_codes_numbering_and_names(sub_projects):
    by_system = defaultdict(list)
    for sp in sub_projects:
        by_system[sp["체계"]].append(sp)
    assert set(by_system) == {SS, DEV}
    for sps in by_system.values():
        codes = [sp["사업번호"] for sp in sps]
        assert len(codes) == len(set(codes))
        strategy_no: dict[str, str] = {}
        key_no: dict[tuple[str, str], str] = {}
        for sp in sps:
            parts = sp["사업번호"].split("-")
            assert len(parts) == 3 and all(p.isdigit() for p in parts), sp["사업번호"]
            assert strategy_no.setdefault(sp["추진전략"], parts[0]) == parts[0]
            key = (sp["추진전략"], sp["중점사업"])
            assert key_no.setdefault(key, "-".join(parts[:2])) == "-".join(parts[:2])
    names = [sp["세부사업"] for sp in sub_projects]
    assert len(names) == len(set(names))


def test_indicator_values(sub_projects):
    for sp in sub_projects:
        assert sp["indicators"], sp["사업번호"]
        for ind in sp["indicators"]:
            assert ind["성과지표"] and ind["단위"]
            assert ind["지표방향"] in ("상향", "하향")
            if sp["사업구분"] == "폐지":
                continue
            assert Fraction(ind["목표"]) > 0 and Fraction(ind["실적"]) >= 0
        assert sp["사업구분"] in ("계속", "신설", "변경", "폐지")
        assert sp["민관협력"] in ("Y", "N")
        for column in ("당초예산", "변경예산", "집행액"):
            if sp[column]:
                assert Fraction(sp[column]) >= 0


def test_only_the_four_named_projects_changed_budget(sub_projects):
    changed = [sp for sp in sub_projects if sp["변경예산"] and sp["변경예산"] != sp["당초예산"]]
    assert sorted(sp["세부사업"] for sp in changed) == sorted(BUDGET_CHANGED)
    for sp in changed:
        assert sp["당초예산"] and sp["예산변경사유"], sp["세부사업"]
        assert Fraction(sp["변경예산"]) != Fraction(sp["당초예산"])
    for sp in sub_projects:
        if sp not in changed:
            assert not sp["예산변경사유"], sp["세부사업"]


def test_dongs(sub_projects, active):
    used = {d for sp in sub_projects for d in dongs(sp)}
    assert used == set(DONGS)
    by_name = {sp["세부사업"]: sp for sp in sub_projects}
    for name in ("마을건강센터 운영", "사상희망우산"):
        assert dongs(by_name[name]) == list(DONGS)
    mora_short = [sp for sp in active if "모라1동" in dongs(sp) and sub_project_rate(sp) < 100]
    assert len(mora_short) >= 2


def test_variety_of_flags(sub_projects, active):
    indicators = [i for sp in active for i in sp["indicators"]]
    assert any(i["지표방향"] == "하향" for i in indicators)
    assert any(all(i["가중치"] for i in sp["indicators"]) for sp in active)
    assert sum(len(sp["indicators"]) >= 2 for sp in active) >= 5
    assert any(sp["사업구분"] == "신설" for sp in active)
    abolished = [sp for sp in sub_projects if sp["사업구분"] == "폐지"]
    assert len(abolished) == 1
    rates = [sub_project_rate(sp) for sp in active]
    assert 4 <= sum(r < 100 for r in rates) <= 8
    assert any(r < 80 for r in rates)
    assert 2 <= sum(r >= 150 for r in rates) <= 3
    executions = [execution_rate(sp) for sp in active]
    assert 2 <= sum(e is not None and e < 70 for e in executions) <= 3
    assert any(sp["민관협력"] == "Y" for sp in active)
    for sp in active:
        for column in ("당초예산", "집행액"):
            if sp[column]:
                assert 1_000 <= Fraction(sp[column]) <= 10_000_000, sp["세부사업"]


def test_named_projects_present(sub_projects):
    names = {sp["세부사업"]: sp for sp in sub_projects}
    for name in (
        *BUDGET_CHANGED,
        "우와한 사례관리 네트워크",
        "사상희망우산",
        "사상 이음복지플랫폼",
        "동 지역사회보장협의체 활성화",
    ):
        assert name in names, name
    council = names["동 지역사회보장협의체 활성화"]
    assert (council["체계"], council["추진전략"]) == (DEV, "지역사회 거버넌스 구축")


def test_comments_resolve(sub_projects):
    comments = read_csv("모니터링의견.csv")
    assert [c["구분"] for c in comments] == ["시행결과"] * 8 + ["민관협력"] * 12
    names: dict[str, set] = defaultdict(set)
    for sp in sub_projects:
        names[sp["체계"]].add(("체계", sp["체계"]))
        names[sp["추진전략"]].add(("추진전략", sp["체계"], sp["추진전략"]))
        names[sp["중점사업"]].add(("중점사업", sp["추진전략"], sp["중점사업"]))
        names[sp["사업번호"]].add(("세부사업", sp["체계"], sp["사업번호"]))
        names[sp["세부사업"]].add(("세부사업", sp["체계"], sp["사업번호"]))
    for comment in comments:
        assert comment["위원"] == REVIEWER
        assert comment["평가"] == ""
        assert comment["의견"]
        for target in comment["대상"].split(","):
            target = target.strip()
            # Each 대상 names exactly one thing (a 사업번호 is not used in both systems).
            assert target == "전체" or len(names[target]) == 1, target

    def targets(fragment: str) -> list[str]:
        (comment,) = [c for c in comments if fragment in c["의견"]]
        return [t.strip() for t in comment["대상"].split(",")]

    by_code = {sp["사업번호"]: sp["세부사업"] for sp in sub_projects if sp["체계"] == SS}
    assert targets("121.6%") == [SS]
    assert targets("110.7%") == [DEV]
    assert sorted(by_code[c] for c in targets("목표예산 변경")) == sorted(BUDGET_CHANGED)
    assert targets("우와한 사례관리 네트워크") == ["우와한 사례관리 네트워크", "사상희망우산"]
    assert targets("이음복지플랫폼") == ["사상 이음복지플랫폼"]
    assert targets("매니저 역할") == ["동 지역사회보장협의체 활성화"]


def load_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "make_sample", ROOT / "scripts" / "make_sample.py"
    )
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


def sheet_contents(path: Path) -> dict[str, tuple]:
    wb = load_workbook(path)
    return {
        ws.title: (
            [[c.value for c in row] for row in ws.iter_rows()],
            sorted(str(r) for r in ws.merged_cells.ranges),
        )
        for ws in wb.worksheets
    }


def test_sample_workbook_is_generated_from_current_sources(tmp_path):
    fresh = load_module().build_workbook(tmp_path / "sample.xlsx")
    assert SAMPLE.exists(), "run scripts/make_sample.py"
    expected = sheet_contents(fresh)
    assert list(expected) == ["개요", "시행결과", "모니터링의견", "모니터링단"]
    assert sheet_contents(SAMPLE) == expected


def test_sample_workbook_layout():
    wb = load_workbook(SAMPLE)
    meta = {row[0]: row[1] for row in wb["개요"].iter_rows(values_only=True)}
    assert meta["시군구"] == "부산광역시 사상구"
    assert meta["연도"] == 2023
    assert (meta["계획기수"], meta["예산단위"]) == ("제5기", "천원")
    ws = wb["시행결과"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    assert {"A3:A4", "B3:B4", "Q3:S3"} <= merged
    assert [ws.cell(4, c).value for c in (17, 18, 19)] == ["당초", "변경", "집행"]
    assert ws.freeze_panes == "A5"
    rows = list(ws.iter_rows(min_row=5, values_only=True))
    assert len(rows) == len(read_csv("시행결과.csv"))
    assert not any(isinstance(v, str) and v.startswith("=") for row in rows for v in row)


# The seed's T/F members (000_d4da01baa612e529.txt, "T.F팀 구성원"): 성명 | 구분 | 소속기관/직위.
SEED_ROSTER = (
    ("류승일", "대표협의체 위원장", "학장종합사회복지관 / 관장"),
    ("김소영", "대표협의체 부위원장", "사상구청소년수련관 / 관장"),
    ("이미정", "실무협의체 위원장", "모라종합사회복지관 / 관장"),
    ("정선희", "실무협의체 부위원장", "복지정책과 복지기획팀/ 팀장"),
    ("한지나", "대표협의체 위원", "신라대학교 / 사회복지학과 교수"),
    ("조의종", "대표협의체 위원", ""),
    ("장종윤", "-", "사상구지역사회보장협의체 사무국 / 팀장"),
)


def test_roster_source_is_the_seeds_members_masked():
    members = read_csv("모니터링단.csv")
    assert len(members) == len(SEED_ROSTER)
    for member, (name, role, affiliation) in zip(members, SEED_ROSTER, strict=True):
        assert member["성명"] == name[0] + "○○"  # surname kept, given name masked
        assert member["구분"] == role
        assert member["소속기관/직위"] == " / ".join(p.strip() for p in affiliation.split("/") if p)


def test_sample_reads_with_its_roster():
    from lib.workbook import read_path

    roster = read_path(str(SAMPLE)).roster
    assert [m.name for m in roster] == [name[0] + "○○" for name, _, _ in SEED_ROSTER]
    assert roster[5].affiliation is None  # 조○○: no 소속 in the seed
    assert roster[6].role is None  # 장○○: the seed's "-"
    assert roster[3].affiliation == "복지정책과 복지기획팀 / 팀장"
