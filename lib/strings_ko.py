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
    FILE_TOO_LARGE = "파일이 {size}로, 허용 한도({limit})를 넘습니다. 파일을 나누어 올려 주세요."
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
    REVIEW = "점검 입력"


class FilterText:
    """Shared filters in the sidebar."""

    HEADER = "보기 설정"
    SOURCE = "자료 선택"
    DISTRICT = "시군구"
    YEAR = "연도"
    SYSTEM = "체계"
    SYSTEM_ALL = "전체 체계"
    STRATEGY = "추진전략"
    STRATEGY_PLACEHOLDER = "모든 추진전략"
    DONG = "행정동"
    DONG_PLACEHOLDER = "모든 행정동"
    DISTRICT_WIDE = "구 전체 대상 사업도 포함"
    DISTRICT_WIDE_HELP = "끄면(기본) 고른 동을 사업지역에 적은 사업만 봅니다. 켜면 사업지역이 '전체'인 사업도 모든 동의 사업으로 함께 봅니다."
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
    SUB_PROJECT_COUNT = "세부사업 {n}개"
    TITLE = "시행결과 개요"
    RATE_CAPTION = "목표 100% 대비 평균 달성률"
    COUNTS = "{strategy} {n_strategy} · {key} {n_key} · {sub} {n_sub}"
    BUDGET = "예산 (단위: 천원)"
    FLAGGED = "점검 필요 사업"
    NO_FLAGS = "표시된 사업이 없습니다."
    CHART = "추진전략별 달성률"
    OVERALL_COMMENTS = "전체에 대한 모니터링 의견"
    NO_RATE = "달성률 없음"


class ProjectsText:
    """세부사업 page: the table and one project's detail."""

    INDICATOR_CARD = "{name} · 목표 {target} · 실적 {actual} · 달성률 {rate} {band}"

    STRATEGY_RATINGS = "이 사업이 속한 추진전략 '{strategy}' 전체 평가: {summary}"

    WRITE_REVIEW = "이 사업 점검 의견 쓰기"

    TITLE = "세부사업"
    HINT = "행을 누르면 표 아래에 상세 내용이 열리고, 열 머리글을 누르면 정렬됩니다."
    # Table columns
    SYSTEM = "체계"
    CODE = "사업번호"
    NAME = "세부사업명"
    RATE = "달성률"
    RATE_HELP = "세부사업 달성률. 목표는 100%이며, 막대 끝은 {max}%입니다."
    BAND = "상태"
    FLAGS = "점검 표시"
    PLANNED = "당초예산"
    FINAL = "최종예산"
    FINAL_HELP = "변경예산이 있으면 변경예산, 없으면 당초예산"
    EXECUTED = "집행액"
    EXECUTION = "집행률"
    AREA = "사업지역"
    AREA_ALL = "전체"
    DEPARTMENT = "담당부서"
    STATUS = "사업구분"
    TABLE_CAPTION = (
        "{count} · 예산 단위: 천원 · 상태: ● 달성({achieved}% 이상) ▲ 미달 ▼ 저조({low}% 미만)"
    )
    COUNT = "세부사업 {count}"
    ABOLISHED_COUNT = " (폐지 {n}개는 계산에서 빼고 함께 표시)"
    # Detail
    UNKNOWN_PROJECT = (
        "주소에 적힌 사업 '{id}'을(를) 이 워크북에서 찾을 수 없습니다. 표에서 사업을 골라 주세요."
    )
    OUTSIDE_FILTER = "이 사업은 지금 보기 설정(필터)에 들지 않아 위 표에는 없습니다."
    PICK = "표에서 사업을 고르면 성과지표, 예산, 추진실적과 모니터링 의견이 여기에 열립니다."
    DETAIL_CAPTION = "{system} {code} · {strategy} › {key_project}"
    ABOLISHED = "폐지된 사업입니다. 달성률, 사업 수, 예산 합계 계산에서 모두 제외됩니다."
    NO_RATE = "달성률 없음"
    RATE_EXCLUDED = "폐지: 달성률 계산에서 제외"
    RATE_CAPTION = "목표 100% 대비 · {band}"
    INDICATORS = "성과지표"
    INDICATOR = "성과지표"
    UNIT = "단위"
    DIRECTION = "방향"
    WEIGHT = "가중치"
    TARGET = "목표"
    ACTUAL = "실적"
    SOURCE = "출처"
    SOURCE_HELP = "이 지표를 읽은 시행결과 시트의 엑셀 행 번호"
    INDICATOR_ROW = "{row}행"
    INDICATOR_SOURCE = "출처: 시행결과 시트 (지표별 엑셀 행은 표의 '출처' 열)"
    BUDGET_CHANGED = "변경예산"
    BUDGET_UNCHANGED = "변경 없음"
    REASON = "예산변경사유"
    REASON_MISSING = "사유 없음"
    REASON_MISSING_NOTE = "예산이 바뀌었지만 예산변경사유가 적혀 있지 않습니다."
    PERFORMANCE = "추진실적"
    NOTE = "비고"
    TARGET_GROUP = "사업대상"
    EMPTY = "–"
    SHEET_ROWS = "시행결과 시트 {rows}행"
    SOURCE_LINE = "출처: {where}"
    BACK_TO_STRATEGY = "'{strategy}' 전략 성과 보기"
    COMMENTS_ABOUT = "이 사업에 대한 의견"
    COMMENTS_ABOVE = "상위 단계 의견"
    COMMENTS_ABOVE_HELP = "이 사업이 속한 중점사업·추진전략·체계에 붙은 의견"
    RATINGS = "평가 요약: {summary}"


class FlagsText:
    """점검 필요 사업 page."""

    STRATEGY_RATINGS = "추진전략별 평가 요약"
    STRATEGY_RATINGS_HELP = (
        "추진전략과 그 아래 중점사업·세부사업에 대한 의견의 평가(적절·보통·부적절)를 모았습니다."
    )
    STRATEGY_RATINGS_COLUMNS = ("체계", "추진전략", "평가")

    TITLE = "점검 필요 사업"
    INTRO = (
        "사업 이름을 누르면 상세 내용으로 갑니다. 부진·초과달성·집행부진의 기준값은 각 항목의 "
        "입력칸에서 바꿀 수 있으며, 사이드바 '기준값 조정'과 같은 값입니다."
    )
    HEADER = "{badge} · {rule} · {count}"
    # What each flag means (RULE_*, with the active threshold) and a note under its header.
    RULE_BUDGET_CHANGED = "변경예산이 당초예산과 다름"
    RULE_UNDERPERFORMING = "달성률 {threshold}% 미만"
    RULE_OVER_ACHIEVING = "달성률 {threshold}% 이상"
    RULE_LOW_EXECUTION = "집행률 {threshold}% 미만"
    RULE_NEW = "올해 새로 시작"
    RULE_ABOLISHED = "올해 폐지"
    NOTE_BUDGET_CHANGED = "변경 사유가 적혀 있지 않은 사업은 '⚠ 사유 없음'으로 표시합니다."
    NOTE_UNDERPERFORMING = (
        "목표(100%)에 못 미친 사업입니다. 색 구분(달성·미달·저조)과는 별개의 기준입니다."
    )
    NOTE_OVER_ACHIEVING = "목표가 너무 낮게 잡혔을 수 있는 사업입니다."
    NOTE_LOW_EXECUTION = "집행률 = 집행액 ÷ 최종예산(변경예산, 없으면 당초예산)."
    NOTE_NEW = "사업구분이 '신설'인 사업입니다."
    NOTE_ABOLISHED = "달성률, 사업 수, 예산 합계 계산에서 모두 제외됩니다."
    THRESHOLD = "기준값 (%)"
    THRESHOLD_HELP = "사이드바 '기준값 조정'과 같은 값입니다. 바꾸면 주소(URL)에도 저장됩니다."
    NONE = "지금 기준과 보기 설정에 해당하는 사업이 없습니다."
    UNIT = "예산 단위: 천원"
    RATE = "달성률 {rate}"
    EXECUTION = "집행률 {rate} (집행액 {executed} / 최종예산 {final})"
    BUDGET = "당초 {planned} → 변경 {changed} ({delta})"
    REASON = "사유: {reason}"
    REASON_MISSING = "⚠ 사유 없음"
    STATUS = "사업구분: {status}"
    ABOLISHED_STATUS = "사업구분: 폐지 (달성률·예산 합계에서 제외)"
    RATINGS = "평가 {summary}"
    OF_ALL = "전체 {n}개 중"


class StrategiesText:
    """전략별 성과: the drill-down 추진전략 → 중점사업 → 세부사업 → 성과지표."""

    TITLE = "전략별 성과"
    HOW_TO = "막대를 누르거나 '하위 항목 열기'에서 고르면 한 단계 아래로 내려갑니다. 위쪽 경로를 누르면 돌아갑니다."
    ROOT = "전체"
    BREADCRUMB = "현재 위치"
    SEPARATOR = "›"
    OPEN_CHILD = "하위 항목 열기"
    OPEN_PLACEHOLDER = "{level} 선택"
    CHART = "{level}별 달성률"
    RATE = "{level} 달성률"
    RATE_CAPTION = "{band} · 목표 100% 대비"
    COUNT_LINE = "**{label}** {count}"
    NODE_HEADER = "{level} · {name}"
    RESET_NOTICE = "보기 설정에 '{name}'이(가) 들어 있지 않아 처음 화면으로 돌아왔습니다."
    INDICATOR = "성과지표"
    INDICATOR_CHART = "성과지표별 달성률"
    TARGET_VS_ACTUAL = "성과지표별 목표와 실적"
    TABLE_NAME = "성과지표"
    TABLE_UNIT = "단위"
    TABLE_TARGET = "목표"
    TABLE_ACTUAL = "실적"
    TABLE_RATE = "달성률"
    TABLE_DIRECTION = "방향"
    DIRECTION_UP = "상향 (높을수록 좋음)"
    DIRECTION_DOWN = "하향 (낮을수록 좋음)"
    LOWER_IS_BETTER = "낮을수록 좋음"
    DETAIL_LINK = "상세 보기 (예산·추진실적·출처)"
    TABLE_TITLE = "성과지표 목표·실적"
    ABOLISHED = "폐지"
    ABOLISHED_NOTE = "폐지된 사업입니다. 달성률·개수·예산 합계에서 빠집니다."
    COMMENTS_ABOUT = "이 {level}에 대한 의견: {name}"
    SYSTEM = "체계"
    HOVER_NOTE = "{label} {count} · 눌러서 열기"
    FLAGS = "점검 표시"
    NO_FLAGS = "점검 표시 없음"
    BUDGET = "예산(천원) 당초 {planned} → 최종 {final} · 집행 {executed} ({rate_label} {rate})"


