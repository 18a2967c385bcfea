"""세부사업's Excel after 확정: the round's 확정본 (the version it was confirmed on), named so
in the file and beside the button, and said plainly when the screen shows a newer upload;
before 확정, the workbook on screen. The file the page would send is captured and read."""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

import pytest
from openpyxl import load_workbook
from streamlit.elements.widgets.button import ButtonMixin

from lib import store
from lib.errors import WorkbookError
from lib.exports.xlsx import render_xlsx
from lib.rounds import RoundStatus
from lib.strings_ko import EditionText, ExportText
from lib.ui.data import SAMPLE_PATH, sample_results
from lib.ui.edition import Edition
from lib.ui.keys import Key
from lib.views.view import View
from lib.workbook import read_workbook
from tests.conftest import page_text
from tests.round_app import DISTRICT, YEAR, app, opened, rerun

CARE = "사회보장사업/1-1-3"  # 행복울타리 돌봄사업
NEWER_ACTUAL = 2999  # 시행결과 P5 (노인맞춤돌봄서비스's 실적, 2267) in the upload after 확정


def _newer() -> bytes:
    book = load_workbook(SAMPLE_PATH)
    book["시행결과"]["P5"] = NEWER_ACTUAL
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _upload_newer(engine: Any) -> None:
    store.save_workbook(
        engine, district=DISTRICT, year=YEAR, data=_newer(), file_name="새판.xlsx",
        uploaded_by="장종윤",
    )  # fmt: skip


@pytest.fixture
def sent(monkeypatch: pytest.MonkeyPatch) -> dict[str, bytes]:
    """Every download button's file, made as a click would make it: file name → bytes."""
    files: dict[str, bytes] = {}
    original = ButtonMixin.download_button

    def capture(self: Any, label: str, data: Any, file_name: str | None = None, **kw: Any) -> Any:
        files[str(file_name)] = data() if callable(data) else data
        return original(self, label, data, file_name=file_name, **kw)

    monkeypatch.setattr(ButtonMixin, "download_button", capture)
    return files


def _detail(db_url: str) -> Any:
    at = app(db_url, None, "projects.py")
    at.query_params[Key.PROJECT] = CARE
    return rerun(at)


def _xlsx(files: dict[str, bytes]) -> tuple[str, dict[str, str], list[Any]]:
    """(file name, 자료 정보 as head → value, the 성과지표 sheet's 실적 column)."""
    (name, data), *_ = [(n, d) for n, d in files.items() if n.endswith(".xlsx")]
    book = load_workbook(io.BytesIO(data))
    info = {str(a): str(b) for a, b in book[ExportText.SHEET_INFO].iter_rows(values_only=True)}
    sheet = book[ExportText.SHEET_INDICATORS]
    column = list(ExportText.XLSX_INDICATOR_COLUMNS).index("실적")
    actuals = [row[column] for row in sheet.iter_rows(min_row=2, values_only=True)]
    return name, info, actuals


def test_after_confirm_the_excel_is_the_confirmed_version_not_the_newer_upload(
    db_url: str, engine: Any, sent: dict[str, bytes]
) -> None:
    opened(engine, sample_results(), RoundStatus.CONFIRMED)
    _upload_newer(engine)
    at = _detail(db_url)
    shown = page_text(at)
    assert "새판.xlsx" in shown  # the screen: the version chosen in the sidebar
    name, info, actuals = _xlsx(sent)
    assert name.endswith(f"_{EditionText.FILE_SUFFIX}.xlsx"), name
    assert info["원본 파일"] == "sasang_2023.xlsx"
    assert info[EditionText.INFO_ROW].startswith("모니터링 회차 확정본 (")
    assert NEWER_ACTUAL not in actuals  # the newest upload's 실적 is not in the file
    # …and the page says plainly that file and screen differ, naming both.
    assert "이 화면의 숫자는 지금 선택된 파일 '새판.xlsx' 기준입니다." in shown
    assert "확정본('sasang_2023.xlsx')으로 내려받습니다. 화면과 숫자가 다를 수 있습니다." in shown
    assert any("다를 수 있습니다" in str(e.value) for e in at.info)  # a notice, not a caption


