"""Plotly figure builders: projector-proof (large type, horizontal bars, labels that read
without colour), one status colour per band. No streamlit here."""

from __future__ import annotations

import html
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


def _plain(text: str) -> str:
    """User text for plotly, which reads a subset of HTML: shown as typed, never as markup."""
    return html.escape(text, quote=False)


def _wrap(name: str, width: int = 16) -> str:
    """A name escaped and broken over lines of ``width`` characters."""
    return "<br>".join(_plain(line) for line in textwrap.wrap(name, width=width)) or _plain(name)


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
            customdata=[[i.id, _plain(i.name), _plain(i.note)] for i in items],
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


def drill_bars(
    items: Sequence[RateItem], bands: BandBounds, title: str = "", subtitle: str = ""
) -> go.Figure:
    """``rate_bars`` for drilling down: each name on its own line above its bar, so long
    Korean names are never cut and the bars get the chart's whole width; each rate label
    starts past both the bar and the 100% line, so the line never crosses it; a click
    anywhere on a bar's row (its name, its label, the space beside it) selects that bar.
    """
    fig = rate_bars(items, bands, title)
    bar = fig.data[0]
    values = [float(v) for v in bar.x]
    labels = list(bar.text)
    names = [_wrap(i.name, 28) for i in items]
    lines = max((n.count("<br>") + 1 for n in names), default=1)
    per_item = 92 + 26 * (lines - 1)
    bargap = 0.5 if lines == 1 else 0.6
    bar_px = per_item * (1 - bargap)
    top_margin = 104 if title and subtitle else 84 if title else 50
    top = max([100.0, *values])
    fig.update_traces(y=names, textposition="none")
    # The 100% line as a dashed tick through each bar's row, not across the names above.
    fig.layout.shapes = ()
    reach = (1 - bargap) / 2 + 0.04
    for row, (name, value, label) in enumerate(zip(names, values, labels, strict=True)):
        fig.add_shape(
            type="line",
            xref="x",
            yref="y",
            x0=100,
            x1=100,
            y0=row - reach,
            y1=row + reach,
            line={"color": "#777777", "dash": "dash", "width": 2},  # legible on light and dark
        )
        fig.add_annotation(
            x=0,
            y=name,
            text=name,
            showarrow=False,
            xanchor="left",
            yanchor="bottom",
            align="left",
            yshift=bar_px / 2 + 2,
            font={"size": BASE_FONT_SIZE},
        )
        fig.add_annotation(
            x=max(value, 100.0),
            y=name,
            text=label,
            showarrow=False,
            xanchor="left",
            xshift=8,
            font={"size": BASE_FONT_SIZE},
        )
    fig.update_layout(
        title={
            "text": title,
            "font": {"size": BASE_FONT_SIZE + 4},
            **(
                {"subtitle": {"text": subtitle, "font": {"size": BASE_FONT_SIZE - 2}}}
                if subtitle
                else {}
            ),
        }
        if title
        else None,
        height=per_item * len(items) + top_margin + 40,
        # The rate labels lie inside the plot area, not in the margin, so a click on a
        # label reaches the chart.
        margin={"l": 8, "r": 24, "t": top_margin, "b": 40},
        xaxis_range=[0, max(top * 1.55, 160.0)],
        yaxis={"showticklabels": False, "automargin": False},
        bargap=bargap,
        hovermode="y",
        hoverdistance=-1,  # no cutoff: the whole row hovers (and so clicks) its bar
        dragmode=False,
    )
    return fig


def target_actual_panels(indicators: Sequence[Indicator], title: str = "") -> go.Figure:
    """목표 and 실적 per indicator, one panel each on its own scale (a 4회 indicator is not
    dwarfed by a 1,200명 one); each panel is titled with the indicator, its unit and, for a
    하향 indicator, that lower is better."""
    from plotly.subplots import make_subplots

    from lib.schema import Direction
    from lib.strings_ko import StrategiesText as T

    count = max(len(indicators), 1)
    titles = [
        _plain(i.name + (f" ({i.unit})" if i.unit else ""))
        + (f" · {T.LOWER_IS_BETTER}" if i.direction is Direction.DOWN else "")
        for i in indicators
    ]
    fig = make_subplots(
        rows=count, cols=1, subplot_titles=titles or [""], vertical_spacing=0.5 / count
    )
    unit_of = [i.unit or "" for i in indicators]
    for row, (indicator, unit) in enumerate(zip(indicators, unit_of, strict=True), start=1):
        values = [indicator.target, indicator.actual]
        fig.add_trace(
            go.Bar(
                y=[T.TABLE_TARGET, T.TABLE_ACTUAL],
                x=[float(v) if v is not None else 0.0 for v in values],
                orientation="h",
                marker={
                    "color": ["#BBBBBB", "#0072B2"],
                    "pattern": {"shape": ["/", ""]},
                    "line": {"color": "rgba(0,0,0,0.35)", "width": 1},
                },
                text=[fmt.plain_number(v) + unit for v in values],
                textposition="outside",
                textfont={"size": BASE_FONT_SIZE},
                cliponaxis=False,
                hovertemplate="%{y} %{text}<extra></extra>",
                showlegend=False,
            ),
            row=row,
            col=1,
        )
        top = max((float(v) for v in values if v is not None), default=1.0) or 1.0
        fig.update_xaxes(
            range=[0, top * 1.25],
            showticklabels=False,
            gridcolor="rgba(128,128,128,0.25)",
            row=row,
            col=1,
        )
        fig.update_yaxes(
            autorange="reversed", tickfont={"size": BASE_FONT_SIZE - 2}, row=row, col=1
        )
    for annotation in fig.layout.annotations:
        annotation.update(x=0, xanchor="left", font={"size": BASE_FONT_SIZE})
    fig.update_layout(
        title={"text": title, "font": {"size": BASE_FONT_SIZE + 4}} if title else None,
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE},
        height=150 * count + (70 if title else 30),
        margin={"l": 10, "r": 110, "t": 90 if title else 40, "b": 10},
        bargap=0.3,
        hovermode="closest",
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return fig