class CommentsText:
    """모니터링 의견 page."""

    TITLE = "모니터링 의견"
    INTRO = "위원 의견을 구분과 대상별로 묶고, 대상의 달성률·예산·점검 표시를 옆에 붙였습니다. 대상 이름을 누르면 해당 화면으로 갑니다."
    CATEGORY = "구분"
    CATEGORY_PLACEHOLDER = "모든 구분"
    REVIEWER = "위원"
    REVIEWER_PLACEHOLDER = "모든 위원"
    RATING = "평가"
    RATING_PLACEHOLDER = "모든 평가"
    NO_RATING = "평가 없음"
    COUNT = "의견 {count}"
    SECTION = "{category} 의견 {count}건"
    HELP_RESULTS = "연차별 시행계획 시행결과에 대한 의견"
    HELP_COOPERATION = "민관협력 증진방안 및 보완사항"
    EMPTY = "선택한 조건에 맞는 의견이 없습니다. 위의 구분·위원·평가 선택이나 사이드바의 보기 설정을 넓혀 보세요."
    NONE = "이 워크북에는 모니터링 의견이 없습니다. 워크북의 '모니터링의견' 시트에 적으면 여기에 대상별로 보입니다."
    ALL_TARGET = "전체"
    KIND_ALL = "연차별 시행계획 전체"
    KIND_SYSTEM = "체계"
    RATE_LINE = "달성률 {rate}"
    NO_RATE = "달성률 없음"
    ABOLISHED = "폐지된 사업 (달성률 계산에서 제외)"
    BUDGET_LINE = "최종예산 {budget} · 집행률 {execution}"
    NO_FLAGS = "점검 표시 없음"
    SYSTEM_LINE = "{system} {rate} · {count}"


class StoreText:
    """Reviews and stored workbooks (lib/store.py): messages a reviewer or staff member reads."""

    SOURCE = "점검 입력"  # CommentView.source of a stored review
    STAGE_PLAN = "계획수립"
    STAGE_CHECK = "이행점검"
    STAGE_RESULT = "결과확인"
    STAGE_UNRATED = "평가 없음"
    STAGE_LINE = "{stage} {rating}"  # joined with " · "
    COMMENT_TOO_LONG = (
        "의견은 {limit}까지 쓸 수 있습니다. 지금 {length}입니다. 줄여서 다시 저장해 주세요."
    )
    EMPTY_REVIEW = "평가(적절·보통·부적절)를 하나 이상 고르거나 의견을 적어 주세요."
    AUTHOR_MISSING = "작성자를 알 수 없습니다. 다시 로그인해 주세요."
    FIELD_TOO_LONG = "{field}이(가) 너무 깁니다 ({limit}까지)."
    FIELD_MISSING = "{field}이(가) 비어 있습니다."
    YEAR_INVALID = "연도는 2000~2100 사이의 정수여야 합니다 ('{value}')."
    FIELD_DISTRICT = "시군구"
    FIELD_CODE = "사업번호"
    FIELD_AUTHOR = "작성자"
    FIELD_FILE_NAME = "파일 이름"
    REVIEW_NOT_FOUND = "찾는 점검 의견이 없습니다. 목록을 새로 고쳐 주세요."
    REVIEW_WITHDRAWN = "이미 철회된 의견이라 고치거나 다시 철회할 수 없습니다."
    REVIEW_STALE = (
        "그사이 이 의견이 바뀌었습니다 (지금 {current}번째 판, {author}). "
        "최신 내용을 확인한 뒤 다시 저장해 주세요."
    )
    WRITE_CONFLICT = "동시에 저장하는 분이 많아 저장하지 못했습니다. 잠시 뒤 다시 시도해 주세요."
    WORKBOOK_EMPTY = "빈 파일은 보관할 수 없습니다."
    WORKBOOK_NOT_FOUND = "찾는 워크북이 보관되어 있지 않습니다."
    APPEND_ONLY = "기록은 고치거나 지울 수 없습니다 ({table}). 새 판을 추가해 주세요."
    SCHEMA_TOO_NEW = (
        "데이터베이스가 이 앱보다 새 버전입니다 (데이터베이스 {found}단계, 앱 {known}단계). "
        "앱을 최신 버전으로 올려 주세요."
    )


class AuthText:
    """Sign-in for reviewers (lib/auth.py, scripts/hash_password.py)."""

    WRONG_CREDENTIALS = "아이디 또는 비밀번호가 맞지 않습니다."
    TOO_MANY_ATTEMPTS = "로그인에 여러 번 실패했습니다. {minutes}분 뒤에 다시 시도해 주세요."
    REVIEWER_INVALID = (
        "secrets.toml의 [reviewers.{username}] 항목이 올바르지 않습니다: "
        "name과 password_hash(argon2 해시)가 있어야 합니다."
    )
    HASH_INVALID = (
        "secrets.toml의 [reviewers.{username}] password_hash가 argon2 해시가 아닙니다. "
        "scripts/hash_password.py로 만든 값을 넣어 주세요."
    )
    PROMPT = "비밀번호: "
    PROMPT_AGAIN = "비밀번호 확인: "
    PASSWORD_MISMATCH = "두 번 입력한 비밀번호가 다릅니다."
    PASSWORD_TOO_SHORT = "비밀번호는 {minimum}자 이상이어야 합니다."
    PASSWORD_TOO_LONG = "비밀번호는 {maximum}자 이하여야 합니다."
    HASH_USAGE = "아래 값을 .streamlit/secrets.toml의 [reviewers.아이디] password_hash에 넣으세요:"


class ExportText:
    """Meeting material: the slide deck (PPTX, HTML report, 발표 모드), Excel and ``cli report``."""

    PROBLEMS_SHEET = "문제 목록"
    PROBLEM_COLUMNS = ("시트", "행", "열", "내용", "입력값")

    DECK_TITLE = "{year}년 지역사회보장 연차별 시행계획 시행결과"
    DECK_SUBTITLE_TERM = "{district} · {term} 지역사회보장계획"
    FILE_SUFFIX = "시행결과"
    EMPTY = "선택한 조건에 맞는 사업이 없습니다. 조건을 넓혀 다시 만들어 주세요."
    SOURCE = "자료: 파일 {file}"
    RATING = "평가: {rating}"
    TARGETS = "대상: {targets}"
    HEADLINE = "{band} · 목표 100% 대비 평균 달성률"
    OVERVIEW_TITLE = "체계별 달성률"
    OVERVIEW_SUBTITLE = "목표 100% 대비 평균 달성률"
    SYSTEM_LEVEL = "체계"
    SYSTEM_SUBTITLE = "체계 전체"
    STRATEGY_SUBTITLE = "{system} · 추진전략"
    CHART_BY = "{level}별 달성률"
    STRATEGY_COUNTS = "{key} {n_key} · {sub} {n_sub}"
    KEY_PROJECT_LINE = "{name}: {rate}"
    ABOLISHED_LINE = "폐지된 {level} {n}개 (달성률 계산에서 제외): {names}"
    BUDGET_LINE = "예산: 당초 {planned} → 최종 {final}"
    EXECUTED_LINE = "집행: {executed} (집행률 {rate})"
    FLAG_SUMMARY = "점검 표시: {flags}"
    NOTE_GROUP = "{name}: {rate} · {level} {n}개"
    NOTE_SUB = "{code} {name}: {rate}"
    NOTE_SUB_ABOLISHED = "{code} {name}: 폐지 (달성률 계산에서 제외)"
    # 점검 필요 사업
    FLAGS_TITLE = "점검 필요 사업"
    FLAG_HEAD = "{badge} ({rule}) {n}"
    FLAG_ITEM = "{name} ({where}) · {evidence}"
    FLAG_NOTE_THRESHOLDS = "기준값: 부진은 달성률 {under}% 미만, 초과달성은 {over}% 이상, 집행부진은 집행률 {execution}% 미만"
    CONTINUED = "{text} (계속)"
    PART = "{title} ({i}/{n})"
    # 예산변경 사업
    BUDGET_TITLE = "예산변경 사업"
    BUDGET_COLUMNS = ("사업번호", "세부사업", "당초", "변경", "증감", "변경 사유")
    BUDGET_SUMMARY = "예산변경 {n} · 증액 {up} · 감액 {down}"
    BUDGET_SUMMARY_MISSING = " · 사유 미기재 {n}"
    REASON_MISSING = "⚠ 사유 미기재"
    NO_BUDGET_CHANGES = "예산을 변경한 사업이 없습니다."
    BUDGET_NOTE = "증감은 변경예산에서 당초예산을 뺀 금액입니다 (단위: 천원)."
    # 모니터링 의견
    COMMENT_TITLES = (  # (key, text) pairs
        ("시행결과", "시행결과 모니터링 의견"),
        ("민관협력", "민관협력 증진방안 및 보완사항"),
    )
    COMMENT_COUNT = "의견 {n}건"
    NO_COMMENTS_YET = "이 구분의 의견이 없습니다."
    # PPTX
    NOTES_COMMENTS = "모니터링 의견"
    MORE_IN_NOTES = "의견 {n}건 더: 발표자 노트"
    FULL_IN_NOTES = "전문: 발표자 노트"
    CHART_TITLE = "{title} · 점선: {reference}"
    NO_RATE = "달성률 없음"
    FOOTER = "{subtitle} · {i} / {n}"
    # HTML report
    HTML_CONTENTS = "차례"
    HTML_DETAILS = "세부 내용"
    HTML_FOOTER = "{app}에서 만든 보고서 · {source}"
    # Excel
    SHEET_SUB_PROJECTS = "세부사업"
    SHEET_INDICATORS = "성과지표"
    SHEET_COMMENTS = "모니터링의견"
    SHEET_INFO = "자료 정보"
    XLSX_SUB_COLUMNS = (
        "체계", "사업번호", "추진전략", "중점사업", "세부사업", "담당부서", "사업지역",
        "사업구분", "달성률", "상태", "당초예산(천원)", "변경예산(천원)", "집행액(천원)",
        "집행률", "점검 표시", "예산변경사유",
    )  # fmt: skip
    XLSX_INDICATOR_COLUMNS = (
        "체계", "사업번호", "세부사업", "성과지표", "단위", "지표방향", "가중치", "목표",
        "실적", "달성률", "원본 행",
    )  # fmt: skip
    XLSX_COMMENT_COLUMNS = ("구분", "대상", "위원", "평가", "의견", "출처", "작성일")
    XLSX_INFO_ROWS = (  # (key, text) pairs
        ("district", "시군구"),
        ("year", "연도"),
        ("term", "계획기수"),
        ("file", "원본 파일"),
        ("scope", "보는 범위"),
        ("illustrative", "예시 자료 안내"),
        ("rates", "달성률"),
        ("budget", "금액"),
    )
    XLSX_ALL = "전체"
    XLSX_DISTRICT_WIDE = "전체"
    XLSX_RATES_NOTE = (
        "지표 달성률을 세부사업별로 평균한 값(폐지 사업 제외), 소수 첫째 자리에서 반올림해 표시"
    )
    XLSX_BUDGET_NOTE = "천원 (원본의 예산단위와 관계없이 천원으로 환산)"
    XLSX_ABOLISHED = "폐지 (계산 제외)"
    XLSX_NO_RATE = "달성률 없음"
    # ``python -m lib.cli report``
    CLI_HELP = "회의 자료(PPTX·엑셀·HTML 보고서)와 모니터링 결과보고서(DOCX·HWPX)를 만듭니다"
    CLI_PPTX = "발표 자료(.pptx)를 저장할 경로"
    CLI_XLSX = "엑셀 자료(.xlsx)를 저장할 경로"
    CLI_HTML = "HTML 보고서(.html)를 저장할 경로"
    CLI_SYSTEM = "체계로 좁히기 (사회보장사업 또는 발전전략)"
    CLI_STRATEGY = "추진전략으로 좁히기 (여러 번 쓸 수 있습니다)"
    CLI_DONG = "행정동으로 좁히기 (여러 번 쓸 수 있습니다)"
    CLI_NEED_OUTPUT = (
        "만들 파일을 하나 이상 지정해 주세요: --pptx, --xlsx, --html, --docx 또는 --hwpx"
    )
    CLI_UNKNOWN = "{option} 값 '{value}'이(가) 없습니다. 가능한 값: {allowed}"
    CLI_NONE_ALLOWED = "(없음)"
    CLI_WRITE_FAILED = "파일을 쓸 수 없습니다: {path} ({reason})"
    CLI_WROTE_PPTX = "발표 자료를 만들었습니다: {path} (슬라이드 {n}장)"
    CLI_WROTE_XLSX = "엑셀 자료를 만들었습니다: {path} (세부사업 {n}개)"
    CLI_WROTE_HTML = "HTML 보고서를 만들었습니다: {path}"


