"""Every value the app reads from the URL, parsed by one tolerant function.

A URL is typed, pasted or forged by anyone: ``parse_url_value`` accepts a value only if it
fits its rule (a whole number in ASCII digits within a range, a known option, true/false,
or short printable text) and answers ``None`` otherwise — it never raises. At the top of
every run ``clean_url`` drops the values that fail (before any widget bound to the URL can
read them: Streamlit's own parser raises on ``?th_under=inf``) and keeps them for the
notice "주소(URL)에 있던 알 수 없는 값은 무시했습니다" (``dropped_notice``), which shows
each dropped value as plain text.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Final

import streamlit as st
from streamlit.errors import StreamlitAPIException

from lib.strings_ko import MeetingText
from lib.ui.keys import Key

MAX_URL_VALUE_CHARS: Final = 200  # longer values name nothing the app knows
MAX_SHOWN_CHARS: Final = 60  # a dropped value is cut to this in the notice
_WHOLE_NUMBER: Final = re.compile(r"-?[0-9]{1,9}")  # ASCII only: not ², ١, 1e999, inf
_UNPRINTABLE: Final = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2066-\u2069]")


@dataclass(frozen=True)
class WholeNumber:
    """A whole number written in ASCII digits (an optional leading '-'), low ≤ n ≤ high."""

    low: int
    high: int


@dataclass(frozen=True)
class Choice:
    """One of ``options``, exactly as written there."""

    options: Collection[str]


@dataclass(frozen=True)
class TrueFalse:
    """``true`` or ``false`` (any case), as Streamlit writes a bound checkbox."""


@dataclass(frozen=True)
class Text:
    """Printable text of at most ``MAX_URL_VALUE_CHARS`` characters (matched later)."""


Rule = WholeNumber | Choice | TrueFalse | Text
Value = int | str | bool


def parse_url_value(raw: object, rule: Rule) -> Value | None:
    """The value ``raw`` stands for under ``rule``, or ``None`` when it fits nothing. Never raises."""
    if not isinstance(raw, str) or len(raw) > MAX_URL_VALUE_CHARS or _UNPRINTABLE.search(raw):
        return None
    if isinstance(rule, WholeNumber):
        if not _WHOLE_NUMBER.fullmatch(raw):
            return None
        number = int(raw)  # at most 9 ASCII digits: cheap and exact
        return number if rule.low <= number <= rule.high else None
    if isinstance(rule, Choice):
        return raw if raw in rule.options else None
    if isinstance(rule, TrueFalse):
        lowered = raw.lower()
        return {"true": True, "false": False}.get(lowered)
    return raw if raw.strip() else None


# Every query parameter the app reads, with the rule it is checked by before any page runs.
# Options that depend on the workbook (체계, 추진전략, 행정동, 시군구, 연도, 사업) are
# checked again against it where it is known (lib.ui.filters, the pages), through the same
# function.
_THRESHOLD = WholeNumber(0, 1000)
URL_RULES: Final[Mapping[Key, Rule]] = {
    Key.SYSTEM: Text(),
    Key.STRATEGY: Text(),
    Key.DONG: Text(),
    Key.FLAG: Text(),
    Key.DISTRICT_WIDE: TrueFalse(),
    Key.UNDERPERFORMING: _THRESHOLD,
    Key.OVER_ACHIEVING: _THRESHOLD,
    Key.LOW_EXECUTION: _THRESHOLD,
    Key.BAND_ACHIEVED: _THRESHOLD,
    Key.BAND_LOW: _THRESHOLD,
    Key.DISTRICT: Text(),
    Key.YEAR: WholeNumber(1900, 2999),
    Key.PROJECT: Text(),
    Key.SLIDE: WholeNumber(1, 9999),  # the page clamps it to the deck
    Key.PATH: Text(),  # 체계, 추진전략, 중점사업, 사업: matched by the strategies page
    Key.ORDER: Choice((MeetingText.ORDER_RATE, MeetingText.ORDER_PLAN)),
}
MULTI_VALUED: Final = frozenset({Key.STRATEGY, Key.DONG, Key.FLAG, Key.PATH})


def dropped_entry(key: str, raw: str) -> str:
    """``key=value`` for the notice, the value cut short."""
    shown = raw if len(raw) <= MAX_SHOWN_CHARS else raw[: MAX_SHOWN_CHARS - 1] + "…"
    return f"{key}={shown}"


def split_values(key: Key, values: list[str], rule: Rule) -> tuple[list[str], list[str]]:
    """(values kept, ``key=value`` entries dropped) for one key's values in the URL.

    A key that takes one value keeps its last one (as Streamlit reads it); the others are
    dropped. Empty values are left alone (Streamlit treats ``?flag=`` as "none").
    """
    kept: list[str] = []
    dropped: list[str] = []
    for raw in values:
        if raw == "" or parse_url_value(raw, rule) is not None:
            kept.append(raw)
        else:
            dropped.append(dropped_entry(key, raw))
    if key not in MULTI_VALUED and len(kept) > 1:
        dropped += [dropped_entry(key, raw) for raw in kept[:-1]]
        kept = kept[-1:]
    return kept, dropped


def clean_url(rules: Mapping[Key, Rule] = URL_RULES) -> list[str]:
    """Drop from the URL every value its rule refuses; the ``key=value`` entries dropped.

    Call at the top of the run, before any widget bound to the URL: the values dropped on
    the first run of a page are also the ones its widgets would have read, so the run
    starts again without them (``st.rerun``) and the entries wait in
    ``st.session_state[Key.URL_NOTICE]`` for ``take_dropped``.
    """
    dropped: list[str] = []
    changed: dict[str, list[str]] = {}
    for key, rule in rules.items():
        values = st.query_params.get_all(key)
        if not values:
            continue
        kept, refused = split_values(key, values, rule)
        if refused:
            dropped += refused
            changed[key] = kept
    if not changed:
        return []
    for name, kept in changed.items():
        try:
            if kept:
                st.query_params[name] = kept
            else:
                del st.query_params[name]
        except StreamlitAPIException:  # bound to a widget already: it no longer reads the URL
            continue
    st.session_state[Key.URL_NOTICE] = [*st.session_state.get(Key.URL_NOTICE, []), *dropped]
    st.rerun()
    return dropped  # pragma: no cover  (st.rerun does not return)


def take_dropped() -> list[str]:
    """The entries ``clean_url`` dropped before this run started (once)."""
    found = st.session_state.pop(Key.URL_NOTICE, None)
    return list(found) if isinstance(found, list) else []


def url_number(key: Key, low: int, high: int) -> int | None:
    """The last value of ``key`` as a whole number in [low, high], or ``None``."""
    found = parse_url_value(st.query_params.get(key), WholeNumber(low, high))
    return found if isinstance(found, int) and not isinstance(found, bool) else None
