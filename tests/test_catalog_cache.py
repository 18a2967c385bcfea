"""The app's catalog is one cached object across reruns until the kept workbooks change."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

from lib import store
from lib.ui.data import forget_stored_list
from tests.conftest import META, build_workbook


def _script() -> None:
    import streamlit as st

    from lib.ui.data import catalog

    first = catalog()
    st.text(f"{first is catalog()} {id(first)}")
    st.text(" / ".join(f"{r.meta.district} {r.meta.year}" for r in first.entries))


def _keep(url: str, district: str, year: int) -> None:
    meta = [(k, district if k == "시군구" else year if k == "연도" else v) for k, v in META]
    store.save_workbook(
        store.create_store_engine(url),
        district=district,
        year=year,
        data=build_workbook(meta=meta),
        file_name=f"{district}_{year}.xlsx",
        uploaded_by="tester",
    )


def _run(at: AppTest) -> list[str]:
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return [str(t.value) for t in at.text]


def test_catalog_reused_across_reruns_and_rebuilt_when_a_workbook_is_kept(tmp_path: Path):
    url = f"sqlite:///{tmp_path / 'kept.db'}"
    _keep(url, "부산광역시 북구", 2024)
    at = AppTest.from_function(_script, default_timeout=30)
    at.secrets["connections"] = {"reviews": {"url": url}}

    same, entries = _run(at)
    assert same.startswith("True ")
    assert entries == "부산광역시 북구 2024 / 부산광역시 사상구 2023"

    again, _ = _run(at)
    assert again == same  # the next rerun gets the very same catalog object

    _keep(url, "부산광역시 동구", 2024)
    forget_stored_list()  # what confirming on 데이터 관리 does
    rebuilt, entries = _run(at)
    assert rebuilt.startswith("True ") and rebuilt != same
    assert entries == "부산광역시 동구 2024 / 부산광역시 북구 2024 / 부산광역시 사상구 2023"
