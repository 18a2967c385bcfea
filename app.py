"""시행결과 대시보드: navigation, the data in use, and the shared filters for every page."""

import streamlit as st

from lib.strings_ko import APP_TITLE, Nav, PresentText
from lib.ui.data import sample_results
from lib.ui.filters import sidebar_filter
from lib.ui.keys import Key, PagePath
from lib.ui.widgets import apply_style

st.set_page_config(page_title=APP_TITLE, page_icon=":material/monitoring:", layout="wide")

results = sample_results()
st.session_state[Key.RESULTS] = results

navigation = st.navigation(
    [
        st.Page(
            "app_pages/overview.py", title=Nav.OVERVIEW, icon=":material/dashboard:", default=True
        ),
        st.Page(
            "app_pages/strategies.py",
            title=Nav.STRATEGIES,
            icon=":material/account_tree:",
            url_path=PagePath.STRATEGIES,
        ),
        st.Page(
            "app_pages/projects.py",
            title=Nav.PROJECTS,
            icon=":material/table_rows:",
            url_path=PagePath.PROJECTS,
        ),
        st.Page(
            "app_pages/flags.py", title=Nav.FLAGS, icon=":material/flag:", url_path=PagePath.FLAGS
        ),
        st.Page(
            "app_pages/comments.py",
            title=Nav.COMMENTS,
            icon=":material/forum:",
            url_path=PagePath.COMMENTS,
        ),
        st.Page(
            "app_pages/review.py",
            title=Nav.REVIEW,
            icon=":material/rate_review:",
            url_path=PagePath.REVIEW,
        ),
        st.Page(
            "app_pages/present.py",
            title=PresentText.NAV,
            icon=":material/slideshow:",
            url_path=PagePath.PRESENT,
        ),
    ]
)
apply_style()
st.session_state[Key.FILTER] = sidebar_filter(results)
navigation.run()
