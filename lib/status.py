"""Status bands (달성 / 미달 / 저조): one colour, symbol and word per band, everywhere.

These bands colour the rates; they are not the 부진 flag, which is its own rule.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction

from lib.flags import Flag


class Band(StrEnum):
    ACHIEVED = "달성"
    SHORT = "미달"
    LOW = "저조"


@dataclass(frozen=True)
class BandBounds:
    """달성 ≥ achieved; 미달 low … achieved; 저조 < low (percent)."""

    achieved: Fraction = Fraction(100)
    low: Fraction = Fraction(80)


DEFAULT_BANDS = BandBounds()

# Okabe–Ito colours (colour-blind safe), each with a symbol so colour is never alone.
BAND_COLOUR: dict[Band, str] = {
    Band.ACHIEVED: "#0072B2",
    Band.SHORT: "#E69F00",
    Band.LOW: "#D55E00",
}
BAND_SYMBOL: dict[Band, str] = {Band.ACHIEVED: "●", Band.SHORT: "▲", Band.LOW: "▼"}
NO_RATE_COLOUR = "#999999"

FLAG_ICON: dict[Flag, str] = {
    Flag.BUDGET_CHANGED: "₩",
    Flag.UNDERPERFORMING: "▽",
    Flag.OVER_ACHIEVING: "↑",  # not ★: ★ marks a 우수사업 of the monitoring round
    Flag.LOW_EXECUTION: "◐",
    Flag.NEW: "＋",
    Flag.ABOLISHED: "✕",
}
FLAG_COLOUR: dict[Flag, str] = {
    Flag.BUDGET_CHANGED: "#CC79A7",
    Flag.UNDERPERFORMING: "#D55E00",
    Flag.OVER_ACHIEVING: "#009E73",
    Flag.LOW_EXECUTION: "#E69F00",
    Flag.NEW: "#56B4E9",
    Flag.ABOLISHED: "#666666",
}


def band_of(rate: Fraction | None, bounds: BandBounds = DEFAULT_BANDS) -> Band | None:
    """The band of an exact rate (None when there is no rate)."""
    if rate is None:
        return None
    if rate >= bounds.achieved:
        return Band.ACHIEVED
    if rate >= bounds.low:
        return Band.SHORT
    return Band.LOW


def band_label(band: Band | None) -> str:
    """``● 달성``: the symbol and word, readable without colour."""
    return "" if band is None else f"{BAND_SYMBOL[band]} {band.value}"


def flag_badge(flag: Flag) -> str:
    """``₩ 예산변경``: a flag as a text badge."""
    return f"{FLAG_ICON[flag]} {flag.value}"
