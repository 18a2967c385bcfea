"""Cell parsers: what one cell may hold, as a typed value or a Korean problem."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

from lib.schema import (
    BudgetUnit,
    CommentCategory,
    Direction,
    ProjectStatus,
    Rating,
    System,
)
from lib.strings_ko import Msg, ReadMsg
from lib.workbook.columns import _SPACES
from lib.workbook.limits import DEFAULT_LIMITS


class _UncachedFormula:
    """Stands in the grid for a formula cell that has no cached value."""

    def __init__(self, formula: str) -> None:
        self.formula = formula

    def __str__(self) -> str:
        return f"={self.formula}"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _line_blank(line: Sequence[Any]) -> bool:
    """Every cell of a row is blank (``_blank``), looked at until the first that is not."""
    for value in line:
        if value is None or value == "":
            continue
        if isinstance(value, str) and not value.strip():
            continue
        return False
    return True


def _filled(line: Sequence[Any], columns: Sequence[tuple[str, int]]) -> dict[str, Any]:
    """A row's cells by column name, leaving out empty ones (None or ''): a missing field
    takes its default, which is what validating an empty cell gives."""
    width = len(line)
    return {
        name: value
        for name, c in columns
        if c < width and (value := line[c]) is not None and value != ""
    }


# Characters no export can hold: C0 controls but tab and line breaks, DEL and C1 controls,
# lone surrogates and the two non-characters XML 1.0 forbids. Excel stores a control
# character as ``_x0001_``; python-calamine turns that back into the character.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")
SHOWN_MAX_CHARS = 80  # a value quoted in a problem is cut here


def clean_text(text: str) -> str:
    """Text with the control characters removed (workbook-format.md)."""
    return _CONTROL.sub("", text) if not text.isprintable() and _CONTROL.search(text) else text


def _shown(value: Any) -> str:
    """A cell value as the user typed it, for messages (control characters removed)."""
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    text = value.strip() if isinstance(value, str) else str(value)
    if len(text) > SHOWN_MAX_CHARS:
        text = text[: SHOWN_MAX_CHARS - 1] + "…"
    return clean_text(text)


def _err(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


def _check_formula(value: Any) -> Any:
    if isinstance(value, _UncachedFormula):
        raise _err("formula_uncached", Msg.FORMULA_UNCACHED)
    return value


# A number typed as text, once commas, spaces and a trailing % are gone: ASCII digits only
# (re.ASCII: Arabic-Indic or full-width digits are not numbers here).
_NUMBER_TEXT = re.compile(
    r"[+-]?(?P<mantissa>[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE](?P<exponent>[+-]?[0-9]+))?", re.ASCII
)
NUMBER_MIN = DEFAULT_LIMITS.number_min
NUMBER_MAX = DEFAULT_LIMITS.number_max
NUMBER_MAX_DIGITS = DEFAULT_LIMITS.number_max_digits
TEXT_MAX_CHARS = DEFAULT_LIMITS.max_text_chars
_FLOAT_MIN, _FLOAT_MAX = float(NUMBER_MIN), float(NUMBER_MAX)
_INFINITIES = (float("inf"), float("-inf"))


def _bounded(number: Decimal) -> Decimal:
    """The number if it is finite, 0 or within 10^-6..10^15, and has at most 22
    significant digits; else a Korean problem. Nothing here converts to int or float, so
    ``1e999999999`` costs no more than ``1``."""
    if not number.is_finite():
        raise _err("not_a_number", Msg.NOT_NUMBER)
    if not number:
        return Decimal(0)
    size = abs(number)
    if size > NUMBER_MAX or size < NUMBER_MIN:
        raise _err("number_range", ReadMsg.NUMBER_RANGE)
    digits = number.as_tuple().digits
    # Trailing zeros aside: 1.500000 has two significant digits.
    if len(digits) > NUMBER_MAX_DIGITS and len(bytes(digits).rstrip(b"\0")) > NUMBER_MAX_DIGITS:
        raise _err("number_digits", ReadMsg.NUMBER_DIGITS.format(digits=NUMBER_MAX_DIGITS))
    return number


def parse_number(value: Any) -> Decimal | None:
    """A number as written: ``1,234``, `` 85 ``, ``85%`` (→ 85); blank → None. Finite,
    ASCII digits, 0 or 10^-6 ≤ |x| ≤ 10^15 (``Limits``), else a Korean problem."""
    kind = type(value)
    if kind is float:  # the common case: a number cell
        # ≤ 17 significant digits always; the bounds checked on the float itself (exact at
        # 10^15, and repr of the float nearest 10^-6 is 1e-06).
        if value != value or value in _INFINITIES:
            raise _err("not_a_number", Msg.NOT_NUMBER)
        if value and not _FLOAT_MIN <= abs(value) <= _FLOAT_MAX:
            raise _err("number_range", ReadMsg.NUMBER_RANGE)
        # repr gives the shortest text that round-trips: what the cell XML holds.
        return Decimal(repr(value))
    if value is None or value == "":
        return None
    value = _check_formula(value)
    if _blank(value):
        return None
    if isinstance(value, (bool, datetime, date, time, timedelta)):
        raise _err("not_a_number", Msg.NOT_NUMBER)
    if isinstance(value, int):
        return _bounded(Decimal(value))
    if isinstance(value, float):
        return _bounded(Decimal(repr(value)))
    text = str(value).strip().replace(",", "").replace(" ", "")
    text = text.removesuffix("%")
    match = _NUMBER_TEXT.fullmatch(text)
    if match is None:
        raise _err("not_a_number", Msg.NOT_NUMBER)
    if len(text) > 4 * NUMBER_MAX_DIGITS:  # longer than any number within the limits
        raise _err("number_digits", ReadMsg.NUMBER_DIGITS.format(digits=NUMBER_MAX_DIGITS))
    exponent = match["exponent"]
    if exponent is not None and len(exponent.lstrip("+-0")) > 3:
        # 1e999999999: beyond every limit unless the mantissa is 0 (Decimal would refuse
        # the exponent, or quietly make 0 of 1e-999999999).
        if match["mantissa"].strip("0.") == "":
            return Decimal(0)
        raise _err("number_range", ReadMsg.NUMBER_RANGE)
    try:
        number = Decimal(text)
    except ArithmeticError:
        raise _err("not_a_number", Msg.NOT_NUMBER) from None
    return _bounded(number)


def parse_text(value: Any) -> str | None:
    """Trimmed text without control characters; numbers typed into a text column read as
    written (``1`` not ``1.0``)."""
    if type(value) is str:  # the common case: a text cell
        if len(value) > TEXT_MAX_CHARS:
            raise _err(
                "text_too_long", ReadMsg.TEXT_TOO_LONG.format(n=len(value), limit=TEXT_MAX_CHARS)
            )
        if not value.isprintable() and _CONTROL.search(value):  # most text is printable
            value = _CONTROL.sub("", value)
        return value.strip() or None
    if value is None:
        return None
    value = _check_formula(value)
    if _blank(value):
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return _shown(value)


_NOT_FOUND = object()


def _choice(mapping: dict[str, Any], allowed: str) -> Callable[[Any], Any]:
    # A cell holding exactly one of the names (the common case) needs no normalising.
    exact = {k: v for k, v in mapping.items() if k == _SPACES.sub("", k).upper()}

    def parse(value: Any) -> Any:
        if type(value) is str:
            found = exact.get(value, _NOT_FOUND)
            if found is not _NOT_FOUND:
                return found
        text = parse_text(value)
        if text is None:
            return None
        key = _SPACES.sub("", text).upper()
        if key not in mapping:
            raise _err("not_allowed", Msg.NOT_ALLOWED.format(allowed=allowed))
        return mapping[key]

    return parse


SYSTEM_NAMES: dict[str, System] = {
    "사회보장사업": System.SOCIAL_SECURITY,
    "지자체사회보장사업": System.SOCIAL_SECURITY,
    "지자체사회보장사업전략체계": System.SOCIAL_SECURITY,
    "Ⅰ": System.SOCIAL_SECURITY,
    "I": System.SOCIAL_SECURITY,
    "발전전략": System.DEVELOPMENT,
    "지역사회보장발전전략": System.DEVELOPMENT,
    "지역사회보장발전전략체계": System.DEVELOPMENT,
    "Ⅱ": System.DEVELOPMENT,
    "II": System.DEVELOPMENT,
}
parse_system = _choice(SYSTEM_NAMES, "사회보장사업, 발전전략")
parse_status = _choice({s.value: s for s in ProjectStatus}, "계속, 신설, 변경, 폐지")
parse_direction = _choice({d.value: d for d in Direction}, "상향, 하향")
parse_yes_no = _choice(
    {
        "Y": True,
        "YES": True,
        "예": True,
        "O": True,
        "N": False,
        "NO": False,
        "아니오": False,
        "X": False,
    },
    "Y, N",
)
parse_category = _choice({c.value: c for c in CommentCategory}, "시행결과, 민관협력")
parse_rating = _choice({r.value: r for r in Rating}, "적절, 보통, 부적절")
parse_budget_unit = _choice({u.value: u for u in BudgetUnit}, "천원, 백만원, 원")


def parse_year(value: Any) -> int | None:
    value = _check_formula(value)
    if _blank(value):
        return None
    text = _shown(value).removesuffix("년")
    if not re.fullmatch(r"[0-9]{4}", text) or not 2000 <= int(text) <= 2100:
        raise _err("not_a_year", Msg.NOT_YEAR)
    return int(text)


def parse_dongs(value: Any) -> tuple[str, ...]:
    if value == "전체":
        return ()
    text = parse_text(value)
    if text is None or _SPACES.sub("", text) == "전체":
        return ()
    return tuple(part.strip() for part in re.split(r"[,，、]", text) if part.strip())


Num = Annotated[Decimal | None, BeforeValidator(parse_number)]
Text = Annotated[str | None, BeforeValidator(parse_text)]
