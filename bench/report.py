"""bench/RESULTS.md from one run's measurements (and, when given, an earlier baseline)."""

from __future__ import annotations

import os
import platform
import subprocess
from importlib import metadata
from pathlib import Path
from typing import Any

from bench.pages import PAGES

ROOT = Path(__file__).resolve().parent.parent

LOAD_TARGET = 2.0  # load+validate ≤ 2× the bare calamine read
SUMMARY_TARGET = 2.0  # CLI summary's marginal cost ≤ 2× a bare read's (issue 13)
PAGE_TARGET = 3.0  # page rerun with every workbook loaded ≤ 3× with the sample alone
MEMORY_TARGET_MB = 500.0

PACKAGES = (
    "streamlit",
    "pydantic",
    "pydantic-core",
    "python-calamine",
    "isal",
    "pandas",
    "openpyxl",
)

VIEWS = (
    ("all_sample_shown", "all kept, sample shown"),
    ("all_district_shown", "all kept, 시군구 001 · 2024 shown"),
)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _git(*args: str) -> str:
    try:
        done = subprocess.run(
            ["git", *args], capture_output=True, text=True, check=False, cwd=ROOT, timeout=10
        )
    except (OSError, subprocess.SubprocessError):
        return ""
    return done.stdout.strip()


def machine() -> dict[str, Any]:
    versions = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "-"
    commit = _git("rev-parse", "--short", "HEAD")
    dirty = bool(_git("status", "--porcelain", "--untracked-files=no"))
    return {
        "nproc": len(os.sched_getaffinity(0)),
        "cpu": _cpu_model(),
        "python": platform.python_version(),
        "system": f"{platform.system()} {platform.release()}",
        "packages": versions,
        "commit": commit + (" (with uncommitted changes)" if dirty else ""),
    }


# ── numbers ──────────────────────────────────────────────────────────────────────────


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:,.0f} ms"


def _s(seconds: float) -> str:
    return f"{seconds:,.2f} s"


def _x(ratio: float) -> str:
    return f"{ratio:.2f}×"


def _mb(value: float) -> str:
    return f"{value:,.0f} MB"


def _met(ok: bool) -> str:
    return "**met**" if ok else "**not met**"


def page_ratios(m: dict[str, Any], view: str) -> dict[str, float]:
    alone = m["pages"]["sample_alone"]["pages"]
    loaded = m["pages"][view]["pages"]
    return {p: loaded[p]["median"] / alone[p]["median"] for p in PAGES if p in loaded}


def _worst(ratios: dict[str, float]) -> tuple[str, float]:
    page = max(ratios, key=lambda p: ratios[p])
    return page, ratios[page]


def verdicts(m: dict[str, Any]) -> list[str]:
    """One line per target, for the terminal."""
    lines = [
        f"load+validate {_x(m['load']['ratio_bare'])} the bare read "
        f"(target ≤ {_x(LOAD_TARGET)}): {'met' if m['load']['ratio_bare'] <= LOAD_TARGET else 'NOT met'}"
    ]
    for view, label in VIEWS:
        page, ratio = _worst(page_ratios(m, view))
        lines.append(
            f"page rerun, {label}: worst {page} {_x(ratio)} (target ≤ {_x(PAGE_TARGET)}): "
            f"{'met' if ratio <= PAGE_TARGET else 'NOT met'}"
        )
    if "summary" in m:
        ratio = m["summary"]["ratio"]
        lines.append(
            f"CLI summary marginal {_x(ratio)} a bare read's (target ≤ {_x(SUMMARY_TARGET)}, "
            f"before {_x(m['summary']['ratio_before'])}): "
            f"{'met' if ratio <= SUMMARY_TARGET else 'NOT met'}"
        )
    rss = m["memory"]["app_all"]["max_rss_mb"]
    lines.append(
        f"peak memory {_mb(rss)} (target ≤ {_mb(MEMORY_TARGET_MB)}): "
        f"{'met' if rss <= MEMORY_TARGET_MB else 'NOT met'}"
    )
    return lines


