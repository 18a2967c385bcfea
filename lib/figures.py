"""Plotly figure builders: projector-proof (large type, horizontal bars, labels that read
without colour), one status colour per band. No streamlit here."""

from __future__ import annotations

import html
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

import plotly.graph_objects as go

from lib import format as fmt
from lib.schema import SYSTEM_ORDER, Indicator
from lib.status import BAND_COLOUR, NO_RATE_COLOUR, BandBounds, band_label, band_of
from lib.strings_ko import SYSTEM_FULL_NAME, ChangeText, Common, LayoutText
from lib.views.collection import RatePoint
from lib.views.drilldown import RateItem

FONT_FAMILY = "Noto Sans KR, Malgun Gothic, 맑은 고딕, Apple SD Gothic Neo, NanumGothic, sans-serif"
BASE_FONT_SIZE = 18
TARGET_LINE = Common.TARGET_100
# Text and outlines: 16.6:1 on white (KWCAG 2.2 1.4.3); the app's CSS turns chart text light
# in the dark theme. Every bar has this outline, so even a light fill (the Okabe–Ito orange)
# keeps a ≥ 3:1 edge against the background (1.4.11).
INK = "#1f1e1c"
GRID = "rgba(128,128,128,0.35)"
OUTLINE = {"color": INK, "width": 1.5}
RATE_TICKS = 50  # one tick every 50%, 0% included


def rate_ticks(top: float) -> dict[str, object]:
    """x-axis ticks 0%, 50%, 100%, … up to ``top``: 0% always shown, never overprinted."""
    values = list(range(0, int(top) + 1, RATE_TICKS))
    return {"tickmode": "array", "tickvals": values, "ticktext": [f"{v}%" for v in values]}


def _plain(text: str) -> str:
    """User text for plotly, which reads a subset of HTML: shown as typed, never as markup."""
    return html.escape(text, quote=False)


def _wrap(name: str, width: int = 16) -> str:
    """A name escaped and broken over lines of ``width`` characters."""
    return "<br>".join(_plain(line) for line in textwrap.wrap(name, width=width)) or _plain(name)


def by_rate(items: Sequence[RateItem]) -> list[RateItem]:
    """Lowest rate first (on top, where the eye starts), items without a rate last; ties
    keep their plan order."""
    return sorted(items, key=lambda i: (i.rate is None, i.rate if i.rate is not None else 0))


def rate_scale(*groups: Sequence[RateItem]) -> float:
    """One x-axis end for charts shown together, so equal rates have equal bars."""
    top = max((float(i.rate) for g in groups for i in g if i.rate is not None), default=100.0)
    return max(top, 100.0)


def alt_text(title: str, items: Sequence[RateItem], bands: BandBounds) -> str:
    """The chart's numbers as a sentence, for a screen reader (the chart's text alternative)."""
    parts = [
        f"{i.name} {fmt.rate_with_band(i.rate, band_label(band_of(i.rate, bands)))}" for i in items
    ]
    return f"{title}: " + ", ".join(parts) if title else ", ".join(parts)