class SignInText:
    """Reviewer sign-in on screen (lib/ui/signin.py): password form, OIDC, read-only notice."""

    SIGNED_IN = "**{name}** {role}으로 로그인했습니다 ({identity})."  # 위원·사무국 both take 으로
    SIGNED_IN_HELP = "저장하는 의견에 이 이름이 작성자로 남습니다."
    SIGN_OUT = "로그아웃"
    SIGN_IN = "로그인"
    FORM_TITLE = "위원 로그인"
    FORM_HELP = "의견을 입력하려면 로그인하세요. 보기만 할 때는 로그인이 필요 없습니다."
    USERNAME = "아이디"
    PASSWORD = "비밀번호"
    MISSING = "아이디와 비밀번호를 모두 입력해 주세요."
    OIDC_BUTTON = "기관 계정으로 로그인"
    OIDC_HELP = (
        "의견을 입력하려면 기관 계정으로 로그인하세요. 보기만 할 때는 로그인이 필요 없습니다."
    )
    OIDC_NOT_ALLOWED = (
        "{identity} 계정은 점검 입력이 허용된 계정 목록에 없습니다. 보기는 그대로 할 수 있습니다. "
        "입력이 필요하면 관리자에게 secrets.toml의 [reviewers_oidc] allow에 추가해 달라고 요청하세요."
    )
    OIDC_NO_IDENTITY = (
        "로그인한 계정의 이메일이나 식별자를 받지 못해 작성자를 기록할 수 없습니다. "
        "관리자에게 identity provider 설정(scope에 email 포함)을 확인해 달라고 요청하세요."
    )
    CONFIG_ERROR = "로그인 설정에 문제가 있어 지금은 의견을 입력할 수 없습니다: {detail}"
    ALLOW_INVALID = 'secrets.toml의 [reviewers_oidc] allow는 이메일 목록이어야 합니다 (예: allow = ["kim@example.go.kr"]).'
    READONLY = (
        "**지금은 읽기 전용입니다.** 위원 로그인이 설정되어 있지 않아 점검 의견을 입력할 수 없습니다. "
        "저장된 의견과 워크북의 모니터링 의견은 그대로 볼 수 있습니다."
    )
    READONLY_HOW = "점검 입력을 켜는 방법 (관리자용)"
    READONLY_STEPS = (
        "앱 폴더의 `.streamlit/secrets.toml` 파일에 아래 두 방식 중 하나를 적고 앱을 다시 시작하면 "
        "이 화면에서 로그인해 의견을 입력할 수 있습니다.\n\n"
        "**방식 1. 위원별 아이디와 비밀번호** (별도 로그인 서비스가 없을 때)\n\n"
        "1. 위원마다 비밀번호 해시를 만듭니다: `.venv/bin/python scripts/hash_password.py` "
        "(비밀번호는 화면에 보이지 않고, 해시만 출력됩니다. 비밀번호 자체는 어디에도 저장하지 않습니다.)\n"
        "2. 출력된 해시를 아래처럼 `[reviewers.아이디]` 항목의 `password_hash`에 넣습니다.\n"
        "3. 로그인에 여러 번 실패하면 그 브라우저(주소)에서만 잠시 기다려야 합니다. 위원 본인은 막히지 않습니다.\n\n"
        "**방식 2. 기관 계정 로그인 (OIDC)**: Google·Microsoft 등 identity provider의 정보를 "
        "`[auth]`에 넣습니다. `[reviewers_oidc] allow`에 이메일을 적으면 그 계정만 입력할 수 있고, "
        "적지 않으면 로그인한 누구나 입력할 수 있습니다."
    )
    READONLY_EXAMPLE = """\
# 방식 1: 위원별 아이디와 비밀번호
[reviewers.kim]                      # 아이디: kim
name = "김소영"                       # 의견에 작성자로 남는 이름
password_hash = "$argon2id$v=19$m=65536,t=3,p=4$..."   # scripts/hash_password.py 출력

[reviewers.ryu]
name = "류승일"
password_hash = "$argon2id$v=19$m=65536,t=3,p=4$..."

# 방식 2: 기관 계정 로그인 (OIDC)
# [auth]
# redirect_uri = "https://대시보드-주소/oauth2callback"
# cookie_secret = "길고 임의의 문자열"
# client_id = "..."
# client_secret = "..."
# server_metadata_url = "https://accounts.google.com/.well-known/openid-configuration"
#
# [reviewers_oidc]                   # 선택: 입력할 수 있는 계정
# allow = ["kim@example.go.kr", "ryu@example.go.kr"]

# 의견 저장소 (적지 않으면 data/reviews.db 파일)
# [connections.reviews]
# url = "postgresql+psycopg://사용자:비밀번호@서버:5432/reviews"
"""


