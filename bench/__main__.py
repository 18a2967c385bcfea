"""``make bench``: generate the national-scale set, measure, write bench/RESULTS.md.

One run measures, on the same 229 workbooks: load+validate time against a bare
python-calamine read and pandas/openpyxl; the app's catalog through its content-hash cache;
each page's AppTest rerun time with every workbook kept in a temporary SQLite store versus
the sample alone; peak memory in fresh child processes.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import tempfile
import time
from pathlib import Path
from typing import Any

# Only what the memory children need is imported before they run (bench/memory.py):
# streamlit, pandas and the page modules come after.
from bench import keep, memory, summary
from bench.generate import DISTRICT_COUNT, district_name, ensure_set

HERE = Path(__file__).resolve().parent
YEAR = 2024


def _quiet() -> None:
    """Streamlit outside ``streamlit run`` warns about a missing ScriptRunContext; mute it
    (bench.pages.clear_caches mutes it again after each AppTest resets the level)."""
    from streamlit import logger

    logger.set_log_level(logging.ERROR)


def run(
    out: Path, count: int, seed: int, reruns: int, repeats: int, summary_repeats: int = 12
) -> dict[str, Any]:
    began = time.perf_counter()
    load_before = os.getloadavg()[0]
    paths, reused = ensure_set(out, count=count, year=YEAR, seed=seed)
    print(f"bench: {len(paths)} workbooks in {out} ({'reused' if reused else 'generated'})")
    with tempfile.TemporaryDirectory(prefix="bench-store-") as tmp:
        url_all = f"sqlite:///{Path(tmp) / 'all.db'}"
        url_empty = f"sqlite:///{Path(tmp) / 'empty.db'}"
        print("bench: keeping every workbook in a temporary SQLite store …")
        fill_seconds = keep.fill_store(url_all, paths, YEAR)

        print("bench: peak memory (child processes) …")
        peak = memory.measure(url_all, url_empty, out)

        print("bench: CLI summary on 20,160 sub-projects, now and before, and a bare read …")
        summarised = summary.measure(out, repeats=summary_repeats)

        from bench import load, pages, report

        _quiet()

        files = [p.read_bytes() for p in paths]
        names = [p.name for p in paths]
        print("bench: load+validate …")
        loaded = load.measure(files, names, repeats=repeats)

        print("bench: the app's catalog, cold and warm …")
        catalog = pages.catalog_timing(url_all)

        print("bench: page reruns …")
        sample_alone = pages.page_times("sample alone", url_empty, reruns)
        all_sample_shown = pages.page_times("all kept, sample shown", url_all, reruns)
        district = {"district": district_name(0), "year": str(YEAR)}
        all_district_shown = pages.page_times("all kept, one shown", url_all, reruns, district)

    return {
        "when": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "machine": report.machine(),
        "set": {"count": count, "year": YEAR, "seed": seed, "reused": reused},
        "load": {
            **dataclasses.asdict(loaded),
            "ratio_bare": loaded.ratio_bare,
            "ratio_pandas": loaded.ratio_pandas,
        },
        "summary": {
            **dataclasses.asdict(summarised),
            "ratio": summarised.ratio,
            "ratio_before": summarised.ratio_before,
        },
        "store_fill_seconds": fill_seconds,
        "catalog": dataclasses.asdict(catalog),
        "pages": {
            "sample_alone": dataclasses.asdict(sample_alone),
            "all_sample_shown": dataclasses.asdict(all_sample_shown),
            "all_district_shown": dataclasses.asdict(all_district_shown),
        },
        "memory": dataclasses.asdict(peak),
        "reruns": reruns,
        "summary_repeats": summary_repeats,
        "repeats": repeats,
        "seconds": time.perf_counter() - began,
        "load_average": [load_before, os.getloadavg()[0]],
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--out", type=Path, default=HERE / "out", help="where the set is kept")
    parser.add_argument("--count", type=int, default=DISTRICT_COUNT)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--reruns", type=int, default=7, help="timed reruns per page")
    parser.add_argument(
        "--repeats",
        type=int,
        default=12,
        help="turns of each load timing, best of each (why 12: the closing text of RESULTS.md)",
    )
    parser.add_argument(
        "--summary-repeats",
        type=int,
        default=12,
        help="turns of the CLI summary and bare-read processes, best of each (the summary "
        "before: three; why 12: the closing text of RESULTS.md)",
    )
    parser.add_argument(
        "--baseline",
        type=Path,
        default=HERE / "baseline.json",
        help="an earlier run to compare with (before the optimisations)",
    )
    parser.add_argument(
        "--save-baseline", action="store_true", help="store this run as the baseline"
    )
    parser.add_argument("--results", type=Path, default=HERE / "RESULTS.md")
    parser.add_argument(
        "--label", default="", help="what code this run measured (kept in the JSON)"
    )
    args = parser.parse_args()

    measured = run(args.out, args.count, args.seed, args.reruns, args.repeats, args.summary_repeats)
    measured["label"] = args.label
    from bench import report

    (args.out / "last.json").write_text(
        json.dumps(measured, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    if args.save_baseline:
        args.baseline.write_text(
            json.dumps(measured, ensure_ascii=False, indent=1) + "\n", encoding="utf-8"
        )
    baseline = None
    if args.baseline.exists() and not args.save_baseline:
        baseline = json.loads(args.baseline.read_text(encoding="utf-8"))
    args.results.write_text(report.render(measured, baseline), encoding="utf-8")
    print(f"bench: wrote {args.results} in {measured['seconds']:.0f} s")
    for line in report.verdicts(measured):
        print(f"  {line}")


if __name__ == "__main__":
    main()
