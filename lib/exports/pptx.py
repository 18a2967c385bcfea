"""The deck as a 16:9 PowerPoint file with native, editable charts (python-pptx).

Every run carries 맑은 고딕 as both its Latin and its East Asian (``a:ea``) typeface, chart
text included, so PowerPoint does not substitute a Japanese or Chinese font for Hangul;
python-pptx has no API for ``a:ea``, so it is set on the XML. Comments go to the speaker
notes (and the first one onto the slide, where there is room).
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Sequence
from typing import cast

from lxml import etree
from pptx import Presentation
from pptx.chart.data import CategoryChartData
from pptx.chart.datalabel import DataLabel
from pptx.dml.color import RGBColor
from pptx.enum.chart import XL_CHART_TYPE, XL_LABEL_POSITION
from pptx.enum.dml import MSO_LINE_DASH_STYLE
from pptx.enum.shapes import MSO_SHAPE
from pptx.enum.text import MSO_ANCHOR, PP_ALIGN
from pptx.opc.constants import RELATIONSHIP_TYPE as RT
from pptx.oxml.ns import qn
from pptx.presentation import Presentation as PptxPresentation
from pptx.shapes.autoshape import Shape
from pptx.shapes.graphfrm import GraphicFrame
from pptx.slide import Slide as PptxSlide
from pptx.text.text import TextFrame, _Paragraph
from pptx.util import Emu, Inches, Pt

from lib import format as fmt
from lib.exports.deck import Bullet, Chart, Deck, Slide, SlideKind, Table
from lib.status import BAND_COLOUR, BAND_SYMBOL, FLAG_ICON, NO_RATE_COLOUR, BandBounds
from lib.strings_ko import ExportText as T

FONT = "맑은 고딕"
INK = RGBColor(0x1F, 0x2A, 0x44)
MUTED = RGBColor(0x55, 0x5F, 0x6D)
ACCENT = RGBColor(0x00, 0x72, 0xB2)
PANEL = RGBColor(0xF1, 0xF4, 0xF8)
REFERENCE = RGBColor(0x33, 0x33, 0x33)
WHITE = RGBColor(0xFF, 0xFF, 0xFF)

SLIDE_W, SLIDE_H = Inches(13.333), Inches(7.5)
MARGIN = Inches(0.6)
BODY_TOP = Inches(1.45)
BODY_BOTTOM = Inches(6.95)
COMMENT_STRIP_H = Inches(0.85)
SNIPPET_CHARS = 110  # the slide shows one comment up to this length; notes have all
LABEL_COLUMN_IN = 3.3  # width the category names wrap to, inches

_A = "http://schemas.openxmlformats.org/drawingml/2006/main"

_FLAG_HEADINGS = tuple(FLAG_ICON.values())  # a flag slide's section heading starts with one


def _rgb(hex_colour: str) -> RGBColor:
    colour: RGBColor = RGBColor.from_string(hex_colour.lstrip("#").upper())
    return colour


# ---------------------------------------------------------------- text sizing


def _em_width(text: str) -> float:
    """Width of ``text`` in ems: Hangul and other wide characters 1, Latin and digits ~0.55."""
    width = 0.0
    for ch in text:
        if unicodedata.east_asian_width(ch) in ("W", "F"):
            width += 1.0
        elif ch == " ":
            width += 0.3
        else:
            width += 0.58
    return width


def _wrap_ems(text: str, width: float) -> list[str]:
    """Greedy word wrap by estimated width in ems (a word longer than a line stays whole)."""
    lines: list[str] = []
    for word in text.split():
        if lines and _em_width(f"{lines[-1]} {word}") <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    return lines or [text]


def _lines_at(text: str, size_pt: float, width_in: float) -> int:
    """Lines ``text`` takes at ``size_pt`` in a box ``width_in`` wide (each line break
    starts a line)."""
    per_line = width_in * 72 / size_pt
    return sum(max(1, math.ceil(_em_width(line) / per_line)) for line in text.split("\n"))


def _fit(
    paragraphs: Sequence[tuple[str, float]],
    width_in: float,
    height_in: float,
    top: float,
    least: float = 0.6,
) -> float:
    """The largest scale ≤ 1 (down to ``least``) at which paragraphs (text, relative size)
    fit."""
    scale = 1.0
    while scale > least:
        height = sum(
            _lines_at(text, top * rel * scale, width_in) * top * rel * scale * 1.25 / 72 + 0.08
            for text, rel in paragraphs
        )
        if height <= height_in:
            return scale
        scale -= 0.05
    return least


# ---------------------------------------------------------------- fonts (a:latin + a:ea)


def _set_fonts(rpr: etree._Element) -> None:
    """``a:latin`` and ``a:ea`` = 맑은 고딕 in one run's (or default) properties, in schema order."""
    latin = rpr.get_or_add_latin()  # type: ignore[attr-defined]  # a python-pptx CT_ element
    latin.set("typeface", FONT)
    ea = rpr.find(qn("a:ea"))
    if ea is None:
        ea = etree.SubElement(rpr, qn("a:ea"))
        latin.addnext(ea)
    ea.set("typeface", FONT)


