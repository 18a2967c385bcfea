"""시행결과 대시보드: navigation, the data in use, and the shared filters for every page."""

import streamlit as st

from lib.strings_ko import APP_TITLE, Nav
from lib.ui.data import sample_results
from lib.ui.filters import sidebar_filter
from lib.ui.keys import Key, PagePath

st.set_page_config(page_title=APP_TITLE, page_icon=":material/monitoring:", layout="wide")

results = sample_results()
st.session_state[Key.RESULTS] = results

navigation = st.navigation(
    [
        st.Page("pages/overview.py", title=Nav.OVERVIEW, icon=":material/dashboard:", default=True),
        st.Page(
            "pages/strategies.py",
            title=Nav.STRATEGIES,
            icon=":material/account_tree:",
            url_path=PagePath.STRATEGIES,
        ),
        st.Page(
            "pages/projects.py",
            title=Nav.PROJECTS,
            icon=":material/table_rows:",
            url_path=PagePath.PROJECTS,
        ),
        st.Page("pages/flags.py", title=Nav.FLAGS, icon=":material/flag:", url_path=PagePath.FLAGS),
        st.Page(
            "pages/comments.py",
            title=Nav.COMMENTS,
            icon=":material/forum:",
            url_path=PagePath.COMMENTS,
        ),
        st.Page(
            "pages/review.py",
            title=Nav.REVIEW,
            icon=":material/rate_review:",
            url_path=PagePath.REVIEW,
        ),
    ]
)
st.session_state[Key.FILTER] = sidebar_filter(results)
navigation.run()