def test_after_confirm_on_the_version_on_screen_a_caption_says_it_is_the_confirmed_one(
    db_url: str, engine: Any, sent: dict[str, bytes]
) -> None:
    opened(engine, sample_results(), RoundStatus.CONFIRMED)
    at = _detail(db_url)
    name, _, _ = _xlsx(sent)
    assert name.endswith(f"_{EditionText.FILE_SUFFIX}.xlsx")
    assert "화면과 같은 파일 'sasang_2023.xlsx'" in page_text(at)
    assert not [e for e in at.info if "확정본" in str(e.value)]  # nothing to warn about


def test_before_confirm_the_excel_is_the_workbook_on_screen(
    db_url: str, engine: Any, sent: dict[str, bytes]
) -> None:
    opened(engine, sample_results(), RoundStatus.MERGING)
    _upload_newer(engine)
    at = _detail(db_url)
    name, info, actuals = _xlsx(sent)
    assert EditionText.FILE_SUFFIX not in name
    assert EditionText.INFO_ROW not in info
    assert info["원본 파일"] == "새판.xlsx"
    assert NEWER_ACTUAL in actuals
    assert "확정본" not in page_text(at)


def test_edition_says_what_the_file_is_and_whether_the_screen_differs() -> None:
    confirmed = sample_results()
    newer = read_workbook(_newer(), "새판.xlsx")
    when = datetime(2024, 3, 15, 5, 0, tzinfo=UTC)
    other = Edition(confirmed, newer, confirmed_at=when)
    assert other.confirmed and other.differs
    assert (
        other.info_row() == "모니터링 회차 확정본 (2024. 3. 15. 14:00 확정, 파일 sasang_2023.xlsx)"
    )
    assert "'새판.xlsx'" in other.note() and "다를 수 있습니다" in other.note()
    same = Edition(confirmed, confirmed, confirmed_at=when)
    assert not same.differs and "화면과 같은 파일" in same.note()
    draft = Edition(newer, newer)
    assert (draft.confirmed, draft.info_row(), draft.note()) == (False, "", "")
    lost = Edition(newer, newer, unreadable=True)
    assert "확정본이 아닙니다" in lost.note() and lost.info_row() == ""


def test_render_xlsx_puts_the_edition_first_in_its_info_sheet() -> None:
    data = render_xlsx(View.build(sample_results()), edition="모니터링 회차 확정본 (x)")
    rows = list(load_workbook(io.BytesIO(data))[ExportText.SHEET_INFO].iter_rows(values_only=True))
    assert rows[0] == (EditionText.INFO_ROW, "모니터링 회차 확정본 (x)")
    plain = render_xlsx(View.build(sample_results()))
    heads = [
        r[0]
        for r in load_workbook(io.BytesIO(plain))[ExportText.SHEET_INFO].iter_rows(values_only=True)
    ]
    assert EditionText.INFO_ROW not in heads


def test_when_the_confirmed_version_cannot_be_read_the_page_says_the_file_is_not_it(
    db_url: str, engine: Any, sent: dict[str, bytes], monkeypatch: pytest.MonkeyPatch
) -> None:
    book = load_workbook(SAMPLE_PATH)  # a stored version (not the bundled sample) …
    book["시행결과"]["P5"] = 1111
    out = io.BytesIO()
    book.save(out)
    store.save_workbook(
        engine, district=DISTRICT, year=YEAR, data=out.getvalue(), file_name="1차.xlsx",
        uploaded_by="장종윤",
    )  # fmt: skip
    opened(engine, read_workbook(out.getvalue(), "1차.xlsx"), RoundStatus.CONFIRMED)  # … pinned
    _upload_newer(engine)

    def lost(version_id: int) -> bytes:
        raise WorkbookError([])

    monkeypatch.setattr("lib.ui.round_actions.version_bytes", lost)
    at = _detail(db_url)
    name, info, actuals = _xlsx(sent)
    assert EditionText.FILE_SUFFIX not in name and EditionText.INFO_ROW not in info
    assert NEWER_ACTUAL in actuals  # what the screen shows, and the page says so
    assert any("확정본이 아닙니다" in str(e.value) for e in at.warning)
