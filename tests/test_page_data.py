"""데이터 관리: upload through the file uploader, a validation report, a preview, confirming
into the database, browser-only viewing; a rejected upload changes nothing."""

from __future__ import annotations

from typing import Any

import pytest
from streamlit.testing.v1 import AppTest

from lib import store
from lib.auth import hash_password
from lib.ui.keys import Key
from tests.conftest import META, build_workbook, open_app, page_text, with_cell

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(year: int = 2024, rows: Any = None) -> bytes:
    meta = [("시군구", "부산광역시 사상구"), ("연도", year), *META[2:]]
    return build_workbook(meta=meta, comments=None, **({"rows": rows} if rows is not None else {}))


def app(db_url: str, signed_in: bool = False) -> AppTest:
    reviewers = {"kim": {"name": "김담당", "password_hash": hash_password("pw-1234")}}
    at = open_app(
        "app_pages/data.py", db_url=db_url, secrets={"reviewers": reviewers} if signed_in else {}
    )
    assert not at.exception
    return at


def sign_in(at: AppTest) -> AppTest:
    from lib.ui.signin import Writer

    at.session_state[Key.REVIEWER] = Writer(name="김담당", identity="kim")
    return at.run()


def upload(at: AppTest, *files: tuple[str, bytes]) -> AppTest:
    at.file_uploader(key=Key.UPLOADER).set_value([(name, data, XLSX) for name, data in files]).run()
    assert not at.exception
    return at


def test_template_download_and_empty_store(db_url):
    at = app(db_url)
    assert "빈 양식 내려받기 (.xlsx)" in [b.label for b in at.get("download_button")]
    assert "아직 보관된 워크북이 없습니다" in page_text(at)


def test_rejected_upload_lists_every_problem_and_changes_nothing(db_url):
    bad = workbook(rows=with_cell(4, "목표", "약 300", with_cell(5, "실적", "-")))
    at = upload(app(db_url), ("bad.xlsx", bad))
    text = page_text(at)
    assert "'bad.xlsx'은(는) 반영하지 않았습니다: 문제 2건" in text
    problems = at.dataframe[0].value
    assert list(problems.columns) == ["시트", "행", "열", "내용", "입력값"]
    assert problems.values.tolist() == [
        ["시행결과", "4", "목표", "숫자가 아닙니다", "약 300"],
        ["시행결과", "5", "실적", "숫자가 아닙니다", "-"],
    ]
    assert "문제 목록 내려받기 (.xlsx)" in [b.label for b in at.get("download_button")]
    at.switch_page("app_pages/overview.py").run()
    assert [m.value for m in at.metric] == ["121.6%", "110.7%"]  # the loaded data is untouched
    assert store.latest_workbooks(store.create_store_engine(db_url)) == []


def test_not_an_xlsx_is_one_clear_line(db_url):
    at = upload(app(db_url), ("memo.xlsx", b"this is not a workbook"))
    assert "엑셀 통합문서(.xlsx) 파일이 아닙니다" in page_text(at)


def test_preview_then_confirm_needs_a_signed_in_reviewer(db_url):
    at = upload(app(db_url), ("2024.xlsx", workbook()))
    text = page_text(at)
    assert "'2024.xlsx': 검사를 통과했습니다" in text
    assert "부산광역시 사상구 2024년 자료가 새로 추가됩니다." in text
    assert "지자체 사회보장사업 전략체계: 추진전략 1개 · 세부사업 3개 · 달성률 116.6%" in text
    confirm = at.button(key="confirm_0")
    assert confirm.disabled and "로그인해야 합니다" in text


def test_confirmed_workbook_is_kept_and_shown_beside_the_sample(db_url):
    at = sign_in(app(db_url, signed_in=True))
    upload(at, ("2024.xlsx", workbook()))
    at.button(key="confirm_0").click().run()
    assert "부산광역시 사상구 2024년 자료를 저장했습니다 (버전 1)" in page_text(at)
    kept = store.latest_workbooks(store.create_store_engine(db_url))
    assert [(w.district, w.year, w.version, w.uploaded_by) for w in kept] == [
        ("부산광역시 사상구", 2024, 1, "김담당")
    ]
    # Every user of the server sees it: a fresh session lists 2023 and 2024.
    other = app(db_url)
    assert other.selectbox(key=Key.YEAR).options == ["2023", "2024"]


