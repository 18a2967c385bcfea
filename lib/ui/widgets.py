"""Small shared pieces every page uses: header lines, notices, comment cards, badges."""

from __future__ import annotations

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from lib.comments import CommentView, byline
from lib.flags import Flag
from lib.schema import Results
from lib.status import flag_badge
from lib.strings_ko import ChromeText, Common, FilterText, MeetingText
from lib.ui.filters import reset_filters
from lib.ui.keys import Key
from lib.ui.markup import escape_markdown
from lib.views import filters
from lib.workbook import Limits

UPLOAD_LIMIT_MB = Limits().max_file_bytes // (1024 * 1024)
PHONE_MAX_PX = 640  # where Streamlit stacks columns too
WIDE_ONLY_KEY_PREFIX = "wide_only_"
PHONE_ONLY_KEY_PREFIX = "phone_only_"
HIDDEN_KEY_PREFIX = "hidden_"

# Korean breaks between words, not inside them ("모니터링 의견", never "모/니터링").
# Captions are secondary by size, not by a pale grey: ≥ 4.5:1 in both themes (KWCAG 2.2).
# Streamlit's English chrome (table toolbar, chart toolbar, uploader words) is hidden or
# said in Korean; the theme itself follows the computer's light/dark setting.
_CAPTION_LIGHT = "#4f4b46"  # 8.1:1 on #ffffff, 7.3:1 on the sidebar's #f1f0ee
_CAPTION_DARK = "#c9c5bf"  # 10.6:1 on #121417
_INK_DARK = "#f1efec"
_SELECTED_DARK = "#a8c8ff"  # a chosen segment's words: 9:1 on its dark blue background  # chart text in the dark theme (the figures set the light one)
_STYLE = f"""<style>
[data-testid="stMarkdownContainer"], [data-testid="stText"], [data-testid="stText"] span,
[data-testid="stCaptionContainer"], [data-testid="stMetricLabel"], [data-testid="stHeading"],
button p {{
  word-break: keep-all;
  overflow-wrap: anywhere;
}}
[data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
[data-testid="stWidgetLabel"] p, [data-testid="stMetricLabel"] p {{
  color: {_CAPTION_LIGHT};
  opacity: 1;
}}
@media (prefers-color-scheme: dark) {{
  [data-testid="stCaptionContainer"], [data-testid="stCaptionContainer"] p,
  [data-testid="stWidgetLabel"] p, [data-testid="stMetricLabel"] p {{
    color: {_CAPTION_DARK};
  }}
  .js-plotly-plot .main-svg text {{ fill: {_INK_DARK} !important; }}
  [data-testid="stMain"] button[data-selected="true"] p {{ color: {_SELECTED_DARK}; }}
  .js-plotly-plot .main-svg .shapelayer path {{ stroke: {_INK_DARK} !important; }}
}}
[data-testid="stElementToolbar"], .modebar-container {{ display: none !important; }}
[data-testid="stMain"] [data-testid="stHeading"] h2 {{ font-size: 1.6rem; }}
[data-testid="stMainBlockContainer"] {{ padding-top: 3rem; }}
[data-testid="stMain"] pre, [data-testid="stMain"] pre code {{
  white-space: pre-wrap !important; overflow-wrap: anywhere;
}}
[data-testid="stFileUploaderDropzoneInstructions"] span,
[data-testid="stFileUploaderDropzoneInstructions"] small {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"] > div::before {{
  content: "{ChromeText.UPLOAD_DROP}";
  display: block;
}}
[data-testid="stFileUploaderDropzoneInstructions"] > div::after {{
  content: "{ChromeText.UPLOAD_LIMIT.format(mb=UPLOAD_LIMIT_MB)}";
  display: block;
  font-size: 0.875rem;
}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p {{
  font-size: 0;
}}
[data-testid="stFileUploaderDropzone"] button [data-testid="stMarkdownContainer"] p::after {{
  content: "{ChromeText.UPLOAD_BUTTON}";
  font-size: 1rem;
}}
@media (max-width: {PHONE_MAX_PX}px) {{
  [class*="st-key-{WIDE_ONLY_KEY_PREFIX}"] {{ display: none !important; }}
}}
@media (min-width: {PHONE_MAX_PX + 1}px) {{
  [class*="st-key-{PHONE_ONLY_KEY_PREFIX}"] {{ display: none !important; }}
}}
[data-testid="stPageLink"] a, [data-testid="stPageLink"] p, [data-testid="stPageLink"] span {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
}}
[class*="st-key-{PHONE_ONLY_KEY_PREFIX}"] [data-testid="stPageLink"] a {{
  border: 1px solid rgba(128, 128, 128, 0.6); border-radius: 0.5rem; padding: 0.5rem 0.7rem;
}}
[class*="st-key-{HIDDEN_KEY_PREFIX}"],
[data-testid="stLayoutWrapper"]:has(> [class*="st-key-{HIDDEN_KEY_PREFIX}"]),
.stElementContainer:has(> .stHtml > style:only-child) {{ display: none !important; }}
</style>"""

