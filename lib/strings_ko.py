"""Every Korean word the user reads: labels, messages and validation errors, in one place."""

from __future__ import annotations

APP_TITLE = "시행결과 대시보드"
APP_SUBTITLE = "지역사회보장계획 연차별 시행계획 시행결과"

SYSTEM_FULL_NAME = {
    "사회보장사업": "지자체 사회보장사업 전략체계",
    "발전전략": "지역사회보장 발전 전략체계",
}
# How each level is called in each system.
LEVEL_NAMES = {
    "사회보장사업": {"strategy": "추진전략", "key_project": "중점사업", "sub_project": "세부사업"},
    "발전전략": {"strategy": "추진전략", "key_project": "대표과업", "sub_project": "세부과업"},
}

ILLUSTRATIVE_DEFAULT = "총괄 수치·사업명은 보고서 기준, 세부 수치는 예시"


class Msg:
    """Validation messages. ``{}`` fields are filled by the reader."""

    # Whole file
    NOT_XLSX = (
        "엑셀 통합문서(.xlsx) 파일이 아닙니다. 엑셀에서 'Excel 통합 문서(*.xlsx)'로 저장해 주세요."
    )
    CORRUPT = "파일이 손상되어 읽을 수 없습니다 ({detail})."
    TOO_LARGE = "파일의 압축을 풀면 {size}로, 허용 한도({limit})를 넘습니다. 파일을 나누어 주세요."
    TOO_MANY_ROWS = "행이 {rows:,}개로, 허용 한도({limit:,}행)를 넘습니다."
    SHEET_MISSING = "필수 시트가 없습니다. 시트 이름을 '{sheet}'(으)로 맞춰 주세요."
    # Header
    HEADER_NOT_FOUND = "머리글 행을 찾지 못했습니다. 처음 10행 안에 필수 열({columns}) 중 4개 이상이 있어야 합니다."
    COLUMN_MISSING = "필수 열이 없습니다."
    COLUMN_DUPLICATE = "같은 열이 두 번 있습니다 ({first}열과 {second}열)."
    # Cells
    REQUIRED = "값이 비어 있습니다."
    NOT_NUMBER = "숫자가 아닙니다"
    NOT_YEAR = "연도는 2000~2100 사이의 정수여야 합니다"
    NOT_TEXT = "글자로 적어야 합니다"
    NOT_ALLOWED = "허용되지 않는 값입니다 (가능한 값: {allowed})"
    TARGET_NOT_POSITIVE = "목표는 0보다 커야 합니다"
    NEGATIVE = "0 이상이어야 합니다"
    WEIGHT_NOT_POSITIVE = "가중치는 0보다 커야 합니다"
    WEIGHT_PARTIAL = (
        "가중치는 한 세부사업의 모든 지표에 적거나 모두 비워야 합니다 (사업번호 '{code}')"
    )
    FORMULA_UNCACHED = (
        "수식의 계산 결과가 저장되어 있지 않습니다. 엑셀에서 열어 저장한 뒤 다시 올려 주세요"
    )
    CONTINUATION_WITHOUT_PROJECT = "사업번호가 비어 있는데 이어 받을 위 세부사업이 없습니다."
    CARRY_WITHOUT_ABOVE = "값이 비어 있고 위 행에서 이어 받을 값도 없습니다."
    CONFLICT = "사업번호 '{code}'의 값이 {first_row}행과 다릅니다 ('{first}' ≠ '{value}')"
    UNIT_CONFLICT = "예산단위가 서로 다릅니다: {statements}. 한 가지 단위로 맞춰 주세요"
    TARGET_UNKNOWN = "대상을 워크북에서 찾을 수 없습니다"
    TARGET_SUGGEST = " 비슷한 이름: {names}"
    TARGET_AMBIGUOUS = "사업번호가 두 체계에 모두 있습니다. '{example}'처럼 체계를 함께 적어 주세요"
    NOTHING_TO_READ = "읽을 세부사업이 한 행도 없습니다."


class Nav:
    """Page titles (st.Page) and the sidebar."""

    OVERVIEW = "개요"
    STRATEGIES = "전략별 성과"
    PROJECTS = "세부사업"
    FLAGS = "점검 필요 사업"
    COMMENTS = "모니터링 의견"


class FilterText:
    """Shared filters in the sidebar."""

    HEADER = "보기 설정"
    SYSTEM = "체계"
    SYSTEM_ALL = "전체 체계"
    STRATEGY = "추진전략"
    STRATEGY_PLACEHOLDER = "모든 추진전략"
    DONG = "행정동"
    DONG_PLACEHOLDER = "모든 행정동"
    DISTRICT_WIDE = "구 전체 대상 사업도 포함"
    DISTRICT_WIDE_HELP = "사업지역이 '전체'인 사업은 모든 동에 해당하는 것으로 봅니다."
    FLAG = "점검 표시"
    FLAG_PLACEHOLDER = "모든 사업"
    THRESHOLDS = "기준값 조정"
    UNDERPERFORMING = "부진: 달성률이 이 값 미만 (%)"
    OVER_ACHIEVING = "초과달성: 달성률이 이 값 이상 (%)"
    LOW_EXECUTION = "집행부진: 집행률이 이 값 미만 (%)"
    BAND_ACHIEVED = "색 구분 '달성' 기준 (%)"
    BAND_LOW = "색 구분 '저조' 기준: 이 값 미만 (%)"
    BAND_NOTE = "색 구분(달성 ● / 미달 ▲ / 저조 ▼)은 부진 표시와 별개의 기준입니다."
    CLEAR = "필터 모두 지우기"
    DROPPED = "주소(URL)에 있던 알 수 없는 값은 무시했습니다: {values}"
    SHOWING = "보는 범위: {description}"


class Common:
    """Words used on several pages."""

    PROVENANCE = "{district} · {year}년 · 파일 {file}"
    ILLUSTRATIVE = "예시 자료 안내: {note}"
    RATE = "달성률"
    TARGET_100 = "목표 100%"
    UNIT_THOUSAND_WON = "단위: 천원"
    BUDGET_PLANNED = "당초예산"
    BUDGET_CHANGED = "변경예산"
    BUDGET_FINAL = "최종예산"
    BUDGET_EXECUTED = "집행액"
    EXECUTION_RATE = "집행률"
    NO_COMMENTS = "이 항목에 대한 의견이 없습니다."
    COMMENTS = "모니터링 의견"
    EMPTY_FILTERED = "선택한 조건에 맞는 사업이 없습니다. 사이드바에서 조건을 넓히거나 '필터 모두 지우기'를 누르세요."
    REVIEWER_UNKNOWN = "작성자 미상"


class OverviewText:
    TITLE = "시행결과 개요"
    RATE_CAPTION = "목표 100% 대비 평균 달성률"
    COUNTS = "{strategy} {n_strategy} · {key} {n_key} · {sub} {n_sub}"
    BUDGET = "예산 (단위: 천원)"
    FLAGGED = "점검 필요 사업"
    NO_FLAGS = "표시된 사업이 없습니다."
    CHART = "추진전략별 달성률"
    OVERALL_COMMENTS = "전체에 대한 모니터링 의견"
    NO_RATE = "달성률 없음"
