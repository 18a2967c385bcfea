"""The 결과보고 as data: built once from the results (and the round), rendered twice.

``build_report`` follows the seed's structure (``shared/spec/monitoring-report.md``):
title, sections 1–5, 시행결과 모니터링 결과 (generated lines, then the opinions), 우수사업,
붙임 1–2. Every number comes from ``lib.metrics``/``lib.flags`` and is formatted by
``lib.format``, so the document says what the dashboard says. Renderers
(``lib.report.docx_file``, ``lib.report.hwpx_file``) only lay out these blocks; user text
stays plain text in both.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from enum import StrEnum

from lib import format as fmt
from lib.flags import DEFAULT_THRESHOLDS, Flag, Thresholds, flagged, flags_of
from lib.metrics import GroupSummary, execution_rate, sub_project_rate, system_summaries
from lib.rounds import (
    RosterEntry,
    RoundSettings,
    RoundSnapshot,
    default_settings,
    roster_from_results,
)
from lib.schema import CommentCategory, Rating, Results, SubProject
from lib.status import DEFAULT_BANDS, BandBounds, band_label, band_of
from lib.strings_ko import LEVEL_NAMES, SYSTEM_FULL_NAME, Common, LayoutText
from lib.strings_ko import ReportText as T

# Characters XML 1.0 (DOCX and HWPX alike) cannot hold; tabs and line breaks are kept.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def plain(text: str) -> str:
    """User text as it will be written: control characters out, line endings as ``\\n``."""
    return _CONTROL.sub("", text.replace("\r\n", "\n").replace("\r", "\n")).strip()


class TextKind(StrEnum):
    """How a paragraph reads; the renderers give each kind one look."""

    TITLE = "title"
    SUBTITLE = "subtitle"  # 시군구 협의체 and the date, under the title
    NOTE = "note"  # the illustrative-data notice, table notes
    BULLET = "bullet"  # "- " item, as the seed writes them
    ITEM = "item"  # "1) …" item, the number already in the text
    BODY = "body"


@dataclass(frozen=True)
class Paragraph:
    text: str
    kind: TextKind = TextKind.BODY


@dataclass(frozen=True)
class Heading:
    text: str
    level: int  # 1: "1. 모니터링 근거", "붙임 1. …"; 2: "1) 연차별 시행계획 시행결과 관련"


@dataclass(frozen=True)
class Table:
    """A real table: a header row (repeated on every page) and text cells."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    widths: tuple[int, ...]  # column widths in mm on the 170 mm text width (relative)
    numeric: tuple[bool, ...]  # right-aligned columns
    unit: str = ""  # "단위: 천원", said once above the table
    small: bool = False  # the wide 붙임 tables use a smaller type


@dataclass(frozen=True)
class PageBreak:
    pass


Block = Paragraph | Heading | Table | PageBreak


@dataclass(frozen=True)
class Report:
    """The whole document, in order."""

    title: str
    header: str  # running header: 초안 before 확정, else the issuer and the 확정 date
    draft: bool
    blocks: tuple[Block, ...]
    file_stem: str  # e.g. "2023_부산광역시_사상구_결과보고"

    def text(self) -> str:
        """Every paragraph and cell, one line each, in order (for checks and previews)."""
        lines = [self.header]
        for block in self.blocks:
            if isinstance(block, Paragraph | Heading):
                lines.append(block.text)
            elif isinstance(block, Table):
                lines.append(block.unit)
                lines += ["\t".join(row) for row in (block.columns, *block.rows)]
        return "\n".join(line for line in lines if line)


# ---------------------------------------------------------------- generated lines


def _ordered(results: Results) -> list[SubProject]:
    """Sub-projects system by system (사회보장사업 first), in workbook order within each."""
    return [
        sp for system in results.systems() for sp in results.sub_projects if sp.system is system
    ]


def system_line(summary: GroupSummary) -> str:
    """``지자체 사회보장사업 전략체계 5대 추진전략, 10개 중점사업, 29개 세부사업의 목표 달성률
    121.6%로 목표대비 향상된 성과 지표를 보이고 있음``; the verdict follows the rate shown."""
    names = LEVEL_NAMES[summary.system.value]
    parts = {
        "full": SYSTEM_FULL_NAME[summary.system.value],
        "n_strategy": summary.strategies,
        "strategy": names["strategy"],
        "n_key": summary.key_projects,
        "key": names["key_project"],
        "n_sub": summary.sub_projects,
        "sub": names["sub_project"],
    }
    if summary.achievement_rate is None:
        return T.SYSTEM_NO_RATE.format(**parts)
    shown = fmt.round_half_up(summary.achievement_rate, 1)
    verdict = T.VERDICT_ABOVE if shown > 100 else T.VERDICT_MET if shown == 100 else T.VERDICT_BELOW
    return T.SYSTEM_LINE.format(
        **parts, rate=fmt.percent(summary.achievement_rate), verdict=verdict
    )


