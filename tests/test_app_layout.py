"""The app's page files live where Streamlit will not treat them as a legacy pages/ folder,
and each page only arranges what lib/ computes."""

import ast

import pytest

from lib.ui.keys import PagePath
from tests.conftest import ROOT

PAGES = sorted((ROOT / "app_pages").glob("*.py"))
MAX_PAGE_LINES = 200
FORBIDDEN = ("lib.store", "lib.workbook")


def test_no_pages_folder_beside_app_py():
    # A folder named pages/ beside app.py makes Streamlit 1.67 run a sub-page without app.py
    # (no shared filters, file names in the sidebar) when a shared link is the first visit
    # after a restart. The pages are in app_pages/ and registered with st.navigation.
    assert not (ROOT / "pages").exists()
    registered = (ROOT / "app.py").read_text(encoding="utf-8")
    scripts = {path.script for path in PagePath}
    for page in PAGES:
        assert f"app_pages/{page.name}" in scripts, f"{page.name} has no PagePath"
    for path in PagePath:
        assert (ROOT / path.script).is_file(), path.script
        assert f"PagePath.{path.name}" in registered, f"{path.script} is not in st.navigation"


def imported_modules(source: str) -> set[str]:
    """Every module a file imports (``from lib import store`` counts as ``lib.store``)."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def forbidden_imports(source: str) -> list[str]:
    return sorted(
        m
        for m in imported_modules(source)
        if any(m == f or m.startswith(f + ".") for f in FORBIDDEN)
    )


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_imports_no_store_or_workbook(page):
    assert forbidden_imports(page.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_page_is_short(page):
    lines = len(page.read_text(encoding="utf-8").splitlines())
    assert lines <= MAX_PAGE_LINES, f"{page.name}: {lines} lines; move logic into lib/"


def test_forbidden_imports_are_found():
    # The check itself: each way of importing the store or the workbook is caught.
    assert forbidden_imports("from lib import store") == ["lib.store"]
    assert forbidden_imports("import lib.workbook.columns") == ["lib.workbook.columns"]
    assert forbidden_imports("from lib.store.reviews import add") == [
        "lib.store.reviews",
        "lib.store.reviews.add",
    ]
    assert forbidden_imports("from lib import storey\nimport lib.views") == []
