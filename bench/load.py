"""Load+validate time of a workbook set against a bare calamine read and pandas/openpyxl."""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager, nullcontext
from dataclasses import dataclass
from typing import Any

import pandas as pd
import python_calamine

from lib import workbook
from lib.views.collection import Catalog
from lib.workbook import read_workbook


def best_of(repeats: int, work: Callable[[], object]) -> float:
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        work()
        times.append(time.perf_counter() - start)
    return min(times)


def bare_calamine(files: Sequence[bytes]) -> None:
    """Every sheet's cells, nothing else: the floor any reader pays."""
    for data in files:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        for name in book.sheet_names:
            book.get_sheet_by_name(name).to_python()


def pandas_openpyxl(files: Sequence[bytes]) -> None:
    for data in files:
        pd.read_excel(io.BytesIO(data), sheet_name=None, engine="openpyxl")


def ours(files: Sequence[bytes], names: Sequence[str], screen: bool = False) -> Catalog:
    """Read and validate every file (no cache: each call reads from the bytes), as the app's
    catalog reads its kept workbooks: the garbage collector paused for the whole set, and
    without the XML screening that an in-process read of untrusted bytes needs (kept bytes
    were read in a bounded child before they were kept; ``screen=True``: as if untrusted)."""
    # getattr: bench/baseline.json was measured with a reader that had no such pause.
    with getattr(workbook, "collector_paused", nullcontext)():
        return Catalog.of(
            read_workbook(data, name, screen=screen)
            for data, name in zip(files, names, strict=True)
        )


@dataclass(frozen=True)
class LoadResult:
    files: int
    megabytes: float  # total size of the files
    rows: int  # data rows of sheet 시행결과 (one per indicator)
    sub_projects: int
    bare: float  # seconds, best of the repeats
    ours: float
    screened: float  # ours with the XML screening (``read_workbook``'s default)
    pandas: float
    phases: dict[str, float]  # the reader's time split (one instrumented pass)

    @property
    def ratio_bare(self) -> float:
        return self.ours / self.bare

    @property
    def ratio_pandas(self) -> float:
        return self.ours / self.pandas


# Where each timed function is called from: since lib.workbook became a package, each job
# lives in its module (an older reader had them all in lib.workbook itself).
_CALLERS = {
    "_load_sheets": ("lib.workbook",),
    "screen_sheet": ("lib.workbook.package",),
    "_read_part": ("lib.workbook.package",),
    "_mark_uncached_formulas": ("lib.workbook.package",),
    "typed_result_columns": ("lib.workbook.results",),
    "_regular_sub_projects": ("lib.workbook.results",),
    "_validate_rows": ("lib.workbook.results", "lib.workbook.comments"),
    "_validate_row": (
        "lib.workbook.results",
        "lib.workbook.comments",
        "lib.workbook.roster",
    ),
}


@contextmanager
def _timed(name: str, totals: dict[str, float]) -> Iterator[None]:
    """Add the time spent in ``<name>`` to ``totals[name]`` while inside (patched where it is
    called from; a reader without it is left alone)."""
    import importlib
    import sys

    modules = [
        sys.modules.get(m) or importlib.import_module(m) for m in _CALLERS.get(name, ())
    ] or [workbook]
    modules = [m for m in modules if hasattr(m, name)]
    if not modules:
        yield
        return
    original = getattr(modules[0], name)

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        start = time.perf_counter()
        try:
            return original(*args, **kwargs)
        finally:
            totals[name] = totals.get(name, 0.0) + time.perf_counter() - start

    for module in modules:
        setattr(module, name, wrapper)
    try:
        yield
    finally:
        for module in modules:
            setattr(module, name, original)


def phases(files: Sequence[bytes], names: Sequence[str]) -> dict[str, float]:
    """Where the reader's time goes: cells (zip checks, python-calamine, and within them the
    inflation and screening of each sheet's XML for cells beyond the limits, and the formula
    scan), typing the cells (sheet 시행결과 a column at a time; rows through the pydantic
    row models where a sheet needs it), building the sub-projects (the rules of the usual
    sheet and the frozen ``SubProject``/``Indicator`` objects), and the rest (header, meta,
    comments, the catalog)."""
    totals: dict[str, float] = {}
    with (
        _timed("_load_sheets", totals),
        _timed("_read_part", totals),
        _timed("_mark_uncached_formulas", totals),
        _timed("screen_sheet", totals),
        _timed("typed_result_columns", totals),
        _timed("_validate_rows", totals),
        _timed("_regular_sub_projects", totals),
    ):
        start = time.perf_counter()
        ours(files, names)
        total = time.perf_counter() - start
    cells = totals.get("_load_sheets", 0.0)
    validation = totals.get("typed_result_columns", 0.0) + totals.get("_validate_rows", 0.0)
    build = totals.get("_regular_sub_projects", 0.0)
    return {
        "cells": cells,
        "screening": totals.get("screen_sheet", 0.0) + totals.get("_read_part", 0.0),
        "formula_scan": totals.get("_mark_uncached_formulas", 0.0),
        "validation": validation,
        "build": build,
        "assembly": total - cells - validation,  # build + the rest (as the baseline counts it)
        "rules": total - cells - validation - build,
        "total": total,
    }


def measure(files: Sequence[bytes], names: Sequence[str], repeats: int = 5) -> LoadResult:
    """Bare read, ours and ours instrumented, taken in turns ``repeats`` times so that a busy
    moment of the machine weighs on all three alike; the best of each (ours: of its plain and
    instrumented passes; when the collector happens to walk the heap varies from pass to
    pass by about 20%). pandas once."""
    # A first pass warms imports and pydantic's schemas; its results are dropped so that no
    # timed pass has the collector walk them.
    warm = ours(files, names)
    rows = sum(len(sp.indicators) for r in warm.entries for sp in r.sub_projects)
    sub_projects = sum(len(r.sub_projects) for r in warm.entries)
    del warm
    bare, mine, split = float("inf"), float("inf"), {"total": float("inf")}
    screened = float("inf")
    for _ in range(repeats):
        bare = min(bare, best_of(1, lambda: bare_calamine(files)))
        mine = min(mine, best_of(1, lambda: ours(files, names)))
        screened = min(screened, best_of(1, lambda: ours(files, names, screen=True)))
        split = min(split, phases(files, names), key=lambda p: p["total"])
        mine = min(mine, split["total"])  # an instrumented pass is a full read too
    slow = best_of(1, lambda: pandas_openpyxl(files))
    return LoadResult(
        files=len(files),
        megabytes=sum(len(d) for d in files) / 1024 / 1024,
        rows=rows,
        sub_projects=sub_projects,
        bare=bare,
        ours=mine,
        screened=screened,
        pandas=slow,
        phases=split,
    )