def _names(sub_projects: Iterable[SubProject]) -> str:
    return ", ".join(plain(sp.name) for sp in sub_projects)


@dataclass(frozen=True)
class Fact:
    """A generated line and what identifies the fact it states: figures that all appear
    in it (a system's counts and rate) or the exact set of projects it names."""

    text: str
    figures: tuple[str, ...] = ()
    names: frozenset[str] = frozenset()

    def restated_by(self, opinion: str) -> bool:
        """Whether an opinion states this same fact: every figure of a system line, or a
        parenthesised list naming exactly these projects (spacing ignored)."""
        squeezed = _squeeze(opinion)
        if self.figures:
            return all(_squeeze(figure) in squeezed for figure in self.figures)
        if not self.names:
            return False
        listed = (
            frozenset(_squeeze(n) for n in group.split(",") if n.strip())
            for group in re.findall(r"\(([^()]*)\)", opinion)
        )
        return any(group == self.names for group in listed)


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _named(text: str, sub_projects: Sequence[SubProject]) -> Fact:
    return Fact(text, names=frozenset(_squeeze(plain(sp.name)) for sp in sub_projects))


def _system_fact(summary: GroupSummary) -> Fact:
    figures = (
        fmt.count(summary.strategies, noun=LayoutText.STRATEGIES),
        fmt.count(summary.key_projects),
        fmt.count(summary.sub_projects),
        fmt.percent(summary.achievement_rate),
    )
    return Fact(
        system_line(summary), figures=figures if summary.achievement_rate is not None else ()
    )


