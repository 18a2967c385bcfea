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


def page(script: str, title: str, icon: str, path: PagePath) -> st.Page:
    return st.Page(f"app_pages/{script}", title=title, icon=f":material/{icon}:", url_path=path)


navigation = st.navigation(
    [
        st.Page(
            "app_pages/overview.py", title=Nav.OVERVIEW, icon=":material/dashboard:", default=True
        ),
        page("strategies.py", Nav.STRATEGIES, "account_tree", PagePath.STRATEGIES),
        page("projects.py", Nav.PROJECTS, "table_rows", PagePath.PROJECTS),
        page("flags.py", Nav.FLAGS, "flag", PagePath.FLAGS),
        page("comments.py", Nav.COMMENTS, "forum", PagePath.COMMENTS),
        page("review.py", OpinionFormText.NAV, "rate_review", PagePath.REVIEW),
        page("round.py", RoundText.NAV, "event_note", PagePath.ROUND),
        page("round_merge.py", RoundText.NAV_MERGE, "merge", PagePath.ROUND_MERGE),
        page("round_select.py", RoundText.NAV_SELECT, "star", PagePath.ROUND_SELECT),
        page("present.py", PresentText.NAV, "slideshow", PagePath.PRESENT),
        page("data.py", DataText.NAV, "upload_file", PagePath.DATA),
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
