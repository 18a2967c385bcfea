"""Plotly figure builders: projector-proof (large type, horizontal bars, labels that read
without colour), one status colour per band. No streamlit here."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction

import plotly.graph_objects as go

from lib import format as fmt
from lib.schema import Indicator
from lib.status import BAND_COLOUR, NO_RATE_COLOUR, BandBounds, band_label, band_of

FONT_FAMILY = "Noto Sans KR, Malgun Gothic, 맑은 고딕, Apple SD Gothic Neo, NanumGothic, sans-serif"
BASE_FONT_SIZE = 18
TARGET_LINE = "목표 100%"


@dataclass(frozen=True)
class RateItem:
    """One bar: an id to drill into (customdata), its name and exact rate."""

    id: str
    name: str
    rate: Fraction | None
    note: str = ""  # e.g. "세부사업 6개", shown in the hover


def _wrap(name: str, width: int = 16) -> str:
    return "<br>".join(textwrap.wrap(name, width=width)) or name


def rate_bars(items: Sequence[RateItem], bands: BandBounds, title: str = "") -> go.Figure:
    """Horizontal bars of achievement rates with a 100% line; first item on top."""
    names = [_wrap(i.name) for i in items]
    values = [float(i.rate) if i.rate is not None else 0.0 for i in items]
    item_bands = [band_of(i.rate, bands) for i in items]
    colours = [BAND_COLOUR[b] if b is not None else NO_RATE_COLOUR for b in item_bands]
    labels = [
        f"{fmt.percent(i.rate)} {band_label(b)}" if i.rate is not None else "달성률 없음"
        for i, b in zip(items, item_bands, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=names,
            orientation="h",
            marker={"color": colours, "line": {"color": "rgba(0,0,0,0.35)", "width": 1}},
            text=labels,
            textposition="outside",
            textfont={"size": BASE_FONT_SIZE},
            cliponaxis=False,
            customdata=[[i.id, i.name, i.note] for i in items],
            hovertemplate="<b>%{customdata[1]}</b><br>%{text}<br>%{customdata[2]}<extra></extra>",
        )
    )
    top = max([*values, 100.0])
    fig.add_vline(
        x=100,
        line={"color": "#444444", "dash": "dash", "width": 2},
        annotation_text=TARGET_LINE,
        annotation_position="top",
        annotation_font_size=BASE_FONT_SIZE - 2,
    )
    longest = max((len(line) for n in names for line in n.split("<br>")), default=4)
    fig.update_layout(
        title={"text": title, "font": {"size": BASE_FONT_SIZE + 4}} if title else None,
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE},
        height=max(260, 70 * len(items) + 120),
        margin={"l": 20 + min(longest, 16) * 4, "r": 150, "t": 70 if title else 50, "b": 40},
        xaxis={
            "range": [0, max(top * 1.15, 120.0)],
            "ticksuffix": "%",
            "title": None,
            "gridcolor": "rgba(128,128,128,0.25)",
            "tickfont": {"size": BASE_FONT_SIZE - 2},
            "tickangle": 0,
            "dtick": 50,
        },
        yaxis={
            "autorange": "reversed",
            "automargin": True,
            "title": None,
            "tickfont": {"size": BASE_FONT_SIZE},
        },
        bargap=0.35,
        showlegend=False,
        clickmode="event+select",
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return fig


def target_vs_actual(indicators: Sequence[Indicator], title: str = "") -> go.Figure:
    """목표 and 실적 side by side per indicator (each with its unit)."""
    names = [_wrap(f"{i.name} ({i.unit})" if i.unit else i.name, 18) for i in indicators]
    targets = [float(i.target) if i.target is not None else None for i in indicators]
    actuals = [float(i.actual) if i.actual is not None else None for i in indicators]
    fig = go.Figure(
        [
            go.Bar(
                name="목표",
                y=names,
                x=targets,
                orientation="h",
                marker={"color": "#BBBBBB", "pattern": {"shape": "/"}},
                text=[fmt.plain_number(i.target) for i in indicators],
                textposition="outside",
                cliponaxis=False,
            ),
            go.Bar(
                name="실적",
                y=names,
                x=actuals,
                orientation="h",
                marker={"color": "#0072B2"},
                text=[fmt.plain_number(i.actual) for i in indicators],
                textposition="outside",
                cliponaxis=False,
            ),
        ]
    )
    fig.update_layout(
        title={"text": title} if title else None,
        barmode="group",
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE},
        height=max(240, 110 * len(indicators) + 100),
        margin={"l": 20, "r": 60, "t": 60 if title else 30, "b": 30},
        yaxis={"autorange": "reversed", "automargin": True, "tickfont": {"size": BASE_FONT_SIZE}},
        xaxis={"tickfont": {"size": BASE_FONT_SIZE - 2}},
        legend={"orientation": "h", "y": 1.08, "x": 0},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return fig


def drill_bars(items: Sequence[RateItem], bands: BandBounds, title: str = "") -> go.Figure:
    """``rate_bars`` for drilling down: a click anywhere on a bar's row selects it.

    Hover (and so a click) follows the row (``hovermode="y"``), so the text label beyond
    the bar's end and the empty space beside a short bar pick that bar too.
    """
    fig = rate_bars(items, bands, title)
    fig.update_layout(hovermode="y", dragmode=False)
    return fig