def generated_facts(results: Results, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[Fact]:
    """The 결과 lines the data says: one per system, then 예산변경, 신설·폐지 and 부진,
    each naming its projects in workbook order (as ``summary`` and the flags page list them)."""
    facts = [_system_fact(s) for s in system_summaries(results) if s.sub_projects]
    table = flagged(_ordered(results), thresholds)
    changed = table[Flag.BUDGET_CHANGED]
    if changed:
        facts.append(_named(T.BUDGET_CHANGED.format(names=_names(changed)), changed))
    parts = []
    if table[Flag.NEW]:
        parts.append(T.NEW_PART.format(names=_names(table[Flag.NEW])))
    if table[Flag.ABOLISHED]:
        parts.append(T.ABOLISHED_PART.format(names=_names(table[Flag.ABOLISHED])))
    if parts:
        facts.append(
            _named(
                T.NEW_ABOLISHED.format(parts="·".join(parts)),
                table[Flag.NEW] + table[Flag.ABOLISHED],
            )
        )
    under = table[Flag.UNDERPERFORMING]
    if under:
        limit = fmt.plain_number(thresholds.underperforming)
        facts.append(_named(T.UNDERPERFORMING.format(limit=limit, names=_names(under)), under))
    return facts


def generated_lines(results: Results, thresholds: Thresholds = DEFAULT_THRESHOLDS) -> list[str]:
    """The text of ``generated_facts``."""
    return [fact.text for fact in generated_facts(results, thresholds)]


# ---------------------------------------------------------------- the document


def _roster(results: Results, round_: RoundSnapshot | None) -> tuple[RosterEntry, ...]:
    """The round's roster when it has one, else the workbook's 모니터링단 sheet."""
    if round_ is not None and round_.roster:
        return round_.roster
    return roster_from_results(results)


def _opinions(
    results: Results, round_: RoundSnapshot | None, category: CommentCategory
) -> list[str]:
    """The workbook's opinions of one 구분, then the round's points for it."""
    texts = [c.text for c in results.comments if c.category is category]
    if round_ is not None:
        texts += round_.report_points(category)
    return [t for t in (plain(text) for text in texts) if t]


def _bullets(texts: Iterable[str]) -> list[Block]:
    return [Paragraph(text, TextKind.BULLET) for text in texts]


def _amount(value: Decimal | None) -> str:
    return fmt.thousand_won(value, unit=False)


def _results_table(
    sub_projects: Sequence[SubProject], thresholds: Thresholds, bands: BandBounds
) -> Table:
    rows = []
    for sp in sub_projects:
        rate = sub_project_rate(sp)
        flags = [f.value for f in flags_of(sp, thresholds) if f is not Flag.ABOLISHED]
        rows.append(
            (
                sp.system.value,
                sp.code,
                plain(sp.name),
                "" if sp.abolished else fmt.percent(rate),
                T.ABOLISHED if sp.abolished else band_label(band_of(rate, bands)),
                _amount(sp.budget_planned),
                _amount(sp.budget_final),
                fmt.percent(execution_rate(sp)),
                ", ".join(flags),
            )
        )
    return Table(
        columns=T.ANNEX_RESULTS_COLUMNS,
        rows=tuple(rows),
        widths=(23, 15, 35, 15, 14, 18, 18, 15, 17),
        numeric=(False, False, False, True, False, True, True, True, False),
        unit=Common.UNIT_THOUSAND_WON,
        small=True,
    )


def _selection_table(results: Results, round_: RoundSnapshot) -> Table | None:
    rows = []
    for selection in sorted(round_.selections, key=lambda s: s.order):
        sp = results.sub_project(selection.sub_project_id)
        system, code = selection.sub_project_id.partition("/")[::2]
        rows.append(
            (
                sp.system.value if sp else system,
                sp.code if sp else code,
                plain(sp.name) if sp else "",
                fmt.percent(sub_project_rate(sp)) if sp else "",
                plain(selection.reason),
            )
        )
    if not rows:
        return None
    return Table(
        columns=T.SELECTION_COLUMNS,
        rows=tuple(rows),
        widths=(24, 16, 40, 17, 73),
        numeric=(False, False, False, True, False),
    )


def _ratings_table(results: Results, round_: RoundSnapshot) -> tuple[Table, int] | None:
    """Per sub-project, how many 적절/보통/부적절 each stage got; None without ratings."""
    counts: dict[str, list[dict[Rating, int]]] = {}
    members: set[str] = set()
    for r in round_.ratings:
        stages = counts.setdefault(r.sub_project_id, [{}, {}, {}])
        for stage, rating in zip(stages, (r.plan, r.check, r.result), strict=True):
            if rating is not None:
                stage[rating] = stage.get(rating, 0) + 1
                members.add(r.member)
    rated = [sp for sp in _ordered(results) if any(counts.get(sp.id, ()))]
    if not rated:
        return None
    rows = tuple(
        (
            sp.system.value,
            sp.code,
            plain(sp.name),
            *(
                T.RATING_COUNTS.format(
                    appropriate=stage.get(Rating.APPROPRIATE, 0),
                    average=stage.get(Rating.AVERAGE, 0),
                    inappropriate=stage.get(Rating.INAPPROPRIATE, 0),
                )
                for stage in counts[sp.id]
            ),
        )
        for sp in rated
    )
    table = Table(
        columns=T.ANNEX_RATINGS_COLUMNS,
        rows=rows,
        widths=(24, 16, 49, 27, 27, 27),
        numeric=(False, False, False, True, True, True),
        small=True,
    )
    return table, len(members)


def _purpose(results: Results) -> str:
    term = (results.meta.plan_term or "").strip()
    year = results.meta.year
    if term:
        return T.BASIS_PURPOSE.format(term=plain(term), year=year)
    return T.BASIS_PURPOSE_NO_TERM.format(year=year)


def file_stem(results: Results) -> str:
    """The download name without extension: ``2023_부산광역시_사상구_결과보고``."""
    meta = results.meta
    return "_".join([str(meta.year), *plain(meta.district).split(), T.FILE_SUFFIX])


def build_report(
    results: Results,
    round_: RoundSnapshot | None = None,
    *,
    made_on: date | datetime | None = None,
    thresholds: Thresholds = DEFAULT_THRESHOLDS,
    bands: BandBounds = DEFAULT_BANDS,
) -> Report:
    """The 결과보고 of ``results`` with the monitoring round ``round_`` when there is one.

    Before the round is 확정 (or without a round) the header says 초안; once 확정, the
    header names the issuer and the 확정 date, which is also the date under the title.
    """
    meta = results.meta
    district = plain(meta.district)
    confirmed = round_ is not None and round_.confirmed
    when: date | datetime
    if confirmed and round_ is not None and round_.confirmed_at is not None:
        when = round_.confirmed_at
    else:
        when = made_on or datetime.now(fmt.LOCAL_TIME)
    day = (
        fmt.date_label(when)
        if isinstance(when, datetime)
        else f"{when.year}. {when.month}. {when.day}."
    )
    settings: RoundSettings = round_.settings if round_ is not None else default_settings()

    title = T.TITLE.format(year=meta.year)
    blocks: list[Block] = [
        Paragraph(title, TextKind.TITLE),
        Paragraph(T.ISSUER.format(district=district), TextKind.SUBTITLE),
        Paragraph(T.MADE_ON.format(date=day), TextKind.SUBTITLE),
    ]
    if meta.illustrative_note:
        blocks.append(
            Paragraph(Common.ILLUSTRATIVE.format(note=plain(meta.illustrative_note)), TextKind.NOTE)
        )

    blocks += [
        Heading(T.BASIS, 1),
        Paragraph(_purpose(results), TextKind.BULLET),
        Paragraph(T.LEGAL_BASIS.format(basis=plain(settings.legal_basis)), TextKind.BULLET),
        Heading(T.COMPOSITION, 1),
        Paragraph(plain(settings.composition), TextKind.BULLET),
        Heading(T.ROSTER, 1),
    ]
    roster = _roster(results, round_)
    if roster:
        blocks.append(
            Table(
                columns=T.ROSTER_COLUMNS,
                rows=tuple(
                    (plain(m.name), plain(m.role or ""), plain(m.affiliation or "")) for m in roster
                ),
                widths=(26, 50, 94),
                numeric=(False, False, False),
            )
        )
    else:
        blocks.append(Paragraph(T.NO_ROSTER, TextKind.BODY))
    blocks.append(Heading(T.REQUESTS, 1))
    blocks += [
        Paragraph(T.NUMBERED.format(n=n, text=plain(text)), TextKind.ITEM)
        for n, text in enumerate(settings.requests, start=1)
    ]
    blocks.append(Heading(T.METHODS, 1))
    blocks += _bullets(plain(text) for text in settings.methods)

    blocks += [PageBreak(), Heading(T.RESULTS, 1), Heading(T.RESULTS_ON_PLAN, 2)]
    facts = generated_facts(results, thresholds)
    blocks += _bullets(fact.text for fact in facts)
    # An opinion that only restates a generated fact (the sample's 모니터링의견 carries the
    # seed's own summary lines) is not printed twice.
    opinions = _opinions(results, round_, CommentCategory.RESULTS)
    blocks += _bullets(o for o in opinions if not any(f.restated_by(o) for f in facts))
    blocks.append(Heading(T.COOPERATION, 2))
    cooperation = _opinions(results, round_, CommentCategory.COOPERATION)
    blocks += _bullets(cooperation) if cooperation else [Paragraph(T.NO_OPINIONS, TextKind.BODY)]
    blocks.append(Heading(T.SELECTION, 2))
    selected = _selection_table(results, round_) if round_ is not None else None
    blocks.append(
        selected if selected is not None else Paragraph(T.SELECTION_PENDING, TextKind.BODY)
    )

    blocks += [
        PageBreak(),
        Heading(T.ANNEX_RESULTS, 1),
        _results_table(_ordered(results), thresholds, bands),
        Paragraph(T.ANNEX_RESULTS_NOTE, TextKind.NOTE),
    ]
    ratings = _ratings_table(results, round_) if round_ is not None else None
    if ratings is not None:
        table, members = ratings
        blocks += [
            Heading(T.ANNEX_RATINGS, 1),
            table,
            Paragraph(T.ANNEX_RATINGS_NOTE.format(n=members), TextKind.NOTE),
        ]

    stem = file_stem(results)
    header = T.HEADER_CONFIRMED.format(district=district, date=day) if confirmed else T.HEADER_DRAFT
    return Report(
        title=title, header=header, draft=not confirmed, blocks=tuple(blocks), file_stem=stem
    )


__all__ = [
    "Block",
    "Heading",
    "PageBreak",
    "Paragraph",
    "Report",
    "Table",
    "TextKind",
    "build_report",
    "file_stem",
    "generated_facts",
    "generated_lines",
    "plain",
    "system_line",
]
