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