def rate_bars(
    items: Sequence[RateItem],
    bands: BandBounds,
    title: str = "",
    scale: float | None = None,
) -> go.Figure:
    """Horizontal bars of achievement rates with a 100% line; first item on top. ``scale``
    is the highest rate of all the charts shown together (``rate_scale``)."""
    names = [_wrap(i.name) for i in items]
    values = [float(i.rate) if i.rate is not None else 0.0 for i in items]
    item_bands = [band_of(i.rate, bands) for i in items]
    colours = [BAND_COLOUR[b] if b is not None else NO_RATE_COLOUR for b in item_bands]
    labels = [
        (f"{fmt.percent(i.rate)} {band_label(b)}" if i.rate is not None else LayoutText.NO_RATE)
        + "".join(f"<br>{_plain(line)}" for line in i.change.splitlines())
        for i, b in zip(items, item_bands, strict=True)
    ]
    fig = go.Figure(
        go.Bar(
            x=values,
            y=names,
            orientation="h",
            marker={"color": colours, "line": OUTLINE},
            text=labels,
            textposition="outside",
            textfont={"size": BASE_FONT_SIZE, "color": INK},
            cliponaxis=False,
            customdata=[[i.id, _plain(i.name), _plain(i.note)] for i in items],
            hovertemplate="<b>%{customdata[1]}</b><br>%{text}<br>%{customdata[2]}<extra></extra>",
        )
    )
    top = max([*values, 100.0, scale or 0.0])
    fig.add_vline(
        x=100,
        line={"color": INK, "dash": "dash", "width": 2},
        annotation_text=TARGET_LINE,
        annotation_position="top",
        annotation_font_size=BASE_FONT_SIZE - 2,
    )
    longest = max((len(line) for n in names for line in n.split("<br>")), default=4)
    fig.update_layout(
        title={"text": title, "font": {"size": BASE_FONT_SIZE + 4}} if title else None,
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": INK},
        height=max(260, 70 * len(items) + 120),
        margin={"l": 20 + min(longest, 16) * 4, "r": 150, "t": 70 if title else 50, "b": 40},
        xaxis={
            "range": [0, max(top * 1.15, 120.0)],
            "title": None,
            "gridcolor": GRID,
            "tickfont": {"size": BASE_FONT_SIZE - 2, "color": INK},
            "tickangle": 0,
            **rate_ticks(max(top * 1.15, 120.0)),
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


SLIDE_FONT_SIZE = 24  # a projector's smallest type


def slide_bars(items: Sequence[RateItem], bands: BandBounds, height: int) -> go.Figure:
    """``rate_bars`` for a slide: 24 px type, names over two lines beside their bars, and
    the given height (``lib.exports.deck.chart_height_px``), so the slide fits the screen."""
    fig = rate_bars(items, bands)
    names = [_wrap(i.name, 13) for i in items]
    fig.update_traces(y=names, textfont={"size": SLIDE_FONT_SIZE, "color": INK})
    fig.update_annotations(font_size=SLIDE_FONT_SIZE - 2)
    fig.update_layout(
        height=height,
        font={"size": SLIDE_FONT_SIZE},
        margin={"l": 10, "r": 230, "t": 34, "b": 36},
        yaxis={"tickfont": {"size": SLIDE_FONT_SIZE, "color": INK}},
        xaxis={"tickfont": {"size": SLIDE_FONT_SIZE - 4, "color": INK}},
        bargap=0.3,
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
                name=LayoutText.TARGET,
                y=names,
                x=targets,
                orientation="h",
                marker={"color": "#BBBBBB", "pattern": {"shape": "/"}, "line": OUTLINE},
                text=[fmt.plain_number(i.target) for i in indicators],
                textposition="outside",
                cliponaxis=False,
            ),
            go.Bar(
                name=LayoutText.ACTUAL,
                y=names,
                x=actuals,
                orientation="h",
                marker={"color": "#0072B2", "line": OUTLINE},
                text=[fmt.plain_number(i.actual) for i in indicators],
                textposition="outside",
                cliponaxis=False,
            ),
        ]
    )
    fig.update_layout(
        title={"text": title} if title else None,
        barmode="group",
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": INK},
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
    items: Sequence[RateItem],
    bands: BandBounds,
    title: str = "",
    subtitle: str = "",
    scale: float | None = None,
) -> go.Figure:
    """``rate_bars`` for drilling down: each name on its own line above its bar, so long
    Korean names are never cut and the bars get the chart's whole width; each rate label
    starts past both the bar and the 100% line, so the line never crosses it; a click
    anywhere on a bar's row (its name, its label, the space beside it) selects that bar.
    """
    fig = rate_bars(items, bands, title, scale)
    bar = fig.data[0]
    values = [float(v) for v in bar.x]
    labels = list(bar.text)
    names = [_wrap(i.name, 28) for i in items]
    lines = max((n.count("<br>") + 1 for n in names), default=1)
    per_item = 92 + 26 * (lines - 1)
    bargap = 0.5 if lines == 1 else 0.6
    bar_px = per_item * (1 - bargap)
    top_margin = 124 if title and subtitle else 84 if title else 50
    top = max([100.0, *values, scale or 0.0])
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
            line={"color": INK, "dash": "dash", "width": 2},
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
            align="left",  # a change from last year on a second line starts under the rate
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
        margin={"l": 26, "r": 24, "t": top_margin, "b": 40},  # room for the 0% tick
        xaxis={"range": [0, max(top * 1.55, 160.0)], **rate_ticks(max(top * 1.55, 160.0))},
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
                    "line": OUTLINE,
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
            gridcolor=GRID,
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
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": INK},
        height=150 * count + (70 if title else 30),
        margin={"l": 10, "r": 110, "t": 90 if title else 40, "b": 10},
        bargap=0.3,
        hovermode="closest",
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return fig


# One line per system, told apart by marker and dash as well as colour (Okabe–Ito).
_SYSTEM_LINE = {
    SYSTEM_ORDER[0]: {"color": "#0072B2", "dash": "solid", "symbol": "circle"},
    SYSTEM_ORDER[1]: {"color": "#CC79A7", "dash": "dash", "symbol": "diamond"},
}


