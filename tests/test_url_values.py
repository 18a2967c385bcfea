"""Every URL value goes through one tolerant parser: odd values are dropped with a notice."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from lib.ui.keys import Key
from lib.ui.urlparams import (
    MAX_URL_VALUE_CHARS,
    URL_RULES,
    Choice,
    Text,
    TrueFalse,
    WholeNumber,
    parse_url_value,
    split_values,
)
from tests.conftest import open_app

ODD = ("²", "١", "١٠", "1e999", "inf", "-inf", "nan", "NaN", "1.5", "0x10", " 5", "5 ", "+5",
       "9" * 400, "99999999999999999999999", "٥٠", "５０", "\x00", "5\n", "[x](http://e)")  # fmt: skip


@pytest.mark.parametrize("raw", ODD)
def test_whole_number_refuses_odd_values(raw):
    assert parse_url_value(raw, WholeNumber(0, 1000)) is None


@pytest.mark.parametrize(("raw", "expected"), [("0", 0), ("-0", 0), ("080", 80), ("1000", 1000)])
def test_whole_number_reads_ascii_digits_in_range(raw, expected):
    assert parse_url_value(raw, WholeNumber(0, 1000)) == expected


@pytest.mark.parametrize("raw", ["-1", "1001", "123456789"])
def test_whole_number_out_of_range(raw):
    assert parse_url_value(raw, WholeNumber(0, 1000)) is None


def test_choice_text_and_true_false():
    assert parse_url_value("모라1동", Choice(["모라1동"])) == "모라1동"
    assert parse_url_value("모라1동 ", Choice(["모라1동"])) is None
    assert parse_url_value("TRUE", TrueFalse()) is True
    assert parse_url_value("false", TrueFalse()) is False
    assert parse_url_value("1", TrueFalse()) is None
    assert parse_url_value("사회보장사업/1-1-1", Text()) == "사회보장사업/1-1-1"
    assert parse_url_value("x" * (MAX_URL_VALUE_CHARS + 1), Text()) is None
    assert parse_url_value("a\u202eb", Text()) is None  # bidi override
    assert parse_url_value("   ", Text()) is None


@pytest.mark.parametrize("raw", [None, 5, b"5", ["5"]])
def test_not_a_string_is_refused_not_raised(raw):
    for rule in (WholeNumber(0, 9), Choice(["5"]), TrueFalse(), Text()):
        assert parse_url_value(raw, rule) is None


def test_repeated_single_key_keeps_the_last_valid_value():
    kept, dropped = split_values(Key.SLIDE, ["2", "x", "3"], URL_RULES[Key.SLIDE])
    assert kept == ["3"]
    assert dropped == ["slide=x", "slide=2"]
    kept, dropped = split_values(Key.DONG, ["a", "b", ""], URL_RULES[Key.DONG])
    assert (kept, dropped) == (["a", "b", ""], [])


def test_dropped_values_are_cut_short():
    _, dropped = split_values(Key.YEAR, ["9" * 150], URL_RULES[Key.YEAR])
    assert len(dropped[0]) < 70 and dropped[0].endswith("…")


# ── On the page (AppTest) ────────────────────────────────────────────────────────────


def run_app(params: dict[str, str | list[str]], page: str | None = None) -> AppTest:
    return open_app(page, query=params)


def notice(at: AppTest) -> str:
    return "\n".join(w.value for w in at.sidebar.warning)


NUMBER_KEYS = ("th_under", "th_over", "th_exec", "band_ok", "band_low")


@pytest.mark.parametrize("raw", ["inf", "1e999", "nan", "²", "١", "-5", "99999999999999999999999"])
@pytest.mark.parametrize("key", NUMBER_KEYS)
def test_odd_threshold_is_dropped_with_a_notice(key, raw):
    at = run_app({key: raw})
    assert not at.exception
    assert f"{key.replace('_', chr(92) + '_')}\\=" in notice(at)  # the escaped "key=" in the notice
    assert at.number_input(key=key).value == run_app({}).number_input(key=key).value
    assert key not in at.query_params


def test_valid_threshold_still_read():
    at = run_app({"th_under": "50"})
    assert not at.exception and not at.sidebar.warning
    assert at.number_input(key="th_under").value == 50


@pytest.mark.parametrize(
    "params",
    [
        {"district_wide": "maybe"},
        {"year": "²"},
        {"year": "1e999"},
        {"district": ""},
        {"system": ["발전전략", "없음"]},
        {"strategy": "$\\frac12$"},
        {"dong": "![i](http://127.0.0.1:9/x.png)"},
        {"flag": ":red[부진]"},
        {"project": "x" * 1000},
        {"slide": "²"},
        {"slide": "-1"},
        {"slide": ["1", "2"]},
        {"order": "[x](http://e)"},
        {"path": ["사회보장사업", "x" * 500]},
        {"path": ["없는체계", "$x$"]},
    ],
)
def test_no_url_value_raises(params):
    at = run_app(params)
    assert not at.exception
    for page in ("app_pages/present.py", "app_pages/strategies.py"):
        at.switch_page(page).run()
        assert not at.exception


@pytest.mark.parametrize("raw", ["²", "١", "1e999", "inf", "0", "-1", "", "3.0"])
def test_odd_slide_opens_the_first_slide(raw):
    at = run_app({"slide": raw}, page="app_pages/present.py")
    assert not at.exception
    counter = next(m.value for m in at.markdown if " / " in m.value)
    assert counter.lstrip("#* ").startswith("1 / ")


def test_markup_in_dropped_values_is_shown_as_text():
    at = run_app({"strategy": "[x](http://e.example)", "dong": "![i](http://e.example/i.png)"})
    shown = notice(at)
    assert "](" not in shown and "[x]" not in shown  # every bracket escaped
    assert "\\[x\\]\\(http\u2060\\:" in shown and "\\!\\[i\\]" in shown
