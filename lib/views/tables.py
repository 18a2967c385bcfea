"""Tables for the 세부사업 and 점검 필요 사업 pages, built from Results and a Filter.

Pure pandas: numbers stay numbers where a table sorts by them (rates rounded half up to
the one decimal shown, budgets in whole 천원); small detail tables hold display text made
by ``lib.format``. No streamlit here.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction

import pandas as pd

from lib import comments as cm
from lib import format as fmt
from lib.flags import Flag, Thresholds, flag_evidence, flags_of
from lib.metrics import budget_changed, execution_rate, rates, sub_project_rate
from lib.schema import Indicator, Results, SubProject
from lib.status import BandBounds, band_label, band_of, flag_badge
from lib.strings_ko import ProjectsText
from lib.views import filters

PROJECT_COLUMNS: tuple[str, ...] = (
    "id",  # 체계/사업번호, the URL id
    "system",
    "code",
    "name",
    "strategy",
    "key_project",
    "achievement_rate",  # float, one decimal; NaN when 폐지 or no rate
    "band",  # "● 달성"
    "flags",  # "₩ 예산변경  ▽ 부진"
    "budget_planned",  # Int64, 천원
    "budget_final",
    "budget_executed",
    "execution_rate",  # float, one decimal; NaN when none
    "area",  # "전체" or "모라1동, 덕포2동"
    "department",
    "status",  # 사업구분
)

INDICATOR_COLUMNS: tuple[str, ...] = (
    "indicator",
    "unit",
    "direction",
    "weight",
    "target",
    "actual",
    "achievement_rate",
    "band",
    "source",
)

FLAG_COLUMNS: tuple[str, ...] = (
    "id",
    "system",
    "code",
    "name",
    "evidence",  # the number that raised the flag, as text
    "reason",  # 예산변경사유 (예산변경 only), "" when none
    "reason_missing",  # 예산변경 without a reason
    "ratings",  # "적절 1 · 보통 0 · 부적절 0" when rated comments exist, else ""
)

RATE_AXIS_MIN_MAX = 200  # a progress bar whose middle is the 100% target


def area_label(sub_project: SubProject) -> str:
    """사업지역 as read: ``전체`` or the 동 list."""
    return ProjectsText.AREA_ALL if sub_project.district_wide else ", ".join(sub_project.dongs)


def rows_label(rows: Iterable[int]) -> str:
    """Excel rows compressed into runs: ``12–13``, ``8, 10–11``."""
    ordered = sorted(set(rows))
    runs: list[tuple[int, int]] = []
    for row in ordered:
        if runs and row == runs[-1][1] + 1:
            runs[-1] = (runs[-1][0], row)
        else:
            runs.append((row, row))
    return ", ".join(str(a) if a == b else f"{a}–{b}" for a, b in runs)


def source_label(rows: Iterable[int]) -> str:
    """``시행결과 시트 12–13행``: where a number was read."""
    return ProjectsText.SHEET_ROWS.format(rows=rows_label(rows))


def flag_text(flags: Iterable[Flag]) -> str:
    """Flags as text badges, in Flag order."""
    return "  ".join(flag_badge(f) for f in flags)


def _won(amount: Decimal | None) -> int | None:
    return None if amount is None else int(fmt.round_half_up(amount, 0))


def project_table(results: Results, f: filters.Filter) -> pd.DataFrame:
    """One row per sub-project the filter keeps (폐지 ones too), in workbook order."""
    records = []
    for sp in filters.apply(results.sub_projects, f):
        rate = sub_project_rate(sp)
        records.append(
            {
                "id": sp.id,
                "system": sp.system.value,
                "code": sp.code,
                "name": sp.name,
                "strategy": sp.strategy,
                "key_project": sp.key_project,
                "achievement_rate": fmt.rate_value(rate),
                "band": band_label(band_of(rate, f.bands)),
                "flags": flag_text(flags_of(sp, f.thresholds)),
                "budget_planned": _won(sp.budget_planned),
                "budget_final": _won(sp.budget_final),
                "budget_executed": _won(sp.budget_executed),
                "execution_rate": fmt.rate_value(execution_rate(sp)),
                "area": area_label(sp),
                "department": sp.department or "",
                "status": sp.status.value,
            }
        )
    table = pd.DataFrame.from_records(records, columns=list(PROJECT_COLUMNS))
    for column in ("achievement_rate", "execution_rate"):
        table[column] = table[column].astype("float64")
    for column in ("budget_planned", "budget_final", "budget_executed"):
        table[column] = table[column].astype("Int64")
    return table


def rate_axis_max(table: pd.DataFrame) -> int:
    """End of the 달성률 progress bar: 200 (target in the middle), or above the top rate."""
    top = table["achievement_rate"].max() if len(table) else float("nan")
    if pd.isna(top) or top <= RATE_AXIS_MIN_MAX:
        return RATE_AXIS_MIN_MAX
    return int(math.ceil(float(top) / 50) * 50)


@dataclass(frozen=True)
class IndicatorRow:
    """One indicator as every table shows it (세부사업, 전략별 성과, the Excel export)."""

    indicator: Indicator
    rate: Fraction | None  # as counted: None under 폐지 (lib.metrics' one rule)
    rate_text: str  # ``109.8%``
    band: str  # the band's label, never colour alone
    source: str  # its Excel row in sheet 시행결과 (``8행``)


def indicator_rows(sub_project: SubProject, bands: BandBounds) -> list[IndicatorRow]:
    """The sub-project's indicators with their rates looked up, built once for every table."""
    return [
        IndicatorRow(
            indicator=ind,
            rate=rate,
            rate_text=fmt.percent(rate),
            band=band_label(band_of(rate, bands)),
            source=ProjectsText.INDICATOR_ROW.format(row=ind.row),
        )
        for ind, rate in zip(sub_project.indicators, rates(sub_project).indicators, strict=True)
    ]