def trend_lines(points: Sequence[RatePoint], title: str = "") -> go.Figure:
    """Each system's rate per year (x: "2023년" categories), markers with value labels,
    a 100% target line, and a legend of the systems' full names."""
    years = sorted({p.year for p in points})
    categories = [ChangeText.YEAR_LABEL.format(year=y) for y in years]
    systems = [s for s in SYSTEM_ORDER if any(p.system is s for p in points)]
    fig = go.Figure()
    values: list[float] = []
    for n, system in enumerate(systems):
        rate_of = {p.year: p.rate for p in points if p.system is system}
        rates = [rate_of.get(y) for y in years]
        ys = [fmt.rate_value(r) for r in rates]
        values += [y for y in ys if y is not None]
        style = _SYSTEM_LINE[system]
        fig.add_trace(
            go.Scatter(
                x=categories,
                y=ys,
                name=SYSTEM_FULL_NAME[system.value],
                mode="lines+markers+text",
                line={"color": style["color"], "dash": style["dash"], "width": 3},
                marker={"symbol": style["symbol"], "size": 13, "color": style["color"]},
                text=[fmt.percent(r, empty="") for r in rates],
                # Two systems' labels on opposite sides of their points, so they never overlap.
                textposition="top center" if n == 0 else "bottom center",
                textfont={
                    "size": BASE_FONT_SIZE,
                    "color": INK,
                },  # text ≥ 4.5:1; the line keeps the colour
                cliponaxis=False,
                connectgaps=False,
                hovertemplate=f"<b>{_plain(SYSTEM_FULL_NAME[system.value])}</b><br>"
                "%{x} %{text}<extra></extra>",
            )
        )
    low, high = min([*values, 100.0]), max([*values, 100.0])
    pad = max((high - low) * 0.25, 8.0)
    fig.add_hline(
        y=100,
        line={"color": INK, "dash": "dot", "width": 2},
        annotation_text=TARGET_LINE,
        annotation_position="bottom right",
        annotation_font_size=BASE_FONT_SIZE - 2,
    )
    fig.update_layout(
        title={"text": title, "font": {"size": BASE_FONT_SIZE + 4}} if title else None,
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": INK},
        height=440,
        margin={"l": 20, "r": 30, "t": 70 if title else 30, "b": 40},
        xaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": categories,
            "tickfont": {"size": BASE_FONT_SIZE},
            "title": None,
        },
        yaxis={
            "range": [max(low - pad, 0.0), high + pad],
            "ticksuffix": "%",
            "tickfont": {"size": BASE_FONT_SIZE - 2},
            "gridcolor": GRID,
            "title": None,
        },
        legend={
            "orientation": "h",
            "x": 0,
            "y": -0.12,
            "yanchor": "top",
            "font": {"size": BASE_FONT_SIZE - 2},
        },
        hovermode="closest",
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return fig


COMPARISON_ALL_UP_TO = 30  # up to this many districts every bar is drawn
COMPARISON_EACH_END = 10  # beyond that: the top and bottom this many, and the selected one


@dataclass(frozen=True)
class Ranked:
    """One district in a comparison: its rank (1 = highest rate; tied rates share a rank)."""

    rank: int | None  # None when the district has no rate
    point: RatePoint


def ranked(points: Sequence[RatePoint]) -> list[Ranked]:
    """Highest rate first (exact rates), districts without a rate last; ties share a rank."""
    rated = sorted(
        (p for p in points if p.rate is not None),
        key=lambda p: (-(p.rate or 0), p.district),
    )
    out: list[Ranked] = []
    for n, point in enumerate(rated, start=1):
        tied = out and out[-1].point.rate == point.rate
        out.append(Ranked(out[-1].rank if tied else n, point))
    out += [Ranked(None, p) for p in sorted(points, key=lambda p: p.district) if p.rate is None]
    return out


def comparison_rows(
    rows: Sequence[Ranked],
    highlight_district: str,
    all_up_to: int = COMPARISON_ALL_UP_TO,
    each_end: int = COMPARISON_EACH_END,
) -> list[Ranked | int]:
    """What the comparison chart draws: every row when there are few; otherwise the top and
    bottom ``each_end`` and the highlighted one, with the number of rows left out (an int)
    where rows are skipped."""
    if len(rows) <= all_up_to:
        return list(rows)
    keep = set(range(each_end)) | set(range(len(rows) - each_end, len(rows)))
    keep |= {n for n, r in enumerate(rows) if r.point.district == highlight_district}
    out: list[Ranked | int] = []
    skipped = 0
    for n, row in enumerate(rows):
        if n in keep:
            if skipped:
                out.append(skipped)
                skipped = 0
            out.append(row)
        else:
            skipped += 1
    if skipped:
        out.append(skipped)
    return out


def common_prefix(districts: Sequence[str]) -> str:
    """The 시도 every district name starts with (``부산광역시`` of ``부산광역시 북구``), or ''
    when the names come from several 시도 or do not start with one."""
    firsts = {d.split(" ", 1)[0] for d in districts}
    if len(districts) < 2 or len(firsts) != 1 or not all(" " in d for d in districts):
        return ""
    first = firsts.pop()
    return first if first.endswith(LayoutText.PROVINCE_SUFFIXES) else ""


