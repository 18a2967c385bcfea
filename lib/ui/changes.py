"""What changed from the previous year, the trend over years and the comparison of
districts, as the pages show them: computed once per run, and the comparison (every loaded
district's rates, 229 of them at national scale) once per set of loaded workbooks."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import streamlit as st

from lib import figures
from lib import format as fmt
from lib.metrics import GroupSummary
from lib.schema import Results, System
from lib.status import BandBounds, band_label, band_of
from lib.strings_ko import SYSTEM_FULL_NAME, ChangeText
from lib.ui.keys import Key
from lib.ui.markup import escape_markdown
from lib.views.collection import (
    Catalog,
    Change,
    RatePoint,
    YearChanges,
    change_label,
    comparison,
    trend,
)


@st.cache_data(show_spinner=False, max_entries=64)
def _comparison(year: int, loaded: tuple[str, ...], _catalog: Catalog) -> list[RatePoint]:
    """``loaded`` (each workbook's 시군구 and content hash) is the key; ``_catalog`` is not
    hashed."""
    return comparison(_catalog, year)


def comparison_points(catalog: Catalog, year: int) -> list[RatePoint]:
    """Every loaded district's system rates in ``year`` (cached by the workbooks' hashes)."""
    loaded = tuple(
        f"{r.meta.district}\x1f{r.source_sha256}" for r in catalog.entries if r.meta.year == year
    )
    return _comparison(year, loaded, catalog)


def metric_delta(change: Change | None, previous_year: int | None) -> dict[str, Any]:
    """``st.metric`` keyword arguments that show a change as text: ``▲ 3.2%p`` with
    "전년(2023) 대비" beside it. The arrow is in the text and the colour stays grey: colour
    would say nothing the arrow does not, and red means "up" to many Korean readers."""
    if change is None or previous_year is None:
        return {}
    comparable = change.previous is not None and change.current is not None
    return {
        "delta": change_label(change),  # "전년 없음" alone when there is nothing to compare
        "delta_arrow": "off",
        "delta_color": "off",
        "delta_description": ChangeText.AGAINST.format(year=previous_year) if comparable else None,
    }


def against_line(change: Change, previous_year: int) -> str:
    """``전년(2023) 대비 ▲ 3.2%p``; ``전년 없음`` when there is nothing to compare."""
    if change.previous is None or change.current is None:
        return change_label(change)
    return ChangeText.AGAINST_LINE.format(year=previous_year, change=change_label(change))


def against_short(change: Change) -> str:
    """``전년 대비 ▲ 3.2%p`` (the year said elsewhere on the screen), or ``전년 없음``."""
    if change.previous is None or change.current is None:
        return change_label(change)
    return ChangeText.AGAINST_SHORT.format(change=change_label(change))


def strategy_change_table(
    results: Results, changes: YearChanges, system: System, summaries: Sequence[GroupSummary]
) -> None:
    """Under a strategy chart: each strategy's rate this year and last, and the change;
    a strategy that seems renamed says its old name (names are user text: escaped)."""

    def name(summary: GroupSummary) -> str:
        own = escape_markdown(summary.strategy or "")
        old = changes.strategy_renames.get((system, summary.strategy or ""))
        if not old:
            return own
        return f"{own}  \n{ChangeText.PREVIOUS_NAME_GUESS.format(name=escape_markdown(old))}"

    of = [changes.strategy(system, s.strategy or "") for s in summaries]
    st.table(
        {
            ChangeText.TABLE_STRATEGY: [name(s) for s in summaries],
            ChangeText.TABLE_YEAR.format(year=results.meta.year): [
                fmt.percent(s.achievement_rate) for s in summaries
            ],
            ChangeText.TABLE_YEAR.format(year=changes.previous_year): [
                fmt.percent(c.previous) for c in of
            ],
            ChangeText.TABLE_CHANGE: [change_label(c) for c in of],
        },
        hide_index=True,
    )


def trend_section(catalog: Catalog, results: Results, systems: Sequence[System]) -> None:
    """The selected 시군구's rate per loaded year, when two or more years are loaded."""
    district = results.meta.district
    years = catalog.years(district)
    if len(years) < 2:
        return
    st.header(ChangeText.TREND)
    st.caption(
        ChangeText.TREND_CAPTION.format(
            district=escape_markdown(district),
            years=", ".join(ChangeText.YEAR_LABEL.format(year=y) for y in years),
        )
    )
    st.plotly_chart(
        figures.trend_lines([p for p in trend(catalog, district) if p.system in systems]),
        width="stretch",
        key=Key.CHANGES_TREND,
        config={"displayModeBar": False},
        alt=ChangeText.TREND,
    )


def comparison_section(
    catalog: Catalog, results: Results, systems: Sequence[System], bands: BandBounds
) -> None:
    """Every 시군구 loaded for the selected year, one tab per system, when there are two or
    more; past ``figures.COMPARISON_ALL_UP_TO`` the chart keeps both ends and the selected
    one, and the whole ranking is a table below it."""
    year = results.meta.year
    everywhere = comparison_points(catalog, year)
    count = len({p.district for p in everywhere})
    if count < 2:
        return
    trimmed = count > figures.COMPARISON_ALL_UP_TO
    st.header(ChangeText.COMPARISON.format(year=year))
    prefix = figures.common_prefix(sorted({p.district for p in everywhere}))
    st.caption(
        ChangeText.COMPARISON_CAPTION.format(
            year=year,
            count=fmt.count(count),
            scope=ChangeText.COMPARISON_SCOPE.format(prefix=prefix) if prefix else "",
        )
    )
    if trimmed:
        end = figures.COMPARISON_EACH_END
        st.caption(ChangeText.COMPARISON_TRIMMED.format(top=end, bottom=end))
    tabs = st.tabs([SYSTEM_FULL_NAME[s.value] for s in systems])
    for tab, system in zip(tabs, systems, strict=True):
        points = [p for p in everywhere if p.system is system]
        with tab:
            st.plotly_chart(
                figures.comparison_bars(points, results.meta.district, bands),
                width="stretch",
                key=f"{Key.CHANGES_COMPARISON}{system.name}",
                config={"displayModeBar": False},
                alt=ChangeText.COMPARISON.format(year=year),
            )
            if trimmed:
                with st.expander(ChangeText.COMPARISON_TABLE.format(count=fmt.count(len(points)))):
                    _ranking_table(points, bands)


def _ranking_table(points: Sequence[RatePoint], bands: BandBounds) -> None:
    rows = figures.ranked(points)
    st.dataframe(
        {
            ChangeText.TABLE_RANK: [r.rank for r in rows],
            ChangeText.TABLE_DISTRICT: [r.point.district for r in rows],
            ChangeText.TABLE_RATE: [fmt.rate_value(r.point.rate) for r in rows],
            ChangeText.TABLE_BAND: [band_label(band_of(r.point.rate, bands)) for r in rows],
        },
        hide_index=True,
        column_config={ChangeText.TABLE_RATE: st.column_config.NumberColumn(format="%.1f%%")},
    )
