"""The shared sidebar filters, bound to the URL, and the Filter they make."""

from __future__ import annotations

from fractions import Fraction

import streamlit as st

from lib.flags import DEFAULT_THRESHOLDS, Flag, Thresholds
from lib.schema import Results, System
from lib.status import DEFAULT_BANDS, BandBounds
from lib.strings_ko import FilterText as T
from lib.ui.keys import Key
from lib.ui.markup import escape_markdown
from lib.ui.urlparams import Choice, dropped_entry, parse_url_value, take_dropped
from lib.views import filters
from lib.views.collection import Catalog

_DEFAULTS: dict[Key, object] = {
    Key.SYSTEM: None,
    Key.STRATEGY: [],
    Key.DONG: [],
    Key.FLAG: [],
    Key.DISTRICT_WIDE: False,
    Key.UNDERPERFORMING: int(DEFAULT_THRESHOLDS.underperforming),
    Key.OVER_ACHIEVING: int(DEFAULT_THRESHOLDS.over_achieving),
    Key.LOW_EXECUTION: int(DEFAULT_THRESHOLDS.low_execution),
    Key.BAND_ACHIEVED: int(DEFAULT_BANDS.achieved),
    Key.BAND_LOW: int(DEFAULT_BANDS.low),
}


def _url_values(key: Key) -> list[str]:
    return [v for v in st.query_params.get_all(key) if v != ""]


def _check_url(results: Results) -> list[str]:
    """Values in the URL that the loaded workbook does not know (read before widgets)."""
    opts = filters.options(results)
    allowed: dict[Key, tuple[str, ...]] = {
        Key.SYSTEM: tuple(s.value for s in opts.systems),
        Key.STRATEGY: opts.strategies,
        Key.DONG: opts.dongs,
        Key.FLAG: tuple(f.value for f in Flag),
    }
    dropped: list[str] = []
    for key, values in allowed.items():
        dropped += [
            dropped_entry(key, v)
            for v in dict.fromkeys(_url_values(key))
            if parse_url_value(v, Choice(values)) is None
        ]
    system = parse_url_value(st.query_params.get(Key.SYSTEM), Choice(allowed[Key.SYSTEM]))
    if isinstance(system, str):
        # Strategies of the other system are unknown under this one.
        in_system = Choice(filters.options(results, System(system)).strategies)
        dropped += [
            dropped_entry(Key.STRATEGY, v)
            for v in _url_values(Key.STRATEGY)
            if v in opts.strategies and parse_url_value(v, in_system) is None
        ]
    return dropped


def _reset() -> None:
    for key, value in _DEFAULTS.items():
        st.session_state[key] = value


def _number(key: Key, label: str, low: int = 0, high: int = 1000) -> Fraction:
    default = _DEFAULTS[key]
    assert isinstance(default, int)
    value = st.number_input(
        label, min_value=low, max_value=high, value=default, step=5, key=key, bind="query-params"
    )
    return Fraction(int(value))


def sidebar_source(catalog: Catalog, preferred_district: str) -> tuple[Results, list[str]]:
    """Choose which workbook to show (시군구, 연도 selectors bound to the URL, shown only when
    more than one workbook is loaded); return it and the URL values that named nothing."""
    districts = catalog.districts()
    dropped: list[str] = []
    wanted = st.query_params.get(Key.DISTRICT)
    if wanted is not None and parse_url_value(wanted, Choice(districts)) is None:
        dropped.append(dropped_entry(Key.DISTRICT, wanted))
    default = preferred_district if preferred_district in districts else districts[0]
    if len(catalog.entries) == 1:
        only = catalog.entries[0]
        wanted_year = st.query_params.get(Key.YEAR)
        if (
            wanted_year is not None
            and parse_url_value(wanted_year, Choice([str(only.meta.year)])) is None
        ):
            dropped.append(dropped_entry(Key.YEAR, wanted_year))
        return only, dropped
    with st.sidebar:
        st.subheader(T.SOURCE)
        district = st.selectbox(
            T.DISTRICT,
            districts,
            index=districts.index(default),
            key=Key.DISTRICT,
            bind="query-params",
        )
        years = catalog.years(district)
        wanted_year = st.query_params.get(Key.YEAR)
        if (
            wanted_year is not None
            and parse_url_value(wanted_year, Choice([str(y) for y in years])) is None
        ):
            dropped.append(dropped_entry(Key.YEAR, wanted_year))
        if st.session_state.get(Key.YEAR) not in (None, *years):
            st.session_state[Key.YEAR] = years[-1]  # the year chosen before is not kept here
        year = st.selectbox(
            T.YEAR,
            years,
            index=len(years) - 1,
            key=Key.YEAR,
            bind="query-params",  # ?year=2024: the URL holds the option as shown, so no format_func
        )
    results = catalog.get(district, year)
    assert results is not None
    return results, dropped


