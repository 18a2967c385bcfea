"""The 모니터링 의견 page's table: comments by 구분 and by target, each with its numbers.

Pure: takes the loaded results, the comments (``CommentView``, from the workbook or
stored later), the shared sidebar ``Filter`` and the page's own choices (구분, 위원, 평가),
and returns what to show, in order. Text comes from ``lib.strings_ko`` and numbers from
``lib.format``; no streamlit here.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from fractions import Fraction

from lib import format as fmt
from lib.comments import CommentView, Node
from lib.flags import flags_of
from lib.metrics import execution_rate, sub_project_rate, summarise
from lib.schema import (
    SYSTEM_ORDER,
    CommentCategory,
    CommentTarget,
    Rating,
    Results,
    SubProject,
    System,
    TargetKind,
)
from lib.status import band_label, band_of, flag_badge
from lib.strings_ko import LEVEL_NAMES, SYSTEM_FULL_NAME, CommentsText, Common, LayoutText
from lib.views import filters

# ---------------------------------------------------------------------------------------
# The page's own choices: 구분, 위원, 평가


@dataclass(frozen=True)
class PageChoice:
    """What the page's widgets keep; an empty tuple keeps everything."""

    categories: tuple[CommentCategory, ...] = ()
    reviewers: tuple[str, ...] = ()  # reviewer_label values
    ratings: tuple[str, ...] = ()  # rating_label values

    def keeps(self, comment: CommentView) -> bool:
        return (
            (not self.categories or comment.category in self.categories)
            and (not self.reviewers or reviewer_label(comment) in self.reviewers)
            and (not self.ratings or rating_label(comment) in self.ratings)
        )


def reviewer_label(comment: CommentView) -> str:
    """Who wrote it, as the 위원 filter lists it (``작성자 미상`` when blank)."""
    return comment.reviewer or Common.REVIEWER_UNKNOWN


def rating_label(comment: CommentView) -> str:
    """The 평가 as the filter lists it (``평가 없음`` when blank)."""
    return comment.rating.value if comment.rating is not None else CommentsText.NO_RATING


def reviewer_options(comments: Iterable[CommentView]) -> list[str]:
    """Every reviewer, in order of first comment."""
    return list(dict.fromkeys(reviewer_label(c) for c in comments))


def rating_options(comments: Iterable[CommentView]) -> list[str]:
    """적절 / 보통 / 부적절 in that order, then ``평가 없음``: only those that occur."""
    present = {rating_label(c) for c in comments}
    ordered = [r.value for r in Rating] + [CommentsText.NO_RATING]
    return [r for r in ordered if r in present]


# ---------------------------------------------------------------------------------------
# The shared sidebar filter: which targets are within it


def node_of(target: CommentTarget) -> Node:
    """The tree node a comment target names."""
    if target.kind is TargetKind.ALL:
        return Node()
    if target.kind is TargetKind.SYSTEM:
        return Node(system=target.system)
    if target.kind is TargetKind.STRATEGY:
        return Node(target.system, target.strategy)
    if target.kind is TargetKind.KEY_PROJECT:
        return Node(target.system, target.strategy, target.key_project)
    return Node(target.system, target.strategy, target.key_project, target.sub_project_id)


@dataclass(frozen=True)
class Scope:
    """The nodes the sidebar filter leaves in view.

    A sub-project, key project or strategy is in view when a filtered sub-project is (or
    lies beneath) it; 전체 always is, and a system is unless the 체계 filter picks the other.
    """

    system: System | None
    sub_project_ids: frozenset[str]
    key_projects: frozenset[tuple[System, str, str]]
    strategies: frozenset[tuple[System, str]]

    @classmethod
    def of(cls, shown: Iterable[SubProject], f: filters.Filter) -> Scope:
        kept = list(shown)
        return cls(
            system=f.system,
            sub_project_ids=frozenset(sp.id for sp in kept),
            key_projects=frozenset((sp.system, sp.strategy, sp.key_project) for sp in kept),
            strategies=frozenset((sp.system, sp.strategy) for sp in kept),
        )

    def covers(self, node: Node) -> bool:
        kind = node.kind
        if kind is TargetKind.ALL:
            return True
        if kind is TargetKind.SYSTEM:
            return self.system is None or node.system is self.system
        if kind is TargetKind.STRATEGY:
            return (node.system, node.strategy) in self.strategies
        if kind is TargetKind.KEY_PROJECT:
            return (node.system, node.strategy, node.key_project) in self.key_projects
        return node.sub_project_id in self.sub_project_ids

    def shows(self, comment: CommentView) -> bool:
        """A comment is shown when any of its targets is in view."""
        return any(self.covers(node_of(t)) for t in comment.targets)