class ReviewText:
    """점검 입력 page (app_pages/review.py) and stored reviews on screen (lib/ui/reviews.py)."""

    TITLE = "점검 입력"
    INTRO = (
        "세부사업마다 계획수립·이행점검·결과확인을 적절·보통·부적절로 평가하고 의견을 남깁니다. "
        "저장한 의견은 세부사업 상세와 모니터링 의견 화면에 작성자·날짜와 함께 보입니다."
    )
    PROJECT = "점검할 세부사업"
    PROJECT_PLACEHOLDER = "세부사업을 고르세요 (체계 사업번호 세부사업명)"
    PROJECT_HELP = "사이드바 보기 설정에 드는 사업만 목록에 나옵니다. 이름이나 사업번호를 입력해 찾을 수 있습니다."
    PROJECT_OPTION = "{system} {code} {name}"
    PROJECT_ABOLISHED = " (폐지)"
    PICK = "위에서 세부사업을 고르면 이 사업의 수치, 입력 양식과 지금까지의 점검 의견이 열립니다."
    UNKNOWN_PROJECT = (
        "주소에 적힌 사업 '{id}'을(를) 이 워크북에서 찾을 수 없습니다. 목록에서 사업을 골라 주세요."
    )
    OUTSIDE_FILTER = (
        "이 사업은 지금 보기 설정(필터)에 들지 않지만 주소로 열었기 때문에 목록에 넣었습니다."
    )
    # The project's numbers beside the form
    RATE = "달성률"
    RATE_CAPTION = "목표 100% 대비 · {band}"
    NO_RATE = "달성률 없음"
    ABOLISHED = "폐지된 사업입니다. 달성률과 예산 합계 계산에서 제외됩니다."
    FLAGS = "점검 표시"
    NO_FLAGS = "점검 표시 없음"
    BUDGET = "예산"
    BUDGET_LINE = "당초 {planned} → 변경 {changed} → 집행 {executed}"
    BUDGET_UNCHANGED = "변경 없음"
    EXECUTION = "집행률 {rate}"
    REASON = "예산변경사유: {reason}"
    REASON_MISSING = "⚠ 예산이 바뀌었지만 예산변경사유가 적혀 있지 않습니다."
    INDICATORS = "성과지표"
    INDICATOR = "성과지표"
    TARGET = "목표"
    ACTUAL = "실적"
    UNIT = "단위"
    DETAIL_LINK = "세부사업 상세 보기 (추진실적·출처)"
    # The form
    FORM_TITLE = "‘{name}’ 점검"
    CATEGORY = "구분"
    CATEGORY_HELP = (
        "시행결과: 연차별 시행계획 시행결과에 대한 의견 · 민관협력: 민관협력 증진방안 및 보완사항"
    )
    STAGE_PLAN_HELP = "목표·대상·예산을 적절히 세웠는가"
    STAGE_CHECK_HELP = "계획대로 추진하고 점검했는가"
    STAGE_RESULT_HELP = "실적과 결과가 목표에 맞는가"
    RATINGS_NOTE = "평가는 필요한 단계만 고르면 됩니다. 고른 것을 다시 누르면 취소됩니다."
    COMMENT = "의견"
    COMMENT_PLACEHOLDER = (
        "근거와 함께 적어 주세요. 예: 대상자 선정 절차는 적절하나 홍보가 부족해 참여가 낮았음"
    )
    COMMENT_HELP = "{limit}까지 쓸 수 있습니다. 적은 글자는 그대로 보이며 서식(HTML·마크다운)은 적용되지 않습니다."
    SUBMIT = "저장"
    SIGN_IN_TO_WRITE = "의견을 입력하려면 먼저 위에서 로그인하세요. 아래의 의견은 로그인하지 않아도 볼 수 있습니다."
    READONLY_FORM = (
        "지금은 읽기 전용이라 입력 양식이 없습니다. 위의 '점검 입력을 켜는 방법'을 참고하세요."
    )
    SAVED = "저장했습니다. 아래 목록과 세부사업·모니터링 의견 화면에 보입니다."
    EDITED = "고친 내용을 저장했습니다 ({version}번째 판)."
    UNCHANGED = "바뀐 내용이 없어 새 판을 만들지 않았습니다."
    WITHDRAWN = "의견을 철회했습니다. 목록에서는 빠지고 이력에는 그대로 남습니다."
    STORE_UNAVAILABLE = (
        "저장된 점검 의견을 불러오지 못했습니다. 워크북의 의견만 보입니다. "
        "관리자에게 secrets.toml의 [connections.reviews] 설정과 데이터베이스 상태를 확인해 달라고 요청하세요."
    )
    WRITE_FAILED = (
        "데이터베이스에 저장하지 못했습니다. 잠시 뒤 다시 시도해 주세요. "
        "계속되면 관리자에게 알려 주세요."
    )
    # The project's reviews
    REVIEWS = "이 사업의 점검 의견 {count}"
    NO_REVIEWS = "아직 이 사업에 저장된 점검 의견이 없습니다."
    SUMMARY = "단계별 평가 요약"
    SUMMARY_LINE = "**{stage}** {summary}"
    CARD_STAGES = "{category} · {stages}"
    CARD_BY = "{author} · {date}"
    CARD_VERSION = " · {version}번째 판 (고침)"
    NO_COMMENT = "(의견 없이 평가만 남김)"
    EDIT = "수정"
    WITHDRAW = "철회"
    NOT_AUTHOR = "의견은 쓴 사람만 고치거나 철회할 수 있습니다."
    WITHDRAW_CONFIRM = "이 의견을 철회할까요? 목록과 요약에서는 빠지지만 이력에는 그대로 남습니다."
    WITHDRAW_YES = "철회합니다"
    CANCEL = "취소"
    SAVE_EDIT = "고친 내용 저장"
    EDIT_BASE = (
        "{version}번째 판을 고칩니다. 저장하면 {next}번째 판이 되고, 이전 판은 이력에 남습니다."
    )
    HISTORY = "이력 ({count}개 판)"
    HISTORY_LINE = "**{version}번째 판** · {author} · {when} · {what}"
    HISTORY_CREATED = "처음 작성"
    HISTORY_WITHDRAWN = "철회"
    HISTORY_NO_CHANGE = "내용 변화 없음"
    CHANGE = "{what} {old} → {new}"
    CHANGE_COMMENT = "의견 문구"
    CHANGE_CATEGORY = "구분"
    UNRATED = "평가 없음"
    WITHDRAWN_REVIEWS = "철회된 의견 {count} (이력)"
    WITHDRAWN_BY = "{author} · {date}에 철회"
    WORKBOOK_COMMENTS = "워크북의 모니터링 의견 {count}"


class PresentText:
    """발표 모드 and the download buttons."""

    NAV = "발표 모드"
    PREVIOUS = "이전"
    NEXT = "다음"
    COUNTER = "{n} / {total}"
    EXIT = "발표 끝내기"
    DOWNLOADS = "자료 내려받기"
    PPTX = "발표 자료 (PPTX)"
    PPTX_HELP = "PowerPoint에서 고칠 수 있는 차트가 들어 있습니다. 의견은 슬라이드 노트에 있습니다."
    XLSX = "세부사업 표 (Excel)"
    XLSX_HELP = "보기 설정에 맞는 세부사업·성과지표·의견을 표로 담았습니다."
    HTML = "보고서 (HTML)"
    HTML_HELP = "인터넷 없이 열리는 한 파일 보고서입니다. 인쇄하면 A4로 나뉩니다."
    JUMP = "슬라이드로 이동"
    COMMENTS = "모니터링 의견"
    MORE_COMMENTS = "외 {n}건은 발표자 노트와 보고서에 있습니다."
    UNIT = "단위: 천원"


class DataText:
    """데이터 관리 page: template, upload, validation report, preview, kept versions."""

    KEPT_INVALID = (
        "보관된 {district} {year}년 워크북 '{name}'은(는) 지금의 검사 규칙에 맞지 않아 목록에서 "
        "뺐습니다: {problem}. 고친 파일을 다시 올려 주세요."
    )

    NAV = "데이터 관리"
    TITLE = "데이터 관리"
    INTRO = "우리 시군구의 시행결과 워크북을 올려 대시보드에서 함께 봅니다. 올린 파일은 검사를 통과하고 '확정'해야 반영됩니다."
    TEMPLATE = "빈 양식 내려받기 (.xlsx)"
    TEMPLATE_HELP = (
        "개요·시행결과·모니터링의견 시트가 있는 빈 워크북입니다. 이 양식에 맞춰 채워 주세요."
    )
    UPLOAD = "시행결과 워크북 올리기"
    UPLOAD_HELP = "엑셀 통합문서(.xlsx), 파일당 최대 {size}MB, {rows:,}행까지. 여러 파일을 한꺼번에 올릴 수 있습니다."
    READING = "읽는 중 ({n}/{total}): {name}"
    READ_DONE = "{total}개 파일을 읽었습니다."
    TOO_BIG = "파일이 {size}로, 최대 {limit}MB를 넘습니다. 파일을 나누어 올려 주세요."
    REJECTED = "'{name}'은(는) 반영하지 않았습니다: 문제 {n}건. 아래 목록을 고친 뒤 다시 올려 주세요. 지금 보고 있는 자료는 그대로입니다."
    PROBLEMS_DOWNLOAD = "문제 목록 내려받기 (.xlsx)"
    ACCEPTED = "'{name}': 검사를 통과했습니다. 내용을 확인하고 확정해 주세요."
    PREVIEW_LINE = "{system}: 추진전략 {strategies}개 · 세부사업 {sub_projects}개 · 달성률 {rate}"
    PREVIEW_COMMENTS = "모니터링 의견 {n}건"
    REPLACES = "{district} {year}년 자료가 이미 있습니다 (버전 {version}). 확정하면 새 버전으로 바뀌고, 이전 버전은 아래 목록에 보관됩니다."
    REPLACES_SAMPLE = (
        "{district} {year}년은 지금 예시 자료로 보고 있습니다. 확정하면 이 파일로 바뀝니다."
    )
    NEW_ENTRY = "{district} {year}년 자료가 새로 추가됩니다."
    SAME_AS_KEPT = "이미 보관된 최신 버전과 같은 파일입니다. 다시 확정해도 바뀌는 것은 없습니다."
    CONFIRM = "확정하여 저장"
    CONFIRMED = (
        "{district} {year}년 자료를 저장했습니다 (버전 {version}). 모든 이용자에게 보입니다."
    )
    SESSION_ONLY = "이 브라우저에서만 보기"
    SESSION_ONLY_HELP = "저장하지 않고 지금 이 브라우저에서만 대시보드에 반영합니다. 새로 고치거나 창을 닫으면 사라집니다."
    SESSION_ADDED = "{district} {year}년 자료를 이 브라우저에서만 보이도록 반영했습니다."
    SIGN_IN_TO_SAVE = "모든 이용자에게 보이도록 저장하려면 점검 입력 권한으로 로그인해야 합니다."
    VIEW_IT = "{district} {year}년 보기"
    KEPT = "보관된 워크북"
    KEPT_EMPTY = (
        "아직 보관된 워크북이 없습니다. 지금은 예시 자료(부산광역시 사상구 2023년)만 보입니다."
    )
    KEPT_COLUMNS = ("시군구", "연도", "버전", "파일", "올린 사람", "올린 때", "크기")
    VERSIONS = "{district} {year}년: 버전 {n}개 (최신 버전이 사용 중이며, 이전 버전도 내려받을 수 있습니다)"
    VERSIONS_PICK = "버전 보기"
    VERSIONS_OF = "{district} {year}년"
    VERSION_LINE = "버전 {version}"
    VERSION_DOWNLOAD = "버전 {version} 내려받기"
    IN_USE = "사용 중"
    DB_UNAVAILABLE = (
        "보관 데이터베이스를 읽지 못했습니다. 올린 파일은 이 브라우저에서만 볼 수 있습니다."
    )