# ── sections ─────────────────────────────────────────────────────────────────────────


def _header(m: dict[str, Any]) -> list[str]:
    mc = m["machine"]
    packages = ", ".join(f"{k} {v}" for k, v in mc["packages"].items())
    ld = m["load"]
    return [
        "# Benchmark: national scale (229 시군구)",
        "",
        f"Written by `make bench` (`python -m bench`) on {m['when']}, in {m['seconds']:.0f} s. "
        'Every measurement comes from that one run, except the "before" column of the last table.',
        "",
        f"- Machine: {mc['nproc']} cores (`nproc`), {mc['cpu']}, {mc['system']}; 1-minute "
        f"load average {m['load_average'][0]:.1f} at the start and {m['load_average'][1]:.1f} "
        "at the end (other work on the machine slows every timing alike; the load timings "
        "take turns and keep the best of each)",
        f"- Python {mc['python']}; {packages}",
        f"- Code: commit {mc['commit'] or '-'}",
        f"- Set: {ld['files']} workbooks (one per 시군구, {m['set']['year']}, seed "
        f"{m['set']['seed']}; {ld['megabytes']:.1f} MB) holding {ld['sub_projects']:,} "
        f"sub-projects and {ld['rows']:,} indicator rows, "
        f"{'reused from' if m['set']['reused'] else 'generated into'} `bench/out/` "
        "by `bench/generate.py`.",
        "",
    ]


def _targets(m: dict[str, Any]) -> list[str]:
    ld = m["load"]
    rss = m["memory"]["app_all"]["max_rss_mb"]
    rows = [
        "## Targets",
        "",
        "| Target (issue 6) | Measured | |",
        "|---|---|---|",
        f"| load+validate ≤ {_x(LOAD_TARGET)} a bare python-calamine read | "
        f"{_x(ld['ratio_bare'])} ({_s(ld['ours'])} vs {_s(ld['bare'])}) | "
        f"{_met(ld['ratio_bare'] <= LOAD_TARGET)} |",
    ]
    if "summary" in m:
        sm = m["summary"]
        rows.append(
            f"| CLI `summary --json` on {sm['sub_projects']:,} sub-projects: marginal cost over "
            f"a tiny workbook ≤ {_x(SUMMARY_TARGET)} a bare read's (issue 13) | "
            f"{_x(sm['ratio'])} ({_s(sm['ours_big'] - sm['ours_tiny'])} vs "
            f"{_s(sm['bare_big'] - sm['bare_tiny'])}); before {_x(sm['ratio_before'])} | "
            f"{_met(sm['ratio'] <= SUMMARY_TARGET)} |"
        )
    for view, label in VIEWS:
        page, ratio = _worst(page_ratios(m, view))
        rows.append(
            f"| page rerun with all {ld['files']} loaded ≤ {_x(PAGE_TARGET)} the sample alone "
            f"({label}) | worst page: {page} {_x(ratio)} | {_met(ratio <= PAGE_TARGET)} |"
        )
    rows += [
        f"| peak memory ≤ {_mb(MEMORY_TARGET_MB)} (app with all loaded, every page) | "
        f"{_mb(rss)} | {_met(rss <= MEMORY_TARGET_MB)} |",
        "",
    ]
    return rows


