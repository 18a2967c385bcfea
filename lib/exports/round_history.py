"""A monitoring round's history as an .xlsx (text cells stay text, never formulas)."""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence

from openpyxl import Workbook

from lib.exports.xlsx import LONG, TEXT, _sheet


def render_history_xlsx(
    sheet: str, columns: Sequence[str], rows: Sequence[Mapping[str, str]]
) -> bytes:
    """One sheet: ``columns`` as the header, one row per history entry (last column long)."""
    wb = Workbook()
    ws = wb.worksheets[0]  # the sheet a new workbook starts with
    ws.title = sheet
    kinds = [TEXT] * (len(columns) - 1) + [LONG]
    _sheet(ws, columns, kinds, [[row.get(c, "") for c in columns] for row in rows])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