class ChangeText:
    """Change from the previous year (▲/▼), the trend over years and the district comparison."""

    NO_PREVIOUS = "전년 없음"
    NO_CURRENT = "올해 달성률 없음"
    SAME = "＝ 변화 없음"
    AGAINST = "전년({year}) 대비"
    AGAINST_LINE = "전년({year}) 대비 {change}"
    AGAINST_SHORT = "전년 대비 {change}"
    PREVIOUS_RATE = "전년({year}) {rate}"
    PREVIOUS_NAME = "전년 이름: {name}"
    PREVIOUS_NAME_GUESS = "전년 이름: {name} (세부사업 번호로 추정)"
    PREVIOUS_NAME_GUESS_SHORT = "전년 이름: {name} (추정)"
    FILTER_NOTE = "전년도 자료에도 같은 보기 설정(필터)을 적용해 비교했습니다."
    TABLE_TITLE = "추진전략별 전년 대비"
    TABLE_STRATEGY = "추진전략"
    TABLE_YEAR = "{year}년"
    TABLE_CHANGE = "전년 대비"
    YEAR_LABEL = "{year}년"
    TREND = "연도별 달성률 추이"
    TREND_CAPTION = "{district} · 올라온 {years}의 체계 전체 달성률입니다 (추진전략·행정동·점검 표시 필터는 적용하지 않음)."
    COMPARISON = "시군구별 달성률 비교 ({year}년)"
    COMPARISON_CAPTION = "{year}년 자료가 있는 시군구 {count}{scope} · 각 시군구의 체계 전체 달성률, 높은 순 · ▶ 표시가 지금 보는 시군구입니다."
    COMPARISON_SCOPE = " (모두 {prefix})"
    COMPARISON_TRIMMED = "시군구가 많아 상위 {top}개, 하위 {bottom}개와 지금 보는 시군구만 그렸습니다. 전체 순위는 그림 아래 표에 있습니다."
    COMPARISON_TABLE = "전체 순위 표 ({count})"
    SELECTED = "선택"
    RANK = "{rank}위"
    GAP = "⋯ {n}개 생략"
    TABLE_RANK = "순위"
    TABLE_DISTRICT = "시군구"
    TABLE_RATE = "달성률"
    TABLE_BAND = "상태"


class RoundDefaults:
    """Default texts of a monitoring round, as the seed's 결과보고 words them."""

    COMPOSITION = (
        "지역사회보장협의체 위원 중 시행계획의 결과를 모니터링 확인하기 위해 공공 및 현장 "
        "전문가로 T/F팀을 구성하여 진행"
    )
    REQUESTS = (
        "연차별 시행계획의 시행결과",
        "민관협력 증진 방안 및 보완사항",
    )
    METHODS = (
        "시행결과 자료 검토 후 모니터링 서면의견지 작성 후 회신",
        "연차별 시행계획 시행결과 전반 운영사항에 대한 의견 작성 후 회신",
        "다음 연도 연차별 시행계획의 원활한 추진을 위한 민관협력 증진방안 및 보완사항 자문",
    )
    LEGAL_BASIS = "「사회보장급여의 이용·제공 및 수급권자 발굴에 관한 법률」 제41조"


# ── ui ──
class ChromeText:
    """Streamlit's own English words, said in Korean (CSS content: no quotes or backslashes)."""

    UPLOAD_BUTTON = "파일 선택"
    UPLOAD_DROP = "여기에 파일을 끌어다 놓으세요"
    UPLOAD_LIMIT = "XLSX 파일, {mb}MB까지"
    SKIP_TO_CONTENT = "본문으로 건너뛰기"


class MeetingText:
    """Meeting-room words: chart orders, chart text alternatives, slide keys."""

    ORDER = "막대 순서"
    ORDER_RATE = "달성률 낮은 순"
    ORDER_PLAN = "계획 순서"
    CHART_ALT = "{title}: {items}"
    CHART_ALT_ITEM = "{name} {rate}"
    OPEN_IN_STRATEGIES = "막대를 누르면 전략별 성과에서 그 추진전략이 열립니다."
    FULLSCREEN = "전체 화면"
    FULLSCREEN_EXIT = "전체 화면 끝내기"
    KEYS = "←/→, PageUp/PageDown, Space로 넘기고 Home/End로 처음·끝으로 갑니다."
    COMMENTS_CONTINUED = "{title} · 의견"
    CHART_CONTINUED = "{title} (계속)"
    CONTINUED = "{title} (이어서)"
    DETAILS_CONTINUED = "{title} · 세부 내용"
    COUNT_LINK = "{label} {count}"
    DONG_SCOPE = "{dongs} 사업 {n}개 (구 전체 사업 {wide}개 제외)"
    DONG_SCOPE_WITH_WIDE = "{dongs} 사업 {n}개 + 구 전체 사업 {wide}개"
    PROJECT_CARDS = "세부사업 목록"
    BUDGET_HEAD = "예산"
    CLI_WIDE = "--dong과 함께: 사업지역이 '전체'인 사업도 포함"


# ── rounds ──


