"""The deck as one self-contained HTML report that works offline and prints on A4.

plotly.js is inlined once; every chart is a ``lib.figures.rate_bars`` figure drawn by it.
No CDN, no web fonts, no external ``src``/``href``: the file can be e-mailed and opened
anywhere. Every text from the workbook is escaped (shown as typed, never as markup).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from html import escape

import plotly.graph_objects as go
import plotly.offline

from lib.exports.deck import Bullet, Chart, Deck, Slide, SlideKind, Table
from lib.figures import rate_bars
from lib.status import BAND_COLOUR, BandBounds
from lib.strings_ko import APP_TITLE
from lib.strings_ko import ExportText as T

FIGURE_WIDTH = 680  # px: the printable width of A4 portrait with 15 mm margins at 96 dpi
FONT_STACK = (
    '"Malgun Gothic", "맑은 고딕", "Apple SD Gothic Neo", "Noto Sans CJK KR", "Noto Sans KR", '
    '"NanumGothic", "Nanum Gothic", sans-serif'
)

STYLE = """
:root { --ink: #1F2A44; --muted: #555F6D; --accent: #0072B2; --panel: #F1F4F8; --line: #CFD5DD; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; background: #E9ECF1; color: var(--ink); font-family: FONTS;
  font-size: 16px; line-height: 1.6; word-break: keep-all; overflow-wrap: anywhere; }