def visible(comments: Iterable[CommentView], scope: Scope, choice: PageChoice) -> list[CommentView]:
    """The comments the sidebar filter and the page's choices both keep, in order."""
    return [c for c in comments if choice.keeps(c) and scope.shows(c)]


# ---------------------------------------------------------------------------------------
# Targets in order, with their numbers


def target_nodes(sub_projects: Sequence[SubProject]) -> list[Node]:
    """전체, each 체계, then each 추진전략 followed by its 중점사업 and their 세부사업.

    Workbook order (사회보장사업 first), so a strategy's comments sit just above those on
    its key projects and sub-projects.
    """
    ordered = sorted(sub_projects, key=lambda sp: SYSTEM_ORDER.index(sp.system))
    nodes: list[Node] = [Node()]
    nodes += [Node(system=s) for s in dict.fromkeys(sp.system for sp in ordered)]
    for strategy in dict.fromkeys((sp.system, sp.strategy) for sp in ordered):
        nodes.append(Node(*strategy))
        in_strategy = [sp for sp in ordered if (sp.system, sp.strategy) == strategy]
        for key_project in dict.fromkeys(sp.key_project for sp in in_strategy):
            nodes.append(Node(*strategy, key_project))
            nodes += [Node.of(sp) for sp in in_strategy if sp.key_project == key_project]
    return nodes


def _beneath(node: Node, sub_projects: Iterable[SubProject]) -> list[SubProject]:
    """The sub-projects at or below a node."""
    return [
        sp
        for sp in sub_projects
        if (node.system is None or sp.system is node.system)
        and (node.strategy is None or sp.strategy == node.strategy)
        and (node.key_project is None or sp.key_project == node.key_project)
        and (node.sub_project_id is None or sp.id == node.sub_project_id)
    ]


def _counted(sub_projects: Iterable[SubProject]) -> int:
    return sum(1 for sp in sub_projects if not sp.abolished)


def target_name(node: Node, results: Results) -> str:
    """What a target is called: the sub-project's name, the strategy's, the system's …"""
    kind = node.kind
    if kind is TargetKind.ALL:
        return CommentsText.ALL_TARGET
    if kind is TargetKind.SYSTEM:
        assert node.system is not None
        return SYSTEM_FULL_NAME[node.system.value]
    if kind is TargetKind.SUB_PROJECT:
        assert node.sub_project_id is not None
        found = results.sub_project(node.sub_project_id)
        return found.name if found is not None else node.sub_project_id
    return str(node.key_project or node.strategy)


def target_kind_line(node: Node, results: Results) -> str:
    """``세부사업 · 사회보장사업 1-1-3``: what kind of target, in which system."""
    kind = node.kind
    if kind is TargetKind.ALL:
        return CommentsText.KIND_ALL
    assert node.system is not None
    names = LEVEL_NAMES[node.system.value]
    if kind is TargetKind.SYSTEM:
        return CommentsText.KIND_SYSTEM
    if kind is TargetKind.STRATEGY:
        return f"{names['strategy']} · {node.system.value}"
    if kind is TargetKind.KEY_PROJECT:
        return f"{names['key_project']} · {node.system.value} · {node.strategy}"
    found = results.sub_project(node.sub_project_id or "")
    code = found.code if found is not None else ""
    return f"{names['sub_project']} · {node.system.value} {code}".rstrip()


def _rate_text(rate: Fraction | None, f: filters.Filter) -> str:
    """``**121.6%** ● 달성``: the rate with its band's symbol and word."""
    if rate is None:
        return CommentsText.NO_RATE
    return f"**{fmt.percent(rate)}** {band_label(band_of(rate, f.bands))}"


def _count_line(node: Node, shown_count: int, results: Results) -> str:
    """``세부사업 6개`` or, when the filter narrows the node, ``세부사업 6개 중 2개``."""
    assert node.system is not None
    total = _counted(_beneath(node, results.sub_projects))
    noun = LEVEL_NAMES[node.system.value]["sub_project"]
    return f"{noun} {fmt.count(shown_count, total)}"