def korean_fonts(root: etree._Element) -> None:
    """Give every run under ``root`` properties, and every properties element both fonts."""
    for run in root.iter(qn("a:r")):
        run.get_or_add_rPr()  # type: ignore[attr-defined]  # a python-pptx CT_ element
    for tag in ("a:rPr", "a:defRPr", "a:endParaRPr"):
        for rpr in root.iter(qn(tag)):
            _set_fonts(rpr)


def _theme_fonts(prs: PptxPresentation) -> None:
    """The theme's heading and body fonts: 맑은 고딕 for Latin and East Asian text."""
    theme = prs.slide_master.part.part_related_by(RT.THEME)
    root = etree.fromstring(theme.blob)
    for group in ("majorFont", "minorFont"):
        for script in ("latin", "ea"):
            for el in root.iter(f"{{{_A}}}{group}"):
                node = el.find(f"{{{_A}}}{script}")
                if node is not None:
                    node.set("typeface", FONT)
    theme.blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ---------------------------------------------------------------- text boxes


def _textbox(
    slide: PptxSlide,
    left: int,
    top: int,
    width: int,
    height: int,
    anchor: MSO_ANCHOR = MSO_ANCHOR.TOP,
) -> Shape:
    box = slide.shapes.add_textbox(Emu(left), Emu(top), Emu(width), Emu(height))
    frame = box.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = anchor
    frame.margin_left = frame.margin_right = Inches(0.05)
    frame.margin_top = frame.margin_bottom = Inches(0.03)
    return box


def _write(
    frame: TextFrame,
    text: str,
    size: float,
    colour: RGBColor = INK,
    bold: bool = False,
    first: bool = False,
    align: PP_ALIGN | None = None,
    space_after: float = 4,
) -> _Paragraph:
    paragraph = frame.paragraphs[0] if first else frame.add_paragraph()
    for i, line in enumerate(text.split("\n")):  # a typed line break stays one (a:br)
        if i:
            paragraph.add_line_break()
        run = paragraph.add_run()
        run.text = line
        run.font.size = Pt(size)
        run.font.bold = bold
        run.font.color.rgb = colour
    paragraph.space_after = Pt(space_after)
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _header(slide: PptxSlide, s: Slide, footer: str) -> None:
    if s.subtitle:
        box = _textbox(slide, MARGIN, Inches(0.22), SLIDE_W - 2 * MARGIN, Inches(0.4))
        _write(box.text_frame, s.subtitle, 16, MUTED, first=True)
    box = _textbox(
        slide, MARGIN, Inches(0.55), SLIDE_W - 2 * MARGIN, Inches(0.75), MSO_ANCHOR.MIDDLE
    )
    size = 32 if _em_width(s.title) <= 34 else 26
    _write(box.text_frame, s.title, size, INK, bold=True, first=True)
    bar = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, MARGIN, Inches(1.3), Inches(1.2), Inches(0.06)
    )
    bar.fill.solid()
    bar.fill.fore_color.rgb = ACCENT
    bar.line.fill.background()
    box = _textbox(slide, MARGIN, Inches(7.05), SLIDE_W - 2 * MARGIN, Inches(0.35))
    _write(box.text_frame, footer, 12, MUTED, first=True, align=PP_ALIGN.RIGHT)