def _summary(m: dict[str, Any]) -> list[str]:
    if "summary" not in m:
        return []
    sm = m["summary"]
    rows = [
        "## 0. CLI summary at national scale (issue 13)",
        "",
        f"`python -m lib.cli summary FILE --json` as a whole process (interpreter, imports, read, "
        f"validate, rates, flags, JSON) on one workbook of {sm['sub_projects']:,} sub-projects "
        f"({sm['megabytes']:.1f} MB, `bench/summary.py`), and on a tiny one (45 sub-projects) "
        "from the same generator for the fixed cost of a process. The bare read is a process "
        'that imports python_calamine and reads every sheet\'s cells. "before" is the same '
        f"command at commit {sm['before']} (rates in `Fraction`, recomputed by every caller), "
        "run from a copy of that tree in the same turns; best of "
        f"{m.get('summary_repeats', 3)} turns each (before: of the first "
        f"{min(3, m.get('summary_repeats', 3))}). Times are CPU seconds (user + system, the "
        "process's own children included), steadier than wall time on this shared machine; "
        "wall times follow.",
        "",
        "| Process | 20k workbook | tiny workbook | marginal | ÷ bare marginal |",
        "|---|---|---|---|---|",
    ]
    for label, key in (
        ("bare python-calamine read", "bare"),
        ("**summary now**", "ours"),
        ("summary before", "before"),
    ):
        big, tiny = sm[f"{key}_big"], sm[f"{key}_tiny"]
        bare = sm["bare_big"] - sm["bare_tiny"]
        rows.append(
            f"| {label} | {_s(big)} | {_s(tiny)} | {_s(big - tiny)} | {_x((big - tiny) / bare)} |"
        )
    wall = sm["wall"]
    rows += [
        "",
        "Wall time, same runs: "
        + "; ".join(
            f"{label} {_s(wall[f'{key}_big'])} (tiny {_s(wall[f'{key}_tiny'])})"
            for label, key in (("bare", "bare"), ("now", "ours"), ("before", "before"))
        )
        + ".",
    ]
    parts, before = sm["parts"], sm["parts_before"]
    bare = sm["bare_big"] - sm["bare_tiny"]
    rows += [
        "",
        "Where the 20k workbook's time goes, in one process (CPU seconds, best of the turns):",
        "",
        "| Part | now | before | now ÷ bare marginal |",
        "|---|---|---|---|",
        "| read+validate in-process, as the CLI's bounded child reads "
        f"(`read_workbook(…, screen=False)`) | {_s(parts['read'])} | "
        f"{_s(before['read'])} | {_x(parts['read'] / bare)} |",
    ]
    rows += [
        f"| rates, flags, summaries and the JSON text (`cli.summary_json`) | {_s(parts['summary'])} | "
        f"{_s(before['summary'])} | {_x(parts['summary'] / bare)} |",
    ]
    if "bounded_summary" in parts:
        rows.append(
            "| read, summary and its text in the bounded child process, only the text sent "
            f"back (what the CLI runs) | {_s(parts['bounded_summary'])} | – | "
            f"{_x(parts['bounded_summary'] / bare)} |"
        )
    same = "the same" if sm["same_json"] else "**different**"
    rows += ["", f"Before and now print {same} JSON object for the 20k workbook.", ""]
    return rows


