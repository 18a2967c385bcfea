"""Download buttons for the meeting material and the 결과보고; files are built only when
clicked."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from lib import store
from lib.comments import CommentView
from lib.exports.deck import build_deck
from lib.exports.html import render_html
from lib.exports.pptx import render_pptx
from lib.exports.xlsx import render_xlsx
from lib.flags import DEFAULT_THRESHOLDS, Thresholds
from lib.report import Report, build_report, file_stem
from lib.report.docx_file import render_docx
from lib.report.hwpx_file import render_hwpx
from lib.rounds import RoundSnapshot
from lib.schema import Results
from lib.status import DEFAULT_BANDS, BandBounds
from lib.strings_ko import EditionText, ReportText
from lib.strings_ko import PresentText as T
from lib.ui.db import DATABASE_ERRORS, reviews_engine
from lib.views.view import View

_log = logging.getLogger(__name__)

PPTX_MIME = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HWPX_MIME = "application/hwp+zip"


def _download_button(
    column: DeltaGenerator,
    kind: str,
    label: str,
    help_text: str,
    mime: str,
    make: Callable[[], bytes],
    stem: str,
    key: str,
    icon: str,
) -> None:
    """One full-width button that builds ``{stem}.{kind}`` only when clicked."""
    column.download_button(
        label,
        data=make,
        file_name=f"{stem}.{kind}",
        mime=mime,
        help=help_text,
        icon=icon,
        on_click="ignore",
        key=f"{key}_{kind}",
        width="stretch",
    )


def download_buttons(
    view: View,
    extra_comments: Sequence[CommentView] = (),
    which: Sequence[str] = ("pptx", "xlsx", "html"),
    key: str = "downloads",
    excellent: Sequence[tuple[str, str]] = (),
    confirmed: str = "",
) -> None:
    """One button per format in ``which``, side by side (``excellent``: the round's 우수사업
    as (체계/사업번호, 선정 사유), for the deck; ``confirmed``: the 기준 line when ``view``
    is of the round's 확정본, which the file names and the Excel's 자료 정보 then say)."""
    stem = build_deck(view, extra_comments).file_stem
    if confirmed:
        stem = f"{stem}_{EditionText.FILE_SUFFIX}"
    columns = st.columns(len(which))
    makers = {
        "pptx": (
            T.PPTX,
            T.PPTX_HELP,
            PPTX_MIME,
            lambda: render_pptx(build_deck(view, extra_comments, excellent)),
        ),
        "xlsx": (
            T.XLSX,
            T.XLSX_HELP,
            XLSX_MIME,
            lambda: render_xlsx(view, extra_comments, edition=confirmed),
        ),
        "html": (
            T.HTML,
            T.HTML_HELP,
            "text/html",
            lambda: render_html(build_deck(view, extra_comments, excellent)).encode("utf-8"),
        ),
    }
    for column, kind in zip(columns, which, strict=True):
        label, help_text, mime, make = makers[kind]
        _download_button(
            column, kind, label, help_text, mime, make, stem, key, ":material/download:"
        )


def stored_round(results: Results) -> RoundSnapshot | None:
    """The monitoring round kept for ``results``' 시군구·연도; None without one, or (logged)
    when the database cannot be read: the 결과보고 is then made from the workbook alone."""
    try:
        return store.round_snapshot(reviews_engine(), results.meta.district, results.meta.year)
    except DATABASE_ERRORS as error:
        _log.warning("monitoring round not read for the result report", exc_info=error)
        return None


def report_download_buttons(
    results: Results,
    round_: RoundSnapshot | Callable[[], RoundSnapshot | None] | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    bands: BandBounds = DEFAULT_BANDS,
    key: str = "report_downloads",
) -> None:
    """결과보고 as Word and 한글 side by side, with the round (or a function that reads it
    when a button is clicked); the file says 초안 until the round is 확정."""

    def document() -> Report:
        current = round_() if callable(round_) else round_
        return build_report(results, current, thresholds=thresholds, bands=bands)

    def rendered(render: Callable[[Report], bytes]) -> Callable[[], bytes]:
        return lambda: render(document())

    stem = file_stem(results)
    docx_column, hwpx_column = st.columns(2)
    for column, kind, label, help_text, mime, render in (
        (docx_column, "docx", ReportText.DOCX, ReportText.DOCX_HELP, DOCX_MIME, render_docx),
        (hwpx_column, "hwpx", ReportText.HWPX, ReportText.HWPX_HELP, HWPX_MIME, render_hwpx),
    ):
        _download_button(
            column,
            kind,
            label,
            help_text,
            mime,
            rendered(render),
            stem,
            key,
            ":material/description:",
        )
    st.caption(f"{ReportText.WHOLE_DISTRICT} {ReportText.DRAFT_NOTE}")
