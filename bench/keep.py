"""Keep a workbook set in a store database, as confirming each on 데이터 관리 would."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from bench.generate import district_name
from lib import store


def fill_store(url: str, paths: Sequence[Path], year: int) -> float:
    """Keep every workbook in the database at ``url`` as the app's 데이터 관리 would; seconds."""
    engine = store.create_store_engine(url)
    start = time.perf_counter()
    for path in paths:
        index = int(path.stem.rsplit("_", 1)[1]) - 1
        store.save_workbook(
            engine,
            district=district_name(index),
            year=year,
            data=path.read_bytes(),
            file_name=path.name,
            uploaded_by="bench",
        )
    seconds = time.perf_counter() - start
    engine.dispose()
    return seconds
