"""Comments beside the numbers: which comment speaks of which node, from any source.

Workbook comments (모니터링의견) and, once stored, reviewers' entries are shown through
one type, ``CommentView``, so every page lists them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from lib import format as fmt
from lib.schema import (
    Comment,
    CommentCategory,
    CommentTarget,
    Rating,
    Results,
    SubProject,
    System,
    TargetKind,
)
from lib.strings_ko import Common, ExportText, LayoutText


@dataclass(frozen=True)
class CommentView:
    """One comment as shown: what it says, who said it, about what, from where."""

    category: CommentCategory
    targets: tuple[CommentTarget, ...]
    text: str
    reviewer: str | None
    rating: Rating | None
    source: str  # "모니터링의견 시트 5행" or "점검 입력"
    written_at: datetime | None = None


def from_workbook(results: Results) -> list[CommentView]:
    return [_view(c) for c in results.comments]


def _view(comment: Comment) -> CommentView:
    return CommentView(
        category=comment.category,
        targets=comment.targets,
        text=comment.text,
        reviewer=comment.reviewer,
        rating=comment.rating,
        source=LayoutText.COMMENT_SOURCE.format(row=comment.row),
    )


@dataclass(frozen=True)
class Node:
    """A place in the strategy tree: a system, strategy, key project or sub-project."""

    system: System | None = None  # None: the whole workbook (전체)
    strategy: str | None = None
    key_project: str | None = None
    sub_project_id: str | None = None

    @property
    def kind(self) -> TargetKind:
        if self.sub_project_id:
            return TargetKind.SUB_PROJECT
        if self.key_project:
            return TargetKind.KEY_PROJECT
        if self.strategy:
            return TargetKind.STRATEGY
        return TargetKind.SYSTEM if self.system else TargetKind.ALL

    @classmethod
    def of(cls, sub_project: SubProject) -> Node:
        return cls(
            sub_project.system, sub_project.strategy, sub_project.key_project, sub_project.id
        )


def speaks_of(target: CommentTarget, node: Node) -> bool:
    """Whether a comment target names exactly this node."""
    if target.kind is not node.kind:
        return False
    if target.kind is TargetKind.ALL:
        return True
    if target.kind is TargetKind.SYSTEM:
        return target.system is node.system
    if target.kind is TargetKind.STRATEGY:
        return (target.system, target.strategy) == (node.system, node.strategy)
    if target.kind is TargetKind.KEY_PROJECT:
        return (target.system, target.strategy, target.key_project) == (
            node.system,
            node.strategy,
            node.key_project,
        )
    return target.sub_project_id == node.sub_project_id


def about(comments: Iterable[CommentView], node: Node) -> list[CommentView]:
    """The comments attached to exactly this node."""
    return [c for c in comments if any(speaks_of(t, node) for t in c.targets)]


def overall(comments: Iterable[CommentView], systems: Sequence[System] = ()) -> list[CommentView]:
    """Comments on the whole workbook (전체) or on one of ``systems``."""
    nodes = [Node(), *(Node(system=s) for s in systems)]
    return [c for c in comments if any(speaks_of(t, n) for t in c.targets for n in nodes)]


def above(comments: Iterable[CommentView], sub_project: SubProject) -> list[CommentView]:
    """Comments on the sub-project's key project, strategy or system (context for its detail)."""
    nodes = [
        Node(sub_project.system, sub_project.strategy, sub_project.key_project),
        Node(sub_project.system, sub_project.strategy),
        Node(sub_project.system),
    ]
    return [c for c in comments if any(speaks_of(t, n) for t in c.targets for n in nodes)]


def within_strategy(
    comments: Iterable[CommentView], system: System, strategy: str
) -> list[CommentView]:
    """Comments on a strategy or on anything under it (its key projects and sub-projects)."""
    kinds = (TargetKind.STRATEGY, TargetKind.KEY_PROJECT, TargetKind.SUB_PROJECT)
    return [
        c
        for c in comments
        if any(t.kind in kinds and (t.system, t.strategy) == (system, strategy) for t in c.targets)
    ]


def targets_text(comment: CommentView, target_labels: Mapping[str, str] | None = None) -> str:
    """What a comment is about: ``행복울타리 돌봄사업 (1-1-3), 전체`` (a sub-project by its
    label in ``target_labels`` where given, else by its id)."""
    labels = target_labels or {}
    return ", ".join(
        labels.get(t.sub_project_id or "", t.label) if t.kind is TargetKind.SUB_PROJECT else t.label
        for t in comment.targets
    )


def byline(
    comment: CommentView,
    target_labels: Mapping[str, str] | None = None,
    *,
    with_category: bool = False,
    with_targets: bool = True,
    with_source: bool = False,
) -> str:
    """The one line under a comment, on screen and in every export:
    ``[구분 · ]모니터링 T/F · 평가: 적절 · 대상: 행복울타리 돌봄사업 (1-1-3) · 2024. 3. 15.[ · 출처]``.
    The date is Korean time (``fmt.date_label``)."""
    parts = [comment.category.value] if with_category else []
    parts.append(comment.reviewer or Common.REVIEWER_UNKNOWN)
    if comment.rating is not None:
        parts.append(ExportText.RATING.format(rating=comment.rating.value))
    if with_targets:
        parts.append(ExportText.TARGETS.format(targets=targets_text(comment, target_labels)))
    if comment.written_at is not None:
        parts.append(fmt.date_label(comment.written_at))
    if with_source:
        parts.append(comment.source)
    return " · ".join(parts)


def rating_counts(comments: Iterable[CommentView]) -> dict[Rating, int]:
    """적절 / 보통 / 부적절 counts (every key present)."""
    counts = dict.fromkeys(Rating, 0)
    for c in comments:
        if c.rating is not None:
            counts[c.rating] += 1
    return counts


def rating_summary(counts: dict[Rating, int]) -> str:
    """``적절 5 · 보통 2 · 부적절 1``."""
    return " · ".join(f"{rating.value} {n}" for rating, n in counts.items())
