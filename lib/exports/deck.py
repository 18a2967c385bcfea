"""The meeting deck as data: which slides, in which order, saying what.

``build_deck(view, extra_comments)`` is the single source of the PPTX, the HTML
report and the on-screen presentation mode: renderers only lay out what is here. Order:
title, 체계별 달성률 (both systems side by side), one slide per 체계, one per 추진전략, 점검 필요 사업, 예산변경 사업, then the
reviewers' comments (시행결과, 민관협력). Long lists continue on further slides.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from enum import StrEnum
from fractions import Fraction
from functools import partial

from lib import comments as cm
from lib import format as fmt
from lib.comments import CommentView, Node
from lib.flags import (
    Flag,
    Thresholds,
    flag_evidence,
    flag_rule,
    flagged,
    flags_of,
    threshold_of,
)
from lib.metrics import (
    GroupSummary,
    budget_changed,
    key_project_summaries,
    strategy_summaries,
    sub_project_rate,
    summarise,
)
from lib.schema import (
    CommentCategory,
    Results,
    SubProject,
    System,
)
from lib.status import Band, BandBounds, band_label, band_of, flag_badge
from lib.strings_ko import (
    LEVEL_NAMES,
    SYSTEM_FULL_NAME,
    Common,
    FilterText,
    MeetingText,
    OverviewText,
    RoundText,
    SplitCommentText,
)
from lib.strings_ko import ExportText as T
from lib.views import filters
from lib.views.drilldown import RateItem
from lib.views.view import View, by_system

# How much one slide holds before the rest continues on the next (projector-sized type).
MAX_CHART_BARS = 10  # a strategy with more sub-projects charts its key projects instead
MAX_LIST_LINES = 12  # flag slides: headings and items
MAX_TABLE_ROWS = 6  # 예산변경 rows per slide
MAX_COMMENTS = 4  # comments per comment slide
MAX_COMMENT_CHARS = 420  # …and their text, together
# A comments slide of the PPTX: 22 pt type (about 30 px on a 1280-px-wide slide) across
# 11.8 in (about 1,130 px), at most this many lines of comments and bylines together.
SLIDE_TEXT_PX = 30
SLIDE_TEXT_WIDTH_PX = 1130
SLIDE_COMMENT_LINES = 12
NBSP = "\u00a0"


class SlideKind(StrEnum):
    TITLE = "title"
    OVERVIEW = "overview"
    SYSTEM = "system"
    STRATEGY = "strategy"
    FLAGS = "flags"
    BUDGET_CHANGES = "budget_changes"
    COMMENTS = "comments"
    EXCELLENT = "excellent"  # 우수사업 the monitoring round selected


@dataclass(frozen=True)
class Bullet:
    """One line of text; ``level`` 1 is indented under the line above."""

    text: str
    level: int = 0


@dataclass(frozen=True)
class Chart:
    """Horizontal achievement-rate bars, first category on top, against 목표 100%."""

    title: str
    categories: tuple[str, ...]
    values: tuple[float | None, ...]  # one decimal, as shown (121.6); None: no rate
    bands: tuple[str, ...]  # "● 달성" per category ("" without a rate), from the exact rate
    rates: tuple[Fraction | None, ...]  # exact, for colours and figures
    ids: tuple[str, ...]  # 체계/사업번호 or 체계/추진전략[/중점사업], to drill into
    reference: float = 100.0  # the target every rate is measured against
    reference_label: str = Common.TARGET_100
    series_label: str = Common.RATE

    def band_at(self, index: int, bounds: BandBounds) -> Band | None:
        return band_of(self.rates[index], bounds)

    def rate_items(self) -> list[RateItem]:
        """The bars as ``lib.figures.rate_bars`` takes them."""
        return [
            RateItem(id=i, name=name, rate=rate)
            for i, name, rate in zip(self.ids, self.categories, self.rates, strict=True)
        ]


@dataclass(frozen=True)
class Table:
    """A small table of text cells (already formatted); ``numeric`` columns align right."""

    columns: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    numeric: tuple[bool, ...]
    unit: str = ""  # "단위: 천원", said once
    widths: tuple[int, ...] = ()  # relative column widths


@dataclass(frozen=True)
class Slide:
    """One slide: a title, an optional big number, lines, a chart or table, and comments.

    ``notes`` are lines for the presenter (speaker notes); ``comments`` are the reviewers'
    comments that belong to this slide, shown beside it and in the notes.
    """

    kind: SlideKind
    title: str
    subtitle: str = ""
    headline: str = ""  # the big number, e.g. "121.6%"
    headline_label: str = ""  # what it is, with its band word, e.g. "● 달성 · 목표 100% 대비"
    band: Band | None = None  # colour of the headline
    bullets: tuple[Bullet, ...] = ()
    chart: Chart | None = None
    table: Table | None = None
    notes: tuple[str, ...] = ()
    comments: tuple[CommentView, ...] = ()
    part: tuple[int, int] | None = None  # (2, 3): second of three slides of one section
    base_title: str = ""  # the section's title without "(2/3)", when ``part`` is set

    @property
    def section_title(self) -> str:
        return self.base_title or self.title


@dataclass(frozen=True)
class Deck:
    """Every slide in order, and what the renderers need around them."""

    title: str
    subtitle: str
    slides: tuple[Slide, ...]
    bands: BandBounds
    file_stem: str  # e.g. "2023_부산광역시_사상구_시행결과", for downloads
    target_labels: dict[str, str] = field(default_factory=dict)  # sub-project id → "이름 (번호)"

    def comment_byline(self, comment: CommentView, with_category: bool = False) -> str:
        """``모니터링 T/F · 평가: 적절 · 대상: 행복울타리 돌봄사업 (1-1-3)``."""
        return cm.byline(comment, self.target_labels, with_category=with_category)


# ---------------------------------------------------------------- which comments belong


def relevant_comments(
    comments: Iterable[CommentView], shown: Sequence[SubProject], f: filters.Filter
) -> list[CommentView]:
    """Comments on anything the filter keeps (all of them when it does not narrow)."""
    pool = list(comments)
    if not f.narrows:
        return pool
    nodes = _nodes_of(shown)
    return [c for c in pool if any(cm.speaks_of(t, n) for t in c.targets for n in nodes)]


def _nodes_of(sub_projects: Sequence[SubProject]) -> list[Node]:
    nodes: dict[Node, None] = {Node(): None}
    for sp in sub_projects:
        nodes[Node(sp.system)] = None
        nodes[Node(sp.system, sp.strategy)] = None
        nodes[Node(sp.system, sp.strategy, sp.key_project)] = None
        nodes[Node.of(sp)] = None
    return list(nodes)


# ---------------------------------------------------------------- the deck


def build_deck(
    view: View,
    extra_comments: Sequence[CommentView] = (),
    excellent: Sequence[tuple[str, str]] = (),
) -> Deck:
    """The slides for a View; ``extra_comments`` are stored reviews; ``excellent`` the
    round's 우수사업 as (체계/사업번호, 선정 사유), in order."""
    results, f = view.results, view.filter
    shown = by_system(results, view.shown)
    every_comment = [*cm.from_workbook(results), *extra_comments]
    comments = relevant_comments(every_comment, shown, f)
    labels = {sp.id: f"{sp.name} ({sp.code})" for sp in results.sub_projects}
    meta = results.meta
    title = T.DECK_TITLE.format(year=meta.year)
    subtitle = (
        T.DECK_SUBTITLE_TERM.format(district=meta.district, term=meta.plan_term)
        if meta.plan_term
        else meta.district
    )
    slides: list[Slide] = [_title_slide(results, f, shown, title, subtitle)]
    if shown:
        totals = {s.system: s for s in view.systems_all}
        slides.append(_overview_slide(list(view.systems), totals, comments, f))
        for summary in view.systems:
            slides.append(_system_slide(summary, totals[summary.system], shown, comments, f))
        everything = results.sub_projects
        for summary in view.strategies:
            slides.append(_strategy_slide(summary, shown, everything, comments, f))
        slides += _flag_slides(shown, f.thresholds)
        slides += _budget_slides(shown)
    if excellent:
        slides.append(_excellent_slide(results, excellent, f))
    for category in CommentCategory:
        mine = [c for c in comments if c.category is category]
        slides += _comment_slides(category, mine, lambda c: cm.byline(c, labels))
    stem = "_".join([str(meta.year), *meta.district.split(), T.FILE_SUFFIX])
    return Deck(
        title=title,
        subtitle=subtitle,
        slides=tuple(slides),
        bands=f.bands,
        file_stem=stem,
        target_labels=labels,
    )


