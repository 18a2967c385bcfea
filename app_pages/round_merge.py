"""취합 (사무국): who has replied, every member's overall opinion grouped by request and by
target with who wrote it, and the report's points merged, reworded and ordered from them.
The members' originals stay as written; each point links to the opinions it came from.
"""

from __future__ import annotations

import streamlit as st

from lib.schema import CommentCategory
from lib.strings_ko import RoundText as T
from lib.ui import round_actions as act
from lib.ui import round_merge_actions as mg
from lib.ui.data import current_results
from lib.ui.keys import PagePath
from lib.ui.markup import escape_markdown
from lib.ui.round_flash import show
from lib.ui.round_keys import RoundKey, item_key
from lib.ui.round_sections import secretariat_round

results = current_results()


def _replies(snapshot: act.RoundSnapshot) -> None:
    st.subheader(mg.reply_line(snapshot), anchor=False)
    st.markdown(act.status_line(snapshot))
    for line in mg.overdue_lines(snapshot):
        st.warning(line, icon=":material/schedule:")
    st.dataframe(mg.reply_table(snapshot), hide_index=True, width="stretch")


def _originals(snapshot: act.RoundSnapshot, category: CommentCategory) -> None:
    groups = mg.opinion_groups(snapshot, category)
    if not groups:
        st.caption(T.OPINIONS_EMPTY)
    for target, opinions in groups:
        st.markdown(f"**{escape_markdown(mg.target_name(results, target))}**")
        for opinion in opinions:
            with st.container(border=True):
                st.text(opinion.text)  # as typed: no markdown, HTML or link
                st.caption(mg.opinion_byline(snapshot, opinion))


def _points(snapshot: act.RoundSnapshot, category: CommentCategory, allowed: bool) -> None:
    points = mg.points(snapshot, category)
    st.markdown(f"**{T.MERGED.format(count=len(points))}**", help=T.MERGED_HELP)
    if not points:
        st.caption(T.MERGED_EMPTY)
    ordered = [p.point_id for p in points]
    for n, point in enumerate(points, start=1):
        with st.container(border=True):
            st.text_area(
                f"{n}.",
                value=point.text,
                key=item_key(RoundKey.POINT_TEXT_, point.point_id),
                on_change=mg.save_point,
                args=(results, point.point_id),
                disabled=not allowed,
                height=80,
            )
            st.caption(mg.sources_line(snapshot, point))
            with st.container(horizontal=True, gap="small"):
                for label, icon, prefix, step in (
                    (T.MERGE_UP, "arrow_upward", RoundKey.POINT_UP_, -1),
                    (T.MERGE_DOWN, "arrow_downward", RoundKey.POINT_DOWN_, 1),
                ):
                    st.button(
                        label,
                        icon=f":material/{icon}:",
                        key=item_key(prefix, point.point_id),
                        on_click=mg.move_point,
                        args=(results, category, ordered, point.point_id, step),
                        disabled=not allowed,
                    )
                st.button(
                    T.MERGE_REMOVE,
                    icon=":material/delete:",
                    key=item_key(RoundKey.POINT_REMOVE_, point.point_id),
                    on_click=mg.remove_point,
                    args=(results, point.point_id),
                    disabled=not allowed,
                )
            show(point.point_id)
    choices = mg.opinion_choice(snapshot, category)
    with st.container(border=True):
        st.multiselect(
            T.MERGE_SOURCES,
            list(choices),
            format_func=choices.__getitem__,
            key=item_key(RoundKey.MERGE_SOURCES_, category.name),
            disabled=not allowed,
            placeholder=T.MERGE_SOURCES_PLACEHOLDER,
            help=T.MERGE_SOURCES_HELP,
        )
        st.text_area(
            T.MERGE_TEXT,
            key=item_key(RoundKey.MERGE_TEXT_, category.name),
            disabled=not allowed,
            height=80,
        )
        st.button(
            T.MERGE_ADD,
            key=item_key(RoundKey.MERGE_ADD_, category.name),
            on_click=mg.add_point,
            args=(results, category),
            disabled=not allowed,
            type="primary",
            icon=":material/add:",
        )
        show(f"merge:{category.name}")


snapshot, allowed = secretariat_round(T.TITLE_MERGE, results)
_replies(snapshot)
for number, category in enumerate(CommentCategory, start=1):
    st.divider()
    st.header(
        T.REQUEST_HEADING.format(
            number=number, request=escape_markdown(mg.request(snapshot, category))
        )
    )
    originals_col, points_col = st.columns([1, 1], gap="large")
    with originals_col:
        st.markdown(f"**{T.OPINIONS.format(request=category.value)}**")
        _originals(snapshot, category)
    with points_col:
        _points(snapshot, category, allowed)
st.page_link(PagePath.ROUND_SELECT.script, label=T.NAV_SELECT, icon=":material/star:")
