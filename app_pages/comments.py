"""모니터링 의견: every comment by 구분 and by target, each beside its target's numbers."""

import streamlit as st

from lib.schema import CommentCategory, TargetKind
from lib.strings_ko import CommentsText as T
from lib.ui.data import current_view
from lib.ui.keys import Key, PagePath
from lib.ui.markup import escape_markdown
from lib.ui.reviews import comment_views
from lib.ui.widgets import comment_card, filter_line, provenance
from lib.views import comment_table
from lib.views.comment_table import Target

view = current_view()
results, f, shown = view.results, view.filter, list(view.shown)
views = comment_views(results)


def target_link(target: Target) -> None:
    """The target's name, linking to where it is shown in full."""
    label = f"**{escape_markdown(target.name)}**"
    node = target.node
    if node.kind is TargetKind.SUB_PROJECT:
        st.page_link(
            PagePath.PROJECTS.script,
            label=label,
            icon=":material/table_rows:",
            query_params={Key.PROJECT.value: node.sub_project_id or ""},
        )
    elif node.kind is TargetKind.ALL:
        st.page_link(PagePath.OVERVIEW.script, label=label, icon=":material/dashboard:")
    else:
        st.page_link(PagePath.STRATEGIES.script, label=label, icon=":material/account_tree:")


st.title(T.TITLE)
provenance(results)
filter_line(results, f, key=Key.COMMENTS_CLEAR)
if not views:
    st.info(T.NONE, icon=":material/info:")
    st.stop()
st.caption(T.INTRO)

category_col, reviewer_col, rating_col = st.columns(3)
categories = category_col.multiselect(
    T.CATEGORY,
    [c.value for c in CommentCategory],
    key=Key.COMMENTS_CATEGORY,
    select_all=False,
    placeholder=T.CATEGORY_PLACEHOLDER,
)
reviewers = reviewer_col.multiselect(
    T.REVIEWER,
    comment_table.reviewer_options(views),
    key=Key.COMMENTS_REVIEWER,
    select_all=False,
    placeholder=T.REVIEWER_PLACEHOLDER,
)
ratings = rating_col.multiselect(
    T.RATING,
    comment_table.rating_options(views),
    key=Key.COMMENTS_RATING,
    select_all=False,
    placeholder=T.RATING_PLACEHOLDER,
)
choice = comment_table.PageChoice(
    categories=tuple(CommentCategory(c) for c in categories),
    reviewers=tuple(reviewers),
    ratings=tuple(ratings),
)
table = comment_table.build(results, views, shown, f, choice)

st.header(T.COUNT.format(count=table.count_text))
if not table.sections:
    st.warning(T.EMPTY)
    st.stop()

for section in table.sections:
    st.header(
        T.SECTION.format(category=section.category.value, count=section.count),
        help=section.help,
        divider="gray",
    )
    for group in section.groups:
        with st.container(border=True):
            numbers_col, comments_col = st.columns([2, 3], gap="large")
            with numbers_col:
                for target in group.targets:
                    st.caption(escape_markdown(target.kind_line))
                    target_link(target)
                    st.markdown("  \n".join(target.numbers))
            with comments_col:
                for comment in group.comments:
                    comment_card(comment)
