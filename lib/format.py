"""Exact rounding and Korean number and date formats: the only place numbers become text."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from zoneinfo import ZoneInfo

LOCAL_TIME = ZoneInfo("Asia/Seoul")  # dates are shown as Korean readers expect

Number = Fraction | Decimal | int


# The same formats as spreadsheet number-format codes (Excel cells, PPTX chart labels), so a
# number reads alike on screen, in the workbook and on a slide.
SHEET_RATE = '0.0"%"'  # 121.6%
SHEET_MONEY = "#,##0"  # 1,234 in a column headed with its unit (단위: 천원)
SHEET_NUMBER = "#,##0.##"  # an indicator figure: 1,200 or 36.1


def sheet_rate_with(suffix: str) -> str:
    """``121.6% ●``: the spreadsheet rate format followed by a fixed text (a band symbol)."""
    return f'0.0"% {suffix}"' if suffix else SHEET_RATE


def round_half_up(value: Number, places: int = 1) -> Decimal:
    """Round an exact number half up (121.65 → 121.7), never through a binary float: in
    integers, on the value's exact numerator and denominator."""
    if isinstance(value, Fraction):
        num, den = value.numerator, value.denominator
    elif isinstance(value, Decimal):
        num, den = value.as_integer_ratio()
    else:
        num, den = int(value), 1
    scaled = num * 10**places
    # floor(x + 1/2) for x ≥ 0; mirror for negatives so -0.05 → -0.1 (half away from zero).
    whole = (2 * scaled + den) // (2 * den) if scaled >= 0 else -((-2 * scaled + den) // (2 * den))
    return Decimal(whole).scaleb(-places).quantize(Decimal(1).scaleb(-places))


def rate_value(rate: Number | None) -> float | None:
    """A rate as the one-decimal number shown and output (121.6), or None."""
    if rate is None:
        return None
    if isinstance(rate, Fraction) and rate >= 0:  # the common case, in integers alone
        return pair_rate_value((rate.numerator, rate.denominator))
    return float(round_half_up(rate, 1))


def pair_rate_value(pair: tuple[int, int] | None) -> float | None:
    """``rate_value`` of a rate n/d given as its integer pair (n, d > 0), as ``lib.metrics``
    holds every rate: no ``Fraction`` is made for it (but for a rate below 0, which a
    workbook read by the rules never has)."""
    if pair is None:
        return None
    num, den = pair
    if num < 0:
        return float(round_half_up(Fraction(num, den), 1))
    # the tenths rounded half up; int ÷ int is the float nearest the quotient, as is float()
    # of the one-decimal Decimal that round_half_up gives
    return ((20 * num + den) // (2 * den)) / 10


def percent(rate: Number | None, empty: str = "–") -> str:
    """``121.6%``; a missing rate shows as a dash."""
    if rate is None:
        return empty
    return f"{round_half_up(rate, 1)}%"


MINUS = "−"  # U+2212, the minus sign of printed numbers (a hyphen reads as a dash)


def percent_points(delta: Number | None, empty: str = "–", signed: bool = True) -> str:
    """A change of rate in percentage points, half up on the exact value: ``+3.2%p``,
    ``−1.0%p``; ``0.0%p`` when it rounds to nothing. ``signed=False`` gives the size alone
    (``3.2%p``), for text whose arrow already says the direction."""
    if delta is None:
        return empty
    rounded = round_half_up(delta, 1)
    if rounded == 0:
        return "0.0%p"
    size = f"{abs(rounded)}%p"
    if not signed:
        return size
    return ("+" if rounded > 0 else MINUS) + size


def thousand_won(amount: Number | None, empty: str = "–", unit: bool = True) -> str:
    """``1,234천원`` (whole 천원, half up); ``unit=False`` for tables labelled "단위: 천원"."""
    if amount is None:
        return empty
    text = f"{round_half_up(amount, 0):,.0f}"
    return f"{text}천원" if unit else text


def signed_thousand_won(delta: Number | None, empty: str = "–", unit: bool = True) -> str:
    """A change of money with its sign and unit: ``+48,000천원``, ``−12,000천원``; ``0천원``
    when it rounds to nothing. ``unit=False`` for a table labelled "단위: 천원"."""
    if delta is None:
        return empty
    rounded = round_half_up(delta, 0)
    text = thousand_won(abs(rounded), unit=unit)
    if rounded == 0:
        return text
    return ("+" if rounded > 0 else MINUS) + text


def rate_with_band(rate: Number | None, band: str = "", empty: str = "–") -> str:
    """``121.6% ● 달성``: a rate and its band words (given as text, never colour alone)."""
    text = percent(rate, empty=empty)
    return f"{text} {band}" if band and rate is not None else text


def count(n: int, of: int | None = None, noun: str = "개") -> str:
    """``29개`` or, when filtered, ``29개 중 7개``."""
    if of is None or of == n:
        return f"{n:,}{noun}"
    return f"{of:,}{noun} 중 {n:,}{noun}"


def plain_number(value: Number | None, empty: str = "–") -> str:
    """An indicator figure as written: ``1,200``, ``36.1`` (no trailing zeros)."""
    if value is None:
        return empty
    d = Decimal(value) if not isinstance(value, Fraction) else round_half_up(value, 2)
    if d == d.to_integral_value():
        return f"{d.to_integral_value():,}"
    return f"{d.normalize():,f}"


def date_label(moment: datetime | date) -> str:
    """``2024. 3. 15.`` in Korean time (a plain date, e.g. a 회신 기한, as it is)."""
    local = moment.astimezone(LOCAL_TIME) if isinstance(moment, datetime) else moment
    return f"{local.year}. {local.month}. {local.day}."


def datetime_label(moment: datetime) -> str:
    """``2024. 3. 15. 14:05`` in Korean time."""
    local = moment.astimezone(LOCAL_TIME)
    return f"{local.year}. {local.month}. {local.day}. {local.hour:02d}:{local.minute:02d}"