class RoundText:
    """모니터링 회차 for the 사무국 (app_pages/round*.py) and the round's status elsewhere."""

    NAV = "모니터링 회차"
    NAV_MERGE = "의견 취합"
    TITLE = "모니터링 회차"
    TITLE_MERGE = "의견 취합"
    TITLE_SELECT = "우수사업 선정"
    NAV_SELECT = "우수사업 선정"
    NAV_CONFIRM = "모니터링 회차 (확정·이력)"
    NOT_MERGING = "지금은 '{status}' 단계입니다. 정리와 선정은 '취합' 단계에서 할 수 있습니다 (모니터링 회차 화면에서 단계를 넘깁니다)."
    REQUEST_HEADING = "{number}) {request}"
    INTRO = (
        "사무국이 {district} {year}년 시행결과 모니터링을 운영하는 곳입니다. "
        "회차를 열고 T/F 명단과 요청사항을 정한 뒤, 위원들이 서면의견지를 회신하면 "
        "'의견 취합'과 '우수사업 선정'에서 의견을 정리하고 우수사업을 골라 이 화면에서 확정합니다."
    )
    STEPS = ("준비", "의견 수렴", "취합", "확정")
    STEP_HELP = (
        ("준비", "명단·요청사항·회신 기한을 정합니다. 위원은 아직 쓸 수 없습니다."),
        ("의견 수렴", "위원이 서면의견지를 쓰고 제출합니다."),
        ("취합", "사무국이 의견을 정리하고 우수사업을 고릅니다. 위원의 제출은 닫힙니다."),
        ("확정", "결과가 잠겨 발표 모드와 내려받는 자료에 쓰입니다."),
    )
    STATUS_LINE = (
        "**{district} {year}년 회차** · 지금 단계: **{status}** · 회신 {submitted}/{total}"
    )
    DEADLINE_LINE = " · 회신 기한 {date}"
    PINNED = "이 회차는 워크북 '{name}'(버전 {sha})을 기준으로 합니다."
    PINNED_OTHER = (
        "확정된 회차는 지금 보고 있는 워크북과 다른 버전(확정 당시 파일)을 기준으로 합니다. "
        "발표 모드와 내려받는 자료는 확정 당시 파일을 씁니다."
    )
    NONE_YET = "{district} {year}년 모니터링 회차가 아직 열리지 않았습니다."
    OPEN = "회차 열기"
    OPEN_HELP = "지금 보고 있는 워크북을 기준으로 회차를 엽니다. 요청사항 등은 결과보고의 기본 문구로 시작하며 고칠 수 있습니다."
    SIGN_IN_FIRST = "먼저 로그인하세요."
    OPENED = "회차를 열었습니다. 명단과 요청사항을 확인한 뒤 '의견 수렴 시작'을 누르세요."
    ONLY_SECRETARIAT = (
        "이 화면의 작업은 사무국 계정만 할 수 있습니다. 위원은 '서면의견지'에서 의견을 씁니다."
    )
    SIGN_IN_SECRETARIAT = "회차를 운영하려면 사무국 계정으로 로그인하세요."
    ADVANCE = (
        ("준비", "의견 수렴 시작"),
        ("의견 수렴", "취합 시작 (제출 마감)"),
        ("취합", "확정"),
    )
    ADVANCE_HELP = (
        ("준비", "위원들이 서면의견지를 쓸 수 있게 됩니다."),
        ("의견 수렴", "위원의 제출·수정이 닫히고 취합을 시작합니다. 되돌릴 수 없습니다."),
        ("취합", "결과가 잠깁니다. 다시 열려면 사유를 적어야 하며 이력에 남습니다."),
    )
    ADVANCE_CONFIRM = "'{action}'을(를) 진행할까요? {help}"
    ADVANCED = "회차가 '{status}' 단계가 되었습니다."
    YES = "진행합니다"
    CANCEL = "취소"
    # Settings
    SETTINGS = "구성방법 · 요청사항 · 모니터링 방법 · 회신 기한"
    COMPOSITION = "모니터링단 구성방법"
    REQUESTS = "시행결과 모니터링 요청사항 (한 줄에 하나)"
    METHODS = "모니터링 방법 (한 줄에 하나)"
    LEGAL_BASIS = "관련근거"
    DEADLINE = "회신 기한"
    SAVE_SETTINGS = "설정 저장"
    SETTINGS_SAVED = "설정을 저장했습니다."
    # Roster
    ROSTER = "T/F 명단 ({count})"
    ROSTER_EMPTY = (
        "아직 명단이 없습니다. 워크북의 모니터링단 시트에서 가져오거나 아래 표에 직접 적으세요."
    )
    ROSTER_IMPORT = "워크북의 모니터링단 시트에서 가져오기 ({count}명)"
    ROSTER_NO_SHEET = "이 워크북에는 모니터링단 시트가 없습니다. 아래 표에 직접 적으세요."
    ROSTER_EDIT_HELP = "성명은 꼭 적어야 합니다. 표를 고친 뒤 '표 고친 내용 저장'을 누르고, 아래에서 위원마다 로그인 계정을 연결하세요."
    ROSTER_COLUMNS = (
        ("name", "성명"),
        ("role", "구분"),
        ("affiliation", "소속기관/직위"),
        ("account", "로그인 계정"),
    )
    SAVE_ROSTER = "표 고친 내용 저장"
    ADD_MEMBER = "한 명 추가"
    ADD_MEMBER_BUTTON = "명단에 추가"
    MEMBER_NAME_MISSING = "성명을 적어야 명단에 추가할 수 있습니다."
    LINKS = "로그인 계정 연결"
    LINKS_HELP = "위원마다 서면의견지를 쓸 로그인 계정을 고릅니다. 연결된 계정만 그 위원으로 의견을 쓸 수 있습니다."
    LINK_ACCOUNT = "{name}의 로그인 계정"
    LINK_PLACEHOLDER = "기관 이메일 (예: kim@example.go.kr)"
    LINKED = "계정을 연결했습니다."
    ROSTER_SAVED = "명단을 저장했습니다 ({count})."
    ROSTER_NAME_MISSING = "{rows}번째 줄에 성명이 없습니다. 성명을 적거나 줄을 지워 주세요."
    # Submissions (취합)
    REPLIES = "회신 현황: {total}명 중 {submitted}명 제출"
    REPLY_COLUMNS = ("성명", "구분", "로그인 계정", "제출", "제출한 때")
    SUBMITTED = "제출"
    NOT_SUBMITTED = "미제출"
    NO_ACCOUNT = "(연결 안 됨)"
    OVERDUE = "회신 기한({date})이 지났습니다. 미제출 {n}명."
    # Opinions and merged points
    OPINIONS = "위원 의견 ({request})"
    OPINIONS_EMPTY = "아직 이 요청사항에 적힌 의견이 없습니다."
    TARGET_ALL = "전반"
    OPINION_BY = "{member} · {date}"
    MERGED = "결과보고에 실을 문장 ({count})"
    MERGED_HELP = "위원 의견을 골라 합치고 다듬어 결과보고의 문장으로 만듭니다. 위원의 원문은 그대로 남고, 문장마다 어느 의견에서 왔는지 연결됩니다."
    MERGED_EMPTY = "아직 정리한 문장이 없습니다. 결과보고에는 위원 의견이 적힌 순서대로 실립니다."
    MERGE_SOURCES = "합칠 위원 의견"
    MERGE_SOURCES_PLACEHOLDER = "합칠 의견을 고르세요"
    MERGE_SOURCES_HELP = "의견 하나만 고르고 문장을 비워 두면 그 의견을 그대로 옮깁니다."
    SELECT_PLACEHOLDER = "세부사업을 고르세요 (추천받은 사업이 위에 있습니다)"
    MERGE_TEXT = "결과보고 문장"
    MERGE_ADD = "문장 추가"
    MERGE_SAVE = "문장 저장"
    MERGE_UP = "위로"
    MERGE_DOWN = "아래로"
    MERGE_REMOVE = "빼기"
    MERGED_FROM = "원문: {sources}"
    MERGED_SAVED = "문장을 저장했습니다."
    # 우수사업
    TALLY = "우수사업 추천 집계"
    TALLY_EMPTY = "아직 우수사업 추천이 없습니다."
    TALLY_LINE = "**{name}** ({system} {code}) · 추천 {count}명 · 달성률 {rate} · {flags}"
    TALLY_REASON = "{member}: {reason}"
    NO_FLAGS = "점검 표시 없음"
    SELECTION = "우수사업 선정 ({count})"
    SELECTION_HELP = "결과보고의 '우수사업 선정' 표에 실립니다. 사업마다 선정 사유를 적으세요."
    SELECT_PROJECT = "선정할 세부사업"
    SELECT_REASON = "선정 사유"
    SELECT_ADD = "선정에 추가"
    SELECT_REMOVE = "선정 취소"
    SELECTED = "'{name}'을(를) 우수사업으로 선정했습니다."
    REASON_MISSING = "선정 사유를 적어 주세요."
    # Disagreements
    DISAGREE = "평가가 엇갈린 사업 ({count})"
    DISAGREE_LINE = "**{name}** · {stage}: 적절 {good} / 부적절 {bad}"
    DISAGREE_NONE = "같은 사업을 적절과 부적절로 다르게 평가한 경우가 없습니다."
    # Confirm / reopen
    CONFIRMED = "확정된 회차입니다 ({date}). 모든 입력이 잠겨 있습니다."
    REOPEN = "확정 취소(다시 열기)"
    REOPEN_REASON = "다시 여는 사유"
    REOPEN_HELP = "사유는 이력에 남습니다. 다시 열면 '취합' 단계로 돌아갑니다."
    REOPENED = "회차를 다시 열었습니다. 사유가 이력에 남았습니다."
    REOPEN_REASON_MISSING = "다시 여는 사유를 적어 주세요."
    # History
    HISTORY = "회차 이력 ({count})"
    HISTORY_COLUMNS = ("때", "누가", "무엇을", "내용")
    HISTORY_DOWNLOAD = "이력 내려받기 (.xlsx)"
    HISTORY_SHEET = "회차 이력"
    REPORT = "결과보고 내려받기 (한글·Word)"
    # Sidebar and other pages
    SIDEBAR = "모니터링 회차: {status} · 회신 {submitted}/{total}"
    STAR = "★"
    STAR_LABEL = "★ 우수사업"
    STAR_CAPTION = "★ 표시는 모니터링 회차에서 선정된 우수사업입니다."
    EXCELLENT_TITLE = "★ 우수사업 선정"
    EXCELLENT_COLUMNS = ("체계", "사업번호", "세부사업", "달성률", "선정 사유")
    EXCELLENT_NOTE = "모니터링 T/F 회차에서 사무국이 선정한 우수사업입니다."
    EXCELLENT_BOX = "★ 우수사업 ({count})"
    EXCELLENT_ITEM = "★ {name} ({system} {code}) · 달성률 {rate}"
    EXCELLENT_REASON = "선정 사유: {reason}"
    EXCELLENT_PENDING = "{status} 단계의 선정입니다 (확정 전)."


class OpinionFormText:
    """서면의견지: one member's form (app_pages/review.py)."""

    NAV = "서면의견지"
    TITLE = "서면의견지"
    INTRO = (
        "T/F 위원이 시행결과를 검토하고 의견을 적는 양식입니다. 고르거나 적는 즉시 저장되므로 "
        "창을 닫았다가 다시 열어도 이어서 쓸 수 있습니다. 다 쓰면 맨 아래 '제출'을 누르세요."
    )
    ROUND_LINE = "{district} {year}년 모니터링 · 단계: {status}"
    NO_ROUND = "아직 {district} {year}년 모니터링 회차가 열리지 않았습니다. 세부사업 평가만 할 수 있고, 전반 의견과 우수사업 추천은 사무국이 회차를 연 뒤에 쓸 수 있습니다."
    NOT_OPEN_YET = "사무국이 '의견 수렴'을 시작하면 쓸 수 있습니다."
    CLOSED = "이 회차는 '{status}' 단계라 더 쓸 수 없습니다."
    NOT_ON_ROSTER = "'{name}'({identity}) 계정은 이 회차의 T/F 명단에 없어 의견을 쓸 수 없습니다. 사무국에 명단 연결을 요청하세요."
    AS_MEMBER = "T/F 위원 **{name}**({role})으로 씁니다."
    TAB_PROJECTS = "① 세부사업 평가"
    TAB_OPINIONS = "② 전반 의견"
    TAB_RECOMMEND = "③ 우수사업 추천"
    TAB_SUBMIT = "④ 제출"
    MY_RATING = "내 평가"
    MY_COMMENT = "이 사업에 대한 의견"
    SAVED_AT = "저장됨 · {when}"
    OTHERS = "다른 위원의 평가"
    REQUEST = "{number}) {request}"
    POINT = "의견 {n}"
    POINT_TARGET = "관련 사업 (선택)"
    POINT_TARGET_NONE = "전반"
    NEW_POINT = "새 의견 한 가지"
    NEW_POINT_HELP = (
        "의견 하나를 적고 칸 밖을 누르면 저장되고, 다음 의견을 적을 칸이 새로 생깁니다."
    )
    REMOVE_POINT = "이 의견 지우기"
    RECOMMEND_HELP = "잘된 세부사업을 최대 {n}개까지 추천하고 이유를 적어 주세요. 폐지된 사업은 고를 수 없습니다."
    RECOMMEND_SLOT = "추천 {n}"
    RECOMMEND_PROJECT = "세부사업"
    RECOMMEND_REASON = "추천 이유"
    RECOMMEND_REASON_MISSING = "추천 이유를 적어야 저장됩니다."
    SUBMIT = "제출"
    SUBMIT_HELP = (
        "다 썼으면 제출하세요. 사무국이 취합을 시작하기 전까지는 제출을 취소하고 고칠 수 있습니다."
    )
    UNSUBMIT = "제출 취소 (다시 고치기)"
    SUBMITTED = "제출했습니다 ({when}). 취합 전까지는 제출을 취소하고 고칠 수 있습니다."
    NOT_SUBMITTED = "아직 제출하지 않았습니다."
    SUBMITTED_CLOSED = "제출했습니다 ({when})."
    SUMMARY = "평가한 사업 {rated}개 · 전반 의견 {opinions}개 · 우수사업 추천 {recs}개"