def _title_slide(
    results: Results, f: filters.Filter, shown: Sequence[SubProject], title: str, subtitle: str
) -> Slide:
    bullets: list[Bullet] = []
    if f.narrows:
        n, total = filters.scope_counts(results.sub_projects, f)
        bullets.append(
            Bullet(
                FilterText.SHOWING.format(
                    description=filters.describe(f, n, total, results.sub_projects)
                )
            )
        )
    if not shown:
        bullets.append(Bullet(T.EMPTY))
    if results.meta.illustrative_note:
        bullets.append(Bullet(Common.ILLUSTRATIVE.format(note=results.meta.illustrative_note)))
    notes = [T.SOURCE.format(file=results.source_name)] if results.source_name else []
    return Slide(
        kind=SlideKind.TITLE,
        title=title,
        subtitle=subtitle,
        bullets=tuple(bullets),
        notes=tuple(notes),
    )


def _rate_line(rate: Fraction | None, bounds: BandBounds) -> str:
    """``121.6% ● 달성`` or ``달성률 없음``."""
    if rate is None:
        return OverviewText.NO_RATE
    return f"{fmt.percent(rate)} {band_label(band_of(rate, bounds)).replace(' ', NBSP)}"


def _budget_bullets(summary: GroupSummary) -> list[Bullet]:
    budget = summary.budget
    if budget.planned == 0 and budget.final == 0 and budget.executed == 0:
        return []
    return [
        Bullet(
            T.BUDGET_LINE.format(
                planned=fmt.thousand_won(budget.planned), final=fmt.thousand_won(budget.final)
            )
        ),
        Bullet(
            T.EXECUTED_LINE.format(
                executed=fmt.thousand_won(budget.executed),
                rate=fmt.percent(budget.execution_rate),
            )
        ),
    ]


