"""The 결과보고 as a Word document (python-docx): A4 portrait, 맑은 고딕, real tables.

Every run carries 맑은 고딕 as its East Asian font (``w:eastAsia``), headings use Word's
heading styles, table header rows repeat on every page, and the footer numbers the
pages. Text is only ever written as run text, so nothing a user typed becomes a field
or a hyperlink.
"""

from __future__ import annotations

import io
from datetime import UTC, datetime
from typing import Any

from docx import Document
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor

from lib.report.model import Heading, PageBreak, Paragraph, Report, Table, TextKind
from lib.strings_ko import ReportText as T

FONT = "맑은 고딕"
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297  # A4 portrait
MARGIN_MM = 20
TEXT_WIDTH_MM = PAGE_WIDTH_MM - 2 * MARGIN_MM
BLACK = RGBColor(0, 0, 0)
GREY = RGBColor(0x59, 0x59, 0x59)  # notes: 7:1 on white
HEADER_FILL = "E7E6E6"
CELL_MARGIN_MM = 1.2
BODY_PT, TABLE_PT, SMALL_TABLE_PT = 10.5, 10, 8.5
HEADING_PT = {1: 13, 2: 11.5}
_FONT_ATTRS = ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs")
_THEME_ATTRS = ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme")


def _fonts(r_pr: Any) -> None:
    """맑은 고딕 for every script of one ``w:rPr``, and no theme font overriding it."""
    r_fonts = r_pr.get_or_add_rFonts()
    for attr in _THEME_ATTRS:
        r_fonts.attrib.pop(qn(attr), None)
    for attr in _FONT_ATTRS:
        r_fonts.set(qn(attr), FONT)


def _run(paragraph: Any, text: str, size: float | None = None, bold: bool | None = None) -> Any:
    run = paragraph.add_run(text)  # text only: "\n" becomes a line break, never markup
    _fonts(run._r.get_or_add_rPr())
    if size is not None:
        run.font.size = Pt(size)
    if bold is not None:
        run.font.bold = bold
    return run


def _styles(document: Any) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        r_pr = defaults.find(f"{qn('w:rPrDefault')}/{qn('w:rPr')}")
        if r_pr is not None:
            _fonts(r_pr)
    normal = styles["Normal"]
    normal.font.size = Pt(BODY_PT)
    _fonts(normal.element.get_or_add_rPr())
    lang = OxmlElement("w:lang")
    lang.set(qn("w:val"), "ko-KR")
    lang.set(qn("w:eastAsia"), "ko-KR")
    normal.element.get_or_add_rPr().append(lang)
    normal.paragraph_format.space_after = Pt(3)
    normal.paragraph_format.line_spacing = 1.25
    for name, size in (("Title", 16), ("Heading 1", HEADING_PT[1]), ("Heading 2", HEADING_PT[2])):
        style = styles[name]
        _fonts(style.element.get_or_add_rPr())
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = BLACK
        style.font.italic = False
        style.paragraph_format.keep_with_next = True
    styles["Heading 1"].paragraph_format.space_before = Pt(12)
    styles["Heading 1"].paragraph_format.space_after = Pt(4)
    styles["Heading 2"].paragraph_format.space_before = Pt(8)
    styles["Heading 2"].paragraph_format.space_after = Pt(3)
    title = styles["Title"]
    title.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
    title.paragraph_format.space_after = Pt(6)
    border = title.element.find(f"{qn('w:pPr')}/{qn('w:pBdr')}")
    if border is not None:  # the default template underlines the title
        border.getparent().remove(border)


def _page(document: Any, report: Report) -> None:
    section = document.sections[0]
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Mm(MARGIN_MM))
    section.header_distance = section.footer_distance = Mm(10)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    _run(header, report.header, size=9, bold=report.draft).font.color.rgb = GREY
    footer = section.footer.paragraphs[0]
    footer.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _run(footer, T.PAGE_PREFIX, size=9)
    _page_field(footer)
    _run(footer, T.PAGE_SUFFIX, size=9)


def _page_field(paragraph: Any) -> None:
    """A PAGE field (the one field in the document, written by us, not from user text)."""
    for kind, text in (
        ("begin", None),
        (None, " PAGE "),
        ("separate", None),
        (None, "1"),
        ("end", None),
    ):
        run = _run(paragraph, "", size=9)
        if kind is not None:
            char = OxmlElement("w:fldChar")
            char.set(qn("w:fldCharType"), kind)
            run._r.append(char)
        elif text == " PAGE ":
            instr = OxmlElement("w:instrText")
            instr.set(qn("xml:space"), "preserve")
            instr.text = text
            run._r.append(instr)
        else:
            run.text = text or ""