def test_second_upload_of_same_district_year_keeps_the_first(db_url):
    at = sign_in(app(db_url, signed_in=True))
    first = workbook()
    upload(at, ("v1.xlsx", first))
    at.button(key="confirm_0").click().run()
    second = workbook(rows=with_cell(2, "실적", 10))
    upload(at, ("v2.xlsx", second))
    assert "이미 있습니다 (버전 1)" in page_text(at)
    at.button(key="confirm_0").click().run()
    engine = store.create_store_engine(db_url)
    versions = store.workbook_versions(engine, "부산광역시 사상구", 2024)
    assert [(v.version, v.file_name) for v in versions] == [(1, "v1.xlsx"), (2, "v2.xlsx")]
    # The older version stays retrievable, byte for byte, and downloadable on the page.
    assert store.get_workbook_bytes(engine, versions[0].id) == first
    labels = [b.label for b in at.get("download_button")]
    assert "버전 1 내려받기" in labels and "버전 2 내려받기" in labels


def test_browser_only_view_without_saving(db_url):
    at = upload(app(db_url), ("2024.xlsx", workbook()))
    at.button(key="session_0").click().run()
    assert "이 브라우저에서만 보이도록 반영했습니다" in page_text(at)
    assert at.selectbox(key=Key.YEAR).value == 2024
    assert store.latest_workbooks(store.create_store_engine(db_url)) == []


def test_file_over_the_size_limit_is_refused_in_korean(db_url):
    at = upload(app(db_url), ("big.xlsx", b"PK" + b"\0" * (21 * 1024 * 1024)))
    assert "파일이 21MB로, 허용 한도(20MB)를 넘습니다. 파일을 나누어 올려 주세요." in page_text(at)


def _count_calls(monkeypatch: pytest.MonkeyPatch, target: str) -> list[str]:
    """Record each call of ``module.function`` by its second argument (still calling it)."""
    module_name, _, attr = target.rpartition(".")
    import importlib

    module = importlib.import_module(module_name)
    original = getattr(module, attr)
    calls: list[str] = []

    def counting(*args: Any, **kwargs: Any) -> Any:
        calls.append(str(args[1]) if len(args) > 1 else "")
        return original(*args, **kwargs)

    monkeypatch.setattr(module, attr, counting)
    return calls


def test_an_upload_is_parsed_once_whether_checked_kept_in_the_browser_or_confirmed(
    db_url, monkeypatch
):
    """One content-addressed loader: the check's parse is the one every later use finds;
    confirming does not read the bytes back from the database to parse them again."""
    bounded = _count_calls(monkeypatch, "lib.ui.data.read_bounded")
    in_process = _count_calls(monkeypatch, "lib.ui.data.read_workbook")
    fetched = _count_calls(monkeypatch, "lib.store.get_workbook_bytes")
    data = workbook(year=2031)  # a year no other test uses: nothing cached before
    at = sign_in(app(db_url, signed_in=True))
    upload(at, ("2031.xlsx", data))
    at.button(key="session_0").click().run()
    assert at.selectbox(key=Key.YEAR).value == 2031
    upload(at, ("2031.xlsx", data))
    at.button(key="confirm_0").click().run()
    assert "2031년 자료를 저장했습니다 (버전 1)" in page_text(at)
    other = app(db_url)  # a fresh session: the catalog now lists the kept workbook
    assert "2031" in other.selectbox(key=Key.YEAR).options
    assert bounded == ["2031.xlsx"]  # the upload's check, in the bounded child
    assert "2031.xlsx" not in in_process  # the kept one was found by its hash
    assert fetched == []  # its bytes were never read back from the database to be parsed


@pytest.mark.parametrize(
    ("edit", "expected"),
    [
        (
            lambda xml: xml.replace(b'r="A6"', b'r="XFD99999"'),
            "허용 범위 밖의 셀이 있습니다 (XFD99999)",
        ),
        (
            lambda xml: xml.replace(b'r="A6"', b'r="A99999999"'),
            "허용 범위 밖의 셀이 있습니다 (A99999999)",
        ),
    ],
)
def test_hostile_upload_is_a_korean_problem_and_the_server_lives(db_url, edit, expected):
    from tests.test_workbook_hostile import patch_part

    at = upload(
        app(db_url), ("hostile.xlsx", patch_part(workbook(), "xl/worksheets/sheet2.xml", edit))
    )
    assert "'hostile.xlsx'은(는) 반영하지 않았습니다: 문제 1건" in page_text(at)
    ((sheet, _, _, message, _),) = at.dataframe[0].value.values.tolist()
    assert sheet == "시행결과" and expected in message
    at.switch_page("app_pages/overview.py").run()
    assert [m.value for m in at.metric] == ["121.6%", "110.7%"]


def test_upload_with_a_huge_number_is_a_problem_not_an_error_box(db_url):
    rows = with_cell(6, "목표", "1e999999999")
    at = upload(app(db_url), ("numbers.xlsx", workbook(rows=rows)))
    assert not at.exception
    problems = at.dataframe[0].value.values.tolist()
    assert problems == [
        [
            "시행결과",
            "6",
            "목표",
            "숫자의 크기가 허용 범위(0 또는 0.000001 이상 1,000조 이하)를 벗어납니다",
            "1e999999999",
        ]
    ]
