"""Session-state keys of the round pages (서면의견지, 모니터링 회차, 취합·우수사업).

Kept apart from ``lib.ui.keys.Key`` so that the round work adds keys without touching the
shared enum. Per-item widgets add ``:<id>`` to a prefix through ``item_key``.
"""

from __future__ import annotations

from enum import StrEnum


class RoundKey(StrEnum):
    """Widget and flash keys; the prefixes end in ``_`` and take an id (``item_key``)."""

    NOTICE = "_round_notice"  # (scope, message) of what was just done, shown once
    ERROR = "_round_error"  # (scope, message) of a refusal, shown once
    # 서면의견지 (member)
    FORM_PROJECT = "_round_form_project"  # the sub-project being rated
    RATE_ = "_round_rate_"  # + stage:sub_project_id — a stage's rating
    COMMENT_ = "_round_comment_"  # + sub_project_id — the member's comment on it
    OPINION_ = "_round_opinion_"  # + opinion_id — one overall opinion's text
    OPINION_TARGET_ = "_round_opinion_target_"  # + opinion_id — its target sub-project
    OPINION_REMOVE_ = "_round_opinion_remove_"  # + opinion_id — 지우기 button
    NEW_OPINION_ = "_round_new_opinion_"  # + category — the empty point to write next
    REC_PROJECT_ = "_round_rec_project_"  # + slot — 추천 n's sub-project
    REC_REASON_ = "_round_rec_reason_"  # + slot — 추천 n's reason
    SUBMIT = "_round_submit"  # 제출 button
    UNSUBMIT = "_round_unsubmit"  # 제출 취소 button
    # 모니터링 회차 (사무국)
    OPEN = "_round_open"  # 회차 열기 button
    ADVANCE = "_round_advance"  # the next-step button
    ADVANCE_ASKED = "_round_advance_asked"  # the next step awaiting 진행합니다
    ADVANCE_YES = "_round_advance_yes"
    ADVANCE_NO = "_round_advance_no"
    COMPOSITION = "_round_composition"
    REQUESTS = "_round_requests"
    METHODS = "_round_methods"
    LEGAL_BASIS = "_round_legal_basis"
    DEADLINE = "_round_deadline"
    SETTINGS_FORM = "_round_settings_form"
    SETTINGS_SAVE = "_round_settings_save"
    ROSTER_TABLE = "_round_roster_table"
    ROSTER_IMPORT = "_round_roster_import"
    ROSTER_SAVE = "_round_roster_save"
    MEMBER_FORM = "_round_member_form"  # 한 명 추가 form
    MEMBER_NAME = "_round_member_name"
    MEMBER_ROLE = "_round_member_role"
    MEMBER_AFFILIATION = "_round_member_affiliation"
    MEMBER_ADD = "_round_member_add"
    LINK_ = "_round_link_"  # + member_id — the sign-in account linked to a roster entry
    REOPEN_REASON = "_round_reopen_reason"
    REOPEN = "_round_reopen"
    HISTORY_DOWNLOAD = "_round_history_download"
    # 취합 · 우수사업 (사무국)
    MERGE_SOURCES_ = "_round_merge_sources_"  # + category — opinions picked to merge
    MERGE_TEXT_ = "_round_merge_text_"  # + category — the new point's wording
    MERGE_ADD_ = "_round_merge_add_"  # + category — 문장 추가 button
    POINT_TEXT_ = "_round_point_text_"  # + point_id — a merged point's wording
    POINT_UP_ = "_round_point_up_"  # + point_id
    POINT_DOWN_ = "_round_point_down_"  # + point_id
    POINT_REMOVE_ = "_round_point_remove_"  # + point_id
    SELECT_PROJECT = "_round_select_project"
    SELECT_REASON = "_round_select_reason"
    SELECT_ADD = "_round_select_add"
    SELECT_REMOVE_ = "_round_select_remove_"  # + sub_project_id


def item_key(prefix: RoundKey, *parts: object) -> str:
    """The key of one item's widget: ``prefix`` followed by its parts joined with ``:``."""
    return str(prefix) + ":".join(str(p) for p in parts)