def _load(m: dict[str, Any]) -> list[str]:
    ld, ph, cat = m["load"], m["load"]["phases"], m["catalog"]
    return [
        "## 1. Load + validate",
        "",
        f"All {ld['files']} files from bytes in memory, taken in turns, best of "
        f"{m['repeats']} passes each (ours: of {2 * m['repeats']}, plain and instrumented); "
        "ours is `Catalog.of(read_workbook(…, screen=False) for each file)`, cold (no cache), "
        "as the app's catalog reads its kept workbooks: the garbage collector paused for the "
        "set, and without the look through each sheet's XML for far cells that an in-process "
        "read of untrusted bytes takes first (kept bytes were read in a bounded child before "
        "they were kept; an upload's first read there leaves it out too, and screens only a "
        "sheet python-calamine reads beyond the limits). Every rule and limit applies.",
        "",
        "| Reader | Time | Ours ÷ it |",
        "|---|---|---|",
        f"| python-calamine, every sheet's cells (`to_python`), nothing else | {_s(ld['bare'])} "
        f"| {_x(ld['ratio_bare'])} |",
        f"| **ours**: `lib.workbook.read_workbook` (cells, typing, rules) + "
        f"Catalog | **{_s(ld['ours'])}** | 1.00× |",
        *(
            [
                f"| ours screened first, as an in-process read of untrusted bytes "
                f"(`screen=True`) | {_s(ld['screened'])} | {_x(ld['ours'] / ld['screened'])} "
                f"({_x(ld['screened'] / ld['bare'])} the bare read) |"
            ]
            if "screened" in ld
            else []
        ),
        f'| `pandas.read_excel(sheet_name=None, engine="openpyxl")` (no validation) | '
        f"{_s(ld['pandas'])} | {_x(ld['ratio_pandas'])} |",
        "",
        "Where the reader's time goes (one instrumented pass):",
        "",
        "| Part | Time | Share | ÷ bare read |",
        "|---|---|---|---|",
        *(
            f"| {label} | {_s(ph[key])} | {ph[key] / ph['total']:.0%} | {_x(ph[key] / ld['bare'])} |"
            for key, label in (
                ("cells", "cells: zip checks, python-calamine, the formula scan"),
                ("screening", "… of which each sheet's XML inflated (and a used range stated)"),
                ("formula_scan", "… of which the formula scan"),
                ("validation", "typing the cells: 시행결과 a column at a time by the cell parsers"),
                ("build", "sub-projects: the rules of the usual sheet, `SubProject`/`Indicator`"),
                ("rules", "the rest: header, meta, comments, catalog"),
            )
            if key in ph
        ),
        f"| total | {_s(ph['total'])} | 100% | {_x(ph['total'] / ld['bare'])} |",
        "",
        f"Through the app (`lib.ui.data.catalog()` in an AppTest script, {cat['entries']} "
        "entries: the sample and every kept workbook):",
        "",
        "| Catalog build | Time |",
        "|---|---|",
        f"| cold: caches cleared, every workbook read from SQLite and parsed | {_s(cat['cold'])} |",
        f"| warm: next rerun, every workbook from the content-hash cache | {_ms(cat['warm'])} |",
        f"| warm, after the 10 s list of kept workbooks expired (one SQL query) | "
        f"{_ms(cat['relisted'])} |",
        "",
        f"Keeping the {ld['files']} workbooks in the store (`store.save_workbook`, one "
        f"transaction each) took {_s(m['store_fill_seconds'])}.",
        "",
    ]


def _pages(m: dict[str, Any]) -> list[str]:
    alone = m["pages"]["sample_alone"]
    views = [(m["pages"][v], page_ratios(m, v)) for v, _ in VIEWS]
    head = (
        "| Page | sample alone | "
        + " | ".join(f"{label} | ratio" for _, label in VIEWS)
        + " |\n|---|---|"
        + "---|---|" * len(VIEWS)
    )
    rows = []
    for page in PAGES:
        cells = [page, _ms(alone["pages"][page]["median"])]
        for result, ratios in views:
            cells += [_ms(result["pages"][page]["median"]), _x(ratios[page])]
        rows.append("| " + " | ".join(cells) + " |")
    errors = [
        f"- {result['label']}, {page}: {e}"
        for result in (alone, *(r for r, _ in views))
        for page, timing in result["pages"].items()
        for e in timing["errors"]
    ]
    first = ", ".join(f"{r['label']} {_s(r['first_run'])}" for r in (alone, *(r for r, _ in views)))
    return [
        "## 2. Page reruns (AppTest)",
        "",
        f'`AppTest.from_file("app.py")` with `at.secrets["connections"]` pointing at a '
        f"temporary SQLite store: empty (the sample alone) or holding all {m['load']['files']} "
        f"workbooks (the 시군구 selector then offers {views[0][0]['districts']} 시군구). Each page: "
        f"`switch_page`, one warm-up run, then the median of {m['reruns']} timed reruns. "
        "The first view shows the same workbook as the sample-alone run (the cost of having "
        "everything loaded); the second shows a generated 시군구 among 229 of its year "
        f"(shown: {views[1][0]['shown']}).",
        "",
        head,
        *rows,
        "",
        f"First run of app.py with empty caches: {first}.",
        "",
        *(["Exceptions raised:", "", *errors, ""] if errors else []),
    ]


