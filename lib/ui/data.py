"""Where the loaded results come from: cached by file hash, never by widget objects."""

from __future__ import annotations

import hashlib
from pathlib import Path

import streamlit as st

from lib.schema import Results
from lib.ui.keys import Key
from lib.workbook import read_workbook

SAMPLE_PATH = Path(__file__).resolve().parents[2] / "data" / "sample" / "sasang_2023.xlsx"


@st.cache_data(show_spinner="워크북을 읽는 중…", max_entries=512)
def load_results(sha256: str, _data: bytes, name: str) -> Results:
    """Read a workbook once per content hash (``_data`` is not hashed again)."""
    return read_workbook(_data, name)


def sample_results() -> Results:
    data = SAMPLE_PATH.read_bytes()
    return load_results(hashlib.sha256(data).hexdigest(), data, SAMPLE_PATH.name)


def current_results() -> Results:
    """The results every page shows this run (set by app.py)."""
    results = st.session_state.get(Key.RESULTS)
    return results if isinstance(results, Results) else sample_results()
