"""발표 모드: the deck as full-screen slides that fit a 16:9 screen without scrolling, moved
by a clicker or the keyboard (←/→, PageUp/PageDown, Space, Home/End), following the
filters; the slide number stays in the URL."""

from html import escape

import streamlit as st

from lib import figures
from lib.exports.deck import Slide, SlideKind, build_deck, chart_height_px, screen_slides
from lib.status import BAND_COLOUR
from lib.strings_ko import MeetingText as M
from lib.strings_ko import PresentText as T
from lib.ui.data import current_results, view_of
from lib.ui.edition import export_edition
from lib.ui.exports import download_buttons, report_download_buttons, stored_round
from lib.ui.keys import Key, PagePath
from lib.ui.markup import escape_markdown
from lib.ui.reviews import readable_stored_views
from lib.ui.round_actions import excellent_pairs
from lib.ui.urlparams import url_number
from lib.ui.widgets import browser_script, presentation_style, slide_keys_script

edition = export_edition(current_results())
results = edition.results  # after 확정: the version it was confirmed on
view = view_of(results)
f = view.filter
excellent = excellent_pairs(results)
extra = readable_stored_views(results)  # the deck adds the workbook's own comments
deck = build_deck(view, extra, excellent)
slides = screen_slides(deck)
total = len(slides)


def _index() -> int:
    """The slide in the URL (1-based there), clamped to the deck."""
    number = url_number(Key.SLIDE, 1, 9999) or 1
    return min(number, total) - 1


def _go(index: int) -> None:
    st.query_params[Key.SLIDE] = str(min(max(index, 0), total - 1) + 1)


def _body(slide: Slide) -> str:
    """The slide's lines, table and comments as HTML (every text escaped: shown as typed)."""
    parts: list[str] = []
    if slide.bullets:
        items = "".join(f'<li class="level-{b.level}">{escape(b.text)}</li>' for b in slide.bullets)
        parts.append(f"<ul>{items}</ul>")
    if slide.table is not None:
        table = slide.table
        head = "".join(f"<th>{escape(c)}</th>" for c in table.columns)
        rows = "".join(
            "<tr>"
            + "".join(
                f'<td class="{"num" if n else ""}">{escape(cell)}</td>'
                for cell, n in zip(row, table.numeric, strict=True)
            )
            + "</tr>"
            for row in table.rows
        )
        unit = f"<caption>{escape(table.unit)}</caption>" if table.unit else ""
        parts.append(f"<table>{unit}<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
    if slide.comments:
        cards = "".join(
            f'<div class="card"><p>{escape(c.text.strip())}</p>'  # line breaks kept (CSS)
            f'<p class="byline">{escape(deck.comment_byline(c))}</p></div>'
            for c in slide.comments
        )
        heading = "" if slide.kind is SlideKind.COMMENTS else f"<h2>{escape(T.COMMENTS)}</h2>"
        parts.append(heading + cards)
    return '<div class="slide-body">' + "".join(parts) + "</div>"


presentation_style()
index = _index()
slide = slides[index]

with st.container(key=Key.SLIDE_CONTROLS, horizontal=True, vertical_alignment="center"):
    st.button(
        T.PREVIOUS,
        key=Key.SLIDE_PREV,
        icon=":material/arrow_back:",
        on_click=_go,
        args=(index - 1,),
        disabled=index == 0,
    )
    st.markdown(f"**{T.COUNTER.format(n=index + 1, total=total)}**", width="content")
    st.button(
        T.NEXT,
        key=Key.SLIDE_NEXT,
        icon=":material/arrow_forward:",
        on_click=_go,
        args=(index + 1,),
        disabled=index == total - 1,
        type="primary",
    )
    titles = [f"{n + 1}. {s.title}" for n, s in enumerate(slides)]

    def _jump() -> None:
        _go(titles.index(st.session_state[Key.SLIDE_PICK]))

    st.session_state[Key.SLIDE_PICK] = titles[index]  # the picker always shows this slide
    st.selectbox(
        T.JUMP,
        titles,
        label_visibility="collapsed",
        key=Key.SLIDE_PICK,
        on_change=_jump,
        width=320,
    )
    st.html(
        f'<button type="button" class="fullscreen-toggle" aria-pressed="false">'
        f"{escape(M.FULLSCREEN)}</button>",
        width="content",
    )
    with st.popover(T.DOWNLOADS, icon=":material/download:"):
        st.caption(M.KEYS)
        download_buttons(
            view,
            extra,
            key=Key.PRESENT_DOWNLOADS,
            excellent=excellent,
            confirmed=edition.info_row(),
        )
        report_download_buttons(
            results, lambda: stored_round(results), f.thresholds, f.bands, key=Key.PRESENT_REPORT
        )
    st.page_link(PagePath.OVERVIEW.script, label=T.EXIT, icon=":material/close:")
# Hidden: what Home and End press.
with st.container(key=Key.SLIDE_ENDS):
    st.button("first", key=Key.SLIDE_FIRST, on_click=_go, args=(0,))
    st.button("last", key=Key.SLIDE_LAST, on_click=_go, args=(total - 1,))
browser_script(slide_keys_script(M.FULLSCREEN, M.FULLSCREEN_EXIT), key=Key.SLIDE_KEYS)

with st.container(key=Key.SLIDE):
    with st.container(key=Key.SLIDE_HEAD, horizontal=True, vertical_alignment="bottom"):
        with st.container():
            st.title(escape_markdown(slide.title), anchor=False)
            if slide.subtitle:
                st.html(f'<p class="subtitle">{escape(slide.subtitle)}</p>')
        if slide.headline:
            colour = BAND_COLOUR[slide.band] if slide.band else "inherit"
            st.html(
                f'<div class="headline-box"><div class="headline" style="color:{colour}">'
                f"{escape(slide.headline)}</div>"
                f'<div class="headline-label">{escape(slide.headline_label)}</div></div>',
                width="content",
            )
    if slide.chart is not None:
        items = slide.chart.rate_items()
        figure = figures.slide_bars(items, deck.bands, chart_height_px(len(items)))
        st.plotly_chart(
            figure,
            width="stretch",
            key=f"{Key.SLIDE_CHART}{index}",
            config={"displayModeBar": False, "staticPlot": True},
            alt=figures.alt_text(slide.chart.title, items, deck.bands),
        )
    st.html(_body(slide))