def _memory(m: dict[str, Any]) -> list[str]:
    mem = m["memory"]
    app_all, app_sample, reader = mem["app_all"], mem["app_sample"], mem["reader"]
    return [
        "## 3. Peak memory",
        "",
        "Each in a fresh child process (`python -m bench.memory`), started while this run's "
        f"own process held {_mb(mem['parent_rss_mb'])} (on Linux a child's ru_maxrss starts "
        "from its parent's resident set at the fork; VmHWM from /proc/self/status is the "
        "child's own peak).",
        "",
        "| Process | ru_maxrss | VmHWM |",
        "|---|---|---|",
        f"| app.py + every page once, all {app_all['entries']} workbooks loaded | "
        f"**{_mb(app_all['max_rss_mb'])}** | {_mb(app_all['hwm_mb'])} |",
        f"| app.py + every page once, the sample alone | {_mb(app_sample['max_rss_mb'])} | "
        f"{_mb(app_sample['hwm_mb'])} |",
        f"| reading all {reader['entries']} workbooks into a Catalog (no streamlit) | "
        f"{_mb(reader['max_rss_mb'])} | {_mb(reader['hwm_mb'])} |",
        "",
        f"tracemalloc while reading all {reader['entries']} workbooks: peak "
        f"{_mb(reader['traced_peak_mb'])}, still held by the loaded results afterwards "
        f"{_mb(reader['retained_mb'])}.",
        "",
    ]


def _bounds(m: dict[str, Any]) -> list[str]:
    ld, ph = m["load"], m["load"]["phases"]
    lines = ["## What bounds each target", ""]
    python = ph["total"] - ph["cells"]
    lines.append(
        f"- **Load+validate** ({_x(ld['ratio_bare'])}): reading the cells costs "
        f"{_x(ph['cells'] / ld['bare'])} the bare read: the same python-calamine parse, plus "
        "the zip checks and each sheet's XML inflated, its stated used range checked "
        f"({_x(ph['screening'] / ld['bare'])}) and scanned for formulas without a cached value "
        f"({_x(ph['formula_scan'] / ld['bare'])}). Typing "
        f"the cells adds {_x(ph['validation'] / ld['bare'])}, building the sub-projects "
        f"{_x(ph['build'] / ld['bare'])}, and the header, meta, comments and catalog "
        f"{_x(ph['rules'] / ld['bare'])}. After the cells that is "
        f"{python / ld['rows'] * 1e6:.0f} µs a row of Python against calamine's Rust parse "
        f"({ld['bare'] / ld['rows'] * 1e6:.0f} µs a row); the 2× target leaves "
        f"{(2 * ld['bare'] - ph['cells']) / ld['rows'] * 1e6:.0f} µs a row after the cells."
    )
    explained: set[str] = set()
    for view, label in VIEWS:
        ratios = page_ratios(m, view)
        over = {p: r for p, r in ratios.items() if r > PAGE_TARGET}
        alone = m["pages"]["sample_alone"]["pages"]
        loaded = m["pages"][view]["pages"]
        if over:
            detail = ", ".join(
                f"{p} {_x(r)} (+{_ms(loaded[p]['median'] - alone[p]['median'])})"
                for p, r in over.items()
            )
            lines.append(f"- **Page reruns, {label}**: over the target: {detail}.")
            for p in over:
                if p in PAGE_CAUSES and p not in explained:
                    lines.append(f"  - {p}: {PAGE_CAUSES[p]}")
                    explained.add(p)
        else:
            extra = statistics_extra(alone, loaded)
            lines.append(
                f"- **Page reruns, {label}**: every page within {_x(PAGE_TARGET)}; having all "
                f"loaded adds {extra} per rerun (median over pages)."
            )
    mem = m["memory"]
    lines.append(
        f"- **Memory**: {_mb(mem['app_all']['max_rss_mb'])} with all loaded against "
        f"{_mb(mem['app_sample']['max_rss_mb'])} for the same app with the sample alone; the "
        f"loaded results themselves hold {_mb(mem['reader']['retained_mb'])} (tracemalloc)."
    )
    lines.append("")
    return lines