# ── report ──
class ReportText:
    """결과보고 (the monitoring report, DOCX and HWPX), in the seed's words."""

    TITLE = "「{year}년 지역사회보장 연차별 시행계획」 시행결과 모니터링 결과보고"
    ISSUER = "{district} 지역사회보장협의체"
    MADE_ON = "{date}"
    HEADER_DRAFT = "초안 · 모니터링 결과 확정 전"
    HEADER_CONFIRMED = "{district} 지역사회보장협의체 · {date} 확정"
    FILE_SUFFIX = "결과보고"
    # 1–5
    BASIS = "1. 모니터링 근거"
    BASIS_PURPOSE = (
        "{term} 지역사회보장계획 「{year}년 지역사회보장 연차별 시행계획」 시행결과 모니터링을 "
        "통한 시행계획 전반의 시행결과 확인 및 우수사업 선정을 위함"
    )
    BASIS_PURPOSE_NO_TERM = (
        "「{year}년 지역사회보장 연차별 시행계획」 시행결과 모니터링을 통한 시행계획 전반의 "
        "시행결과 확인 및 우수사업 선정을 위함"
    )
    LEGAL_BASIS = "관련근거: {basis}"
    COMPOSITION = "2. 모니터링단 구성방법"
    ROSTER = "3. 시행결과 모니터링 T/F팀 구성원"
    ROSTER_COLUMNS = ("성명", "구분", "소속기관/직위")
    NO_ROSTER = "입력된 T/F팀 구성원이 없습니다."
    REQUESTS = "4. 시행결과 모니터링 요청사항"
    NUMBERED = "{n}) {text}"
    METHODS = "5. 모니터링 방법"
    # 결과
    RESULTS = "시행결과 모니터링 결과"
    RESULTS_ON_PLAN = "1) 연차별 시행계획 시행결과 관련"
    SYSTEM_LINE = (
        "{full} {n_strategy}대 {strategy}, {n_key}개 {key}, {n_sub}개 {sub}의 목표 달성률 "
        "{rate}로 {verdict}"
    )
    VERDICT_ABOVE = "목표대비 향상된 성과 지표를 보이고 있음"
    VERDICT_MET = "목표를 달성하였음"
    VERDICT_BELOW = "목표에 미치지 못하였음"
    SYSTEM_NO_RATE = (
        "{full} {n_strategy}대 {strategy}, {n_key}개 {key}, {n_sub}개 {sub}은 실적이 입력되지 "
        "않아 목표 달성률을 계산할 수 없음"
    )
    BUDGET_CHANGED = (
        "계획예산 대비 사업지원 실적에 차이가 있는 사업은 목표예산 변경({names})을 통해 "
        "예산을 조정하였음"
    )
    NEW_ABOLISHED = "지역사회 환경 및 여건변화에 따라 {parts} 사항을 반영하였음"
    NEW_PART = "신설({names})"
    ABOLISHED_PART = "폐지({names})"
    UNDERPERFORMING = (
        "목표 달성률 {limit}% 미만인 부진 사업({names})은 추진상황 점검 및 보완이 필요함"
    )
    NO_OPINIONS = "입력된 의견이 없습니다."
    COOPERATION = "2) 민관협력 증진방안 및 보완사항"
    SELECTION = "3) 우수사업 선정"
    SELECTION_COLUMNS = ("체계", "사업번호", "세부사업", "달성률", "선정 사유")
    SELECTION_PENDING = "우수사업은 아직 선정되지 않았습니다(선정 예정)."
    # 붙임
    ANNEX_RESULTS = "붙임 1. 세부사업별 시행결과"
    ANNEX_RESULTS_COLUMNS = (
        "체계", "사업번호", "세부사업", "달성률", "상태", "당초예산", "최종예산", "집행률",
        "점검 표시",
    )  # fmt: skip
    ANNEX_RESULTS_NOTE = (
        "달성률은 성과지표 달성률을 세부사업별로 평균한 값이며 폐지 사업은 계산에서 "
        "제외합니다. 최종예산은 변경예산(없으면 당초예산)입니다."
    )
    ABOLISHED = "폐지"
    ANNEX_RATINGS = "붙임 2. 세부사업별 자체평가"
    ANNEX_RATINGS_COLUMNS = ("체계", "사업번호", "세부사업", "계획수립", "이행점검", "결과확인")
    ANNEX_RATINGS_NOTE = "각 칸은 적절 / 보통 / 부적절 평가 수입니다 (T/F 위원 {n}명 평가)."
    RATING_COUNTS = "{appropriate} / {average} / {inappropriate}"
    # Files, CLI and downloads
    PAGE_PREFIX = "- "
    PAGE_SUFFIX = " -"
    DOCX = "결과보고서 (Word)"
    DOCX_HELP = "모니터링 결과보고서를 Word(.docx) 문서로 내려받습니다. 문구만 고쳐 보내면 됩니다."
    HWPX = "결과보고서 (한글)"
    HWPX_HELP = "모니터링 결과보고서를 한글(.hwpx) 문서로 내려받습니다. 문구만 고쳐 보내면 됩니다."
    DRAFT_NOTE = "모니터링 회차가 확정되기 전에는 문서 머리말에 '초안'이 표시됩니다."
    WHOLE_DISTRICT = "결과보고서는 보기 설정과 관계없이 전체 사업으로 만듭니다."
    CLI_DOCX = "모니터링 결과보고서(.docx)를 저장할 경로"
    CLI_HWPX = "모니터링 결과보고서(.hwpx, 한글)를 저장할 경로"
    CLI_STORE = "보관 데이터베이스 주소(SQLAlchemy URL): 그 시군구·연도의 모니터링 회차를 결과보고서에 넣습니다"
    CLI_WROTE_DOCX = "결과보고서(Word)를 만들었습니다: {path}"
    CLI_WROTE_HWPX = "결과보고서(한글)를 만들었습니다: {path}"
    CLI_NO_ROUND = (
        "{district} {year}년 모니터링 회차가 보관되어 있지 않아 워크북 내용만으로 만듭니다."
    )
    CLI_STORE_FAILED = "보관 데이터베이스를 열 수 없습니다: {reason}"
    CLI_STORE_NO_FILE = "파일이 없습니다"
    CLI_OTHER_VERSION = (
        "참고: 모니터링 회차는 이 파일과 다른 버전의 워크북으로 진행되었습니다. 숫자는 이 파일 "
        "기준입니다."
    )


# ── store ──


class RoundStoreText:
    """What the store says about monitoring rounds, roles and the database (lib/store/)."""

    # Refusals
    NOT_SIGNED_IN = "누가 저장하는지 알 수 없습니다. 다시 로그인해 주세요."
    NOT_SECRETARIAT = "이 일은 사무국만 할 수 있습니다 ({what})."
    NOT_AUTHOR = "다른 분이 쓴 내용은 고치거나 철회할 수 없습니다. 본인이 쓴 것만 고칠 수 있습니다."
    NOT_ON_ROSTER = "{name} 님은 이번 모니터링단 명단에 없어 의견을 쓸 수 없습니다. 사무국에 명단 연결을 요청해 주세요."
    ROUND_EXISTS = "{district} {year}년 모니터링 회차가 이미 열려 있습니다."
    ROUND_NOT_FOUND = "{district} {year}년 모니터링 회차가 아직 열리지 않았습니다."
    ROUND_LOCKED = (
        "{district} {year}년 모니터링 회차가 확정되어 더는 고치거나 추가할 수 없습니다. "
        "고쳐야 하면 사무국이 사유를 적어 확정을 풀어야 합니다."
    )
    WRONG_STATUS = (
        "지금은 회차가 '{status}' 단계라서 할 수 없습니다 ({what}: '{needed}' 단계에서만)."
    )
    STATUS_BACKWARD = "회차 단계는 앞으로만 갈 수 있습니다 (지금 '{current}', 요청 '{wanted}')."
    CONFIRM_BY_CONFIRM = "확정은 '확정' 버튼으로만 합니다."
    ALREADY_SUBMITTED = "이미 제출했습니다. 고치려면 먼저 '제출 취소'를 눌러 주세요."
    NOT_SUBMITTED = "아직 제출하지 않았습니다."
    ROSTER_NAME_MISSING = "명단 {row}번째 줄에 성명이 없습니다."
    ROSTER_DUPLICATE_ID = "명단에 같은 번호({member_id})가 두 번 있습니다."
    ROSTER_DUPLICATE_ACCOUNT = "명단에서 계정 '{account}'이(가) 두 분에게 연결되어 있습니다."
    ROSTER_EMPTY = "명단에 한 분 이상 있어야 합니다."
    TEXT_MISSING = "{field}이(가) 비어 있습니다."
    TEXT_TOO_LONG = "{field}은(는) {limit}까지 쓸 수 있습니다. 지금 {length}입니다."
    TOO_MANY_RECOMMENDATIONS = (
        "우수사업은 한 분이 {limit}까지 추천할 수 있습니다. 다른 추천을 먼저 취소해 주세요."
    )
    ABOLISHED_PROJECT = (
        "{sub_project_id}은(는) 폐지된 사업이라 우수사업으로 추천하거나 선정할 수 없습니다."
    )
    UNKNOWN_PROJECT = "{sub_project_id}은(는) 이 회차의 워크북에 없는 사업입니다."
    OPINION_NOT_FOUND = "찾는 의견이 없습니다. 화면을 새로 고쳐 주세요."
    POINT_NOT_FOUND = "찾는 취합 문항이 없습니다. 화면을 새로 고쳐 주세요."
    SOURCE_NOT_FOUND = "취합에 연결한 의견({opinion_id})을 찾을 수 없습니다."
    ORDER_MISMATCH = "순서를 바꿀 문항 목록이 지금 문항과 다릅니다. 화면을 새로 고쳐 주세요."
    NOT_SELECTED = "{sub_project_id}은(는) 선정되어 있지 않습니다."
    REOPEN_REASON_MISSING = "확정을 풀려면 사유를 적어 주세요."
    NOT_CONFIRMED = "확정되지 않은 회차는 확정을 풀 수 없습니다."
    WORKBOOK_MISMATCH = "워크북({district} {year}년)이 이 회차와 다른 시군구·연도입니다."
    FIELD_OPINION = "의견"
    FIELD_REASON = "사유"
    FIELD_SETTINGS = "회차 설정"
    FIELD_NAME = "성명"
    # What a refused action was (NOT_SECRETARIAT / WRONG_STATUS)
    WHAT_OPEN = "회차 열기"
    WHAT_SETTINGS = "회차 설정"
    WHAT_ROSTER = "명단 정하기"
    WHAT_ADVANCE = "단계 넘기기"
    WHAT_OPINION = "의견 쓰기"
    WHAT_RECOMMEND = "우수사업 추천"
    WHAT_SUBMIT = "제출"
    WHAT_MERGE = "취합"
    WHAT_SELECT = "우수사업 선정"
    WHAT_CONFIRM = "확정"
    WHAT_REOPEN = "확정 풀기"
    # The database itself
    UNAVAILABLE = (
        "의견 데이터베이스에 연결할 수 없습니다. 잠시 뒤 다시 시도하고, 계속되면 관리자에게 "
        "알려 주세요."
    )
    TIMEOUT = "의견 데이터베이스가 제때 답하지 않습니다 ({seconds}초). 잠시 뒤 다시 시도해 주세요."
    PATH_UNUSABLE = (
        "의견 데이터베이스 파일({path})을 만들거나 열 수 없습니다. 경로와 권한을 확인해 주세요."
    )
    READ_ONLY = "의견 데이터베이스가 읽기 전용이라 저장할 수 없습니다. 읽기는 그대로 됩니다."
    NO_PERMISSION = (
        "앱의 데이터베이스 계정에 이 일을 할 권한이 없습니다. 구조 변경(마이그레이션)은 "
        "관리자 계정 URL로 실행해야 합니다."
    )
    CATALOG_DOWN = (
        "보관된 워크북을 읽지 못했습니다: {problem} 지금은 앱에 들어 있는 예시 자료와 이 "
        "브라우저에서 올린 파일만 보입니다. 보관된 자료가 사라진 것은 아닙니다."
    )
    KEPT_UNREADABLE = "보관된 워크북 {count}을(를) 지금 읽지 못해 목록에서 뺐습니다: {problem}"
    SCHEMA_BEHIND = (
        "데이터베이스 구조가 앱보다 오래되었습니다 ({found}단계, 앱 {known}단계). 관리자 계정으로 "
        "마이그레이션을 실행해 주세요."
    )