def sidebar_filter(results: Results, dropped_before: list[str] | None = None) -> filters.Filter:
    """Draw the shared filters in the sidebar and return the Filter for this run."""
    dropped = [*take_dropped(), *(dropped_before or []), *_check_url(results)]
    opts = filters.options(results)
    with st.sidebar:
        st.subheader(T.HEADER)
        if dropped:
            st.warning(
                T.DROPPED.format(values=", ".join(escape_markdown(d) for d in dropped)),
                icon=":material/warning:",
            )
        system_value = st.segmented_control(
            T.SYSTEM,
            [s.value for s in opts.systems],
            key=Key.SYSTEM,
            bind="query-params",
            help=T.SYSTEM_ALL,
        )
        system = System(system_value) if system_value else None
        strategy_options = filters.options(results, system).strategies
        current = st.session_state.get(Key.STRATEGY)
        if isinstance(current, list) and any(s not in strategy_options for s in current):
            st.session_state[Key.STRATEGY] = [s for s in current if s in strategy_options]
        strategies = st.multiselect(
            T.STRATEGY,
            strategy_options,
            key=Key.STRATEGY,
            bind="query-params",
            select_all=False,  # Streamlit's "Select all" is English, and all is the default
            placeholder=T.STRATEGY_PLACEHOLDER,
        )
        dongs = st.multiselect(
            T.DONG,
            opts.dongs,
            key=Key.DONG,
            bind="query-params",
            placeholder=T.DONG_PLACEHOLDER,
            select_all=False,
        )
        include_wide = st.checkbox(
            T.DISTRICT_WIDE,
            value=False,
            key=Key.DISTRICT_WIDE,
            bind="query-params",
            help=T.DISTRICT_WIDE_HELP,
        )
        flag_values = st.multiselect(
            T.FLAG,
            [f.value for f in Flag],
            key=Key.FLAG,
            bind="query-params",
            select_all=False,
            placeholder=T.FLAG_PLACEHOLDER,
        )
        with st.expander(T.THRESHOLDS):
            thresholds = Thresholds(
                underperforming=_number(Key.UNDERPERFORMING, T.UNDERPERFORMING),
                over_achieving=_number(Key.OVER_ACHIEVING, T.OVER_ACHIEVING),
                low_execution=_number(Key.LOW_EXECUTION, T.LOW_EXECUTION),
            )
            bands = BandBounds(
                achieved=_number(Key.BAND_ACHIEVED, T.BAND_ACHIEVED),
                low=_number(Key.BAND_LOW, T.BAND_LOW),
            )
            st.caption(T.BAND_NOTE)
        st.button(T.CLEAR, on_click=_reset, width="stretch", icon=":material/filter_alt_off:")
    return filters.Filter(
        system=system,
        strategies=tuple(strategies),
        dongs=tuple(dongs),
        include_district_wide=bool(include_wide),
        flags=tuple(Flag(v) for v in flag_values),
        thresholds=thresholds,
        bands=bands,
    )


def link_params(f: filters.Filter, **narrower: str | list[str]) -> dict[str, str | list[str]]:
    """URL values of ``f`` for a link to another page, with ``narrower`` added (e.g. a flag),
    so the list behind a count opens with the same filter."""
    params: dict[str, str | list[str]] = {}
    if f.system is not None:
        params[Key.SYSTEM] = f.system.value
    if f.strategies:
        params[Key.STRATEGY] = list(f.strategies)
    if f.dongs:
        params[Key.DONG] = list(f.dongs)
        params[Key.DISTRICT_WIDE] = str(f.include_district_wide).lower()
    if f.flags:
        params[Key.FLAG] = [flag.value for flag in f.flags]
    params.update(narrower)
    return params


def current_filter() -> filters.Filter:
    found = st.session_state.get(Key.FILTER)
    return found if isinstance(found, filters.Filter) else filters.Filter()


def reset_filters() -> None:
    """Callback for a '필터 모두 지우기' button anywhere."""
    _reset()
