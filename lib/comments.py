"""Comments beside the numbers: which comment speaks of which node, from any source.

Workbook comments (모니터링의견) and, once stored, reviewers' entries are shown through
one type, ``CommentView``, so every page lists them the same way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime

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
        source=f"모니터링의견 시트 {comment.row}행",
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