def _flag_summary(sub_projects: Sequence[SubProject], thresholds: Thresholds) -> list[Bullet]:
    table = flagged(sub_projects, thresholds)
    # No-break spaces keep each "▽ 부진 2" together when the line wraps.
    parts = [
        f"{flag_badge(flag)} {len(sps)}".replace(" ", NBSP) for flag, sps in table.items() if sps
    ]
    return [Bullet(T.FLAG_SUMMARY.format(flags=" · ".join(parts)))] if parts else []


def _counts(summary: GroupSummary, total: GroupSummary, line: str = OverviewText.COUNTS) -> str:
    """``line`` with each level's name and ``n/total`` count (a line may leave some out)."""
    names = LEVEL_NAMES[summary.system.value]
    return line.format(
        strategy=names["strategy"],
        n_strategy=fmt.count(summary.strategies, total.strategies),
        key=names["key_project"],
        n_key=fmt.count(summary.key_projects, total.key_projects),
        sub=names["sub_project"],
        n_sub=fmt.count(summary.sub_projects, total.sub_projects),
    )


def _headline(rate: Fraction | None, bounds: BandBounds) -> tuple[str, str, Band | None]:
    band = band_of(rate, bounds)
    if rate is None:
        return OverviewText.NO_RATE, "", None
    return fmt.percent(rate), T.HEADLINE.format(band=band_label(band)), band


def _chart(title: str, groups: Sequence[tuple[str, str, Fraction | None]], b: BandBounds) -> Chart:
    """Bars from (id, name, exact rate) in order."""
    return Chart(
        title=title,
        categories=tuple(name for _, name, _ in groups),
        values=tuple(fmt.rate_value(rate) for _, _, rate in groups),
        bands=tuple(band_label(band_of(rate, b)) for _, _, rate in groups),
        rates=tuple(rate for _, _, rate in groups),
        ids=tuple(i for i, _, _ in groups),
    )


def _overview_slide(
    summaries: Sequence[GroupSummary],
    totals: dict[System, GroupSummary],
    comments: Sequence[CommentView],
    f: filters.Filter,
) -> Slide:
    """Each 체계's rate and counts side by side, with the comments on the whole plan."""
    bullets: list[Bullet] = []
    for summary in summaries:
        name = SYSTEM_FULL_NAME[summary.system.value]
        bullets.append(Bullet(f"{name}: {_rate_line(summary.achievement_rate, f.bands)}"))
        bullets.append(Bullet(_counts(summary, totals[summary.system]), 1))
    chart = _chart(
        T.CHART_BY.format(level=T.SYSTEM_LEVEL),
        [(s.system.value, SYSTEM_FULL_NAME[s.system.value], s.achievement_rate) for s in summaries],
        f.bands,
    )
    return Slide(
        kind=SlideKind.OVERVIEW,
        title=T.OVERVIEW_TITLE,
        subtitle=T.OVERVIEW_SUBTITLE,
        bullets=tuple(bullets),
        chart=chart,
        comments=tuple(cm.about(comments, Node())),
    )


