"""One way to write a number: money with its unit, signed changes, rates with their band."""

from decimal import Decimal
from fractions import Fraction

import pytest

from lib import format as fmt


@pytest.mark.parametrize(
    ("amount", "with_unit", "bare"),
    [
        (1234, "1,234천원", "1,234"),
        (Decimal("18737000"), "18,737,000천원", "18,737,000"),
        (Fraction(2469, 2), "1,235천원", "1,235"),  # 1,234.5 rounds half up
        (0, "0천원", "0"),
        (None, "–", "–"),
    ],
)
def test_thousand_won(amount, with_unit, bare):
    assert fmt.thousand_won(amount) == with_unit
    assert fmt.thousand_won(amount, unit=False) == bare


@pytest.mark.parametrize(
    ("delta", "with_unit", "bare"),
    [
        (48000, "+48,000천원", "+48,000"),
        (Decimal("-12000"), "−12,000천원", "−12,000"),  # U+2212, not a hyphen
        (Fraction(-1, 2), "−1천원", "−1"),  # −0.5 half away from zero
        (Fraction(2, 5), "0천원", "0"),  # what rounds to nothing has no sign
        (0, "0천원", "0"),
        (None, "–", "–"),
    ],
)
def test_signed_thousand_won(delta, with_unit, bare):
    assert fmt.signed_thousand_won(delta) == with_unit
    assert fmt.signed_thousand_won(delta, unit=False) == bare


@pytest.mark.parametrize(
    ("rate", "text"),
    [
        (Fraction(1216, 10), "121.6%"),
        (Fraction(12165, 100), "121.7%"),  # half up
        (Decimal("105.55"), "105.6%"),
        (Fraction(100), "100.0%"),  # always one decimal
        (Fraction(0), "0.0%"),
        (None, "–"),
    ],
)
def test_percent_has_one_decimal_and_the_sign(rate, text):
    assert fmt.percent(rate) == text


def test_rate_with_band_keeps_the_word():
    assert fmt.rate_with_band(Fraction(1216, 10), "● 달성") == "121.6% ● 달성"
    assert fmt.rate_with_band(None, "● 달성") == "–"
    assert fmt.rate_with_band(Fraction(50), "") == "50.0%"
