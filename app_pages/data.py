"""데이터 관리: the blank template, uploads with a validation report, a preview before
confirming, and every kept version."""

from __future__ import annotations

import streamlit as st

from lib import format as fmt
from lib.exports.xlsx import render_problems
from lib.metrics import system_summaries
from lib.strings_ko import SYSTEM_FULL_NAME, LayoutText
from lib.strings_ko import DataText as T
from lib.template import template_bytes
from lib.ui.data import (
    UPLOAD_LIMITS,
    Upload,
    check_upload,
    confirm_upload,
    current_catalog,
    keep_in_browser,
    kept_table,
    kept_version,
    problems_table,
    stored_workbooks,
    version_bytes,
    workbook_versions,
)
from lib.ui.db import DATABASE_ERRORS
from lib.ui.exports import XLSX_MIME
from lib.ui.keys import Key
from lib.ui.markup import escape_markdown
from lib.ui.signin import current_writer


def _preview(upload: Upload, n: int) -> None:
    results, name = upload.results, upload.name
    assert results is not None
    meta = results.meta
    st.success(T.ACCEPTED.format(name=escape_markdown(name)), icon=":material/check_circle:")
    st.markdown(
        f"**{escape_markdown(meta.district)} · {LayoutText.YEAR.format(year=meta.year)}**"
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
    kept = kept_version(results)
    shown = current_catalog().get(meta.district, meta.year)
    if kept is not None and kept.sha256 == upload.sha256:
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
        T.CONFIRM,
        type="primary",
        disabled=writer is None,
        key=f"{Key.DATA_CONFIRM}{n}",
        width="stretch",
    ):
        assert writer is not None
        try:
            saved = confirm_upload(upload, writer.name, writer.identity)
        except DATABASE_ERRORS:
            st.error(T.DB_UNAVAILABLE)
        else:
            st.session_state[Key.DATA_NOTICE] = T.CONFIRMED.format(
                district=saved.district, year=saved.year, version=saved.version
            )
            st.rerun()
    if writer is None:
        save.caption(T.SIGN_IN_TO_SAVE)
    if local.button(
        T.SESSION_ONLY, help=T.SESSION_ONLY_HELP, key=f"{Key.DATA_SESSION}{n}", width="stretch"
    ):
        keep_in_browser(upload)
        st.session_state[Key.DATA_NOTICE] = T.SESSION_ADDED.format(
            district=meta.district, year=meta.year
        )
        st.rerun()


def _kept_section() -> None:
    st.header(T.KEPT, anchor=False)
    kept = stored_workbooks()
    if not kept:
        st.caption(T.KEPT_EMPTY)
        return
    st.dataframe(kept_table(kept), hide_index=True, width="stretch")
    # One 시군구·연도 at a time: listing every version of all 229 would query each on every rerun.
    labels = {T.VERSIONS_OF.format(district=w.district, year=w.year): w for w in kept}
    chosen = labels[st.selectbox(T.VERSIONS_PICK, list(labels), key=Key.DATA_VERSIONS)]
    versions = workbook_versions(chosen.district, chosen.year)
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
            data=version_bytes(version.id),
            file_name=version.file_name,
            mime=XLSX_MIME,
            on_click="ignore",
            key=f"{Key.DATA_VERSION}{version.id}",
        )


st.title(T.TITLE, anchor=False)
st.caption(T.INTRO)
notice = st.session_state.pop(Key.DATA_NOTICE, None)
if notice:
    st.success(notice, icon=":material/check_circle:")
st.download_button(
    T.TEMPLATE,
    data=template_bytes,
    file_name=LayoutText.TEMPLATE_FILE,
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
        size=UPLOAD_LIMITS.max_file_bytes // (1024 * 1024), rows=UPLOAD_LIMITS.max_rows
    ),
)
if uploads:
    progress = st.progress(0.0)
    checked = []
    for n, upload in enumerate(uploads):
        progress.progress(
            n / len(uploads), text=T.READING.format(n=n + 1, total=len(uploads), name=upload.name)
        )
        checked.append(check_upload(upload.name, upload.getvalue()))
    progress.progress(1.0, text=T.READ_DONE.format(total=len(uploads)))
    for n, upload in enumerate(checked):
        name, outcome = upload.name, upload.problems
        with st.container(border=True):
            if upload.results is not None:
                _preview(upload, n)
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
                    st.dataframe(problems_table(located), hide_index=True, width="stretch")
                st.download_button(
                    T.PROBLEMS_DOWNLOAD,
                    data=render_problems(outcome),
                    file_name=LayoutText.PROBLEMS_FILE.format(stem=name.removesuffix(".xlsx")),
                    mime=XLSX_MIME,
                    on_click="ignore",
                    key=f"{Key.DATA_PROBLEMS}{n}",
                    icon=":material/download:",
                )

st.divider()
_kept_section()
