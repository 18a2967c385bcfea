"""Every session_state key and page, in one place (no string keys scattered in pages)."""

from __future__ import annotations

from enum import StrEnum


class Key(StrEnum):
    """Session-state keys. The first four are also URL query parameters (bound widgets)."""

    SYSTEM = "system"  # 체계 filter (segmented control)
    STRATEGY = "strategy"  # 추진전략 filter (multiselect)
    DONG = "dong"  # 행정동 filter (multiselect)
    FLAG = "flag"  # flag filter (multiselect)
    DISTRICT_WIDE = "district_wide"  # include 사업지역 전체 projects when filtering by 동
    UNDERPERFORMING = "th_under"  # 부진 threshold
    OVER_ACHIEVING = "th_over"  # 초과달성 threshold
    LOW_EXECUTION = "th_exec"  # 집행부진 threshold
    BAND_ACHIEVED = "band_ok"  # 달성 band lower bound
    BAND_LOW = "band_low"  # 저조 band upper bound
    FILTER = "_filter"  # the Filter built by app.py for this run
    RESULTS = "_results"  # the Results every page reads this run
    URL_NOTICE = "_url_notice"  # values dropped from the URL, shown once
    DRILL = "_drill"  # strategies page: current drill-down path
    DRILL_CHART = "_drill_chart"  # strategies page: prefix of a level's chart key (+ path)
    DRILL_PICK = "_drill_pick"  # strategies page: prefix of '하위 항목 열기' key (+ path)
    DRILL_CRUMB = "_drill_crumb"  # strategies page: prefix of the breadcrumb buttons' keys
    STRATEGIES_CLEAR = "_strategies_clear"  # strategies page: '필터 모두 지우기' button
    PROJECT = "project"  # projects page: selected sub-project (also ?project=체계/사업번호)
    PROJECT_TABLE = "_project_table"  # projects page: the table's row selection
    PROJECTS_CLEAR = "_projects_clear"  # projects page: '필터 모두 지우기' button
    FLAGS_CLEAR = "_flags_clear"  # flags page: '필터 모두 지우기' button
    FLAGS_UNDERPERFORMING = "_flags_th_under"  # flags page: 부진 threshold, synced to th_under
    FLAGS_OVER_ACHIEVING = "_flags_th_over"  # flags page: 초과달성 threshold, synced to th_over
    FLAGS_LOW_EXECUTION = "_flags_th_exec"  # flags page: 집행부진 threshold, synced to th_exec
    COMMENTS_CATEGORY = "_comments_category"  # comments page: 구분 multiselect
    COMMENTS_REVIEWER = "_comments_reviewer"  # comments page: 위원 multiselect
    COMMENTS_RATING = "_comments_rating"  # comments page: 평가 multiselect
    COMMENTS_CLEAR = "_comments_clear"  # comments page: '필터 모두 지우기' button
    REVIEWER = "_reviewer"  # sign-in: the reviewer signed in with a password (lib.ui.signin)
    SIGNIN_USERNAME = "_signin_username"  # sign-in form: 아이디
    SIGNIN_PASSWORD = "_signin_password"  # sign-in form: 비밀번호
    SIGNIN_FORM = "_signin_form"  # sign-in form (아이디, 비밀번호)
    SIGNIN_SUBMIT = "_signin_submit"  # sign-in form: 로그인 button
    SIGNIN_OIDC = "_signin_oidc"  # sign-in: '기관 계정으로 로그인' button (st.login)
    SIGNIN_ERROR = "_signin_error"  # sign-in: the refusal to show once
    SIGNOUT = "_signout"  # sign-in: 로그아웃 button
    REVIEW_PROJECT = "_review_project"  # review page: the sub-project chosen (synced to ?project=)
    REVIEW_CLEAR = "_review_clear"  # review page: '필터 모두 지우기' button
    REVIEW_FORM = "_review_form"  # review page: the new-review form
    REVIEW_CATEGORY = "_review_category"  # review page: 구분 of the new review
    REVIEW_PLAN = "_review_plan"  # review page: 계획수립 rating of the new review
    REVIEW_CHECK = "_review_check"  # review page: 이행점검 rating of the new review
    REVIEW_RESULT = "_review_result"  # review page: 결과확인 rating of the new review
    REVIEW_COMMENT = "_review_comment"  # review page: comment of the new review
    REVIEW_SUBMIT = "_review_submit"  # review page: 저장 button of the new review
    REVIEW_ERROR = "_review_error"  # review page: (where, message) of a refused save, once
    REVIEW_NOTICE = "_review_notice"  # review page: (where, message) of what was saved, once
    REVIEW_EDITING = "_review_editing"  # review page: (review_id, version) being edited
    REVIEW_WITHDRAWING = "_review_withdrawing"  # review page: (review_id, version) to confirm
    REVIEW_ACTION = "_review_action"  # review page: prefix of per-review widget keys (+ id)
    YEAR = "year"  # 연도 selector (bound to the URL)
    DISTRICT = "district"  # 시군구 selector (bound to the URL)
    VIEW = "_view"  # the View every page shows this run (lib.views.view.View), built in app.py
    CATALOG = "_catalog"  # every loaded workbook this run (lib.views.collection.Catalog)
    SESSION_WORKBOOKS = "_session_workbooks"  # uploads shown in this browser only
    UPLOADER = "_uploader"  # data page: the file uploader
    DATA_NOTICE = "_data_notice"  # data page: what was just saved, shown once
    DATA_VERSIONS = "_data_versions"  # data page: which 시군구·연도's versions are listed
    SLIDE = "slide"  # presentation page: slide number in the URL (1-based); the slide's container
    SLIDE_PICK = "_slide_pick"  # presentation page: jump-to-slide selectbox
    PATH = "path"  # strategies page: the drill-down path in the URL (?path=체계&path=추진전략…)
    ORDER = "order"  # overview and strategies: bars by rate (default) or in plan order
    SIGNIN_COOKIE = "_signin_cookie"  # sign-in: (token, settings) to set in the browser, once
    # Widget and container keys below are also CSS classes (st-key-…) the style sheet and the
    # e2e tests find: their values must not change. A value ending in "_" is a prefix (+ id).
    OVERVIEW_CLEAR = "overview_clear"  # overview page: '필터 모두 지우기' button
    PROJECT_TABLE_BOX = "project_table"  # projects page: the table (wide screens only)
    PROJECT_CARDS = "project_cards"  # projects page: the links (phones only)
    INDICATOR_TABLE_BOX = "indicator_table"  # project detail: indicator table (wide screens)
    INDICATOR_CARDS = "indicator_cards"  # project detail: one line per indicator (phones)
    PROJECTS_DOWNLOAD = "projects_download"  # projects page: the Excel download
    ROUND_REPORT = "round_report"  # round page: the report downloads
    SLIDE_CONTROLS = "slide_controls"  # presentation page: the row of slide buttons
    SLIDE_PREV = "slide_prev"  # presentation page: 이전 button
    SLIDE_NEXT = "slide_next"  # presentation page: 다음 button
    SLIDE_FIRST = "slide_first"  # presentation page: hidden Home-key button
    SLIDE_LAST = "slide_last"  # presentation page: hidden End-key button
    SLIDE_ENDS = "hidden_slide_ends"  # presentation page: container of the hidden buttons
    SLIDE_KEYS = "slide_keys"  # presentation page: the keyboard script
    SLIDE_HEAD = "slide_head"  # presentation page: the slide's title row
    SLIDE_CHART = "present_chart_"  # presentation page: prefix of a slide's chart key (+ n)
    PRESENT_DOWNLOADS = "present_downloads"  # presentation page: the export downloads
    PRESENT_REPORT = "present_report"  # presentation page: the report downloads
    DATA_CONFIRM = "confirm_"  # data page: prefix of an upload's 저장 button (+ n)
    DATA_SESSION = "session_"  # data page: prefix of an upload's 이 브라우저에만 button (+ n)
    DATA_VERSION = "version_"  # data page: prefix of a stored version's button (+ id)
    DATA_PROBLEMS = "problems_"  # data page: prefix of an upload's problem table (+ n)
    ICONS = "icons"  # every page: the script that marks icons as decorative
    CHANGES_TREND = "changes_trend"  # overview: the year-over-year trend chart
    CHANGES_COMPARISON = "changes_comparison_"  # overview: prefix of a comparison chart (+ 체계)


class PagePath(StrEnum):
    """URL paths of the pages (st.Page url_path)."""

    OVERVIEW = ""
    STRATEGIES = "strategies"
    PROJECTS = "projects"
    FLAGS = "flags"
    COMMENTS = "comments"
    REVIEW = "review"
    PRESENT = "present"
    DATA = "data"
    ROUND = "round"  # 모니터링 회차 (사무국)
    ROUND_MERGE = "merge"  # 의견 취합 (사무국)
    ROUND_SELECT = "excellent"  # 우수사업 선정 (사무국)

    @property
    def script(self) -> str:
        """The page's file, as st.Page, st.page_link and st.switch_page take it."""
        return f"app_pages/{_SCRIPTS.get(self, self.value)}.py"


_SCRIPTS = {
    PagePath.OVERVIEW: "overview",
    PagePath.ROUND_MERGE: "round_merge",
    PagePath.ROUND_SELECT: "round_select",
}