def _system_slide(
    summary: GroupSummary,
    total: GroupSummary,
    shown: Sequence[SubProject],
    comments: Sequence[CommentView],
    f: filters.Filter,
) -> Slide:
    system = summary.system
    mine = [sp for sp in shown if sp.system is system]
    strategies = strategy_summaries(mine)
    headline, label, band = _headline(summary.achievement_rate, f.bands)
    names = LEVEL_NAMES[system.value]
    chart = _chart(
        T.CHART_BY.format(level=names["strategy"]),
        [
            (f"{system.value}/{s.strategy}", s.strategy or "", s.achievement_rate)
            for s in strategies
        ],
        f.bands,
    )
    notes = [
        T.NOTE_GROUP.format(
            name=s.strategy,
            rate=_rate_line(s.achievement_rate, f.bands),
            level=names["sub_project"],
            n=s.sub_projects,
        )
        for s in strategies
    ]
    return Slide(
        kind=SlideKind.SYSTEM,
        title=SYSTEM_FULL_NAME[system.value],
        subtitle=T.SYSTEM_SUBTITLE,
        headline=headline,
        headline_label=label,
        band=band,
        bullets=(
            Bullet(_counts(summary, total)),
            *_budget_bullets(summary),
            *_flag_summary(mine, f.thresholds),
        ),
        chart=chart,
        notes=tuple(notes),
        comments=tuple(cm.about(comments, Node(system))),
    )


def _strategy_slide(
    summary: GroupSummary,
    shown: Sequence[SubProject],
    everything: Sequence[SubProject],
    comments: Sequence[CommentView],
    f: filters.Filter,
) -> Slide:
    system, strategy = summary.system, summary.strategy or ""
    mine = [sp for sp in shown if (sp.system, sp.strategy) == (system, strategy)]
    total = summarise(
        system, [sp for sp in everything if (sp.system, sp.strategy) == (system, strategy)]
    )
    names = LEVEL_NAMES[system.value]
    counted = [sp for sp in mine if not sp.abolished]
    keys = key_project_summaries(mine)
    if len(counted) <= MAX_CHART_BARS:
        chart = _chart(
            T.CHART_BY.format(level=names["sub_project"]),
            [(sp.id, sp.name, sub_project_rate(sp)) for sp in counted],
            f.bands,
        )
    else:
        chart = _chart(
            T.CHART_BY.format(level=names["key_project"]),
            [
                (f"{system.value}/{strategy}/{k.key_project}", k.name, k.achievement_rate)
                for k in keys
            ],
            f.bands,
        )
    headline, label, band = _headline(summary.achievement_rate, f.bands)
    bullets = [Bullet(_counts(summary, total, T.STRATEGY_COUNTS))]
    bullets += [
        Bullet(
            T.KEY_PROJECT_LINE.format(name=k.name, rate=_rate_line(k.achievement_rate, f.bands)), 1
        )
        for k in keys
        if k.sub_projects
    ]
    bullets += _budget_bullets(summary)
    bullets += _flag_summary(mine, f.thresholds)
    abolished = [sp for sp in mine if sp.abolished]
    if abolished:
        bullets.append(
            Bullet(
                T.ABOLISHED_LINE.format(
                    level=names["sub_project"],
                    n=len(abolished),
                    names=", ".join(sp.name for sp in abolished),
                )
            )
        )
    notes = [_sub_project_note(sp, f) for sp in mine]
    nodes = [
        Node(system, strategy),
        *(Node(system, strategy, k.key_project) for k in keys),
        *(Node.of(sp) for sp in mine),
    ]
    mine_comments = [
        c for c in comments if any(cm.speaks_of(t, n) for t in c.targets for n in nodes)
    ]
    return Slide(
        kind=SlideKind.STRATEGY,
        title=strategy,
        subtitle=T.STRATEGY_SUBTITLE.format(system=SYSTEM_FULL_NAME[system.value]),
        headline=headline,
        headline_label=label,
        band=band,
        bullets=tuple(bullets),
        chart=chart,
        notes=tuple(notes),
        comments=tuple(mine_comments),
    )


def _sub_project_note(sp: SubProject, f: filters.Filter) -> str:
    if sp.abolished:
        return T.NOTE_SUB_ABOLISHED.format(code=sp.code, name=sp.name)
    badges = " ".join(flag_badge(flag) for flag in flags_of(sp, f.thresholds))
    line = T.NOTE_SUB.format(
        code=sp.code, name=sp.name, rate=_rate_line(sub_project_rate(sp), f.bands)
    )
    return f"{line} · {badges}" if badges else line


# ---------------------------------------------------------------- 점검 필요 사업


