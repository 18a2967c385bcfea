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
    PROJECT = "project"  # projects page: selected sub-project (also ?project=체계/사업번호)


class PagePath(StrEnum):
    """URL paths of the pages (st.Page url_path)."""

    OVERVIEW = ""
    STRATEGIES = "strategies"
    PROJECTS = "projects"
    FLAGS = "flags"
    COMMENTS = "comments"