def _paragraph(document: Any, block: Paragraph) -> None:
    if block.kind is TextKind.TITLE:
        paragraph = document.add_paragraph(style="Title")
        _run(paragraph, block.text)
        return
    paragraph = document.add_paragraph()
    fmt = paragraph.paragraph_format
    size: float | None = None
    text = block.text
    if block.kind is TextKind.SUBTITLE:
        fmt.alignment = WD_ALIGN_PARAGRAPH.CENTER
        size = 11
    elif block.kind is TextKind.NOTE:
        size = 9
    elif block.kind is TextKind.BULLET:
        text = f"- {text}"
        fmt.left_indent, fmt.first_line_indent = Mm(6), Mm(-3)
    elif block.kind is TextKind.ITEM:
        fmt.left_indent, fmt.first_line_indent = Mm(8), Mm(-5)
    run = _run(paragraph, text, size=size)
    if block.kind is TextKind.NOTE:
        run.font.color.rgb = GREY


def _repeat_header(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)


def _no_split(row: Any) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    tr_pr.append(OxmlElement("w:cantSplit"))


def _shade(cell: Any) -> None:
    shading = OxmlElement("w:shd")
    shading.set(qn("w:val"), "clear")
    shading.set(qn("w:color"), "auto")
    shading.set(qn("w:fill"), HEADER_FILL)
    cell._tc.get_or_add_tcPr().append(shading)


def _table(document: Any, block: Table) -> None:
    size = SMALL_TABLE_PT if block.small else TABLE_PT
    if block.unit:
        unit = document.add_paragraph()
        unit.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        unit.paragraph_format.space_after = Pt(1)
        unit.paragraph_format.keep_with_next = True
        _run(unit, block.unit, size=9)
    table = document.add_table(rows=1 + len(block.rows), cols=len(block.columns))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    total = sum(block.widths)
    widths = [Mm(TEXT_WIDTH_MM * w / total) for w in block.widths]
    for r, row in enumerate(table.rows):
        values = block.columns if r == 0 else block.rows[r - 1]
        if r == 0:
            _repeat_header(row)
        _no_split(row)
        for c, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.width = widths[c]
            paragraph = cell.paragraphs[0]
            paragraph.paragraph_format.space_after = Pt(0)
            paragraph.paragraph_format.line_spacing = 1.1
            if r == 0:
                _shade(cell)
                paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
            elif block.numeric[c]:
                paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
            _run(paragraph, value, size=size, bold=r == 0)
    grid = table._tbl.tblGrid
    for col, width in zip(grid.findall(qn("w:gridCol")), widths, strict=True):
        col.set(qn("w:w"), str(width.twips))
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    table._tbl.tblPr.append(layout)
    margins = OxmlElement("w:tblCellMar")
    for side, size in (
        ("top", 0.4),
        ("left", CELL_MARGIN_MM),
        ("bottom", 0.4),
        ("right", CELL_MARGIN_MM),
    ):
        margin = OxmlElement(f"w:{side}")
        margin.set(qn("w:w"), str(Mm(size).twips))
        margin.set(qn("w:type"), "dxa")
        margins.append(margin)
    table._tbl.tblPr.append(margins)
    document.add_paragraph().paragraph_format.space_after = Pt(0)


def render_docx(report: Report) -> bytes:
    """The report as .docx bytes."""
    document = Document()
    _styles(document)
    _page(document, report)
    core = document.core_properties
    core.title = report.title
    core.author = core.last_modified_by = ""
    core.comments = ""
    core.created = core.modified = datetime.now(UTC).replace(microsecond=0, tzinfo=None)
    package_rels = document.part.package.rels
    for r_id in [r for r, rel in package_rels.items() if rel.reltype.endswith("/thumbnail")]:
        del package_rels[r_id]  # the template's preview picture is not this document
    for block in report.blocks:
        if isinstance(block, Heading):
            heading = document.add_paragraph(style=f"Heading {block.level}")
            _run(heading, block.text)
        elif isinstance(block, Paragraph):
            _paragraph(document, block)
        elif isinstance(block, Table):
            _table(document, block)
        elif isinstance(block, PageBreak):
            _run(document.add_paragraph(), "").add_break(WD_BREAK.PAGE)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