def _bullets(
    slide: PptxSlide,
    bullets: Sequence[Bullet],
    left: int,
    top: int,
    width: int,
    height: int,
    size: float = 20,
) -> None:
    if not bullets:
        return
    rel = {0: 1.0, 1: 0.88}
    paragraphs = [
        (("• " if b.level == 0 else "– ") + b.text, rel.get(b.level, 0.8)) for b in bullets
    ]
    scale = _fit(paragraphs, Emu(width).inches - 0.3, Emu(height).inches, size)
    frame = _textbox(slide, left, top, width, height).text_frame
    for i, (b, (text, r)) in enumerate(zip(bullets, paragraphs, strict=True)):
        p = _write(
            frame,
            text,
            round(size * r * scale),
            INK if b.level == 0 else MUTED,
            bold=b.level == 0 and b.text.startswith(_FLAG_HEADINGS),
            first=i == 0,
            space_after=6 * scale,
        )
        p.level = min(b.level, 4)


# ---------------------------------------------------------------- chart


def _category_labels(names: Sequence[str], slot_in: float) -> tuple[list[str], int]:
    """Names wrapped onto lines that fit a bar's height, and the font size (pt) for them.

    Every label is drawn (no skipping): the size shrinks until each name's wrapped lines
    fit the height one bar has, in a label column about ``LABEL_COLUMN_IN`` wide.
    """
    for size in (15, 14, 13, 12, 11):
        per_line = LABEL_COLUMN_IN * 72 / size  # ems
        wrapped = [_wrap_ems(n, per_line) for n in names]
        lines = max((len(w) for w in wrapped), default=1)
        if lines * size * 1.45 / 72 <= slot_in:
            break
    return ["\n".join(w) for w in wrapped], size


def _label_format(bounds: BandBounds) -> str:
    """``121.6% ●``: the value with its unit and band symbol, by an Excel number-format
    condition, so the symbol follows the value when someone edits the chart data."""
    ok, low = f"{float(bounds.achieved):g}", f"{float(bounds.low):g}"
    return (
        f"[>={ok}]{fmt.sheet_rate_with('●')};[>={low}]{fmt.sheet_rate_with('▲')};"
        f"{fmt.sheet_rate_with('▼')}"
    )


def _child(parent: etree._Element, tag: str, before: str, val: str) -> None:
    """Set ``<tag val=…>`` under ``parent``, inserted before ``before`` if missing."""
    node = parent.find(qn(tag))
    if node is None:
        node = etree.Element(qn(tag))
        sibling = parent.find(qn(before))
        if sibling is None:
            raise ValueError(f"<{before}> missing under <{parent.tag}>")
        sibling.addprevious(node)
    node.set("val", val)


def _point_number_format(label: DataLabel, code: str) -> None:
    """One data label's own number format (python-pptx has this only for the series)."""
    dlbl = label._get_or_add_dLbl()
    num_fmt = etree.Element(qn("c:numFmt"), formatCode=code, sourceLinked="0")
    after = ("c:spPr", "c:txPr", "c:dLblPos", "c:showLegendKey")
    anchor = next(n for n in (dlbl.find(qn(t)) for t in after) if n is not None)
    anchor.addprevious(num_fmt)