def _flag_slides(shown: Sequence[SubProject], thresholds: Thresholds) -> list[Slide]:
    table = flagged(shown, thresholds)
    sections: list[list[Bullet]] = []
    for flag, sps in table.items():
        if not sps:
            continue
        head = Bullet(
            T.FLAG_HEAD.format(
                badge=flag_badge(flag), rule=flag_rule(flag, thresholds), n=fmt.count(len(sps))
            )
        )
        items = [
            Bullet(
                T.FLAG_ITEM.format(
                    name=sp.name,
                    where=_where(sp, shown),
                    evidence=flag_evidence(sp, flag, unit=True),
                ),
                1,
            )
            for sp in sps
        ]
        sections.append([head, *items])
    notes = (T.FLAG_NOTE_THRESHOLDS.format(**_threshold_words(thresholds)),)
    if not sections:
        return [
            Slide(
                kind=SlideKind.FLAGS,
                title=T.FLAGS_TITLE,
                bullets=(Bullet(OverviewText.NO_FLAGS),),
                notes=notes,
            )
        ]
    pages = _pack(sections, MAX_LIST_LINES)
    return [
        Slide(
            kind=SlideKind.FLAGS,
            title=_part_title(T.FLAGS_TITLE, i, len(pages)),
            bullets=tuple(page),
            notes=notes,
            part=(i, len(pages)) if len(pages) > 1 else None,
            base_title=T.FLAGS_TITLE if len(pages) > 1 else "",
        )
        for i, page in enumerate(pages, 1)
    ]


def _where(sp: SubProject, shown: Sequence[SubProject]) -> str:
    """``1-2-2`` or, when both systems are in view, ``사회보장사업 1-2-2``."""
    both = len({s.system for s in shown}) > 1
    return f"{sp.system.value} {sp.code}" if both else sp.code


def _threshold_words(thresholds: Thresholds) -> dict[str, str]:
    return {
        key: fmt.plain_number(threshold_of(flag, thresholds))
        for key, flag in (
            ("under", Flag.UNDERPERFORMING),
            ("over", Flag.OVER_ACHIEVING),
            ("execution", Flag.LOW_EXECUTION),
        )
    }


def _pack(sections: Sequence[Sequence[Bullet]], limit: int) -> list[list[Bullet]]:
    """Bullets onto pages of at most ``limit`` lines; a section that fits is not split,
    and a split one repeats its heading (marked 계속) on the next page."""
    pages: list[list[Bullet]] = [[]]
    for section in sections:
        if pages[-1] and len(pages[-1]) + len(section) > limit:
            pages.append([])
        head, items = section[0], list(section[1:])
        pages[-1].append(head)
        for item in items:
            if len(pages[-1]) >= limit:
                pages.append([Bullet(T.CONTINUED.format(text=head.text), head.level)])
            pages[-1].append(item)
    return pages


def _part_title(title: str, i: int, n: int) -> str:
    return title if n == 1 else T.PART.format(title=title, i=i, n=n)


# ---------------------------------------------------------------- 예산변경 사업


def _increased(sp: SubProject) -> bool:
    """A change upwards (a 변경예산 with 당초 blank counts as one)."""
    if sp.budget_planned is None:
        return True
    return sp.budget_changed is not None and sp.budget_changed > sp.budget_planned


def _budget_slides(shown: Sequence[SubProject]) -> list[Slide]:
    changed = [sp for sp in shown if not sp.abolished and budget_changed(sp)]
    if not changed:
        return [
            Slide(
                kind=SlideKind.BUDGET_CHANGES,
                title=T.BUDGET_TITLE,
                bullets=(Bullet(T.NO_BUDGET_CHANGES),),
            )
        ]
    rows = []
    for sp in changed:
        planned, final = sp.budget_planned, sp.budget_changed
        delta = (
            fmt.signed_thousand_won(final - planned, unit=False)
            if planned is not None and final is not None
            else "–"
        )
        rows.append(
            (
                _where(sp, shown),
                sp.name,
                fmt.thousand_won(planned, unit=False),
                fmt.thousand_won(final, unit=False),
                delta,
                sp.budget_change_reason or T.REASON_MISSING,
            )
        )
    up = sum(1 for sp in changed if _increased(sp))
    missing = sum(1 for sp in changed if not sp.budget_change_reason)
    summary = T.BUDGET_SUMMARY.format(
        n=fmt.count(len(changed)), up=fmt.count(up), down=fmt.count(len(changed) - up)
    )
    if missing:
        summary += T.BUDGET_SUMMARY_MISSING.format(n=fmt.count(missing))
    chunks = [rows[i : i + MAX_TABLE_ROWS] for i in range(0, len(rows), MAX_TABLE_ROWS)]
    return [
        Slide(
            kind=SlideKind.BUDGET_CHANGES,
            title=_part_title(T.BUDGET_TITLE, i, len(chunks)),
            bullets=(Bullet(summary),),
            table=Table(
                columns=T.BUDGET_COLUMNS,
                rows=tuple(chunk),
                numeric=(False, False, True, True, True, False),
                unit=Common.UNIT_THOUSAND_WON,
                widths=(18, 20, 11, 11, 11, 29),
            ),
            notes=(T.BUDGET_NOTE,),
            part=(i, len(chunks)) if len(chunks) > 1 else None,
            base_title=T.BUDGET_TITLE if len(chunks) > 1 else "",
        )
        for i, chunk in enumerate(chunks, 1)
    ]