main { max-width: 800px; margin: 0 auto; background: #fff; padding: 28px 40px 40px; }
section { padding: 22px 0 10px; border-top: 1px solid var(--line); }
section.cover { border-top: none; padding-top: 8px; }
.kicker { margin: 0; color: var(--muted); font-size: 15px; }
h1 { font-size: 30px; line-height: 1.3; margin: 6px 0 4px; }
h2 { font-size: 24px; line-height: 1.35; margin: 2px 0 12px; }
.subtitle { font-size: 20px; color: var(--accent); margin: 0 0 14px; }
.headline { margin: 6px 0 10px; }
.headline strong { font-size: 44px; line-height: 1.1; margin-right: 12px; }
.headline span { color: var(--muted); }
ul { margin: 6px 0 12px; padding-left: 22px; }
li { margin: 3px 0; }
li.sub { list-style: "– "; color: var(--muted); }
.notice { background: #EAF3FA; border-left: 4px solid var(--accent); padding: 8px 12px;
  margin: 10px 0; }
figure { margin: 10px 0 14px; }
figcaption { font-weight: bold; font-size: 17px; margin-bottom: 4px; }
.chart { width: 680px; max-width: 100%; }
table { width: 100%; border-collapse: collapse; table-layout: fixed; margin: 4px 0 12px; }
caption { caption-side: top; text-align: right; color: var(--muted); font-size: 14px; }
th, td { border: 1px solid var(--line); padding: 6px 8px; vertical-align: top; text-align: left; }
th { background: var(--ink); color: #fff; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
td.missing { color: #B03A00; font-weight: bold; }
.nobr { white-space: nowrap; }
.comments { list-style: none; padding: 0; }
.comment { background: var(--panel); border-radius: 6px; padding: 10px 14px; margin: 8px 0; }
.comment p { margin: 0; white-space: pre-wrap; }
.comment .byline { color: var(--muted); font-size: 14px; margin-top: 4px; white-space: normal; }
.notes h3 { font-size: 16px; margin: 12px 0 2px; color: var(--muted); }
.notes ul { font-size: 15px; color: var(--muted); }
nav.toc ol { columns: 2; column-gap: 28px; padding-left: 22px; }
nav.toc li { margin: 0 0 4px; break-inside: avoid; }
nav.toc a { color: var(--ink); text-decoration: none; }
footer { color: var(--muted); font-size: 13px; border-top: 1px solid var(--line);
  padding-top: 10px; margin-top: 20px; }
@page { size: A4; margin: 15mm; }
@media print {
  body { background: #fff; font-size: 11pt; }
  main { max-width: none; margin: 0; padding: 0; }
  section { break-before: page; border-top: none; padding-top: 0; }
  section.cover { break-before: auto; }
  figure, tr, .comment, .headline, h2 { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  thead { display: table-header-group; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav.toc a { color: inherit; }
}
""".replace("FONTS", FONT_STACK)


def _figure(chart: Chart, bounds: BandBounds) -> str:
    """A rate chart as a plotly div (plotly.js itself is inlined once, elsewhere)."""
    # rate_bars escapes what it shows; the ids (only data, for clicks in the app) are
    # escaped too so that no raw markup from the workbook is anywhere in the report.
    items = [replace(i, id=escape(i.id, quote=False)) for i in chart.rate_items()]
    fig: go.Figure = rate_bars(items, bounds)
    bars = len(items)
    fig.update_layout(
        width=FIGURE_WIDTH, height=max(240, 54 * bars + 110), autosize=False, margin={"r": 110}
    )
    body = fig.to_html(
        full_html=False,
        include_plotlyjs=False,
        config={"displayModeBar": False, "responsive": False},
    )
    caption = escape(T.CHART_TITLE.format(title=chart.title, reference=chart.reference_label))
    return f'<figure><figcaption>{caption}</figcaption><div class="chart">{body}</div></figure>'


def _bullets(bullets: Sequence[Bullet]) -> str:
    if not bullets:
        return ""
    items = "".join(
        f'<li class="sub">{escape(b.text)}</li>' if b.level else f"<li>{escape(b.text)}</li>"
        for b in bullets
    )
    return f"<ul>{items}</ul>"


_CODE = re.compile(r"\d+(?:-\d+)+")


def _keep_codes(text: str) -> str:
    """Escaped text in which a 사업번호 such as 1-1-3 never breaks at its hyphens."""
    out, last = [], 0
    for m in _CODE.finditer(text):
        out.append(escape(text[last : m.start()]))
        out.append(f'<span class="nobr">{escape(m.group())}</span>')
        last = m.end()
    out.append(escape(text[last:]))
    return "".join(out)


def _table(table: Table) -> str:
    total = sum(table.widths) if table.widths else 0
    cols = (
        "".join(f'<col style="width:{w * 100 / total:.1f}%">' for w in table.widths)
        if total
        else ""
    )
    head = "".join(
        f'<th class="num">{escape(c)}</th>' if n else f"<th>{escape(c)}</th>"
        for c, n in zip(table.columns, table.numeric, strict=True)
    )
    rows = []
    for row in table.rows:
        cells = []
        for text, numeric in zip(row, table.numeric, strict=True):
            cls = "num" if numeric else ("missing" if text == T.REASON_MISSING else "")
            attr = f' class="{cls}"' if cls else ""
            cells.append(f"<td{attr}>{_keep_codes(text)}</td>")
        rows.append(f"<tr>{''.join(cells)}</tr>")
    caption = f"<caption>{escape(table.unit)}</caption>" if table.unit else ""
    return (
        f"<table>{caption}<colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(rows)}</tbody></table>"
    )


def _comments(s: Slide, deck: Deck) -> str:
    if not s.comments:
        return ""
    heading = f"<h3>{escape(T.NOTES_COMMENTS)}</h3>" if s.kind is not SlideKind.COMMENTS else ""
    items = "".join(
        f'<li class="comment"><p>{escape(c.text)}</p>'
        f'<p class="byline">{escape(deck.comment_byline(c))}</p></li>'
        for c in s.comments
    )
    return f'<div class="notes">{heading}<ul class="comments">{items}</ul></div>'


def _notes(notes: Sequence[str]) -> str:
    if not notes:
        return ""
    items = "".join(f"<li>{escape(n)}</li>" for n in notes)
    return f'<div class="notes"><h3>{escape(T.HTML_DETAILS)}</h3><ul>{items}</ul></div>'


def _body(s: Slide, deck: Deck) -> str:
    parts: list[str] = []
    if s.headline:
        colour = BAND_COLOUR[s.band] if s.band else "#555F6D"
        parts.append(
            f'<p class="headline"><strong style="color:{colour}">{escape(s.headline)}</strong>'
            f"<span>{escape(s.headline_label)}</span></p>"
        )
    parts.append(_bullets(s.bullets))
    if s.chart is not None:
        parts.append(_figure(s.chart, deck.bands))
    if s.table is not None:
        parts.append(_table(s.table))
    parts.append(_comments(s, deck))
    return "".join(parts)


def _cover(s: Slide, toc: str) -> str:
    notices = "".join(f'<p class="notice">{escape(b.text)}</p>' for b in s.bullets)
    return (
        f'<section class="cover" id="s1"><p class="kicker">{escape(APP_TITLE)}</p>'
        f"<h1>{escape(s.title)}</h1>"
        f'<p class="subtitle">{escape(s.subtitle)}</p>{notices}{toc}</section>'
    )


def render_html(deck: Deck) -> str:
    """The whole report as one HTML document (UTF-8 text)."""
    sections: list[tuple[str, list[Slide]]] = []
    for i, s in enumerate(deck.slides, 1):
        if s.part is not None and s.part[0] > 1 and sections:
            sections[-1][1].append(s)  # a continuation joins its section
        else:
            sections.append((f"s{i}", [s]))
    toc_items = "".join(
        f'<li><a href="#{anchor}">{escape(group[0].section_title)}</a></li>'
        for anchor, group in sections[1:]
    )
    toc = f'<nav class="toc"><h2>{escape(T.HTML_CONTENTS)}</h2><ol>{toc_items}</ol></nav>'
    html_sections: list[str] = []
    for anchor, group in sections:
        first = group[0]
        if first.kind is SlideKind.TITLE:
            html_sections.append(_cover(first, toc))
            continue
        kicker = f'<p class="kicker">{escape(first.subtitle)}</p>' if first.subtitle else ""
        body = "".join(_body(s, deck) for s in group)
        body += _notes(list(dict.fromkeys(n for s in group for n in s.notes)))
        html_sections.append(
            f'<section id="{anchor}" class="{first.kind.value}">{kicker}'
            f"<h2>{escape(first.section_title)}</h2>{body}</section>"
        )
    source = deck.slides[0].notes[0] if deck.slides and deck.slides[0].notes else ""
    footer = escape(T.HTML_FOOTER.format(app=APP_TITLE, source=source).rstrip(" ·"))
    return (
        '<!DOCTYPE html>\n<html lang="ko">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(deck.title)} · {escape(deck.subtitle)}</title>\n"
        f"<style>{STYLE}</style>\n"
        f'<script type="text/javascript">{plotly.offline.get_plotlyjs()}</script>\n'
        f"</head>\n<body>\n<main>\n{''.join(html_sections)}\n"
        f"<footer>{footer}</footer>\n</main>\n</body>\n</html>\n"
    )
