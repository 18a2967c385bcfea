"""``python -m lib.cli summary --json`` on one national-scale workbook, as a whole process.

The workbook holds 20,160 sub-projects (448 districts' worth of rows in one sheet); a tiny
workbook (45 sub-projects) from the same generator gives the fixed cost of a process
(interpreter, imports). The figure of merit is the marginal cost of the rows — big minus
tiny — of our summary against the same for a bare python-calamine read (a process that only
imports python_calamine and reads every sheet's cells). The same summary at commit
``BEFORE`` (rates in ``Fraction``, recomputed by every caller) runs in the same turns, from a
copy of that commit's tree (``git archive``), so before and after share the machine's load.
"""

from __future__ import annotations

import hashlib
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook

from bench.generate import _rows

ROOT = Path(__file__).resolve().parent.parent
BEFORE = "615303e"  # main before issue 13: Fraction arithmetic, each rate recomputed per use
BIG_COPIES = 448  # × 45 sub-projects = 20,160
TINY_COPIES = 1

BARE = """
import sys, python_calamine
book = python_calamine.CalamineWorkbook.from_path(sys.argv[1])
for name in book.sheet_names:
    book.get_sheet_by_name(name).to_python()
"""


def _renumbered(rows: list[list[object]], copy: int) -> list[list[object]]:
    """One district's rows with 사업번호 and 세부사업 made unique for ``copy``."""
    from lib.workbook import RESULT_COLUMNS

    code_at = RESULT_COLUMNS.index("사업번호")
    name_at = RESULT_COLUMNS.index("세부사업")
    out = []
    for row in rows:
        row = list(row)
        if row[code_at] is not None:
            row[code_at] = f"{row[code_at]}-{copy + 1}"
            row[name_at] = f"{row[name_at]} ({copy + 1})"
        out.append(row)
    return out


def write_workbook(path: Path, copies: int, seed: int = 11) -> None:
    from lib.workbook import RESULT_COLUMNS

    rng = random.Random(seed)
    wb = Workbook(write_only=True)
    meta = wb.create_sheet("개요")
    for key, value in (("시군구", "전국 합본"), ("연도", 2024), ("예산단위", "천원")):
        meta.append([key, value])
    sheet = wb.create_sheet("시행결과")
    sheet.append(list(RESULT_COLUMNS))
    for copy in range(copies):
        for row in _renumbered(_rows(rng), copy):
            sheet.append(row)
    comments = wb.create_sheet("모니터링의견")
    comments.append(["구분", "대상", "위원", "평가", "의견"])
    comments.append(["시행결과", "전체", "모니터링 T/F", "적절", "전반적으로 적절하게 운영됨"])
    wb.save(path)


def ensure_workbooks(out: Path) -> tuple[Path, Path]:
    """The big and the tiny workbook in ``out``, rewritten when this generator changed."""
    out.mkdir(parents=True, exist_ok=True)
    stamp = hashlib.sha256(
        Path(__file__).read_bytes() + (ROOT / "bench" / "generate.py").read_bytes()
    ).hexdigest()[:12]
    big, tiny = out / f"summary_big_{stamp}.xlsx", out / f"summary_tiny_{stamp}.xlsx"
    for path, copies in ((big, BIG_COPIES), (tiny, TINY_COPIES)):
        if not path.exists():
            for old in out.glob(f"{path.name.rsplit('_', 1)[0]}_*.xlsx"):
                old.unlink()
            write_workbook(path, copies)
    return big, tiny


# In one process at a given tree: CPU seconds of reading in-process, of the summary and its
# JSON on what was read, and (when the tree has it) of what the CLI runs: the read, the
# summary and its text in the bounded child, only the text sent back.
PARTS = """
import json, resource, sys
def cpu():
    s = resource.getrusage(resource.RUSAGE_SELF)
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return s.ru_utime + s.ru_stime + c.ru_utime + c.ru_stime
import inspect, pathlib
from lib import cli
from lib.workbook import read_workbook
out = {}
data = pathlib.Path(sys.argv[1]).read_bytes()
# as the CLI's bounded child reads (a reader before that had no screen= read the one way)
unscreened = {"screen": False} if "screen" in inspect.signature(read_workbook).parameters else {}
start = cpu(); results = read_workbook(data, "big.xlsx", **unscreened); out["read"] = cpu() - start
start = cpu()
if hasattr(cli, "summary_json"):
    cli.summary_json(results)
else:
    json.dumps(cli.summary(results), ensure_ascii=False, indent=2)
out["summary"] = cpu() - start
try:
    from lib.workbook.bounded import read_path_bounded_then
except ImportError:
    pass
else:
    start = cpu(); read_path_bounded_then(sys.argv[1], cli.summary_json)
    out["bounded_summary"] = cpu() - start
print(json.dumps(out))
"""


