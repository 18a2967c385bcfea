"""Pieces of the 서면의견지 page: a sub-project's label and its numbers beside the form."""

from __future__ import annotations

import streamlit as st

from lib import format as fmt
from lib.flags import flags_of
from lib.metrics import sub_project_rate
from lib.schema import SubProject
from lib.status import band_label, band_of
from lib.strings_ko import Common, ProjectsText
from lib.strings_ko import ReviewText as T
from lib.ui.keys import Key, PagePath
from lib.ui.markup import escape_markdown
from lib.views import filters, tables


def project_label(sub_project: SubProject) -> str:
    """``사회보장사업 1-1-3 행복울타리 돌봄사업`` (and ``(폐지)``)."""
    label = T.PROJECT_OPTION.format(
        system=sub_project.system.value, code=sub_project.code, name=sub_project.name
    )
    return label + (T.PROJECT_ABOLISHED if sub_project.abolished else "")


def project_place(sp: SubProject) -> str:
    """``사회보장사업 1-1-3 · 전략 › 중점사업`` as markdown (the names escaped)."""
    return ProjectsText.DETAIL_CAPTION.format(
        system=sp.system.value,
        code=sp.code,
        strategy=escape_markdown(sp.strategy),
        key_project=escape_markdown(sp.key_project),
    )


def project_numbers(sp: SubProject, f: filters.Filter) -> None:
    """The project's rate, flags, budget and indicators, beside the form."""
    rate = sub_project_rate(sp)
    budget = tables.budget_view(sp)
    st.subheader(escape_markdown(sp.name), anchor=False)
    st.caption(project_place(sp))
    if sp.abolished:
        st.warning(T.ABOLISHED, icon=":material/block:")
    rate_col, flag_col = st.columns([1, 1])
    rate_col.metric(T.RATE, fmt.percent(rate))
    rate_col.caption(
        T.RATE_CAPTION.format(band=band_label(band_of(rate, f.bands)))
        if rate is not None
        else T.NO_RATE
    )
    badges = tables.flag_text(flags_of(sp, f.thresholds))
    flag_col.markdown(f"**{T.FLAGS}**  \n{escape_markdown(badges) if badges else T.NO_FLAGS}")
    changed = (
        fmt.thousand_won(budget.changed, unit=False)
        if budget.changed is not None
        else T.BUDGET_UNCHANGED
    )
    lines = [
        f"**{T.BUDGET}** ({Common.UNIT_THOUSAND_WON})",
        T.BUDGET_LINE.format(
            planned=fmt.thousand_won(budget.planned, unit=False),
            changed=changed,
            executed=fmt.thousand_won(budget.executed, unit=False),
        ),
        T.EXECUTION.format(rate=fmt.percent(budget.execution_rate)),
    ]
    if budget.is_changed:
        lines.append(
            T.REASON_MISSING
            if budget.reason_missing
            else T.REASON.format(reason=escape_markdown(budget.reason or ""))
        )
    st.markdown("  \n".join(lines))
    indicators = tables.indicator_table(sp, f.bands)
    indicators["achievement_rate"] = (
        indicators["achievement_rate"] + " " + indicators["band"]
    ).str.strip()
    st.dataframe(
        indicators,
        hide_index=True,
        column_order=["indicator", "unit", "target", "actual", "achievement_rate"],
        column_config={
            "indicator": st.column_config.TextColumn(T.INDICATOR),
            "unit": st.column_config.TextColumn(T.UNIT),
            "target": st.column_config.TextColumn(T.TARGET, alignment="right"),
            "actual": st.column_config.TextColumn(T.ACTUAL, alignment="right"),
            "achievement_rate": st.column_config.TextColumn(T.RATE, alignment="right"),
        },
    )
    st.page_link(
        PagePath.PROJECTS.script,
        label=T.DETAIL_LINK,
        icon=":material/table_rows:",
        query_params={Key.PROJECT.value: sp.id},
    )
