"""Peak memory, measured in fresh child processes so nothing else this run did counts.

``python -m bench.memory app <database url>``: app.py with that database, then every page
once; prints the process's peak resident set: ``ru_maxrss`` and the kernel's ``VmHWM``.
``python -m bench.memory reader <folder>``: every workbook in the folder read into one
Catalog under tracemalloc; prints the peak and what stays allocated (Python objects only).

On Linux a child's ``ru_maxrss`` starts from the parent's resident set at the fork (it is
carried across exec), so the children are started before the parent loads anything big
(see bench/__main__.py) and ``VmHWM`` (the peak of the child's own address space) is
reported beside it.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tracemalloc
from dataclasses import dataclass
from pathlib import Path

from bench.generate import MANIFEST


def _max_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _status_mb(field: str) -> float:
    """A ``/proc/self/status`` memory field (``VmHWM``, ``VmRSS``) in MB; 0 if unknown."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith(f"{field}:"):
                return int(line.split()[1]) / 1024  # kB
    except (OSError, ValueError, IndexError):
        pass
    return 0.0


def _peaks() -> dict[str, float]:
    return {"max_rss_mb": _max_rss_mb(), "hwm_mb": _status_mb("VmHWM")}


def app_peak(url: str) -> dict[str, float | int]:
    from bench.pages import PAGES, app
    from lib.ui.keys import Key

    at = app(url)
    at.run()
    for page in PAGES:
        at.switch_page(f"app_pages/{page}.py")
        at.run()
    if at.exception:
        raise RuntimeError([str(e.value) for e in at.exception])
    loaded = at.session_state[Key.CATALOG]
    return {**_peaks(), "entries": len(loaded.entries)}


def reader_peak(folder: Path) -> dict[str, float | int]:
    from bench.load import ours

    names = json.loads((folder / MANIFEST).read_text(encoding="utf-8"))["files"]
    files = [(folder / name).read_bytes() for name in names]
    tracemalloc.start()
    catalog = ours(files, names)
    current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    return {
        "traced_peak_mb": peak / 1024 / 1024,
        "retained_mb": current / 1024 / 1024,
        "entries": len(catalog.entries),
        **_peaks(),
    }


@dataclass(frozen=True)
class MemoryResult:
    app_all: dict[str, float | int]  # app.py + every page, every workbook kept
    app_sample: dict[str, float | int]  # the same with the sample alone (what the app costs)
    reader: dict[str, float | int]  # tracemalloc of reading every workbook, no streamlit
    parent_rss_mb: float  # the parent's resident set when it started the children


def _child(*args: str) -> dict[str, float | int]:
    done = subprocess.run(
        [sys.executable, "-m", "bench.memory", *args],
        capture_output=True,
        text=True,
        check=False,
        cwd=Path(__file__).resolve().parent.parent,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench.memory {args[0]} failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def measure(url_all: str, url_empty: str, folder: Path) -> MemoryResult:
    return MemoryResult(
        app_all=_child("app", url_all),
        app_sample=_child("app", url_empty),
        reader=_child("reader", str(folder)),
        parent_rss_mb=_status_mb("VmRSS"),
    )


def main(argv: list[str]) -> None:
    mode, where = argv
    found = app_peak(where) if mode == "app" else reader_peak(Path(where))
    print(json.dumps(found))


if __name__ == "__main__":
    main(sys.argv[1:])
