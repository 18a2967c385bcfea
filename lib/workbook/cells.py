"""Cell parsers: what one cell may hold, as a typed value or a Korean problem."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
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
from lib.strings_ko import Msg
from lib.workbook.columns import _SPACES


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


def _shown(value: Any) -> str:
    """A cell value as the user typed it, for messages."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if isinstance(value, str) else str(value)


def _err(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


def _check_formula(value: Any) -> Any:
    if isinstance(value, _UncachedFormula):
        raise _err("formula_uncached", Msg.FORMULA_UNCACHED)
    return value


def parse_number(value: Any) -> Decimal | None:
    """A number as written: ``1,234``, `` 85 ``, ``85%`` (→ 85); blank → None."""
    kind = type(value)
    if kind is float:  # the common case: a number cell
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
        return Decimal(value)
    if isinstance(value, float):
        # repr gives the shortest text that round-trips: what the cell XML holds.
        return Decimal(repr(value))
    text = str(value).strip().replace(",", "").replace(" ", "")
    text = text.removesuffix("%")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _err("not_a_number", Msg.NOT_NUMBER) from None
    if not number.is_finite():
        raise _err("not_a_number", Msg.NOT_NUMBER)
    return number


def parse_text(value: Any) -> str | None:
    """Trimmed text; numbers typed into a text column read as written (``1`` not ``1.0``)."""
    if type(value) is str:  # the common case: a text cell
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
    if not re.fullmatch(r"\d{4}", text) or not 2000 <= int(text) <= 2100:
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
