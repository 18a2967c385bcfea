"""The app's page files live where Streamlit will not treat them as a legacy pages/ folder."""

from tests.conftest import ROOT


def test_no_pages_folder_beside_app_py():
    # A folder named pages/ beside app.py makes Streamlit 1.67 run a sub-page without app.py
    # (no shared filters, file names in the sidebar) when a shared link is the first visit
    # after a restart. The pages are in app_pages/ and registered with st.navigation.
    assert not (ROOT / "pages").exists()
    registered = (ROOT / "app.py").read_text(encoding="utf-8")
    for page in sorted((ROOT / "app_pages").glob("*.py")):
        assert page.name in registered, f"{page.name} is not in st.navigation"