# ---------------------------------------------------------------- 모니터링 의견


def _excellent_slide(
    results: Results, excellent: Sequence[tuple[str, str]], f: filters.Filter
) -> Slide:
    """★ 우수사업: 체계, 사업번호, 세부사업, 달성률, 선정 사유 (whatever the filter shows)."""
    rows = []
    for sub_project_id, reason in excellent:
        sp = results.sub_project(sub_project_id)
        if sp is None:
            continue
        rows.append(
            (sp.system.value, sp.code, f"★ {sp.name}", fmt.percent(sub_project_rate(sp)), reason)
        )
    return Slide(
        kind=SlideKind.EXCELLENT,
        title=RoundText.EXCELLENT_TITLE,
        table=Table(
            columns=RoundText.EXCELLENT_COLUMNS,
            rows=tuple(rows),
            numeric=(False, False, False, True, False),
            widths=(2, 1, 3, 1, 4),
        ),
        notes=(RoundText.EXCELLENT_NOTE,),
    )


def _comment_slides(
    category: CommentCategory,
    comments: Sequence[CommentView],
    byline: Callable[[CommentView], str],
) -> list[Slide]:
    """The category's comments, a few a slide; one too long for a slide goes on over the
    next ones (its pieces marked 계속 / 이어서), at full size and never cut."""
    title = dict(T.COMMENT_TITLES)[category.value]
    if not comments:
        return [Slide(kind=SlideKind.COMMENTS, title=title, bullets=(Bullet(T.NO_COMMENTS_YET),))]

    def lines(c: CommentView) -> int:
        return text_lines(c.text, SLIDE_TEXT_WIDTH_PX, SLIDE_TEXT_PX) + text_lines(
            byline(c), SLIDE_TEXT_WIDTH_PX, SLIDE_TEXT_PX * 2 // 3
        )

    def fits(c: CommentView) -> bool:  # alone on a slide, and alone on a screen
        screen = _comment_px(c, byline(c)) <= SCREEN_BODY_PX
        return screen and lines(c) <= SLIDE_COMMENT_LINES

    pages: list[list[CommentView]] = [[]]
    for c in (piece for comment in comments for piece in split_comment(comment, fits)):
        page = pages[-1]
        chars = sum(len(x.text) for x in page) + len(c.text)
        used = sum(lines(x) for x in page) + lines(c)
        if page and (
            len(page) >= MAX_COMMENTS or chars > MAX_COMMENT_CHARS or used > SLIDE_COMMENT_LINES
        ):
            pages.append([])
        pages[-1].append(c)
    return [
        Slide(
            kind=SlideKind.COMMENTS,
            title=_part_title(title, i, len(pages)),
            subtitle=T.COMMENT_COUNT.format(n=len(comments)),
            comments=tuple(page),
            part=(i, len(pages)) if len(pages) > 1 else None,
            base_title=title if len(pages) > 1 else "",
        )
        for i, page in enumerate(pages, 1)
    ]


# A comment's text cut into pieces: between lines if that is enough, else between
# sentences, words, or (a word longer than a piece) letters. Joined, the pieces are the
# text again, to the letter.
_UNITS = (
    re.compile(r"[^\n]*\n|[^\n]+"),  # lines, each with its line break
    re.compile(r".+?(?:[.!?。](?:\s+|$)|$)", re.DOTALL),  # sentences, with what follows
    re.compile(r"\S+\s*|\s+"),  # words, with the spaces after them
    re.compile(r".", re.DOTALL),  # letters
)