def _add_chart(
    slide: PptxSlide, chart: Chart, bounds: BandBounds, left: int, top: int, w: int, h: int
) -> GraphicFrame:
    """Horizontal bars with the rate as data label (``121.6 ●``) and the 목표 100% line as
    the value axis's one dashed major gridline: all native, data embedded, editable."""
    n = max(1, len(chart.categories))
    plot_h = Emu(h).inches - 1.0  # title, value axis labels and padding
    names = [
        name if value is not None else f"{name} ({T.NO_RATE})"
        for name, value in zip(chart.categories, chart.values, strict=True)
    ]
    labels_text, label_size = _category_labels(names, plot_h / n)
    data = CategoryChartData(number_format="0.0")
    data.categories = labels_text
    data.add_series(chart.series_label, chart.values, number_format="0.0")
    # python-pptx annotates add_chart as taking its ChartData alias and returning the Chart;
    # it takes any CategoryChartData and returns the GraphicFrame that holds the chart.
    frame = cast(
        GraphicFrame,
        slide.shapes.add_chart(
            XL_CHART_TYPE.BAR_CLUSTERED,
            Emu(left),
            Emu(top),
            Emu(w),
            Emu(h),
            data,  # type: ignore[arg-type]  # stub too narrow: ChartData is an empty alias
        ),
    )
    c = frame.chart
    c.font.size = Pt(15)
    c.font.name = FONT
    c.font.color.rgb = INK
    c.has_title = True
    c.chart_title.text_frame.text = T.CHART_TITLE.format(
        title=chart.title, reference=chart.reference_label
    )
    title_run = c.chart_title.text_frame.paragraphs[0].runs[0]
    title_run.font.size = Pt(17)
    title_run.font.bold = True
    c.has_legend = False

    plot = c.plots[0]
    plot.gap_width = 45 if n >= 4 else 120  # one or two bars stay bars, not blocks
    (rates,) = plot.series
    for i in range(len(chart.rates)):
        band = chart.band_at(i, bounds)
        point = rates.points[i]
        point.format.fill.solid()
        point.format.fill.fore_color.rgb = _rgb(BAND_COLOUR[band] if band else NO_RATE_COLOUR)
        point.format.line.color.rgb = _rgb("#404040")
        point.format.line.width = Pt(0.75)
        # The number-format condition reads the rounded value; where rounding crosses a
        # band bound (99.96 → 100.0), pin this label to the exact rate's band.
        if band is not None and _band_symbol_for(chart.values[i], bounds) != BAND_SYMBOL[band]:
            label = point.data_label
            label.show_value = True
            label.position = XL_LABEL_POSITION.OUTSIDE_END
            label.font.size = Pt(min(16, label_size + 1))
            label.font.bold = True
            _point_number_format(label, fmt.sheet_rate_with(BAND_SYMBOL[band]))
    labels = rates.data_labels
    labels.show_value = True
    labels.number_format = _label_format(bounds)
    labels.number_format_is_linked = False
    labels.position = XL_LABEL_POSITION.OUTSIDE_END
    labels.font.size = Pt(min(16, label_size + 1))
    labels.font.bold = True

    categories = c.category_axis
    categories.reverse_order = True  # first item on top, as on screen
    categories.tick_labels.font.size = Pt(label_size)
    categories.format.line.color.rgb = INK  # solid, over the gridline at 0
    categories.format.line.width = Pt(1.5)
    cat_ax = categories._element  # every label drawn, none skipped for lack of room
    _child(cat_ax, "c:tickLblSkip", "c:noMultiLvlLbl", "1")
    values = c.value_axis
    top_value = max([chart.reference, *(v for v in chart.values if v is not None)])
    values.minimum_scale = 0
    # Room for the labels, unrounded (tick labels are at multiples of 100 only), so a
    # second dashed line at 200 appears only when a rate above ~167% needs the room.
    values.maximum_scale = round(max(chart.reference * 1.2, top_value * 1.2), 1)
    values.major_unit = chart.reference  # the one strong gridline is the target
    values.has_major_gridlines = True
    major = values.major_gridlines.format.line
    major.color.rgb = REFERENCE
    major.width = Pt(2)
    major.dash_style = MSO_LINE_DASH_STYLE.DASH
    values.tick_labels.number_format = '0"%"'
    values.tick_labels.number_format_is_linked = False
    values.tick_labels.font.size = Pt(14)
    values.format.line.fill.background()
    # With categories top-down, the value axis crosses at the last one: the bottom.
    _child(values._element, "c:crosses", "c:crossAx", "max")
    korean_fonts(c.element)
    return frame


def _band_symbol_for(value: float | None, bounds: BandBounds) -> str:
    if value is None:
        return ""
    if value >= bounds.achieved:
        return "●"
    return "▲" if value >= bounds.low else "▼"


# ---------------------------------------------------------------- table


def _add_table(
    slide: PptxSlide, table: Table, left: int, top: int, width: int, size: float = 16
) -> None:
    """A native table; each row as tall as its most wrapped cell (PowerPoint grows rows to
    fit on editing, but the file says the height every viewer starts from)."""
    weights = table.widths or (1,) * len(table.columns)
    total = sum(weights)
    widths = [int(width * weight / total) for weight in weights]
    body = [list(table.columns), *(list(r) for r in table.rows)]
    heights = [
        Inches(
            0.16
            + max(
                _lines_at(text, size, Emu(w).inches - 0.2)
                for text, w in zip(row, widths, strict=True)
            )
            * size
            * 1.3
            / 72
        )
        for row in body
    ]
    shape = slide.shapes.add_table(
        len(body), len(table.columns), Emu(left), Emu(top), Emu(width), Emu(sum(heights))
    )
    grid = shape.table
    for i, w in enumerate(widths):
        grid.columns[i].width = Emu(w)
    for r, cells in enumerate(body):
        grid.rows[r].height = heights[r]
        for c, text in enumerate(cells):
            cell = grid.cell(r, c)
            cell.margin_left = cell.margin_right = Inches(0.08)
            cell.vertical_anchor = MSO_ANCHOR.MIDDLE
            frame = cell.text_frame
            frame.word_wrap = True
            align = PP_ALIGN.RIGHT if table.numeric[c] else PP_ALIGN.LEFT
            colour = WHITE if r == 0 else INK
            if r > 0 and text.startswith("⚠"):
                colour = _rgb("#B03A00")
            _write(
                frame,
                text,
                size,
                colour,
                bold=r == 0 or text.startswith("⚠"),
                first=True,
                align=align,
            )
            cell.fill.solid()
            cell.fill.fore_color.rgb = INK if r == 0 else (PANEL if r % 2 else WHITE)
    if table.unit:
        box = _textbox(slide, left, top - Inches(0.42), width, Inches(0.4))
        _write(box.text_frame, table.unit, 14, MUTED, first=True, align=PP_ALIGN.RIGHT)