def numbers_lines(
    node: Node, results: Results, shown: Sequence[SubProject], f: filters.Filter
) -> list[str]:
    """The target's numbers, one markdown line each (no user text in them).

    세부사업: 달성률 with its band, 최종예산 and 집행률, its flags. 중점사업, 추진전략 and
    체계: the mean rate of the filtered sub-projects beneath it and their count ("6개 중
    2개" when the filter narrows it). 전체: each system's rate and count.
    """
    kind = node.kind
    if kind is TargetKind.SUB_PROJECT:
        sp = results.sub_project(node.sub_project_id or "")
        if sp is None:
            return []
        badges = flags_of(sp, f.thresholds)
        return [
            CommentsText.ABOLISHED
            if sp.abolished
            else CommentsText.RATE_LINE.format(rate=_rate_text(sub_project_rate(sp), f)),
            CommentsText.BUDGET_LINE.format(
                budget=fmt.thousand_won(sp.budget_final),
                execution=fmt.percent(execution_rate(sp)),
            ),
            "  ".join(flag_badge(flag) for flag in badges) if badges else CommentsText.NO_FLAGS,
        ]
    if kind is TargetKind.ALL:
        systems = [f.system] if f.system is not None else list(results.systems())
        lines = []
        for system in systems:
            system_node = Node(system=system)
            summary = summarise(system, _beneath(system_node, shown))
            lines.append(
                CommentsText.SYSTEM_LINE.format(
                    system=system.value,
                    rate=_rate_text(summary.achievement_rate, f),
                    count=_count_line(system_node, summary.sub_projects, results),
                )
            )
        return lines
    assert node.system is not None
    summary = summarise(node.system, _beneath(node, shown), node.strategy, node.key_project)
    return [
        CommentsText.RATE_LINE.format(rate=_rate_text(summary.achievement_rate, f)),
        _count_line(node, summary.sub_projects, results),
    ]


# ---------------------------------------------------------------------------------------
# The whole table


@dataclass(frozen=True)
class Target:
    """One target as shown: what it is, its name, and its numbers."""

    node: Node
    kind_line: str  # 세부사업 · 사회보장사업 1-1-3
    name: str  # 행복울타리 돌봄사업 (user text: escape when shown)
    numbers: tuple[str, ...]  # markdown lines from numbers_lines


@dataclass(frozen=True)
class TargetGroup:
    """Comments about the same targets, beside those targets' numbers.

    Usually one target; a comment that names several (e.g. four projects whose budgets
    changed) is shown once, beside each of them that is in view.
    """

    targets: tuple[Target, ...]
    comments: tuple[CommentView, ...]


@dataclass(frozen=True)
class Section:
    """The comments of one 구분, by target."""

    category: CommentCategory
    count: int
    groups: tuple[TargetGroup, ...]

    @property
    def help(self) -> str:
        """What this 구분 of comment is about."""
        if self.category is CommentCategory.RESULTS:
            return CommentsText.HELP_RESULTS
        return CommentsText.HELP_COOPERATION


@dataclass(frozen=True)
class CommentTable:
    sections: tuple[Section, ...]  # 시행결과, then 민관협력; only those with comments
    shown: int
    total: int

    @property
    def count_text(self) -> str:
        """``20건`` or ``20건 중 5건``."""
        return fmt.count(self.shown, self.total, noun=LayoutText.CASES)


def build(
    results: Results,
    comments: Sequence[CommentView],
    shown: Sequence[SubProject],
    f: filters.Filter,
    choice: PageChoice = PageChoice(),
) -> CommentTable:
    """Comments by 구분, then by target in ``target_nodes`` order, each with its numbers.

    Each comment is listed once, in the group of its targets that are in view; groups
    follow their first target's place in ``target_nodes`` (a lone target before a set that
    begins with it).
    """
    scope = Scope.of(shown, f)
    kept = visible(comments, scope, choice)
    order = {n: i for i, n in enumerate(target_nodes(results.sub_projects))}
    described: dict[Node, Target] = {}

    def describe(node: Node) -> Target:
        if node not in described:
            described[node] = Target(
                node=node,
                kind_line=target_kind_line(node, results),
                name=target_name(node, results),
                numbers=tuple(numbers_lines(node, results, shown, f)),
            )
        return described[node]

    sections: list[Section] = []
    for category in CommentCategory:
        grouped: dict[tuple[Node, ...], list[CommentView]] = {}
        for comment in (c for c in kept if c.category is category):
            in_view = {node_of(t) for t in comment.targets if scope.covers(node_of(t))}
            key = tuple(sorted(in_view, key=lambda n: order.get(n, len(order))))
            grouped.setdefault(key, []).append(comment)
        if not grouped:
            continue
        keys = sorted(grouped, key=lambda k: [order.get(n, len(order)) for n in k])
        groups = tuple(
            TargetGroup(tuple(describe(n) for n in key), tuple(grouped[key])) for key in keys
        )
        count = sum(len(g.comments) for g in groups)
        sections.append(Section(category, count, groups))
    return CommentTable(tuple(sections), shown=len(kept), total=len(comments))
