"""Which workbook version the downloads are made from: after 확정, the version the round
was confirmed on (pinned, whatever was uploaded since); before, the one on screen. A page
that offers a file says which it is, and says it plainly when the screen shows another."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

import streamlit as st

from lib import format as fmt
from lib.schema import Results
from lib.strings_ko import EditionText as T
from lib.ui.markup import escape_markdown
from lib.ui.round_actions import locked_results, shown_round


@dataclass(frozen=True)
class Edition:
    """The workbook the files are built from, and how it stands to the one on screen."""

    results: Results  # what the files are made from
    shown: Results  # what the page shows (the version chosen in the sidebar)
    confirmed_at: datetime | None = None  # set when ``results`` is the round's 확정본
    unreadable: bool = False  # 확정 but the confirmed version could not be read

    @property
    def confirmed(self) -> bool:
        return self.confirmed_at is not None

    @property
    def differs(self) -> bool:
        """The file would not hold the numbers on screen (a newer upload since 확정)."""
        return self.results.source_sha256 != self.shown.source_sha256

    def info_row(self) -> str:
        """The 자료 정보 sheet's 기준 line (empty before 확정)."""
        if self.confirmed_at is None:
            return ""
        return T.INFO_CONFIRMED.format(
            date=fmt.datetime_label(self.confirmed_at), file=self.results.source_name
        )

    def note(self) -> str:
        """What the page says beside the download, as plain text (empty before 확정)."""
        shown, made = self.shown.source_name, self.results.source_name
        if self.unreadable:
            return T.UNREADABLE.format(shown=shown)
        if self.confirmed_at is None:
            return ""
        when = fmt.datetime_label(self.confirmed_at)
        if self.differs:
            return T.OTHER.format(shown=shown, date=when, file=made)
        return T.SAME.format(date=when, file=made)


def export_edition(results: Results) -> Edition:
    """The files' version for ``results`` (the workbook on screen)."""
    snapshot = shown_round(results)
    if snapshot is None or not snapshot.confirmed:
        return Edition(results, results)
    kept = locked_results(results)
    pinned = snapshot.workbook_sha256
    if pinned and kept.source_sha256 != pinned:  # the pinned version could not be read
        return Edition(results, results, unreadable=True)
    return Edition(kept, results, confirmed_at=snapshot.confirmed_at)


def edition_note(edition: Edition) -> None:
    """The note beside a download: a notice when the file and the screen differ (or the
    확정본 could not be read), a caption when the file is the 확정본 of what is shown."""
    text = escape_markdown(edition.note())  # file names are shown as typed
    if not text:
        return
    if edition.unreadable:
        st.warning(text, icon=":material/warning:")
    elif edition.differs:
        st.info(text, icon=":material/info:")
    else:
        st.caption(text)
