"""The shared filter (체계, 추진전략, 행정동, flag, thresholds) and what it keeps."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace

from lib import format as fmt
from lib.flags import DEFAULT_THRESHOLDS, Flag, Thresholds, flags_of
from lib.schema import Results, SubProject, System
from lib.status import DEFAULT_BANDS, BandBounds
from lib.strings_ko import LayoutText, MeetingText

DONG_WITHOUT_WIDE = MeetingText.DONG_SCOPE
DONG_WITH_WIDE = MeetingText.DONG_SCOPE_WITH_WIDE
DONGS_WITHOUT_WIDE_ONLY = LayoutText.DONGS_WITHOUT_WIDE


@dataclass(frozen=True)
class Filter:
    """What the user narrowed the view to; empty tuples mean no narrowing."""

    system: System | None = None
    strategies: tuple[str, ...] = ()
    dongs: tuple[str, ...] = ()
    # A 사업지역 전체 project matches every 동 only when asked: by default a 동 selects the
    # projects that name it (otherwise 모라1동 reads "47개 중 46개", a filter that seems broken).
    include_district_wide: bool = False
    flags: tuple[Flag, ...] = ()
    thresholds: Thresholds = field(default=DEFAULT_THRESHOLDS)
    bands: BandBounds = field(default=DEFAULT_BANDS)

    @property
    def narrows(self) -> bool:
        return bool(self.system or self.strategies or self.dongs or self.flags)


def matches(sub_project: SubProject, f: Filter) -> bool:
    """Whether one sub-project passes every part of the filter."""
    if f.system is not None and sub_project.system is not f.system:
        return False
    if f.strategies and sub_project.strategy not in f.strategies:
        return False
    if f.dongs:
        if sub_project.district_wide:
            if not f.include_district_wide:
                return False
        elif not set(sub_project.dongs) & set(f.dongs):
            return False
    return not f.flags or bool(set(flags_of(sub_project, f.thresholds)) & set(f.flags))


def apply(sub_projects: Iterable[SubProject], f: Filter) -> list[SubProject]:
    """The sub-projects the filter keeps, in workbook order."""
    return [sp for sp in sub_projects if matches(sp, f)]


@dataclass(frozen=True)
class Options:
    """What each filter may take, from the loaded workbook."""

    systems: tuple[System, ...]
    strategies: tuple[str, ...]  # workbook order, 사회보장사업 first
    dongs: tuple[str, ...]  # every 동 named in 사업지역, in 가나다 order
    flags: tuple[Flag, ...] = tuple(Flag)


def options(results: Results, system: System | None = None) -> Options:
    pool = [sp for sp in results.sub_projects if system is None or sp.system is system]
    ordered = sorted(pool, key=lambda sp: results.systems().index(sp.system))
    return Options(
        systems=results.systems(),
        strategies=tuple(dict.fromkeys(sp.strategy for sp in ordered)),
        dongs=tuple(sorted({d for sp in results.sub_projects for d in sp.dongs})),
    )


def dong_counts(sub_projects: Sequence[SubProject], f: Filter) -> tuple[int, int]:
    """(sub-projects naming a chosen 동, 사업지역 전체 sub-projects), both within the rest of
    the filter and not 폐지: the two numbers the 동 filter's description gives."""
    rest = replace(f, dongs=())
    pool = [sp for sp in sub_projects if not sp.abolished and matches(sp, rest)]
    named = sum(1 for sp in pool if not sp.district_wide and set(sp.dongs) & set(f.dongs))
    return named, sum(1 for sp in pool if sp.district_wide)


def describe(f: Filter, shown: int, total: int, sub_projects: Sequence[SubProject] = ()) -> str:
    """``사회보장사업 · 모라1동 사업 6개 (구 전체 사업 40개 제외) · 29개 중 6개``: what the
    view is narrowed to (the 동 part counts what it keeps when ``sub_projects`` are given)."""
    parts: list[str] = []
    if f.system is not None:
        parts.append(f.system.value)
    if f.strategies:
        parts.append(", ".join(f.strategies))
    if f.dongs:
        dongs = ", ".join(f.dongs)
        if sub_projects:
            named, wide = dong_counts(sub_projects, f)
            words = DONG_WITH_WIDE if f.include_district_wide else DONG_WITHOUT_WIDE
            parts.append(words.format(dongs=dongs, n=named, wide=wide))
        else:
            parts.append(
                dongs if f.include_district_wide else DONGS_WITHOUT_WIDE_ONLY.format(dongs=dongs)
            )
    if f.flags:
        parts.append(", ".join(flag.value for flag in f.flags))
    parts.append(fmt.count(shown, total))
    return " · ".join(parts)


def scope_counts(sub_projects: Sequence[SubProject], f: Filter) -> tuple[int, int]:
    """(shown, of) for "29개 중 7개": sub-projects that count (not 폐지), within the chosen 체계."""
    within_system = [
        sp
        for sp in sub_projects
        if not sp.abolished and (f.system is None or sp.system is f.system)
    ]
    return sum(1 for sp in within_system if matches(sp, f)), len(within_system)