# ---------------------------------------------------------------- slides


def _comment_strip(slide: PptxSlide, s: Slide, deck: Deck) -> None:
    first = s.comments[0]
    flat = " ".join(first.text.split())  # one line in the strip, whatever its line breaks
    cut = len(flat) > SNIPPET_CHARS
    text = flat[:SNIPPET_CHARS] + "…" if cut else flat
    top = BODY_BOTTOM - COMMENT_STRIP_H
    panel = slide.shapes.add_shape(
        MSO_SHAPE.RECTANGLE, MARGIN, Emu(top), Emu(SLIDE_W - 2 * MARGIN), COMMENT_STRIP_H
    )
    panel.fill.solid()
    panel.fill.fore_color.rgb = PANEL
    panel.line.fill.background()
    panel.shadow.inherit = False
    frame = panel.text_frame
    frame.word_wrap = True
    frame.vertical_anchor = MSO_ANCHOR.MIDDLE
    frame.margin_left = frame.margin_right = Inches(0.2)
    scale = _fit([(f"“{text}”", 1.0)], Emu(SLIDE_W - 2 * MARGIN).inches - 0.5, 0.55, 16)
    _write(
        frame, f"“{text}”", round(16 * scale), INK, first=True, space_after=2, align=PP_ALIGN.LEFT
    )
    byline = deck.comment_byline(first)
    if len(s.comments) > 1:
        byline += " · " + T.MORE_IN_NOTES.format(n=len(s.comments) - 1)
    elif cut:
        byline += " · " + T.FULL_IN_NOTES
    _write(frame, byline, 12, MUTED, space_after=0, align=PP_ALIGN.LEFT)


def _rate_slide(slide: PptxSlide, s: Slide, deck: Deck) -> None:
    """Overview, system and strategy slides: big number and lines left, chart right, a
    comment below."""
    bottom = BODY_BOTTOM - (COMMENT_STRIP_H + Inches(0.15) if s.comments else 0)
    left_w = Inches(4.4)
    bullet_top = BODY_TOP + Inches(0.1)
    if s.headline:
        box = _textbox(slide, MARGIN, BODY_TOP, left_w, Inches(0.95))
        colour = _rgb(BAND_COLOUR[s.band]) if s.band else MUTED
        _write(box.text_frame, s.headline, 54, colour, bold=True, first=True)
        box = _textbox(slide, MARGIN, BODY_TOP + Inches(0.95), left_w, Inches(0.4))
        _write(box.text_frame, s.headline_label, 15, MUTED, first=True)
        bullet_top = BODY_TOP + Inches(1.45)
    size = 18 if s.headline else 20
    _bullets(slide, s.bullets, MARGIN, bullet_top, left_w, bottom - bullet_top, size=size)
    if s.chart is not None:
        chart_left = MARGIN + left_w + Inches(0.25)
        _add_chart(
            slide,
            s.chart,
            deck.bands,
            chart_left,
            BODY_TOP - Inches(0.05),
            SLIDE_W - MARGIN - chart_left,
            bottom - BODY_TOP + Inches(0.05),
        )
    if s.comments:
        _comment_strip(slide, s, deck)


