"""One status vocabulary and Korean number formats."""

from decimal import Decimal
from fractions import Fraction

import pytest

from lib import format as fmt
from lib.status import Band, BandBounds, band_label, band_of


@pytest.mark.parametrize(
    ("rate", "band"),
    [
        (Fraction(100), Band.ACHIEVED),
        (Fraction(9999, 100), Band.SHORT),
        (Fraction(80), Band.SHORT),
        (Fraction(7999, 100), Band.LOW),
    ],
)
def test_bands(rate, band):
    assert band_of(rate) is band


def test_band_bounds_adjustable_and_labels_read_without_colour():
    assert band_of(Fraction(90), BandBounds(achieved=Fraction(90))) is Band.ACHIEVED
    assert band_label(Band.LOW) == "▼ 저조"
    assert band_of(None) is None


def test_korean_number_formats():
    assert fmt.percent(Fraction(12165, 100)) == "121.7%"
    assert fmt.percent(None) == "–"
    assert fmt.thousand_won(Decimal("1234.4")) == "1,234천원"
    assert fmt.thousand_won(Decimal("1234.5"), unit=False) == "1,235"
    assert fmt.count(7, 29) == "29개 중 7개"
    assert fmt.count(29, 29) == "29개"
    assert fmt.plain_number(Decimal("36.10")) == "36.1"
    assert fmt.plain_number(Decimal("1200")) == "1,200"
