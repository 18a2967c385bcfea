"""A national-scale set of results workbooks: one per 시군구 (229), ~45 sub-projects × ~2 indicators."""

from __future__ import annotations

import hashlib
import json
import random
from pathlib import Path

from openpyxl import Workbook

from lib.workbook import RESULT_COLUMNS

DISTRICT_COUNT = 229
STRATEGIES = ("촘촘한 돌봄", "건강한 일상", "아동·가족 행복", "자립과 안정", "민관 복지공동체")
DEV_STRATEGIES = ("급여 이용·제공 기반", "담당인력 역량", "지역사회 거버넌스", "인프라 확충")


def _rows(rng: random.Random) -> list[list[object]]:
    rows: list[list[object]] = []
    for system, strategies, count in (
        ("사회보장사업", STRATEGIES, 30),
        ("발전전략", DEV_STRATEGIES, 15),
    ):
        for n in range(count):
            s = n % len(strategies)
            k = n % 2
            code = f"{s + 1}-{k + 1}-{n + 1}"
            planned = rng.randrange(10_000, 2_000_000, 1000)
            # A changed budget stays positive (a negative amount is a validation error).
            changed = (
                max(1000, planned + rng.randrange(-50_000, 50_000, 1000))
                if rng.random() < 0.1
                else None
            )
            executed = int((changed or planned) * rng.uniform(0.5, 1.0))
            status = "신설" if rng.random() < 0.05 else "계속"
            for i in range(rng.choice((1, 2, 2, 3))):
                target = rng.randrange(10, 1000)
                direction = "하향" if rng.random() < 0.05 else "상향"
                actual = round(target * rng.uniform(0.6, 1.6), 1)
                first = i == 0
                values = {
                    "체계": system,
                    "사업번호": code if first else None,
                    "추진전략": strategies[s],
                    "중점사업": f"{strategies[s]} 중점 {k + 1}",
                    "세부사업": f"세부사업 {system[:2]} {n + 1}" if first else None,
                    "담당부서": "복지정책과" if first else None,
                    "사업지역": "전체" if first else None,
                    "사업구분": status if first else None,
                    "성과지표": f"지표 {i + 1}",
                    "단위": "명",
                    "지표방향": direction,
                    "목표": target,
                    "실적": actual,
                    "당초예산": planned if first else None,
                    "변경예산": changed if first else None,
                    "집행액": executed if first else None,
                }
                rows.append([values.get(column) for column in RESULT_COLUMNS])
    return rows


def district_name(index: int) -> str:
    """The 시군구 written into workbook ``index`` (0-based)."""
    return f"시군구 {index + 1:03d}"


def write_set(
    out: Path, count: int = DISTRICT_COUNT, year: int = 2024, seed: int = 7
) -> list[Path]:
    """Write ``count`` workbooks into ``out`` and return their paths."""
    out.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    paths = []
    for d in range(count):
        wb = Workbook()
        meta = wb.active
        meta.title = "개요"
        for key, value in (("시군구", district_name(d)), ("연도", year), ("예산단위", "천원")):
            meta.append([key, value])
        sheet = wb.create_sheet("시행결과")
        sheet.append(list(RESULT_COLUMNS))
        for row in _rows(rng):
            sheet.append(row)
        comments = wb.create_sheet("모니터링의견")
        comments.append(["구분", "대상", "위원", "평가", "의견"])
        comments.append(["시행결과", "전체", "모니터링 T/F", "적절", "전반적으로 적절하게 운영됨"])
        path = out / f"district_{d + 1:03d}.xlsx"
        wb.save(path)
        paths.append(path)
    return paths


MANIFEST = "manifest.json"


def ensure_set(
    out: Path, count: int = DISTRICT_COUNT, year: int = 2024, seed: int = 7
) -> tuple[list[Path], bool]:
    """The set in ``out``, written only when missing or made with other parameters or by
    another version of this generator; return its paths and whether they were reused."""
    params = {
        "count": count,
        "year": year,
        "seed": seed,
        "generator": hashlib.sha256(Path(__file__).read_bytes()).hexdigest(),
    }
    manifest = out / MANIFEST
    if manifest.exists():
        try:
            kept = json.loads(manifest.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            kept = {}
        paths = [out / name for name in kept.get("files", [])]
        if kept.get("params") == params and len(paths) == count and all(p.exists() for p in paths):
            return paths, True
    for old in out.glob("district_*.xlsx"):
        old.unlink()
    paths = write_set(out, count, year, seed)
    manifest.write_text(
        json.dumps({"params": params, "files": [p.name for p in paths]}, ensure_ascii=False),
        encoding="utf-8",
    )
    return paths, False
