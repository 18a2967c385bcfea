"""시행결과 대시보드: navigation, the data in use, and the shared filters for every page."""

from pathlib import Path

import streamlit as st

from lib.strings_ko import APP_TITLE, DataText, Nav, OpinionFormText, PresentText, RoundText
from lib.ui.data import catalog, sample_results
from lib.ui.filters import sidebar_filter, sidebar_source
from lib.ui.keys import Key, PagePath
from lib.ui.round_actions import sidebar_line
from lib.ui.urlparams import clean_url
from lib.ui.widgets import apply_style
from lib.views.filters import Filter
from lib.views.view import View

# A local icon: a material-icon favicon would be fetched from fonts.gstatic.com.
st.set_page_config(
    page_title=APP_TITLE,
    page_icon=str(Path(__file__).parent / "data" / "app_icon.png"),
    layout="wide",
)
# The pages the shared filters narrow (점검 입력 narrows its project list by them; the
# round pages read the thresholds); on 데이터 관리 and 취합 they would do nothing.
FILTERED_PAGES = {
    PagePath.OVERVIEW,
    PagePath.STRATEGIES,
    PagePath.PROJECTS,
    PagePath.FLAGS,
    PagePath.COMMENTS,
    PagePath.REVIEW,
    PagePath.ROUND,
    PagePath.ROUND_SELECT,
    PagePath.PRESENT,
}


def page(path: PagePath, title: str, icon: str) -> st.Page:
    return st.Page(path.script, title=title, icon=f":material/{icon}:", url_path=path)


navigation = st.navigation(
    [
        st.Page(
            PagePath.OVERVIEW.script, title=Nav.OVERVIEW, icon=":material/dashboard:", default=True
        ),
        page(PagePath.STRATEGIES, Nav.STRATEGIES, "account_tree"),
        page(PagePath.PROJECTS, Nav.PROJECTS, "table_rows"),
        page(PagePath.FLAGS, Nav.FLAGS, "flag"),
        page(PagePath.COMMENTS, Nav.COMMENTS, "forum"),
        page(PagePath.REVIEW, OpinionFormText.NAV, "rate_review"),
        page(PagePath.ROUND, RoundText.NAV, "event_note"),
        page(PagePath.ROUND_MERGE, RoundText.NAV_MERGE, "merge"),
        page(PagePath.ROUND_SELECT, RoundText.NAV_SELECT, "star"),
        page(PagePath.PRESENT, PresentText.NAV, "slideshow"),
        page(PagePath.DATA, DataText.NAV, "upload_file"),
    ]
)
apply_style()
clean_url()  # before any widget reads the URL
loaded = catalog()
results, dropped = sidebar_source(loaded, preferred_district=sample_results().meta.district)
st.session_state[Key.CATALOG] = loaded
st.session_state[Key.RESULTS] = results
st.session_state[Key.FILTER] = (
    sidebar_filter(results, dropped) if navigation.url_path in FILTERED_PAGES else Filter()
)
st.session_state[Key.VIEW] = View.build(results, st.session_state[Key.FILTER], loaded)
sidebar_line(results)
navigation.run()
