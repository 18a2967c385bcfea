"""데이터 관리: the blank template, uploads with a validation report, a preview before
confirming, and every kept version."""

from __future__ import annotations

import hashlib

import pandas as pd
import streamlit as st

from lib import format as fmt
from lib import store
from lib.errors import Problem, WorkbookError
from lib.exports.xlsx import render_problems
from lib.metrics import system_summaries
from lib.schema import Results
from lib.strings_ko import SYSTEM_FULL_NAME, ExportText
from lib.strings_ko import DataText as T
from lib.template import template_bytes
from lib.ui.data import SessionWorkbook, current_catalog, forget_stored_list, stored_workbooks
from lib.ui.exports import XLSX_MIME
from lib.ui.keys import Key
from lib.ui.markup import escape_markdown
from lib.ui.reviews import DATABASE_ERRORS, reviews_engine
from lib.ui.signin import current_writer
from lib.workbook import DEFAULT_LIMITS, read_workbook


@st.cache_resource(show_spinner=False, max_entries=64)
def _checked(sha256: str, _data: bytes, name: str) -> Results | tuple[Problem, ...]:
    """An upload read and validated once per content: its results, or every problem."""
    try:
        return read_workbook(_data, name)
    except WorkbookError as error:
        return error.problems


def _problems_table(problems: tuple[Problem, ...]) -> pd.DataFrame:
    rows = [(p.sheet or "", p.row, p.column or "", p.message, p.value or "") for p in problems]
    return pd.DataFrame(rows, columns=list(ExportText.PROBLEM_COLUMNS))


def _kept_version(results: Results) -> store.StoredWorkbook | None:
    meta = results.meta
    return next(
        (w for w in stored_workbooks() if (w.district, w.year) == (meta.district, meta.year)), None
    )


def _preview(results: Results, sha256: str, data: bytes, name: str, n: int) -> None:
    meta = results.meta
    st.success(T.ACCEPTED.format(name=escape_markdown(name)), icon=":material/check_circle:")
    st.markdown(
        f"**{escape_markdown(meta.district)} · {meta.year}년**"
        + (f" · {escape_markdown(meta.plan_term)}" if meta.plan_term else "")
    )
    for summary in system_summaries(results):
        st.text(
            T.PREVIEW_LINE.format(
                system=SYSTEM_FULL_NAME[summary.system.value],
                strategies=summary.strategies,
                sub_projects=summary.sub_projects,
                rate=fmt.percent(summary.achievement_rate),
            )
        )
    st.text(T.PREVIEW_COMMENTS.format(n=len(results.comments)))
    if meta.illustrative_note:
        st.caption(escape_markdown(meta.illustrative_note))
    kept = _kept_version(results)
    shown = current_catalog().get(meta.district, meta.year)
    if kept is not None and kept.sha256 == sha256:
        st.info(T.SAME_AS_KEPT)
    elif kept is not None:
        st.warning(
            T.REPLACES.format(
                district=escape_markdown(meta.district), year=meta.year, version=kept.version
            )
        )
    elif shown is not None:
        st.warning(
            T.REPLACES_SAMPLE.format(district=escape_markdown(meta.district), year=meta.year)
        )
    else:
        st.info(T.NEW_ENTRY.format(district=escape_markdown(meta.district), year=meta.year))

    writer = current_writer()
    save, local = st.columns(2)
    if save.button(
        T.CONFIRM, type="primary", disabled=writer is None, key=f"confirm_{n}", width="stretch"
    ):
        assert writer is not None
        try:
            saved = store.save_workbook(
                reviews_engine(),
                district=meta.district,
                year=meta.year,
                data=data,
                file_name=name,
                uploaded_by=writer.name,
                uploaded_by_id=writer.identity,
            )
        except DATABASE_ERRORS:
            st.error(T.DB_UNAVAILABLE)
        else:
            forget_stored_list()
            st.session_state[Key.DATA_NOTICE] = T.CONFIRMED.format(
                district=saved.district, year=saved.year, version=saved.version
            )
            st.rerun()
    if writer is None:
        save.caption(T.SIGN_IN_TO_SAVE)
    if local.button(T.SESSION_ONLY, help=T.SESSION_ONLY_HELP, key=f"session_{n}", width="stretch"):
        uploads: list[SessionWorkbook] = st.session_state.setdefault(Key.SESSION_WORKBOOKS, [])
        if all(u.sha256 != sha256 for u in uploads):
            uploads.append(SessionWorkbook(sha256, name, data))
        st.session_state[Key.DATA_NOTICE] = T.SESSION_ADDED.format(
            district=meta.district, year=meta.year
        )
        st.rerun()