def parts_at(cwd: Path, workbook: Path, repeats: int) -> dict[str, float]:
    """The best of ``repeats`` runs of ``PARTS`` at ``cwd``, part by part."""
    best: dict[str, float] = {}
    for _ in range(repeats):
        printed = subprocess.run(
            [sys.executable, "-c", PARTS, str(workbook.resolve())],
            cwd=cwd,
            capture_output=True,
            check=True,
        ).stdout
        for key, value in json.loads(printed).items():
            best[key] = min(best.get(key, float("inf")), value)
    return best


def tree_at(commit: str, into: Path) -> Path:
    """A copy of the code at ``commit`` (no git history), for timing it beside this one."""
    into.mkdir(parents=True, exist_ok=True)
    archive = subprocess.run(
        ["git", "archive", commit, "lib"], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    return into


def _cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def _process_seconds(argv: list[str], cwd: Path) -> tuple[float, float]:
    """Wall time and CPU time (user + system, its own children included) of one fresh
    process, output discarded. On a machine shared with other work the CPU time is the
    steadier measure: waiting for a core does not count."""
    cpu = _cpu_of_children()
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, stdout=subprocess.DEVNULL, check=True)
    return time.perf_counter() - start, _cpu_of_children() - cpu


@dataclass(frozen=True)
class SummaryResult:
    sub_projects: int
    megabytes: float
    before: str  # the commit of the "before" column
    wall: dict[str, float]  # the same six, wall time
    ours_big: float  # CPU seconds (user + system), best of the repeats, whole process
    ours_tiny: float
    before_big: float
    before_tiny: float
    bare_big: float
    bare_tiny: float
    same_json: bool  # before and after print the same JSON object for the big workbook
    parts: dict[str, float]  # CPU seconds in one process now: read, summary, bounded_summary
    parts_before: dict[str, float]  # the same at ``before`` (no bounded read there)

    @property
    def ours_marginal(self) -> float:
        return self.ours_big - self.ours_tiny

    @property
    def before_marginal(self) -> float:
        return self.before_big - self.before_tiny

    @property
    def bare_marginal(self) -> float:
        return self.bare_big - self.bare_tiny

    @property
    def ratio(self) -> float:
        return self.ours_marginal / self.bare_marginal

    @property
    def ratio_before(self) -> float:
        return self.before_marginal / self.bare_marginal


def measure(out: Path, repeats: int = 3, before_repeats: int = 3) -> SummaryResult:
    """Best of ``repeats`` turns of the bare read and of the summary now, each on both
    workbooks; the summary before (six seconds a process, context only) in the first
    ``before_repeats`` of them. Interference on this virtual machine only ever adds CPU
    time, and it adds it unevenly (python-calamine's Rust and our Python are not slowed
    alike), so the best of more turns is the nearer to each process's own cost, and their
    ratio the steadier."""
    big, tiny = ensure_workbooks(out)
    ours = [sys.executable, "-m", "lib.cli", "summary"]
    bare = [sys.executable, "-c", BARE]
    with tempfile.TemporaryDirectory(prefix="bench-before-") as tmp:
        before_root = tree_at(BEFORE, Path(tmp))
        runs = {
            "ours_big": ([*ours, str(big), "--json"], ROOT),
            "before_big": ([*ours, str(big), "--json"], before_root),
            "bare_big": ([*bare, str(big)], ROOT),
            "ours_tiny": ([*ours, str(tiny), "--json"], ROOT),
            "before_tiny": ([*ours, str(tiny), "--json"], before_root),
            "bare_tiny": ([*bare, str(tiny)], ROOT),
        }
        # Taken in turns so a burst of load on the shared machine hits each alike.
        times: dict[str, float] = {}
        wall: dict[str, float] = {}
        for turn in range(repeats):
            for key, (argv, cwd) in runs.items():
                if key.startswith("before_") and turn >= before_repeats:
                    continue
                seconds, cpu = _process_seconds(argv, cwd)
                wall[key] = min(wall.get(key, float("inf")), seconds)
                times[key] = min(times.get(key, float("inf")), cpu)
        parts = parts_at(ROOT, big, repeats)
        parts_before = parts_at(before_root, big, before_repeats)
        printed = {
            key: subprocess.run(
                runs[key][0], cwd=runs[key][1], capture_output=True, check=True
            ).stdout
            for key in ("ours_big", "before_big")
        }
    data = json.loads(printed["ours_big"])
    return SummaryResult(
        sub_projects=len(data["sub_projects"]),
        megabytes=big.stat().st_size / 1e6,
        before=BEFORE,
        same_json=json.loads(printed["ours_big"]) == json.loads(printed["before_big"]),
        wall=wall,
        parts=parts,
        parts_before=parts_before,
        **times,
    )


if __name__ == "__main__":
    result = measure(ROOT / "bench" / "out", repeats=int(sys.argv[1]) if len(sys.argv) > 1 else 3)
    print(result, f"ratio {result.ratio:.2f}, before {result.ratio_before:.2f}")