def split_text(text: str, fits: Callable[[str], bool], level: int = 0) -> list[str]:
    """``text`` as few pieces as ``fits`` allows, each as long as it can be, cut at the
    coarsest boundary that works (a single letter is a piece whatever ``fits`` says).
    ``fits`` must hold for a part of what it holds for: pieces grow by halving searches."""
    if fits(text) or level >= len(_UNITS):
        return [text]
    units = _UNITS[level].findall(text)
    pieces: list[str] = []
    current, i = "", 0
    while i < len(units):
        n = _most(partial(_fits_after, fits, current, units, i), len(units) - i)
        if n:
            current += "".join(units[i : i + n])
            i += n
            if i < len(units):  # the next unit does not fit beside it
                pieces.append(current)
                current = ""
        elif current:  # the unit may fit on a piece of its own
            pieces.append(current)
            current = ""
        else:  # it does not: cut it finer, and go on from its last part
            *done, current = split_text(units[i], fits, level + 1)
            pieces += done
            i += 1
    if current:
        pieces.append(current)
    return pieces


def _fits_after(
    fits: Callable[[str], bool], head: str, units: Sequence[str], start: int, k: int
) -> bool:
    """Whether ``head`` and the ``k`` units from ``start`` fit together."""
    return fits(head + "".join(units[start : start + k]))


def _most(holds: Callable[[int], bool], limit: int) -> int:
    """The largest k ≤ ``limit`` for which ``holds(k)`` (0 when not even 1), given that it
    holds for every k below one it holds for."""
    if limit < 1 or not holds(1):
        return 0
    low = 1  # holds
    high = 2
    while high <= limit and holds(high):
        low, high = high, high * 2
    high = min(high, limit + 1)  # does not hold (or is past the limit)
    while high - low > 1:
        middle = (low + high) // 2
        if holds(middle):
            low = middle
        else:
            high = middle
    return low


def _marked(text: str, goes_on_from: bool, goes_on: bool) -> str:
    text = text.strip()
    if goes_on_from:
        text = SplitCommentText.GOES_ON_FROM.format(text=text)
    if goes_on:
        text = SplitCommentText.GOES_ON.format(text=text)
    return text


def split_comment(comment: CommentView, fits: Callable[[CommentView], bool]) -> list[CommentView]:
    """``comment`` as it is when it ``fits``; else in pieces that each fit, the first saying
    it goes on (계속), the next ones that they go on from the last (이어서)."""
    if fits(comment):
        return [comment]

    def piece_fits(text: str) -> bool:  # measured with both marks, wherever it lands
        return fits(replace(comment, text=_marked(text, True, True)))

    texts = [t for t in split_text(comment.text, piece_fits) if t.strip()]
    return [
        replace(comment, text=_marked(t, i > 0, i < len(texts) - 1)) for i, t in enumerate(texts)
    ]


# ---------------------------------------------------------------- on screen (발표 모드)

# A slide on a 16:9 screen, measured at 1280×720 (the meeting-room projector). Type is set
# in units of the screen's height, so what fits at 1280×720 fits at 1920×1080 the same way.
SCREEN_TEXT_PX = 24  # body text: never smaller on a projector
SCREEN_LINE_PX = 34  # its line height
SCREEN_WIDTH_PX = 1180  # the text's width
SCREEN_BODY_PX = 500  # height under the title row and the controls
SCREEN_BAR_PX = 62  # one bar of a chart: a name over two lines at 24 px
SCREEN_CHART_EXTRA_PX = 70  # the chart's axis and 목표 100% label
SCREEN_MAX_BARS = 6  # more bars continue on the next screen
SCREEN_COMMENT_EXTRA_PX = 2 * SCREEN_LINE_PX + 30  # byline and the card's padding
SCREEN_TABLE_HEAD_PX = 2 * SCREEN_LINE_PX + 14
SCREEN_ROW_EXTRA_PX = 14


def text_width_px(text: str, font_px: int = SCREEN_TEXT_PX) -> float:
    """How wide ``text`` sets (a little wider than it does): a Hangul or CJK glyph is about a
    square, Latin letters, digits and spaces about half of one."""
    wide = sum(1 for ch in text if ord(ch) >= 0x1100)
    return (0.96 * wide + 0.56 * (len(text) - wide)) * font_px