def statistics_extra(alone: dict[str, Any], loaded: dict[str, Any]) -> str:
    diffs = sorted(loaded[p]["median"] - alone[p]["median"] for p in PAGES)
    return _ms(diffs[len(diffs) // 2])


def _compare(m: dict[str, Any], base: dict[str, Any]) -> list[str]:
    def row(label: str, before: float, after: float, fmt: Any) -> str:
        return f"| {label} | {fmt(before)} | {fmt(after)} | {after / before:.2f} |"

    bl, ml = base["load"], m["load"]
    lines = [
        "## Before / after the optimisations",
        "",
        f"Before: the same benchmark on {base['when']}"
        + (f" ({base['label']})" if base.get("label") else f" (commit {base['machine']['commit']})")
        + ", kept in `bench/baseline.json`; after: this run. Both on this machine; the "
        "pages are whatever app_pages/ held at each run.",
        "",
        "| Measure | Before | After | After ÷ before |",
        "|---|---|---|---|",
        row(f"load+validate, {ml['files']} files", bl["ours"], ml["ours"], _s),
        row("… ÷ bare calamine read", bl["ratio_bare"], ml["ratio_bare"], _x),
        row("… cells", bl["phases"]["cells"], ml["phases"]["cells"], _s),
        row("… row validation", bl["phases"]["validation"], ml["phases"]["validation"], _s),
        row("… the rest", bl["phases"]["assembly"], ml["phases"]["assembly"], _s),
        row("app catalog, cold", base["catalog"]["cold"], m["catalog"]["cold"], _s),
        row("app catalog, warm rerun", base["catalog"]["warm"], m["catalog"]["warm"], _ms),
        row(
            "peak memory (ru_maxrss), all loaded",
            base["memory"]["app_all"]["max_rss_mb"],
            m["memory"]["app_all"]["max_rss_mb"],
            _mb,
        ),
        "",
        "Page reruns (median; ratio to the sample alone in the same run):",
        "",
        "| Page | "
        + " | ".join(f"{label}: before | after" for _, label in VIEWS)
        + " |\n|---|"
        + "---|---|" * len(VIEWS),
    ]
    for page in PAGES:
        cells = [page]
        for view, _ in VIEWS:
            before, after = page_ratios(base, view), page_ratios(m, view)
            for run, ratios in ((base, before), (m, after)):
                timing = run["pages"][view]["pages"].get(page)
                cells.append(f"{_ms(timing['median'])} ({_x(ratios[page])})" if timing else "-")
        lines.append("| " + " | ".join(cells) + " |")
    return [*lines, ""]


CHANGES = """## What was optimised

App level (`lib/ui/data.py`):
- The catalog is cached as a whole (`st.cache_resource`), keyed by a fingerprint of what it
  holds (content hash and name of each workbook, in order), and the kept workbooks as one
  tuple keyed by the list of kept versions (id and hash of each). A rerun makes two cache
  lookups instead of one per kept workbook (each lookup hashes its arguments and inspects
  the function's signature, about 0.1 ms) and no longer rebuilds `Catalog.of` over 230
  entries. Confirming a new workbook changes the list, so only that one is read (each
  workbook stays cached by its hash too).
- The list of kept workbooks is still read from the database at most every 10 s (one
  query), as before.

Reader (`lib/workbook/`), every problem still reported with its sheet, row and column
(the row-by-row path words them, unchanged):
- Sheet 시행결과 is typed a column at a time by the row model's own cell parsers
  (`rows.typed_result_columns`): a column of printable text is only trimmed; numbers and
  words go through a memo of each distinct text or float, kept across workbooks (100, 120,
  전체 recur in all 229), looked up only for columns of text and floats (`True == 1.0`).
  Any refused cell sends the sheet to the row-by-row pydantic path.
- A sheet in the usual shape (each 사업번호 opens a sub-project, its columns filled on its
  first row or repeated) is assembled a sub-project at a time with the rules checked on
  whole columns (`results._regular_sub_projects`); anything else goes through the
  row-by-row rules. A property test reads random and hostile sheets the three ways and
  asserts the same sub-projects (field types and forms included) or the same problems.
- `SubProject`/`Indicator` are built from the values already validated, without pydantic
  validating them again (`results._built`: what `model_construct` makes, without its walk
  over the fields), all instances of a model sharing one frozen fields-set.
- Each sheet part is inflated once, straight from the bytes (up to 64 MB), for the
  screening and the formula scan; the stated used range is looked for before the cells
  only (a sheet without one was scanned whole by a pattern with no literal start); one
  substring scan for formulas instead of two; small parts (workbook.xml, rels, content
  types) skip `zipfile`'s reader.
- Header names are matched through a cache (every workbook of a set has the same ones), and
  the header itself is read once for the same first rows and merged ranges, its problems
  given to each workbook that has it (`header._read_header`).
- Kept workbooks and an upload's first read (in the bounded child) skip the look through
  each sheet's XML for far cells: python-calamine's grid is checked against the limits before
  a cell of it becomes a Python object, and only a sheet beyond them is screened, to name the
  cell; a child that dies instead is followed by one that screens first (`read_workbook(…,
  screen=False)`, `bounded.read_bounded_then`). In-process reads of untrusted bytes still
  screen first. The formula scan looks for `f>` through the regular expression engine
  (memchr on a rare byte: 13 ms against 42 ms on the 32 MB sheet).
- `Indicator`/`SubProject` are built from dict displays (`dict(zip(names, values))` cost a
  third of building them) and `object.__new__`.

Rates and the CLI (issue 13):
- Every sub-project's rates are computed once, in integers (`lib.metrics.rates`), and the
  rounding for output too (`format.rate_value`); enum values are not read through the
  enum's descriptor on the hot path; budget sums run in C.
- The CLI computes its summary text in the bounded child that reads the workbook and sends
  back only the text: the pickled `Results` of 20,160 sub-projects cost more to carry than
  to read. The child runs without the cyclic collector. `--json` prints one list item per
  line (as `cli.md` shows it) through json's C encoder made once.
- The view makes each system's summary from its strategies' (one pass over the sub-projects
  instead of two); exact means add their integer pairs two by two in rounds (the running
  least common denominator of 20,160 rates grows to hundreds of digits); flags compare a
  rate's pair with thresholds held as integer pairs; the CLI outputs a rate straight from its
  pair (`format.pair_rate_value`), making no `Fraction` for it.
- The CLI's sub-projects are gathered a field at a time and each JSON line is made by `map`
  over the columns in C: json's own string encoder for 사업번호 and 세부사업, the few
  enum and flag texts looked up, a rate as json writes a float; the same bytes as json's
  encoder (a test compares them on hostile names). The view keeps each sub-project's flags
  by object identity, so no `체계/사업번호` id is made to look them up; a group summary looks
  each sub-project's rates up once (whether it counts and its rate), and within one
  추진전략 counts its 중점사업 by name; two unweighted indicators are averaged without a call.
- The reader checks the continuation rows of the usual shape in C (picked once by index: a
  blank column in one count, a repeating one in one comparison with its sub-projects'
  values), knows a text column blank throughout from its joined text, checks printability on
  the joined text, and sets `BaseModel`'s four slots through their own descriptors.
- Each sheet's XML is inflated and CRC-checked by ISA-L (`isal`, zlib's formats) instead of
  zlib: 15 ms against 49 ms for the 32 MB sheet, and 2 ms against 16 ms for its CRC.

Earlier (issue 6): all data rows validated in one `TypeAdapter(list[ResultRow])` call, blank
cells left out of a row's dict, the workbook.xml/rels parse cached by their bytes, a
comment's 대상 resolver built lazily, and Python's cyclic garbage collector paused while a
workbook is read (`lib.workbook.collector_paused`) and once for the app's whole list.

Tried and dropped: `model_construct` for `Indicator`/`SubProject` (pydantic's Python-level
`model_construct` is about twice as slow as validating in pydantic-core); `PlainValidator`
instead of `BeforeValidator` (within the noise); parsing a number column's new floats at
once (`map(Decimal, map(repr, …))`) ahead of the memo: slower on the 229 small workbooks
(the per-column set-up outweighs 45 values); `SubProject.id`/`abolished` as cached properties
(a copy made with `model_copy(update=…)` kept the old id); typing a text column through its
distinct values (three times slower where every value differs, as 세부사업 names do);
handing python-calamine the package with its sheets already inflated (its own inflate of the
32 MB sheet takes about 20 ms, making the copy 40 ms); learning a large number column's new
floats at once, tried again on the 20k workbook (within the noise of the per-cell memo);
keeping each cell value's integer pair (`Decimal.as_integer_ratio`) in a memo, by value (30%
slower on the 20k workbook: hashing and comparing `Decimal` keys costs more than the ratio)
or by object identity (slower too); computing all rates in one inlined loop instead of a call
per indicator (about a tenth of the rates' time, too little for a second copy of their rules);
pausing the collector for the
summary as well (no difference: the bounded child runs without it).

What is left between these figures and 2× (the CLI): python-calamine's own parse is the bare
read. Reading adds about half of it: typing about 880,000 cells and building 60,000 frozen
pydantic objects at 1–3 µs each (in fresh processes, the sheets' cells with the zip checks
and the formula scan took 0.76 s, as long as the bare read; the whole read 1.11 s). The
summary adds about 0.4×: every rate in exact integers (120,000 `Decimal.as_integer_ratio`
calls alone take about a sixth of it), the flags, the strategy and system sums (whose exact
means grow to integers of hundreds of digits), 20,160 JSON lines. What remains is Python
work per cell and per object spread thin over many steps, none above a tenth of the total.
This machine's timings move by up to a half between runs of the same process, and not alike
for python-calamine's Rust and the Python that follows it. The CLI figure of this code is at
the line or above it, not under it: on 2026-11-30, 1.98× in one `make bench` and 2.07×,
2.11× and 2.13× in three runs of the same measurement (`bench.summary.measure`, best of five
turns); on 2026-12-01, 2.15× in one `make bench` (five turns), 2.11× and 2.30× as the best
of 15 and of 12 turns, and 1.69× to 1.93× as the best of six. Since then `make bench` takes
the best of 12 turns (the summary before: of three), the nearer to each process's own cost.
Load+validate moves the same way (1.75× on 2026-11-30, 1.83× and 2.02× on 2026-12-01, as the
best of five passes); it is now the best of 12 as well. Lighter domain objects alone would
not close it: a frozen slots dataclass costs as much to build as `_built` makes a pydantic
one (46 ms against 48 ms for 40,000 indicators); the largest steps left, the per-cell typing
(about 0.16 s) and the first computation of every rate (about 0.13 s), would have to move to
compiled code.
"""

# Causes found by profiling, shown when that page misses the target.
PAGE_CAUSES = {
    "data": (
        "`app_pages/data.py` `_kept_section` runs `store.workbook_versions` once per kept "
        "workbook (229 SQL queries) and draws an expander with a download button per "
        "version on every rerun. In a separate experiment on a copy of the app, listing the "
        "versions of one 시군구·연도 chosen in a selectbox (one query) took 23 ms a rerun "
        "instead of 180 ms (1.5× the sample alone)."
    ),
}


def render(m: dict[str, Any], baseline: dict[str, Any] | None) -> str:
    parts = [
        *_header(m),
        *_targets(m),
        *_summary(m),
        *_load(m),
        *_pages(m),
        *_memory(m),
        *_bounds(m),
        *(_compare(m, baseline) if baseline else []),
        CHANGES,
    ]
    return "\n".join(parts).rstrip() + "\n"
