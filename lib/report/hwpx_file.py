"""The 결과보고 as a 한글 document (HWPX, python-hwpx): the same blocks as the Word file.

A4 portrait, 맑은 고딕 in every character shape, the running header (초안 before 확정)
and page numbers in the footer, real tables whose header row repeats on every page.
Text goes in as plain text runs: nothing a user typed becomes a field or a hyperlink.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from hwpx import HwpxDocument

from lib.report.model import Heading, PageBreak, Paragraph, Report, Table, TextKind
from lib.strings_ko import ReportText as T

FONT = "맑은 고딕"
MARGIN_MM = 20
HWPUNIT_PER_MM = 7200 / 25.4
TEXT_WIDTH = round((210 - 2 * MARGIN_MM) * HWPUNIT_PER_MM)
HEADER_FILL = "#E7E6E6"
GREY = "#595959"


class _Shapes:
    """The character shapes (글자 모양) the document uses, all in 맑은 고딕."""

    def __init__(self, doc: HwpxDocument) -> None:
        for face in {font.face for font in doc.styles.fonts("HANGUL").values()} - {FONT}:
            doc.styles.replace_font(face, FONT)
        run = doc.styles.ensure_run
        self.body = run(size=10.5)
        self.title = run(size=16, bold=True)
        self.subtitle = run(size=11)
        self.note = run(size=9, color=GREY)
        self.heading = {1: run(size=13, bold=True), 2: run(size=11.5, bold=True)}
        self.cell = run(size=10)
        self.cell_head = run(size=10, bold=True)
        self.small = run(size=8.5)
        self.small_head = run(size=8.5, bold=True)


def _paragraphs(doc: HwpxDocument, text: str, char_pr: str, **layout: Any) -> list[Any]:
    """One paragraph per line of ``text`` (a line break in user text starts a new one)."""
    made = [
        doc.add_paragraph(line, char_pr_id_ref=char_pr, inherit_style=False)
        for line in text.split("\n")
    ]
    if layout:
        doc.styles.apply_paragraph_format(paragraphs=made, **layout)
    return made


def _paragraph(doc: HwpxDocument, shapes: _Shapes, block: Paragraph) -> None:
    kind = block.kind
    if kind is TextKind.TITLE:
        _paragraphs(doc, block.text, shapes.title, alignment="CENTER", spacing_after_pt=6)
    elif kind is TextKind.SUBTITLE:
        _paragraphs(doc, block.text, shapes.subtitle, alignment="CENTER")
    elif kind is TextKind.NOTE:
        _paragraphs(doc, block.text, shapes.note, spacing_before_pt=2)
    elif kind is TextKind.BULLET:
        _paragraphs(
            doc, f"- {block.text}", shapes.body, indent_left_mm=6, first_line_indent_mm=-3,
            spacing_after_pt=3, line_spacing_percent=150,
        )  # fmt: skip
    elif kind is TextKind.ITEM:
        _paragraphs(
            doc, block.text, shapes.body, indent_left_mm=8, first_line_indent_mm=-5,
            line_spacing_percent=150,
        )  # fmt: skip
    else:
        _paragraphs(doc, block.text, shapes.body, line_spacing_percent=150)


def _table(doc: HwpxDocument, shapes: _Shapes, block: Table) -> None:
    body, head = (
        (shapes.small, shapes.small_head) if block.small else (shapes.cell, shapes.cell_head)
    )
    if block.unit:
        _paragraphs(doc, block.unit, shapes.note, alignment="RIGHT", keep_with_next=True)
    rows = (block.columns, *block.rows)
    table = doc.add_table(len(rows), len(block.columns), width=TEXT_WIDTH, char_pr_id_ref=body)
    table.element.set("repeatHeader", "1")  # the header row repeats on every page
    table.set_column_widths(list(block.widths))
    right: list[Any] = []
    # Cells are reached through the rows once: ``table.cell(r, c)`` rebuilds the grid
    # on every call, which is quadratic in a 50-row table.
    for r, (row, values) in enumerate(zip(table.rows, rows, strict=True)):
        for c, (cell, value) in enumerate(zip(row.cells, values, strict=True)):
            cell.set_text(value)
            if r == 0:
                cell.element.set("header", "1")
            elif block.numeric[c]:
                right += cell.paragraphs
            for run in cell.element.iter("{*}run"):
                run.set("charPrIDRef", head if r == 0 else body)
    for c in range(len(block.columns)):
        table.set_cell_shading(0, c, HEADER_FILL)
    doc.styles.apply_paragraph_format(
        paragraphs=[p for cell in table.rows[0].cells for p in cell.paragraphs], alignment="CENTER"
    )
    if right:
        doc.styles.apply_paragraph_format(paragraphs=right, alignment="RIGHT")
    _paragraphs(doc, "", shapes.body)


def render_hwpx(report: Report) -> bytes:
    """The report as .hwpx bytes."""
    doc = HwpxDocument.new()
    doc.page.setup(
        paper_size="A4",
        orientation="PORTRAIT",
        margins_mm={"left": MARGIN_MM, "right": MARGIN_MM, "top": MARGIN_MM, "bottom": MARGIN_MM},
        header_margin_mm=10,
        footer_margin_mm=10,
    )
    shapes = _Shapes(doc)
    header = doc.page.set_header(text=report.header)
    doc.styles.apply_paragraph_format(paragraphs=header.paragraphs, alignment="RIGHT")
    for run in header.element.iter("{*}run"):
        run.set("charPrIDRef", shapes.note)
    doc.page.set_page_number(format="page", prefix=T.PAGE_PREFIX, suffix=T.PAGE_SUFFIX)
    # The skeleton's author, dates and preview picture are not this document's.
    doc.parts.clear_document_metadata()
    now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    doc.parts.set_document_metadata(title=report.title, created_date=now, modified_date=now)
    doc.parts.clear_preview()
    blocks = list(report.blocks)
    title = blocks[0] if blocks else None
    if isinstance(title, Paragraph) and title.kind is TextKind.TITLE:
        # A new document starts with one empty paragraph holding the section settings:
        # the title goes into it rather than below a blank line.
        blocks.pop(0)
        opening = doc.paragraphs[0]
        opening.text = title.text
        opening.char_pr_id_ref = shapes.title
        doc.styles.apply_paragraph_format(
            paragraphs=[opening], alignment="CENTER", spacing_after_pt=6
        )
    page_break = False
    for block in blocks:
        if isinstance(block, PageBreak):
            page_break = True
            continue
        before = len(doc.paragraphs)
        if isinstance(block, Heading):
            _paragraphs(
                doc, block.text, shapes.heading[block.level], keep_with_next=True,
                spacing_before_pt=12 if block.level == 1 else 8, spacing_after_pt=4,
            )  # fmt: skip
        elif isinstance(block, Paragraph):
            _paragraph(doc, shapes, block)
        elif isinstance(block, Table):
            _table(doc, shapes, block)
        if page_break:
            doc.paragraphs[before].element.set("pageBreak", "1")
            page_break = False
    return doc.to_bytes()