def text_lines(text: str, width_px: float, font_px: int = SCREEN_TEXT_PX) -> int:
    """Lines ``text`` takes in a box ``width_px`` wide (words are not broken, so round up)."""
    lines = 0
    for paragraph in text.splitlines() or [""]:
        lines += max(1, -(-int(text_width_px(paragraph, font_px)) // int(width_px)))
    return lines


def chart_height_px(bars: int) -> int:
    """The height of a chart of ``bars`` bars on a screen."""
    return SCREEN_CHART_EXTRA_PX + SCREEN_BAR_PX * bars


def _bullet_px(bullet: Bullet) -> int:
    indent = 48 * (bullet.level + 1)
    return SCREEN_LINE_PX * text_lines(bullet.text, SCREEN_WIDTH_PX - indent)


def _comment_px(comment: CommentView, byline_text: str) -> int:
    width = SCREEN_WIDTH_PX - 40
    return SCREEN_LINE_PX * (text_lines(comment.text, width) + text_lines(byline_text, width)) + 30


def _row_px(table: Table, row: Sequence[str]) -> int:
    total = sum(table.widths) or len(row)
    widths = table.widths or tuple(1 for _ in row)
    lines = max(
        text_lines(cell, SCREEN_WIDTH_PX * w / total - 16)
        for cell, w in zip(row, widths, strict=True)
    )
    return SCREEN_LINE_PX * lines + SCREEN_ROW_EXTRA_PX


def _chart_part(chart: Chart, start: int, stop: int) -> Chart:
    return replace(
        chart,
        categories=chart.categories[start:stop],
        values=chart.values[start:stop],
        bands=chart.bands[start:stop],
        rates=chart.rates[start:stop],
        ids=chart.ids[start:stop],
    )


def screen_slides(deck: Deck) -> tuple[Slide, ...]:
    """The deck's slides cut to fit a 16:9 screen without scrolling or small type: a slide
    whose chart, lines, table and comments do not fit together continues on the next
    screen (its title marked 세부 내용 or 의견), never shrunk."""
    screens: list[Slide] = []
    for slide in deck.slides:
        screens += _fit(slide, deck)
    return tuple(screens)


def _has_content(slide: Slide) -> bool:
    return bool(slide.chart or slide.bullets or slide.table or slide.comments)


def _fit(slide: Slide, deck: Deck) -> list[Slide]:
    """One slide as one or more screens, its parts in order: chart, lines, table, comments.
    The first screen keeps the big number; the next ones say what they continue."""
    base = replace(slide, bullets=(), chart=None, table=None, comments=())
    screens: list[Slide] = []
    current = base
    room = SCREEN_BODY_PX

    def next_screen(title: str) -> None:
        nonlocal current, room
        screens.append(current)
        current = replace(base, title=title, headline="", headline_label="", band=None)
        room = SCREEN_BODY_PX

    if slide.chart is not None:
        count = len(slide.chart.categories)
        for start in range(0, count, SCREEN_MAX_BARS):
            if start:
                next_screen(MeetingText.CHART_CONTINUED.format(title=slide.title))
            part = _chart_part(slide.chart, start, min(start + SCREEN_MAX_BARS, count))
            current = replace(current, chart=part)
            room -= chart_height_px(len(part.categories))
    details = MeetingText.DETAILS_CONTINUED.format(title=slide.title)
    for bullet in slide.bullets:
        need = _bullet_px(bullet)
        if need > room and _has_content(current):
            next_screen(details)
        current = replace(current, bullets=(*current.bullets, bullet))
        room -= need
    if slide.table is not None:
        rows: list[tuple[str, ...]] = []
        for row in slide.table.rows:
            need = _row_px(slide.table, row) + (0 if rows else SCREEN_TABLE_HEAD_PX)
            if (need > room and _has_content(current)) or (rows and need > room):
                if rows:
                    current = replace(current, table=replace(slide.table, rows=tuple(rows)))
                next_screen(details)
                rows = []
                need = _row_px(slide.table, row) + SCREEN_TABLE_HEAD_PX
            rows.append(row)
            room -= need
        current = replace(current, table=replace(slide.table, rows=tuple(rows)))
    opinions = (
        MeetingText.CONTINUED
        if slide.kind is SlideKind.COMMENTS
        else MeetingText.COMMENTS_CONTINUED
    ).format(title=slide.title)
    heading_px = SCREEN_LINE_PX + 10 if slide.kind is not SlideKind.COMMENTS else 0

    def alone(c: CommentView) -> bool:  # fits a screen of its own
        return _comment_px(c, deck.comment_byline(c)) + heading_px <= SCREEN_BODY_PX

    for comment in (piece for c in slide.comments for piece in split_comment(c, alone)):
        heading = 0 if current.comments else heading_px  # "모니터링 의견"
        need = _comment_px(comment, deck.comment_byline(comment)) + heading
        if need > room and _has_content(current):
            next_screen(opinions)
            need = _comment_px(comment, deck.comment_byline(comment)) + heading_px
        current = replace(current, comments=(*current.comments, comment))
        room -= need
    screens.append(current)
    return screens