# Icon ligatures ("dashboard", "table_rows") are words to a screen reader: hide them from
# it; and the page is Korean, so say so (Streamlit's page says lang="en").
_SCRIPT = """<script>
(() => {
  const doc = document;
  doc.documentElement.lang = "ko";
  if (window.__councilIcons) return;
  window.__councilIcons = true;
  const hide = () => {
    doc.querySelectorAll('[data-testid="stIconMaterial"]:not([aria-hidden])')
      .forEach((icon) => icon.setAttribute("aria-hidden", "true"));
    doc.querySelectorAll('[data-testid="stFileUploaderDropzoneInput"]')
      .forEach((input) => input.setAttribute("aria-label", "UPLOAD_LABEL"));
  };
  hide();
  new MutationObserver(hide).observe(doc.body, { childList: true, subtree: true });
})();
</script>""".replace("UPLOAD_LABEL", ChromeText.UPLOAD_BUTTON)


# Slides: type in units of the screen's height (3.3vh is 24 px at 720 and 36 px at 1080),
# so a slide that fits 1280×720 fits 1920×1080 the same way; never below 24 px.
_PRESENTATION_STYLE = """<style>
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"], [data-testid="stHeader"],
[data-testid="stSidebarCollapseButton"] {
  display: none;
}
[data-testid="stMainBlockContainer"] { padding: 0.6vh 2.5vw 0 2.5vw; max-width: 100%; }
.st-key-slide_controls { gap: 0.6rem; min-height: 52px; }
.st-key-slide_controls p { font-size: 20px; }
.fullscreen-toggle {
  font: inherit; font-size: 18px; padding: 0.35rem 0.8rem; border-radius: 0.5rem;
  border: 1px solid currentColor; background: transparent; color: inherit; cursor: pointer;
}
.st-key-slide { gap: 0.4vh; }
.st-key-slide_head { justify-content: space-between; gap: 2vw; }
.st-key-slide h1 { font-size: max(34px, 5vh) !important; line-height: 1.25; padding: 0; }
.st-key-slide .subtitle { font-size: max(24px, 3.3vh); margin: 0; }
.headline-box { text-align: right; }
.headline { font-size: max(56px, 8vh); font-weight: 700; line-height: 1.05; }
.headline-label { font-size: max(24px, 3.3vh); }
.slide-body, .slide-body p, .slide-body li, .slide-body td, .slide-body th,
.slide-body caption {
  font-size: max(24px, 3.3vh); line-height: 1.4; word-break: keep-all; overflow-wrap: anywhere;
}
.slide-body ul { margin: 0; padding-left: 1.6em; }
.slide-body li.level-1 { margin-left: 1.6em; list-style: circle; }
.slide-body h2 { font-size: max(26px, 3.6vh); margin: 0.3em 0 0.2em; padding: 0; }
.slide-body .card {
  border: 1px solid rgba(128, 128, 128, 0.6); border-radius: 0.6rem;
  padding: 0.3em 0.7em; margin-bottom: 0.4em;
}
.slide-body .card p { margin: 0; white-space: pre-wrap; }  /* typed line breaks stay */
.slide-body .card .byline { font-size: max(24px, 3.3vh); opacity: 1; white-space: normal; }
.slide-body table { width: 100%; border-collapse: collapse; }
.slide-body caption { text-align: left; caption-side: top; }
.slide-body th, .slide-body td {
  border-bottom: 1px solid rgba(128, 128, 128, 0.6); padding: 0.15em 0.3em; text-align: left;
  vertical-align: top;
}
.slide-body td.num { text-align: right; white-space: nowrap; }
</style>"""