def indicator_table(sub_project: SubProject, bands: BandBounds) -> pd.DataFrame:
    """The sub-project's indicators as shown: 목표 / 실적 / 달성률 / 방향, each with its Excel row
    in sheet 시행결과 (``8행``)."""
    records = [
        {
            "indicator": row.indicator.name,
            "unit": row.indicator.unit or "",
            "direction": row.indicator.direction.value,
            "weight": fmt.plain_number(row.indicator.weight, empty=""),
            "target": fmt.plain_number(row.indicator.target),
            "actual": fmt.plain_number(row.indicator.actual),
            "achievement_rate": row.rate_text,
            "band": row.band,
            "source": row.source,
        }
        for row in indicator_rows(sub_project, bands)
    ]
    return pd.DataFrame.from_records(records, columns=list(INDICATOR_COLUMNS))


@dataclass(frozen=True)
class BudgetView:
    """A sub-project's budget 당초 → 변경 → 집행 (천원), with its reason and source rows."""

    planned: Decimal | None
    changed: Decimal | None  # None: unchanged
    final: Decimal | None
    executed: Decimal | None
    execution_rate: Fraction | None
    is_changed: bool  # the 예산변경 rule
    reason: str | None
    source: str

    @property
    def reason_missing(self) -> bool:
        """A budget change with no 예산변경사유."""
        return self.is_changed and not (self.reason or "").strip()


def budget_view(sub_project: SubProject) -> BudgetView:
    return BudgetView(
        planned=sub_project.budget_planned,
        changed=sub_project.budget_changed,
        final=sub_project.budget_final,
        executed=sub_project.budget_executed,
        execution_rate=execution_rate(sub_project),
        is_changed=budget_changed(sub_project),
        reason=(sub_project.budget_change_reason or "").strip() or None,
        source=source_label(sub_project.rows),
    )


def rating_line(views: Iterable[cm.CommentView], sub_project: SubProject) -> str:
    """``적절 1 · 보통 0 · 부적절 0`` for the comments about it, or "" when none is rated."""
    about = cm.about(views, cm.Node.of(sub_project))
    if not any(c.rating is not None for c in about):
        return ""
    return cm.rating_summary(cm.rating_counts(about))


def strategy_ratings(
    views: Iterable[cm.CommentView], sub_projects: Sequence[SubProject]
) -> list[tuple[str, str, str]]:
    """(체계, 추진전략, "적절 n · 보통 n · 부적절 n") for each strategy of ``sub_projects``,
    counting the comments on the strategy and on everything under it."""
    views = list(views)
    return [
        (
            system.value,
            strategy,
            cm.rating_summary(cm.rating_counts(cm.within_strategy(views, system, strategy))),
        )
        for system, strategy in dict.fromkeys((sp.system, sp.strategy) for sp in sub_projects)
    ]


def flag_table(
    sub_projects: Sequence[SubProject],
    flag: Flag,
    thresholds: Thresholds,
    views: Sequence[cm.CommentView] = (),
) -> pd.DataFrame:
    """The sub-projects carrying ``flag``, in workbook order, each with its evidence."""
    records = []
    for sp in sub_projects:
        if flag not in flags_of(sp, thresholds):
            continue
        budget = budget_view(sp)
        records.append(
            {
                "id": sp.id,
                "system": sp.system.value,
                "code": sp.code,
                "name": sp.name,
                "evidence": flag_evidence(sp, flag),
                "reason": (budget.reason or "") if flag is Flag.BUDGET_CHANGED else "",
                "reason_missing": flag is Flag.BUDGET_CHANGED and budget.reason_missing,
                "ratings": rating_line(views, sp),
            }
        )
    table = pd.DataFrame.from_records(records, columns=list(FLAG_COLUMNS))
    table["reason_missing"] = table["reason_missing"].astype(bool)
    return table


def flag_counts(results: Results, f: filters.Filter) -> dict[Flag, tuple[int, int]]:
    """Per flag (Flag order): (shown under the filter, all in the workbook), same thresholds."""
    shown = filters.apply(results.sub_projects, f)
    counts: dict[Flag, tuple[int, int]] = {}
    for flag in Flag:
        n_shown = sum(1 for sp in shown if flag in flags_of(sp, f.thresholds))
        n_all = sum(1 for sp in results.sub_projects if flag in flags_of(sp, f.thresholds))
        counts[flag] = (n_shown, n_all)
    return counts
