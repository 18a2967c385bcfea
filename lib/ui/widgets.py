"""Small shared pieces every page uses: header lines, notices, comment cards, badges."""

from __future__ import annotations

import streamlit as st

from lib.comments import CommentView, byline
from lib.flags import Flag
from lib.schema import Results
from lib.status import flag_badge
from lib.strings_ko import Common, FilterText
from lib.ui.filters import reset_filters
from lib.ui.markup import escape_markdown
from lib.views import filters

# Korean breaks between words, not inside them ("모니터링 의견", never "모/니터링").
_STYLE = """<style>
[data-testid="stMarkdownContainer"], [data-testid="stText"], [data-testid="stText"] span,
[data-testid="stCaptionContainer"], [data-testid="stMetricLabel"], [data-testid="stHeading"],
button p {
  word-break: keep-all;
  overflow-wrap: anywhere;
}
</style>"""


_PRESENTATION_STYLE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"] {
  display: none;
}
.block-container { padding-top: 1rem; max-width: 100%; }
h1 { font-size: 2.6rem !important; }
[data-testid="stText"] { font-size: 1.35rem; line-height: 1.5; }
.headline { font-size: 5rem; font-weight: 700; line-height: 1.1; }
.headline-label { font-size: 1.5rem; margin-bottom: 1rem; }
</style>"""


def presentation_style() -> None:
    """Slides: no sidebar or header, large type (for a projector at 1280×720 and up)."""
    st.html(_PRESENTATION_STYLE)


def apply_style() -> None:
    """App-wide CSS of our own (static; no user text goes in here)."""
    st.html(_STYLE)


def provenance(results: Results) -> None:
    """One line: 시군구 · 연도 · file; and, where the workbook says so, the illustrative notice."""
    meta = results.meta
    st.caption(
        Common.PROVENANCE.format(
            district=escape_markdown(meta.district),
            year=meta.year,
            file=escape_markdown(results.source_name),
        )
    )
    if meta.illustrative_note:
        st.info(
            Common.ILLUSTRATIVE.format(note=escape_markdown(meta.illustrative_note)),
            icon=":material/info:",
        )


def filter_line(results: Results, f: filters.Filter, key: str) -> None:
    """Say what the view is narrowed to ("29개 중 7개"), with one click to clear it."""
    if not f.narrows:
        return
    shown, total = filters.scope_counts(results.sub_projects, f)
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.markdown(
        FilterText.SHOWING.format(description=escape_markdown(filters.describe(f, shown, total)))
    )
    right.button(
        FilterText.CLEAR, key=key, on_click=reset_filters, icon=":material/filter_alt_off:"
    )


def flag_badges(flags: tuple[Flag, ...]) -> str:
    return "  ".join(flag_badge(f) for f in flags)


def comment_card(comment: CommentView, show_target: bool = False) -> None:
    """One comment as plain text, with who, rating and where it came from."""
    with st.container(border=True):
        st.text(comment.text)  # plain text: no markdown, HTML or link is interpreted
        line = byline(comment, with_category=True, with_targets=show_target, with_source=True)
        st.caption(escape_markdown(line))


def comment_list(comments: list[CommentView], show_target: bool = False) -> None:
    if not comments:
        st.caption(Common.NO_COMMENTS)
    for comment in comments:
        comment_card(comment, show_target)