class RoundActionText:
    """History lines of a monitoring round (one label per RoundAction)."""

    OPEN = "회차 열기"
    SETTINGS = "설정 변경"
    ROSTER = "명단 변경"
    ADVANCE = "단계 변경"
    OPINION_ADD = "의견 작성"
    OPINION_EDIT = "의견 수정"
    OPINION_WITHDRAW = "의견 철회"
    RECOMMEND = "우수사업 추천"
    RECOMMEND_WITHDRAW = "추천 취소"
    SUBMIT = "제출"
    SUBMIT_REOPEN = "제출 취소"
    MERGE_ADD = "취합 문항 작성"
    MERGE_EDIT = "취합 문항 수정"
    MERGE_REMOVE = "취합 문항 삭제"
    MERGE_ORDER = "취합 순서 변경"
    SELECT = "우수사업 선정"
    UNSELECT = "선정 취소"
    CONFIRM = "확정"
    REOPEN = "확정 풀기"
    DETAIL_STATUS = "{old} → {new}"
    DETAIL_ROSTER = "{count}명"
    DETAIL_PROJECT = "{sub_project_id}: {reason}"
    DETAIL_REOPEN = "사유: {reason}"
    DETAIL_SOURCES = "{text} (원의견 {count}건)"


class RoleText:
    """Roles in secrets.toml (lib/auth.py)."""

    ROLE_INVALID = "secrets.toml의 '{where}' 역할 '{value}'을(를) 알 수 없습니다 ({roles} 중 하나)."
    ROLES_INVALID = "secrets.toml의 [roles]는 '계정 = \"역할\"' 줄들이어야 합니다."


# ── reader ──


class ReadMsg:
    """Reader messages added for hostile uploads and the roster sheet (``{}`` filled by it)."""

    UNREADABLE = "파일이 너무 크거나 손상되어 읽을 수 없습니다. 쓰지 않는 행·열과 시트를 지우고 'Excel 통합 문서(*.xlsx)'로 다시 저장해 올려 주세요."
    MACRO = "매크로가 들어 있는 통합문서는 받지 않습니다 ({part}). 엑셀에서 'Excel 통합 문서(*.xlsx)'로 다시 저장해 주세요."
    SHEET_PART_MISSING = (
        "시트의 내용을 파일 안에서 찾을 수 없습니다. 엑셀에서 열어 다시 저장해 주세요."
    )
    CELL_OUT_OF_RANGE = "허용 범위 밖의 셀이 있습니다 ({cell}). 한 시트는 {rows:,}행, {columns:,}열({last})까지 읽습니다. 쓰지 않는 행과 열을 지워 주세요."
    USED_RANGE_OUT_OF_RANGE = "시트의 사용 범위가 허용 범위를 넘습니다 ({ref}). 한 시트는 {rows:,}행, {columns:,}열({last})까지 읽습니다. 쓰지 않는 행과 열을 지워 주세요."
    TOO_MANY_CELLS = "시트의 사용 범위가 {cell}까지로 {cells:,}칸이며, 허용 한도({limit:,}칸)를 넘습니다. 쓰지 않는 행과 열을 지워 주세요."
    NUMBER_RANGE = "숫자의 크기가 허용 범위(0 또는 0.000001 이상 1,000조 이하)를 벗어납니다"
    NUMBER_DIGITS = "숫자의 자릿수가 너무 많습니다 (유효숫자 {digits}자리까지)"
    TEXT_TOO_LONG = "글자가 너무 깁니다 ({n:,}자, {limit:,}자까지)"
    ROSTER_NAME_REQUIRED = "성명이 비어 있습니다."


# ── edge ──


class EdgeAuthText:
    """Sign-in limits and sessions (lib/auth.py, lib/ui/signin.py)."""

    TOO_MANY_ATTEMPTS_SECONDS = (
        "로그인에 여러 번 실패했습니다. {seconds}초 뒤에 다시 시도해 주세요."
    )
    UNAVAILABLE = (
        "지금은 로그인할 수 없습니다: 데이터베이스에 연결하지 못했습니다. "
        "잠시 뒤에 다시 시도하거나 관리자에게 알려 주세요."
    )


# ── pages ──


class LayoutText:
    """Words that pages and lib/ui/lib/views wrote inline: file names, units, a spinner."""

    YEAR = "{year}년"  # data page: '부산광역시 사상구 · 2023년'
    TEMPLATE_FILE = "시행결과_양식.xlsx"  # data page: the blank workbook's file name
    PROBLEMS_FILE = "{stem}_문제목록.xlsx"  # data page: an upload's problem list
    HISTORY_FILE = "{district}_{year}_모니터링회차_이력.xlsx"  # round page: the history
    READING = "워크북을 읽는 중…"  # spinner while a workbook is parsed
    PEOPLE = "명"  # counting noun for members
    CASES = "건"  # counting noun for comments
    CHARACTERS = "자"  # counting noun for a text's length: '2,000자까지'
    STRATEGIES = "대"  # counting noun for 추진전략: '5대 추진전략'
    DONGS_WITHOUT_WIDE = "{dongs} (전체 사업 제외)"  # filter line: 동 without 사업지역 전체
    NO_RATE = "달성률 없음"  # charts: a bar without a rate
    TARGET = "목표"  # charts: target bars
    ACTUAL = "실적"  # charts: actual bars
    PROVINCE_SUFFIXES = ("시", "도")  # a district's first word that names its 시·도
    COMMENT_SOURCE = "모니터링의견 시트 {row}행"  # where a workbook comment came from
    ERROR_SHEET = "{sheet} 시트"  # where a reading error is: the sheet
    ERROR_ROW = "{row}행"  # where a reading error is: the row


# ── i12 ──


class CliText:
    """The command line's own words (``python -m lib.cli``): help and the text summary."""

    DESCRIPTION = "시행결과 워크북 도구"
    SUMMARY_HELP = "워크북을 검사하고 요약합니다"
    JSON_HELP = "JSON으로 출력"
    TEMPLATE_HELP = "빈 워크북 양식을 만듭니다"
    CANNOT_OPEN = "파일을 열 수 없습니다: {path} ({reason})"
    TITLE = "{district} {year}년 시행결과"
    SYSTEM = (
        "- {system}: 추진전략 {strategies}개, 중점사업 {key_projects}개, "
        "세부사업 {sub_projects}개, 달성률 {rate}"
    )
    SYSTEM_NO_RATE = "- {system}: 세부사업 {sub_projects}개, 달성률 없음"
    FLAG = "- {flag} {n}개: {ids}"
    COMMENTS = "- 모니터링 의견: {counts}"
    COMMENT_COUNT = "{category} {n}건"


# ── polish ──


class EditionText:
    """Which workbook version a download is made from once the round is 확정."""

    FILE_SUFFIX = "확정본"  # "2023_부산광역시_사상구_시행결과_확정본.xlsx"
    INFO_ROW = "기준"  # the 자료 정보 sheet's row
    INFO_CONFIRMED = "모니터링 회차 확정본 ({date} 확정, 파일 {file})"
    SAME = "모니터링 회차가 확정되어({date}) 엑셀은 확정본으로 내려받습니다. 화면과 같은 파일 '{file}'입니다."
    OTHER = (
        "이 화면의 숫자는 지금 선택된 파일 '{shown}' 기준입니다. 모니터링 회차는 {date}에 "
        "파일 '{file}' 기준으로 확정되었으므로 엑셀은 확정본('{file}')으로 내려받습니다. "
        "화면과 숫자가 다를 수 있습니다."
    )
    UNREADABLE = (
        "확정 당시 파일을 읽지 못해 엑셀을 지금 화면의 파일 '{shown}' 기준으로 내려받습니다. "
        "확정본이 아닙니다. 잠시 뒤에 다시 열어 주세요."
    )


class SplitCommentText:
    """A comment too long for one slide or screen goes on over the next ones, saying so."""

    GOES_ON = "{text} (계속)"  # the piece ends here; the rest is on the next slide
    GOES_ON_FROM = "(이어서) {text}"  # the piece begins where the last slide left off
