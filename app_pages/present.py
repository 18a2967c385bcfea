"""발표 모드: the deck as full-screen slides with previous/next, following the filters."""

from html import escape

import pandas as pd
import streamlit as st

from lib import figures
from lib.exports.deck import build_deck
from lib.status import BAND_COLOUR
from lib.strings_ko import PresentText as T
from lib.ui.data import current_results, current_view
from lib.ui.exports import download_buttons, report_download_buttons, stored_round
from lib.ui.filters import current_filter
from lib.ui.keys import Key
from lib.ui.reviews import readable_stored_views
from lib.ui.urlparams import url_number
from lib.ui.widgets import escape_markdown, presentation_style

COMMENTS_ON_SLIDE = 3

results = current_results()
f = current_filter()
extra = readable_stored_views(results)  # the deck adds the workbook's own comments
deck = build_deck(current_view(), extra)
total = len(deck.slides)


def _index() -> int:
    """The slide in the URL (1-based there), clamped to the deck."""
    number = url_number(Key.SLIDE, 1, 9999) or 1
    return min(number, total) - 1


def _go(index: int) -> None:
    st.query_params[Key.SLIDE] = str(min(max(index, 0), total - 1) + 1)


presentation_style()
index = _index()
slide = deck.slides[index]

back, count, forward, jump, leave = st.columns([1, 1, 1, 3, 1.2], vertical_alignment="center")
back.button(
    T.PREVIOUS,
    icon=":material/arrow_back:",
    on_click=_go,
    args=(index - 1,),
    disabled=index == 0,
    width="stretch",
)
count.markdown(f"### {T.COUNTER.format(n=index + 1, total=total)}")
forward.button(
    T.NEXT,
    icon=":material/arrow_forward:",
    on_click=_go,
    args=(index + 1,),
    disabled=index == total - 1,
    type="primary",
    width="stretch",
)
titles = [f"{n + 1}. {s.title}" for n, s in enumerate(deck.slides)]


def _jump() -> None:
    _go(titles.index(st.session_state[Key.SLIDE_PICK]))


st.session_state[Key.SLIDE_PICK] = titles[index]  # the picker always shows the current slide
jump.selectbox(T.JUMP, titles, label_visibility="collapsed", key=Key.SLIDE_PICK, on_change=_jump)
leave.page_link("app_pages/overview.py", label=T.EXIT, icon=":material/close:")

with st.container(border=True):
    st.title(escape_markdown(slide.title), anchor=False)
    if slide.subtitle:
        st.caption(escape_markdown(slide.subtitle))
    text_column, chart_column = st.columns([2, 3]) if slide.chart else (st.container(), None)
    with text_column:
        if slide.headline:
            colour = BAND_COLOUR[slide.band] if slide.band else "inherit"
            st.html(
                f'<div class="headline" style="color:{colour}">{escape(slide.headline)}</div>'
                f'<div class="headline-label">{escape(slide.headline_label)}</div>'
            )
        for bullet in slide.bullets:
            st.text(("· " if bullet.level == 0 else "    – ") + bullet.text)
    if slide.chart and chart_column is not None:
        with chart_column:
            figure = figures.rate_bars(slide.chart.rate_items(), deck.bands, slide.chart.title)
            figure.update_layout(height=min(figure.layout.height or 400, 520))
            st.plotly_chart(figure, width="stretch", key=f"present_chart_{index}")
    if slide.table:
        frame = pd.DataFrame(list(slide.table.rows), columns=list(slide.table.columns))
        if slide.table.unit:
            st.caption(slide.table.unit)
        st.dataframe(frame, hide_index=True, width="stretch")
    if slide.comments:
        st.markdown(f"#### {T.COMMENTS}")
        for comment in slide.comments[:COMMENTS_ON_SLIDE]:
            with st.container(border=True):
                st.text(comment.text)
                st.caption(escape_markdown(deck.comment_byline(comment)))
        if len(slide.comments) > COMMENTS_ON_SLIDE:
            st.caption(T.MORE_COMMENTS.format(n=len(slide.comments) - COMMENTS_ON_SLIDE))

with st.expander(T.DOWNLOADS, icon=":material/download:"):
    download_buttons(current_view(), extra, key="present_downloads")
    report_download_buttons(
        results, lambda: stored_round(results), f.thresholds, f.bands, key="present_report"
    )
