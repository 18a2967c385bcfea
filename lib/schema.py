"""Domain models of one results workbook (시행결과 워크북): what the reader produces.

Numbers are kept exactly as written in the cells (``Decimal``); budgets are converted to
천원 on reading, whatever the workbook's 예산단위. Korean appears only in enum values,
which are the words the workbook and the user use.
"""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum

from pydantic import BaseModel, ConfigDict


class System(StrEnum):
    """The two strategy systems (전략체계) of a community social security plan."""

    SOCIAL_SECURITY = "사회보장사업"  # 지자체 사회보장사업 전략체계
    DEVELOPMENT = "발전전략"  # 지역사회보장 발전 전략체계


SYSTEM_ORDER: tuple[System, ...] = (System.SOCIAL_SECURITY, System.DEVELOPMENT)


class ProjectStatus(StrEnum):
    """사업구분: whether a sub-project continues, is new, changed or abolished this year."""

    CONTINUING = "계속"
    NEW = "신설"
    CHANGED = "변경"
    ABOLISHED = "폐지"


class Direction(StrEnum):
    """지표방향: whether a higher (상향) or a lower (하향) actual is better."""

    UP = "상향"
    DOWN = "하향"


class CommentCategory(StrEnum):
    """구분 of a monitoring comment."""

    RESULTS = "시행결과"
    COOPERATION = "민관협력"


class Rating(StrEnum):
    """평가 a reviewer gives."""

    APPROPRIATE = "적절"
    AVERAGE = "보통"
    INAPPROPRIATE = "부적절"


class BudgetUnit(StrEnum):
    """예산단위 of the workbook's budget cells."""

    THOUSAND_WON = "천원"
    MILLION_WON = "백만원"
    WON = "원"

    @property
    def to_thousand_won(self) -> Decimal:
        """Factor that turns an amount in this unit into 천원."""
        return {"천원": Decimal(1), "백만원": Decimal(1000), "원": Decimal("0.001")}[self.value]


class TargetKind(StrEnum):
    """What a comment's 대상 names."""

    ALL = "전체"
    SYSTEM = "체계"
    STRATEGY = "추진전략"
    KEY_PROJECT = "중점사업"
    SUB_PROJECT = "세부사업"


_FROZEN = ConfigDict(frozen=True)


class Meta(BaseModel):
    """Sheet 개요: who and which year the workbook is about."""

    model_config = _FROZEN

    district: str  # 시군구
    year: int  # 연도
    plan_term: str | None = None  # 계획기수
    budget_unit: BudgetUnit = (
        BudgetUnit.THOUSAND_WON
    )  # 예산단위 as stated (budgets are stored in 천원)
    illustrative_note: str | None = None  # 개요's 비고/자료 note, e.g. "세부 수치는 예시"


class Indicator(BaseModel):
    """One 성과지표 row of sheet 시행결과."""

    model_config = _FROZEN

    name: str
    unit: str | None = None
    direction: Direction = Direction.UP
    weight: Decimal | None = None  # None when the sub-project's indicators weigh the same
    target: Decimal | None = None  # None only in a 폐지 sub-project
    actual: Decimal | None = None
    row: int  # Excel row number in sheet 시행결과


class SubProject(BaseModel):
    """One 세부사업 (세부과업 in 발전전략) with its indicators and budget (in 천원)."""

    model_config = _FROZEN

    system: System
    code: str  # 사업번호, unique within its system
    strategy: str  # 추진전략
    key_project: str  # 중점사업 / 대표과업
    name: str  # 세부사업 / 세부과업
    department: str | None = None  # 담당부서
    target_group: str | None = None  # 사업대상
    dongs: tuple[str, ...] = ()  # 사업지역; empty means the whole district (전체)
    status: ProjectStatus = ProjectStatus.CONTINUING
    cooperation: bool = False  # 민관협력
    indicators: tuple[Indicator, ...]
    budget_planned: Decimal | None = None  # 당초예산, 천원
    budget_changed: Decimal | None = None  # 변경예산, 천원 (None: unchanged)
    budget_executed: Decimal | None = None  # 집행액, 천원
    budget_change_reason: str | None = None  # 예산변경사유
    performance: str | None = None  # 추진실적
    note: str | None = None  # 비고
    rows: tuple[int, ...]  # Excel rows in sheet 시행결과 this sub-project was read from

    @property
    def id(self) -> str:
        """Stable id used in URLs, flags and the CLI: ``체계/사업번호``."""
        return f"{self.system}/{self.code}"  # a StrEnum formats as its value

    @property
    def abolished(self) -> bool:
        return self.status is ProjectStatus.ABOLISHED

    @property
    def district_wide(self) -> bool:
        return not self.dongs

    @property
    def budget_final(self) -> Decimal | None:
        """변경예산 where given, else 당초예산."""
        return self.budget_changed if self.budget_changed is not None else self.budget_planned


class CommentTarget(BaseModel):
    """One thing a comment's 대상 names, resolved against the workbook."""

    model_config = _FROZEN

    kind: TargetKind
    system: System | None = None
    strategy: str | None = None
    key_project: str | None = None
    sub_project_id: str | None = None  # 체계/사업번호 when kind is SUB_PROJECT

    @classmethod
    def of(cls, sub_project: SubProject) -> CommentTarget:
        """The target naming one sub-project, with its place in the tree."""
        return cls(
            kind=TargetKind.SUB_PROJECT,
            system=sub_project.system,
            strategy=sub_project.strategy,
            key_project=sub_project.key_project,
            sub_project_id=sub_project.id,
        )

    @property
    def label(self) -> str:
        """How the target reads to a user."""
        if self.kind is TargetKind.ALL:
            return "전체"
        if self.kind is TargetKind.SYSTEM:
            return str(self.system)
        if self.kind is TargetKind.STRATEGY:
            return str(self.strategy)
        if self.kind is TargetKind.KEY_PROJECT:
            return str(self.key_project)
        return str(self.sub_project_id)


class Comment(BaseModel):
    """One row of sheet 모니터링의견."""

    model_config = _FROZEN

    category: CommentCategory
    targets: tuple[CommentTarget, ...]
    reviewer: str | None = None
    rating: Rating | None = None
    text: str
    row: int  # Excel row number in sheet 모니터링의견


class RosterMember(BaseModel):
    """One row of the optional sheet 모니터링단: a member of the monitoring T/F."""

    model_config = _FROZEN

    name: str  # 성명 (published documents mask it: 류○○)
    role: str | None = None  # 구분, e.g. 대표협의체 위원장
    affiliation: str | None = None  # 소속기관/직위, e.g. 학장종합사회복지관 / 관장
    row: int  # Excel row number in sheet 모니터링단


class Results(BaseModel):
    """Everything one workbook says, as read and validated."""

    model_config = _FROZEN

    meta: Meta
    sub_projects: tuple[SubProject, ...]  # workbook order (by first row)
    comments: tuple[Comment, ...] = ()
    roster: tuple[RosterMember, ...] = ()  # sheet 모니터링단, in sheet order; empty without it
    source_name: str = ""  # file name it was read from
    source_sha256: str = ""

    def sub_project(self, sub_project_id: str) -> SubProject | None:
        return next((sp for sp in self.sub_projects if sp.id == sub_project_id), None)

    def systems(self) -> tuple[System, ...]:
        """Systems present, 사회보장사업 first."""
        present = {sp.system for sp in self.sub_projects}
        return tuple(s for s in SYSTEM_ORDER if s in present)