def _kept_section() -> None:
    st.subheader(T.KEPT, anchor=False)
    kept = stored_workbooks()
    if not kept:
        st.caption(T.KEPT_EMPTY)
        return
    engine = reviews_engine()
    table = pd.DataFrame(
        [
            (
                w.district,
                w.year,
                w.version,
                w.file_name,
                w.uploaded_by,
                fmt.datetime_label(w.uploaded_at),
                f"{w.size / 1024:,.0f}KB",
            )
            for w in kept
        ],
        columns=list(T.KEPT_COLUMNS),
    )
    st.dataframe(table, hide_index=True, width="stretch")
    # One 시군구·연도 at a time: listing every version of all 229 would query each on every rerun.
    labels = {T.VERSIONS_OF.format(district=w.district, year=w.year): w for w in kept}
    chosen = labels[st.selectbox(T.VERSIONS_PICK, list(labels), key=Key.DATA_VERSIONS)]
    versions = store.workbook_versions(engine, chosen.district, chosen.year)
    st.caption(
        T.VERSIONS.format(
            district=escape_markdown(chosen.district), year=chosen.year, n=len(versions)
        )
    )
    for version in reversed(versions):
        line, button = st.columns([3, 1], vertical_alignment="center")
        line.text(
            f"{T.VERSION_LINE.format(version=version.version)} · {version.file_name} · "
            f"{version.uploaded_by} · {fmt.datetime_label(version.uploaded_at)}"
            + (f" · {T.IN_USE}" if version.version == chosen.version else "")
        )
        button.download_button(
            T.VERSION_DOWNLOAD.format(version=version.version),
            data=lambda wid=version.id: store.get_workbook_bytes(engine, wid),
            file_name=version.file_name,
            mime=XLSX_MIME,
            on_click="ignore",
            key=f"version_{version.id}",
        )


st.title(T.TITLE, anchor=False)
st.caption(T.INTRO)
notice = st.session_state.pop(Key.DATA_NOTICE, None)
if notice:
    st.success(notice, icon=":material/check_circle:")
st.download_button(
    T.TEMPLATE,
    data=template_bytes,
    file_name="시행결과_양식.xlsx",
    mime=XLSX_MIME,
    help=T.TEMPLATE_HELP,
    icon=":material/download:",
    on_click="ignore",
)

uploads = st.file_uploader(
    T.UPLOAD,
    type=["xlsx"],
    accept_multiple_files=True,
    key=Key.UPLOADER,
    help=T.UPLOAD_HELP.format(
        size=DEFAULT_LIMITS.max_file_bytes // (1024 * 1024), rows=DEFAULT_LIMITS.max_rows
    ),
)
if uploads:
    progress = st.progress(0.0)
    checked = []
    for n, upload in enumerate(uploads):
        progress.progress(
            n / len(uploads), text=T.READING.format(n=n + 1, total=len(uploads), name=upload.name)
        )
        data = upload.getvalue()
        sha256 = hashlib.sha256(data).hexdigest()
        checked.append((upload.name, sha256, data, _checked(sha256, data, upload.name)))
    progress.progress(1.0, text=T.READ_DONE.format(total=len(uploads)))
    for n, (name, sha256, data, outcome) in enumerate(checked):
        with st.container(border=True):
            if isinstance(outcome, Results):
                _preview(outcome, sha256, data, name, n)
            else:
                st.error(
                    T.REJECTED.format(name=escape_markdown(name), n=len(outcome)),
                    icon=":material/block:",
                )
                for problem in outcome:
                    if problem.sheet is None:  # the file as a whole: one clear line
                        st.text(str(problem))
                located = tuple(p for p in outcome if p.sheet is not None)
                if located:
                    st.dataframe(_problems_table(located), hide_index=True, width="stretch")
                st.download_button(
                    T.PROBLEMS_DOWNLOAD,
                    data=render_problems(outcome),
                    file_name=f"{name.removesuffix('.xlsx')}_문제목록.xlsx",
                    mime=XLSX_MIME,
                    on_click="ignore",
                    key=f"problems_{n}",
                    icon=":material/download:",
                )

st.divider()
_kept_section()