def comparison_bars(
    points: Sequence[RatePoint],
    highlight_district: str,
    bands: BandBounds,
    title: str = "",
    all_up_to: int = COMPARISON_ALL_UP_TO,
    each_end: int = COMPARISON_EACH_END,
) -> go.Figure:
    """Horizontal bars of one system's rate per district in one year, highest first.

    The highlighted district reads ``▶ 이름 (선택)`` in bold with a thick outline (never
    colour alone). Up to ``all_up_to`` districts every one is drawn (the chart grows); past
    that, the top and bottom ``each_end``, the highlighted one and "⋯ n개 생략" rows, so
    229 districts still fit a projector. Names drop the 시도 they all share.
    """
    if len({(p.system, p.year) for p in points}) > 1:
        raise ValueError("comparison_bars takes the points of one system and one year")
    rows = comparison_rows(ranked(points), highlight_district, all_up_to, each_end)
    prefix = common_prefix([p.district for p in points])
    names: list[str] = []
    values: list[float] = []
    colours: list[str] = []
    outlines: list[float] = []
    labels: list[str] = []
    hover: list[list[str]] = []
    for row in rows:
        if isinstance(row, int):
            names.append(ChangeText.GAP.format(n=row))
            values.append(0.0)
            colours.append("rgba(0,0,0,0)")
            outlines.append(0.0)
            labels.append("")
            hover.append(["", ""])
            continue
        district = row.point.district
        short = district[len(prefix) + 1 :] if prefix else district
        band = band_of(row.point.rate, bands)
        chosen = district == highlight_district
        names.append(
            f"<b>▶ {_plain(short)} ({ChangeText.SELECTED})</b>" if chosen else _plain(short)
        )
        values.append(fmt.rate_value(row.point.rate) or 0.0)
        colours.append(BAND_COLOUR[band] if band is not None else NO_RATE_COLOUR)
        outlines.append(3.0 if chosen else 1.0)
        rank = ChangeText.RANK.format(rank=row.rank) if row.rank is not None else ""
        labels.append(
            " · ".join(
                part
                for part in (
                    fmt.percent(row.point.rate, empty=LayoutText.NO_RATE),
                    band_label(band),
                    rank,
                )
                if part
            )
        )
        hover.append([_plain(district), rank])
    positions = list(range(len(rows)))  # numbers, not names: two "⋯ n개 생략" rows may read alike
    fig = go.Figure(
        go.Bar(
            x=values,
            y=positions,
            orientation="h",
            marker={
                "color": colours,
                "line": {"color": INK, "width": outlines},
            },
            text=labels,
            textposition="none",  # drawn below as annotations, clear of the 100% line
            customdata=hover,
            hovertemplate="<b>%{customdata[0]}</b><br>%{text}<extra></extra>",
        )
    )
    # Labels and the 100% line set in one layout update: one add_annotation per row costs
    # milliseconds each, and this chart is redrawn on every rerun.
    annotations = [
        {
            "x": max(value, 100.0),
            "y": position,
            "text": label,
            "showarrow": False,
            "xanchor": "left",
            "xshift": 6,
            "font": {"size": BASE_FONT_SIZE - 2},
        }
        for position, value, label in zip(positions, values, labels, strict=True)
        if label
    ]
    annotations.append(
        {
            "x": 100,
            "xref": "x",
            "y": 1,
            "yref": "paper",
            "yanchor": "bottom",
            "text": TARGET_LINE,
            "showarrow": False,
            "font": {"size": BASE_FONT_SIZE - 2},
        }
    )
    target = {
        "type": "line",
        "x0": 100,
        "x1": 100,
        "xref": "x",
        "y0": 0,
        "y1": 1,
        "yref": "paper",
        "line": {"color": INK, "dash": "dash", "width": 2},
    }
    top = max([*values, 100.0])
    fig.update_layout(
        annotations=annotations,
        shapes=[target],
        title={"text": title, "font": {"size": BASE_FONT_SIZE + 4}} if title else None,
        font={"family": FONT_FAMILY, "size": BASE_FONT_SIZE, "color": INK},
        height=max(260, 40 * len(rows) + 130),
        margin={"l": 20, "r": 40, "t": 80 if title else 50, "b": 40},
        xaxis={
            "range": [0, max(top * 1.45, 150.0)],
            "ticksuffix": "%",
            "title": None,
            "gridcolor": GRID,
            "tickfont": {"size": BASE_FONT_SIZE - 2},
            "dtick": 50,
        },
        yaxis={
            "autorange": "reversed",
            "automargin": True,
            "title": None,
            "tickmode": "array",
            "tickvals": positions,
            "ticktext": names,
            "tickfont": {"size": BASE_FONT_SIZE - 2},
        },
        bargap=0.3,
        showlegend=False,
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
    )
    return fig