def _title_slide(slide: PptxSlide, s: Slide) -> None:
    band = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, Emu(0), Emu(0), SLIDE_W, Inches(0.35))
    band.fill.solid()
    band.fill.fore_color.rgb = INK
    band.line.fill.background()
    box = _textbox(slide, MARGIN, Inches(1.9), SLIDE_W - 2 * MARGIN, Inches(1.5), MSO_ANCHOR.BOTTOM)
    _write(box.text_frame, s.title, 40, INK, bold=True, first=True)
    box = _textbox(slide, MARGIN, Inches(3.55), SLIDE_W - 2 * MARGIN, Inches(0.7))
    _write(box.text_frame, s.subtitle, 26, ACCENT, first=True)
    bar = slide.shapes.add_shape(MSO_SHAPE.RECTANGLE, MARGIN, Inches(3.45), Inches(2), Inches(0.07))
    bar.fill.solid()
    bar.fill.fore_color.rgb = ACCENT
    bar.line.fill.background()
    _bullets(slide, s.bullets, MARGIN, Inches(4.6), SLIDE_W - 2 * MARGIN, Inches(2.3), size=18)


def _comments_slide(slide: PptxSlide, s: Slide, deck: Deck) -> None:
    if not s.comments:
        _bullets(slide, s.bullets, MARGIN, BODY_TOP, SLIDE_W - 2 * MARGIN, Inches(2), size=22)
        return
    width = SLIDE_W - 2 * MARGIN
    paragraphs: list[tuple[str, float]] = []
    for c in s.comments:
        paragraphs += [(f"“{c.text}”", 1.0), (deck.comment_byline(c), 0.65)]
    # The deck gives a slide no more comment text than fits at 22 pt; never below 18 pt
    # (24 px on a 1280-px-wide screen), whatever the estimate says.
    scale = _fit(
        paragraphs, Emu(width).inches - 0.3, Emu(BODY_BOTTOM - BODY_TOP).inches, 22, least=18 / 22
    )
    frame = _textbox(
        slide, MARGIN, BODY_TOP + Inches(0.1), width, BODY_BOTTOM - BODY_TOP
    ).text_frame
    for i, c in enumerate(s.comments):
        _write(frame, f"“{c.text}”", round(22 * scale), INK, first=i == 0, space_after=2)
        _write(frame, deck.comment_byline(c), round(14 * scale), MUTED, space_after=14 * scale)


def _notes(s: Slide, deck: Deck) -> str:
    lines = list(s.notes)
    if s.comments:
        if lines:
            lines.append("")
        lines.append(f"[{T.NOTES_COMMENTS}]")
        lines += [f"- {c.text} ({deck.comment_byline(c, with_category=True)})" for c in s.comments]
    return "\n".join(lines)


def render_pptx(deck: Deck) -> bytes:
    """The deck as .pptx bytes: one 16:9 slide per deck slide, in order."""
    prs = Presentation()
    prs.slide_width, prs.slide_height = SLIDE_W, SLIDE_H
    _theme_fonts(prs)
    prs.core_properties.title = deck.title
    prs.core_properties.subject = deck.subtitle
    blank = prs.slide_layouts[6]
    total = len(deck.slides)
    for i, s in enumerate(deck.slides, 1):
        slide = prs.slides.add_slide(blank)
        if s.kind is SlideKind.TITLE:
            _title_slide(slide, s)
        else:
            _header(slide, s, T.FOOTER.format(subtitle=deck.subtitle, i=i, n=total))
            if s.kind in (SlideKind.OVERVIEW, SlideKind.SYSTEM, SlideKind.STRATEGY):
                _rate_slide(slide, s, deck)
            elif s.kind is SlideKind.COMMENTS:
                _comments_slide(slide, s, deck)
            else:
                _body(slide, s)
        notes = _notes(s, deck)
        if notes:
            slide.notes_slide.notes_text_frame.text = notes
            korean_fonts(slide.notes_slide.element)
        korean_fonts(slide.element)
    out = io.BytesIO()
    prs.save(out)
    return out.getvalue()


def _body(slide: PptxSlide, s: Slide) -> None:
    """점검 필요 사업 and 예산변경 사업: lines, then a table if any."""
    width = SLIDE_W - 2 * MARGIN
    if s.table is None:
        _bullets(slide, s.bullets, MARGIN, BODY_TOP, width, BODY_BOTTOM - BODY_TOP, size=22)
        return
    _bullets(slide, s.bullets, MARGIN, BODY_TOP, width, Inches(0.6), size=20)
    _add_table(slide, s.table, MARGIN, BODY_TOP + Inches(1.05), width)
