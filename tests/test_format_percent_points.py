"""Changes of rate in percentage points (%p): signed, half up on the exact value."""

from decimal import Decimal
from fractions import Fraction

import pytest

from lib import format as fmt


@pytest.mark.parametrize(
    ("delta", "signed", "unsigned"),
    [
        (Fraction(32, 10), "+3.2%p", "3.2%p"),
        (Fraction(-1), "−1.0%p", "1.0%p"),  # a true minus sign (U+2212), not a hyphen
        (Fraction(-35, 3), "−11.7%p", "11.7%p"),  # −11.666…
        (Fraction(1, 20), "+0.1%p", "0.1%p"),  # 0.05 rounds half up
        (Fraction(-1, 20), "−0.1%p", "0.1%p"),  # and −0.05 half away from zero
        (Fraction(4, 100), "0.0%p", "0.0%p"),  # what rounds to nothing has no sign
        (Fraction(-4, 100), "0.0%p", "0.0%p"),
        (Fraction(0), "0.0%p", "0.0%p"),
        (Decimal("125.25"), "+125.3%p", "125.3%p"),
        (Fraction(1094999, 10000), "+109.5%p", "109.5%p"),  # 109.4999 → 109.5
    ],
)
def test_percent_points(delta, signed, unsigned):
    assert fmt.percent_points(delta) == signed
    assert fmt.percent_points(delta, signed=False) == unsigned


def test_percent_points_without_a_change():
    assert fmt.percent_points(None) == "–"
    assert fmt.percent_points(None, empty="전년 없음") == "전년 없음"
