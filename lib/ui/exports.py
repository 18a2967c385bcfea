"""Download buttons for the meeting material; files are built only when clicked."""

from __future__ import annotations

from collections.abc import Sequence

import streamlit as st

from lib.comments import CommentView
from lib.exports.deck import build_deck
from lib.exports.html import render_html
from lib.exports.pptx import render_pptx
from lib.exports.xlsx import render_xlsx
from lib.schema import Results
from lib.strings_ko import PresentText as T
from lib.views import filters

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def download_buttons(
    results: Results,
    f: filters.Filter,
    extra_comments: Sequence[CommentView] = (),
    which: Sequence[str] = ("pptx", "xlsx", "html"),
    key: str = "downloads",
    excellent: Sequence[tuple[str, str]] = (),
) -> None:
    """One button per format in ``which``, side by side (``excellent``: the round's 우수사업
    as (체계/사업번호, 선정 사유), for the deck)."""
    stem = build_deck(results, f, extra_comments).file_stem
    columns = st.columns(len(which))
    makers = {
        "pptx": (
            T.PPTX,
            T.PPTX_HELP,
            PPTX_MIME,
            lambda: render_pptx(build_deck(results, f, extra_comments, excellent)),
        ),
        "xlsx": (T.XLSX, T.XLSX_HELP, XLSX_MIME, lambda: render_xlsx(results, f, extra_comments)),
        "html": (
            T.HTML,
            T.HTML_HELP,
            "text/html",
            lambda: render_html(build_deck(results, f, extra_comments, excellent)).encode("utf-8"),
        ),
    }
    for column, kind in zip(columns, which, strict=True):
        label, help_text, mime, make = makers[kind]
        column.download_button(
            label,
            data=make,
            file_name=f"{stem}.{kind}",
            mime=mime,
            help=help_text,
            icon=":material/download:",
            on_click="ignore",
            key=f"{key}_{kind}",
            width="stretch",
        )