# Keys of a clicker (PageUp/PageDown) and the keyboard press the slide's own buttons, so
# the URL and the server move together; F toggles full screen like the button.
_SLIDE_KEYS = """<script>
(() => {
  const doc = document;
  const press = (key) => {
    const button = doc.querySelector(`.st-key-${key} button`);
    if (button && !button.disabled) { button.click(); return true; }
    return false;
  };
  const toggle = () => {
    if (doc.fullscreenElement) doc.exitFullscreen();
    else doc.documentElement.requestFullscreen().catch(() => {});
  };
  const label = () => doc.querySelectorAll(".fullscreen-toggle").forEach((b) => {
    b.textContent = doc.fullscreenElement ? "EXIT_LABEL" : "ENTER_LABEL";
    b.setAttribute("aria-pressed", doc.fullscreenElement ? "true" : "false");
  });
  doc.querySelectorAll(".fullscreen-toggle").forEach((b) => { b.onclick = toggle; });
  label();
  if (window.__councilSlideKeys) return;
  window.__councilSlideKeys = true;
  doc.addEventListener("fullscreenchange", label);
  const moves = {
    ArrowRight: "slide_next", PageDown: "slide_next", " ": "slide_next",
    ArrowDown: "slide_next", ArrowLeft: "slide_prev", PageUp: "slide_prev",
    ArrowUp: "slide_prev", Home: "slide_first", End: "slide_last",
  };
  doc.addEventListener("keydown", (event) => {
    if (!doc.querySelector(".st-key-slide")) return;  // only in presentation mode
    const target = event.target;
    if (target && target.closest && target.closest("input, textarea, select, [role=listbox]")) return;
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.key === "f" || event.key === "F") { toggle(); event.preventDefault(); return; }
    const key = moves[event.key];
    if (key && press(key)) event.preventDefault();
  }, true);
})();
</script>"""


def slide_keys_script(enter_label: str, exit_label: str) -> str:
    """The 발표 모드 keyboard and full-screen script, with its two button words."""
    return _SLIDE_KEYS.replace("ENTER_LABEL", enter_label).replace("EXIT_LABEL", exit_label)


def presentation_style() -> None:
    """Slides: no sidebar or header, large type (for a projector at 1280×720 and up)."""
    st.html(_PRESENTATION_STYLE)


def apply_style() -> None:
    """App-wide CSS and script of our own (static; no user text goes in here)."""
    st.html(_STYLE)
    browser_script(_SCRIPT, key=Key.ICONS)


def browser_script(script: str, key: str) -> None:
    """Run a static script of ours in the page (no user text ever goes in), out of sight."""
    with st.container(key=f"{HIDDEN_KEY_PREFIX}{key}"):
        st.html(script, unsafe_allow_javascript=True)


def wide_only(key: str) -> DeltaGenerator:
    """A container shown on screens wider than a phone (a table, a side-by-side layout)."""
    return st.container(key=f"{WIDE_ONLY_KEY_PREFIX}{key}")


def phone_only(key: str) -> DeltaGenerator:
    """A container shown only on a phone (cards instead of a wide table)."""
    return st.container(key=f"{PHONE_ONLY_KEY_PREFIX}{key}")


def provenance(results: Results) -> None:
    """One line: 시군구 · 연도 · file; and, where the workbook says so, the illustrative notice."""
    meta = results.meta
    st.caption(
        Common.PROVENANCE.format(
            district=escape_markdown(meta.district),
            year=meta.year,
            file=escape_markdown(results.source_name),
        )
    )
    if meta.illustrative_note:
        st.info(
            Common.ILLUSTRATIVE.format(note=escape_markdown(meta.illustrative_note)),
            icon=":material/info:",
        )


def filter_line(results: Results, f: filters.Filter, key: str) -> None:
    """Say what the view is narrowed to ("29개 중 7개"), with one click to clear it."""
    if not f.narrows:
        return
    shown, total = filters.scope_counts(results.sub_projects, f)
    left, right = st.columns([3, 1], vertical_alignment="center")
    left.markdown(
        FilterText.SHOWING.format(
            description=escape_markdown(filters.describe(f, shown, total, results.sub_projects))
        )
    )
    right.button(
        FilterText.CLEAR, key=key, on_click=reset_filters, icon=":material/filter_alt_off:"
    )


def flag_badges(flags: tuple[Flag, ...]) -> str:
    return "  ".join(flag_badge(f) for f in flags)


def comment_card(comment: CommentView, show_target: bool = False) -> None:
    """One comment as plain text, with who, rating and where it came from."""
    with st.container(border=True):
        st.text(comment.text)  # plain text: no markdown, HTML or link is interpreted
        line = byline(comment, with_category=True, with_targets=show_target, with_source=True)
        st.caption(escape_markdown(line))


def comment_list(comments: list[CommentView], show_target: bool = False) -> None:
    if not comments:
        st.caption(Common.NO_COMMENTS)
    for comment in comments:
        comment_card(comment, show_target)


def by_rate_order(key: str) -> bool:
    """'막대 순서' toggle (달성률 낮은 순 / 계획 순서), kept in the URL; True: lowest first."""
    plan = st.query_params.get(key) == MeetingText.ORDER_PLAN  # also on a page opened anew
    choice = st.segmented_control(
        MeetingText.ORDER,
        [MeetingText.ORDER_RATE, MeetingText.ORDER_PLAN],
        default=MeetingText.ORDER_PLAN if plan else MeetingText.ORDER_RATE,
        key=key,
        bind="query-params",
    )
    return choice != MeetingText.ORDER_PLAN
