"""점검 필요 사업: a section per flag with its active threshold, counts, and each project with
the number that raised the flag; every name links to the project's detail."""

from __future__ import annotations

import streamlit as st

from lib import format as fmt
from lib.flags import Flag, flag_note, flag_rule
from lib.status import flag_badge
from lib.strings_ko import Common, FlagsText
from lib.ui.data import current_view
from lib.ui.keys import Key, PagePath
from lib.ui.markup import escape_markdown
from lib.ui.reviews import comment_views
from lib.ui.round_actions import star
from lib.ui.widgets import filter_line, provenance
from lib.views import tables

T = FlagsText

# A flag's threshold is the sidebar's URL-bound number input; the input in its section is
# a second widget with its own key, kept equal to the sidebar's in both directions.
THRESHOLD_KEYS: dict[Flag, tuple[Key, Key]] = {
    Flag.UNDERPERFORMING: (Key.FLAGS_UNDERPERFORMING, Key.UNDERPERFORMING),
    Flag.OVER_ACHIEVING: (Key.FLAGS_OVER_ACHIEVING, Key.OVER_ACHIEVING),
    Flag.LOW_EXECUTION: (Key.FLAGS_LOW_EXECUTION, Key.LOW_EXECUTION),
}
MONEY_FLAGS = (Flag.BUDGET_CHANGED, Flag.LOW_EXECUTION)

view = current_view()
results, f, shown = view.results, view.filter, list(view.shown)
views = comment_views(results)
counts = tables.flag_counts(results, f)


def _to_sidebar(page_key: Key, sidebar_key: Key) -> None:
    st.session_state[sidebar_key] = st.session_state[page_key]


def _threshold_input(flag: Flag) -> None:
    page_key, sidebar_key = THRESHOLD_KEYS[flag]
    st.session_state[page_key] = st.session_state.get(sidebar_key)
    st.number_input(
        T.THRESHOLD,
        min_value=0,
        max_value=1000,
        step=5,
        key=page_key,
        on_change=_to_sidebar,
        args=(page_key, sidebar_key),
        help=T.THRESHOLD_HELP,
    )


st.title(T.TITLE)
provenance(results)
filter_line(results, f, key=Key.FLAGS_CLEAR)
st.caption(T.INTRO)
if not shown:
    st.warning(Common.EMPTY_FILTERED)

summary = st.columns(len(Flag))
for column, flag in zip(summary, Flag, strict=True):
    n_shown, n_all = counts[flag]
    column.metric(flag_badge(flag), fmt.count(n_shown))
    if f.narrows:
        column.caption(T.OF_ALL.format(n=n_all))

for flag in Flag:
    n_shown, n_all = counts[flag]
    rule = flag_rule(flag, f.thresholds)
    with st.container(border=True):
        head, control = st.columns([3, 1], vertical_alignment="bottom")
        head.header(
            T.HEADER.format(
                badge=flag_badge(flag),
                rule=rule,
                count=fmt.count(n_shown, n_all if f.narrows else None),
            ),
            anchor=False,
        )
        head.caption(flag_note(flag))
        if flag in THRESHOLD_KEYS:
            with control:
                _threshold_input(flag)
        rows = tables.flag_table(shown, flag, f.thresholds, views)
        if rows.empty:
            st.caption(T.NONE)
            continue
        if flag in MONEY_FLAGS:
            st.caption(T.UNIT)
        for row in rows.itertuples(index=False):
            name_col, evidence_col, rating_col = st.columns([4, 5, 2], vertical_alignment="center")
            name_col.page_link(
                PagePath.PROJECTS.script,
                label=escape_markdown(star(results, row.id) + row.name),
                query_params={Key.PROJECT.value: row.id},
                icon=":material/arrow_forward:",
            )
            name_col.caption(escape_markdown(f"{row.system} {row.code}"))
            lines = [f"**{escape_markdown(row.evidence)}**"]
            if row.reason_missing:
                lines.append(f":orange-badge[{T.REASON_MISSING}]")
            elif row.reason:
                lines.append(escape_markdown(T.REASON.format(reason=row.reason)))
            evidence_col.markdown("  \n".join(lines))
            if row.ratings:
                rating_col.caption(T.RATINGS.format(summary=row.ratings))

st.header(T.STRATEGY_RATINGS, anchor=False)
st.caption(T.STRATEGY_RATINGS_HELP)
strategy_rows = tables.strategy_ratings(views, shown)
st.table(  # wraps on a narrow screen; st.table reads markdown, so names are escaped
    {
        T.STRATEGY_RATINGS_COLUMNS[0]: [escape_markdown(str(r[0])) for r in strategy_rows],
        T.STRATEGY_RATINGS_COLUMNS[1]: [escape_markdown(str(r[1])) for r in strategy_rows],
        T.STRATEGY_RATINGS_COLUMNS[2]: [escape_markdown(str(r[2])) for r in strategy_rows],
    },
    hide_index=True,
)
