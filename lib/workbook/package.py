"""The xlsx package: zip access, size limits, sheet parts, formulas without a cached value."""

from __future__ import annotations

import functools
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any
from xml.etree import ElementTree

import python_calamine
from isal import isal_zlib

from lib.errors import Problem, WorkbookError
from lib.strings_ko import Msg, ReadMsg
from lib.workbook.cells import _UncachedFormula
from lib.workbook.columns import _SPACES
from lib.workbook.limits import Limits


@dataclass
class _Sheet:
    """Cells of one sheet: ``grid[r][c]`` is Excel row r+1, column c+1."""

    name: str
    grid: list[list[Any]]
    merged: list[tuple[tuple[int, int], tuple[int, int]]] = field(default_factory=list)

    def cell(self, r: int, c: int) -> Any:
        if r < len(self.grid) and c < len(self.grid[r]):
            return self.grid[r][c]
        return None


def _human_size(n: int) -> str:
    return f"{n / 1024 / 1024:,.0f}MB"


def file_too_large(size: int, limits: Limits) -> Problem:
    """The problem of a file over ``limits.max_file_bytes``."""
    message = Msg.FILE_TOO_LARGE.format(
        size=_human_size(size), limit=_human_size(limits.max_file_bytes)
    )
    return Problem(None, None, None, message)


def _open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    if len(data) > limits.max_file_bytes:
        raise WorkbookError([file_too_large(len(data), limits)])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError):  # zip version 6.4
        raise WorkbookError([Problem(None, None, None, Msg.NOT_XLSX)]) from None
    if "xl/workbook.xml" not in names:
        raise WorkbookError([Problem(None, None, None, Msg.NOT_XLSX)])
    macro = _macro_part(archive, data)
    if macro is not None:
        raise WorkbookError([Problem(None, None, None, ReadMsg.MACRO.format(part=macro))])
    total = sum(info.file_size for info in archive.infolist())
    if total > limits.max_uncompressed_bytes:
        message = Msg.TOO_LARGE.format(
            size=_human_size(total), limit=_human_size(limits.max_uncompressed_bytes)
        )
        raise WorkbookError([Problem(None, None, None, message)])
    return archive


_NS_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_NS_REL = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_NS_PKG_REL = "{http://schemas.openxmlformats.org/package/2006/relationships}"


def _sheet_paths(archive: zipfile.ZipFile, data: bytes) -> dict[str, str]:
    """Sheet name → path of its XML part inside the package (``data``: the package's bytes)."""
    return dict(
        _parse_sheet_paths(
            _read_part(archive, data, "xl/workbook.xml"),
            _read_part(archive, data, "xl/_rels/workbook.xml.rels"),
        )
    )


@functools.lru_cache(maxsize=32)
def _parse_sheet_paths(workbook_xml: bytes, rels_xml: bytes) -> tuple[tuple[str, str], ...]:
    """Workbooks made by one program mostly share these two parts: parse each once."""
    workbook = ElementTree.fromstring(workbook_xml)
    rels = ElementTree.fromstring(rels_xml)
    targets = {r.get("Id"): r.get("Target", "") for r in rels.iter(f"{_NS_PKG_REL}Relationship")}
    paths = {}
    for sheet in workbook.iter(f"{_NS_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_NS_REL}id"), "")
        path = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        paths[sheet.get("name", "")] = path
    return tuple(paths.items())


_CELL_REF = re.compile(r"([A-Z]+)(\d+)")
_MACRO_TYPES = (b"macroEnabled", b"vbaProject", b"ms-office.vba")


def _macro_part(archive: zipfile.ZipFile, data: bytes) -> str | None:
    """The name of a part that makes this a macro-enabled workbook (a renamed .xlsm), if any."""
    for info in archive.infolist():
        lowered = info.filename.lower()
        if lowered.endswith((".bin", ".vba")) and "vba" in lowered:
            return info.filename
    if "[Content_Types].xml" in archive.NameToInfo:
        info = archive.getinfo("[Content_Types].xml")
        if info.file_size <= 1024 * 1024:
            try:
                types = _read_part(archive, data, "[Content_Types].xml")
            except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, EOFError):
                return None  # damaged: what reads it next says so
            if any(marker in types for marker in _MACRO_TYPES):
                return "[Content_Types].xml"
    return None


def _column_number(letters: bytes) -> int:
    """``b"A"`` → 1, ``b"XFD"`` → 16384; anything past 7 letters counts as 10^10."""
    if len(letters) > 7:
        return 10**10
    number = 0
    for ch in letters.upper():
        number = number * 26 + ch - 64
    return number


def column_letters(number: int) -> str:
    """1 → ``A``, 256 → ``IV``."""
    letters = ""
    while number:
        number, rem = divmod(number - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# A sheet part up to this size is inflated whole, once, for the screening and the formula scan
# (the 20,160-sub-project sheet of bench/ is 32 MB); a larger one is screened as a stream.
_WHOLE_PART_BYTES = 64 << 20
_CHUNK = 1 << 20  # sheet XML is screened a megabyte at a time
_OVERLAP = 64  # bytes carried to the next chunk, so no reference is cut in two unseen
_DIMENSION = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?dimension\s[^>]*?\bref=\"([^\"]{0,80})\"")
# A cell or row reference worth a closer look: two or more column letters (past Z), or six
# or more row digits (past 99,999). Valid sheets of the format have few or none. The pattern
# starts with a literal, which the regular expression engine finds fast; whether the ``r``
# is an attribute of its own (preceded by white space, not ``header="…"``) is checked on
# the few candidates.
_SUSPECT = re.compile(rb"r=\"(?=[A-Za-z]{2}|[A-Za-z]*[0-9]{6})([A-Za-z]*)([0-9]*)")
_WHITE = frozenset(b" \t\n\r")
_MERGE = re.compile(rb"mergeCell\s[^>]*?\bref=\"([^\"]{0,80})\"")
_ANY_ROW = re.compile(rb"\sr=\"[A-Za-z]*([0-9]+)")
# The end of a formula element's text (``</f>``, ``</x:f>``). The regular expression engine
# looks for a literal through memchr on its first byte, which is rare in sheet XML: 13 ms
# for the 32 MB sheet of bench/, against 42 ms for ``b"f>" in xml``, whose search keys on
# the ``>`` that ends every tag.
_FORMULA_END = re.compile(rb"f>")


def _chunks(archive: zipfile.ZipFile, path: str) -> Iterator[bytes]:
    """The part's bytes a megabyte at a time, each chunk starting with the last
    ``_OVERLAP`` bytes of the one before (zipfile stops at the declared size and checks
    the CRC at the end)."""
    tail = b""
    with archive.open(path) as stream:
        while chunk := stream.read(_CHUNK):
            yield tail + chunk
            tail = chunk[-_OVERLAP:]


def _split_ref(ref: bytes) -> tuple[int, int, str, int | None]:
    """A cell reference → (column number, row number, letters, row as shown)."""
    match = re.fullmatch(rb"\$?([A-Za-z]*)\$?([0-9]*)", ref)
    if match is None:
        return 0, 0, "", None
    letters, digits = match.group(1), match.group(2)[:12]
    row = int(digits) if digits else 0
    return _column_number(letters), row, letters[:12].decode().upper(), row or None


def _out_of_range(ref: str, sheet: str, limits: Limits) -> Problem:
    message = ReadMsg.USED_RANGE_OUT_OF_RANGE.format(
        ref=ref,
        rows=limits.max_rows,
        columns=limits.max_columns,
        last=column_letters(limits.max_columns),
    )
    return Problem(sheet, None, None, message)


def _stated_range_refused(head: bytes, sheet: str, limits: Limits) -> list[Problem]:
    """Refuse a sheet whose XML states a used range (``<dimension>``) beyond the limits, from
    the part's first bytes (``head``: the range is stated before the cells; an element
    without a literal start is slow to look for, so not through the cells)."""
    cells_at = head.find(b"sheetData", 0, _CHUNK)
    dimension = _DIMENSION.search(head, 0, _CHUNK if cells_at < 0 else cells_at)
    if dimension is not None:
        col, row, _, _ = _split_ref(dimension.group(1).split(b":")[-1])
        if col > limits.max_columns or row > limits.max_rows:
            return [_out_of_range(dimension.group(1).decode(errors="replace"), sheet, limits)]
    return []


def _beyond_limits(book_sheet: Any, sheet: str, limits: Limits) -> Problem | None:
    """What python-calamine read of a sheet that breaks the limits (its used range, or a
    merged range), worded from its own figures; None when it keeps within them."""
    end = book_sheet.end
    rows, columns = (end[0] + 1, end[1] + 1) if end else (0, 0)
    if rows > limits.max_rows:
        message = Msg.TOO_MANY_ROWS.format(rows=rows, limit=limits.max_rows)
        return Problem(sheet, None, None, message)
    if columns > limits.max_columns:
        return _out_of_range(f"A1:{column_letters(columns)}{rows}", sheet, limits)
    if rows * columns > limits.max_cells:
        message = ReadMsg.TOO_MANY_CELLS.format(
            cell=f"{column_letters(columns)}{rows}", cells=rows * columns, limit=limits.max_cells
        )
        return Problem(sheet, None, None, message)
    for (top, left), (bottom, right) in book_sheet.merged_cell_ranges or ():
        if max(top, bottom) >= limits.max_rows or max(left, right) >= limits.max_columns:
            corner = f"{column_letters(max(left, right) + 1)}{max(top, bottom) + 1}"
            return _out_of_range(f"A1:{corner}", sheet, limits)
    return None


def screen_sheet(
    archive: zipfile.ZipFile, path: str, sheet: str, limits: Limits, xml: bytes | None = None
) -> list[Problem]:
    """Refuse a sheet whose XML places a cell (or states a used range or a merged range)
    beyond the row and column limits, or whose used range holds more than ``max_cells``,
    before python-calamine allocates a grid for it: naming the cell. Looks at ``xml`` when
    the caller has the part's bytes already, else streams the part a megabyte at a time,
    bounded by its declared size; one cheap regular expression in the common case."""
    last = column_letters(limits.max_columns)
    widest = 26  # columns A..Z need no look: 26 × max_rows is within max_cells
    first = True
    for chunk in [xml] if xml is not None else _chunks(archive, path):
        if first:
            first = False
            stated = _stated_range_refused(chunk, sheet, limits)
            if stated:
                return stated
        for match in _SUSPECT.finditer(chunk):
            if match.start() == 0 or chunk[match.start() - 1] not in _WHITE:
                continue  # another attribute ending in r (header="…", operator="…")
            col, row, letters, shown_row = _split_ref(match.group(1) + match.group(2))
            if col > limits.max_columns or row > limits.max_rows:
                cell = f"{letters}{match.group(2)[:12].decode()}"
                message = ReadMsg.CELL_OUT_OF_RANGE.format(
                    cell=cell, rows=limits.max_rows, columns=limits.max_columns, last=last
                )
                return [Problem(sheet, shown_row, f"{letters}열" if letters else None, message)]
            widest = max(widest, col)
        for match in _MERGE.finditer(chunk):  # the header code walks every merged column
            for corner in match.group(1).split(b":"):
                col, row, _, _ = _split_ref(corner)
                if col > limits.max_columns or row > limits.max_rows:
                    ref = match.group(1).decode(errors="replace")
                    message = ReadMsg.USED_RANGE_OUT_OF_RANGE.format(
                        ref=ref, rows=limits.max_rows, columns=limits.max_columns, last=last
                    )
                    return [Problem(sheet, None, None, message)]
    if widest * limits.max_rows <= limits.max_cells:
        return []
    # A wide sheet: its rows decide whether the used range fits.
    deepest = max(
        (
            int(m.group(1))
            for chunk in ([xml] if xml is not None else _chunks(archive, path))
            for m in _ANY_ROW.finditer(chunk)
        ),
        default=0,
    )
    if widest * deepest > limits.max_cells:
        message = ReadMsg.TOO_MANY_CELLS.format(
            cell=f"{column_letters(widest)}{deepest}",
            cells=widest * deepest,
            limit=limits.max_cells,
        )
        return [Problem(sheet, None, None, message)]
    return []


def _uncached_formulas(xml: bytes) -> dict[tuple[int, int], str]:
    """(row, col) 0-based → formula text, for formula cells with no cached value."""
    found: dict[tuple[int, int], str] = {}
    for _, element in ElementTree.iterparse(io.BytesIO(xml)):
        if element.tag != f"{_NS_MAIN}c":
            continue
        formula = element.find(f"{_NS_MAIN}f")
        if formula is not None:
            cached = element.find(f"{_NS_MAIN}v")
            inline = element.find(f"{_NS_MAIN}is")
            if (cached is None or not (cached.text or "")) and inline is None:
                match = _CELL_REF.fullmatch(element.get("r", ""))
                if match:
                    col = 0
                    for ch in match.group(1):
                        col = col * 26 + ord(ch) - 64
                    found[(int(match.group(2)) - 1, col - 1)] = formula.text or ""
        element.clear()
    return found


_LOCAL_HEADER = struct.Struct("<4s22xHH")  # signature, …, file name length, extra length


# What a damaged deflate stream raises (a class, though isal's stub declares an instance).
_INFLATE_ERROR: type[Exception] = isal_zlib.error  # type: ignore[assignment]


def _read_part(archive: zipfile.ZipFile, data: bytes, path: str) -> bytes:
    """A part's bytes: deflated parts are inflated straight from ``data`` (the package's
    bytes), bounded by the declared size and checked against the CRC; anything else, or
    anything unexpected, goes through ``zipfile``. Inflate and CRC are ISA-L's (``isal``),
    zlib's own formats: a third of zlib's time for the 32 MB sheet of bench/ (15 ms against
    49 ms, and 2 ms against 16 ms for the CRC)."""
    info = archive.getinfo(path)
    if info.compress_type == zipfile.ZIP_DEFLATED and not info.flag_bits & 0x1:
        try:
            offset = info.header_offset
            signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(data, offset)
            if signature == b"PK\x03\x04":
                start = offset + _LOCAL_HEADER.size + name_length + extra_length
                raw = memoryview(data)[start : start + info.compress_size]
                inflater = isal_zlib.decompressobj(-isal_zlib.MAX_WBITS)
                part = inflater.decompress(raw, info.file_size + 1)
                if len(part) == info.file_size and isal_zlib.crc32(part) == info.CRC:
                    return part
        except (struct.error, _INFLATE_ERROR, ValueError):
            pass
    return archive.read(path)


def _mark_uncached_formulas(
    archive: zipfile.ZipFile,
    data: bytes,
    path: str | None,
    grid: list[list[Any]],
    limits: Limits,
    xml: bytes | None = None,
) -> tuple[int, int] | None:
    """Put an ``_UncachedFormula`` where the sheet XML (``xml``, or the part read now) has
    a formula with no cached value; the (row, column), 0-based, of one it passed over beyond
    the row and column limits (python-calamine leaves such a cell out: only its XML has it)."""
    if not path or path not in archive.NameToInfo:
        return None
    if xml is None:
        xml = _read_part(archive, data, path)
    if _FORMULA_END.search(xml) is None:
        # No formulas at all: a formula element always holds text (``<f>SUM(…)</f>``,
        # ``</x:f>``), but for a shared formula's other cells (``<f t="shared" si="0"/>``),
        # which come with the one that holds it. One scan of the part, not two.
        return None
    beyond = None
    for (r, c), formula in _uncached_formulas(xml).items():
        if r >= limits.max_rows or c >= limits.max_columns:
            beyond = (r, c)  # refused by the screening, before or after
            continue
        while len(grid) <= r:
            grid.append([])
        while len(grid[r]) <= c:
            grid[r].append("")
        grid[r][c] = _UncachedFormula(formula)
    return beyond


def _corrupt(sheet: str, exc: BaseException) -> WorkbookError:
    return WorkbookError(
        [Problem(sheet, None, None, Msg.CORRUPT.format(detail=type(exc).__name__))]
    )


def _far_formula(sheet: str, cell: tuple[int, int], limits: Limits) -> Problem:
    """A formula beyond the limits, named (the screening finds it first: its reference is
    one the screening looks at)."""
    letters, row = column_letters(cell[1] + 1), cell[0] + 1
    message = ReadMsg.CELL_OUT_OF_RANGE.format(
        cell=f"{letters}{row}", rows=limits.max_rows, columns=limits.max_columns,
        last=column_letters(limits.max_columns),
    )  # fmt: skip
    return Problem(sheet, row, f"{letters}열", message)


def _load_sheets(
    data: bytes, wanted: Sequence[str], limits: Limits, screen: bool = True
) -> tuple[dict[str, _Sheet], list[Problem]]:
    """The wanted sheets' cells, and the problems of those that could not be read.

    ``screen``: look through each sheet's XML for cells beyond the limits before
    python-calamine reads it (``screen_sheet``). Without it (bytes read in a child process
    that the operating system bounds, or read before and kept), only the used range the XML
    states is looked at first; what calamine reads is then checked against the limits, and a
    sheet beyond them is screened for the cell to name. The same sheets are refused, worded
    the same, and a sheet within the limits is not scanned (a tenth of reading it)."""
    archive = _open_zip(data, limits)
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several types for damaged parts
        detail = type(exc).__name__
        raise WorkbookError(
            [Problem(None, None, None, Msg.CORRUPT.format(detail=detail))]
        ) from None
    by_name = {_SPACES.sub("", name): name for name in book.sheet_names}
    try:
        xml_paths = _sheet_paths(archive, data)
    except (
        KeyError,
        ElementTree.ParseError,
        zipfile.BadZipFile,
        zlib.error,
        OSError,
        NotImplementedError,
    ):
        xml_paths = {}
    sheets: dict[str, _Sheet] = {}
    problems: list[Problem] = []
    for wanted_name in wanted:
        actual = by_name.get(wanted_name)
        if actual is None:
            continue
        path = xml_paths.get(actual)
        if path is None or path not in archive.NameToInfo:
            # calamine found the sheet where we cannot: refuse rather than read it unscreened
            problems.append(Problem(wanted_name, None, None, ReadMsg.SHEET_PART_MISSING))
            continue
        try:
            # A part of ordinary size is inflated once, for the screening and the formula
            # scan; a larger one is screened as a stream and read again only for formulas.
            small = archive.getinfo(path).file_size <= _WHOLE_PART_BYTES
            xml = _read_part(archive, data, path) if small else None
            if screen:
                refused = screen_sheet(archive, path, wanted_name, limits, xml)
            else:
                head = xml if xml is not None else next(_chunks(archive, path), b"")
                refused = _stated_range_refused(head, wanted_name, limits)
        except (zipfile.BadZipFile, zlib.error, OSError, NotImplementedError, EOFError) as exc:
            raise _corrupt(wanted_name, exc) from None
        if refused:
            problems += refused
            continue
        try:
            sheet = book.get_sheet_by_name(actual)
            beyond = _beyond_limits(sheet, wanted_name, limits)
            if beyond is None:
                grid = sheet.to_python(skip_empty_area=False)
                merged = list(sheet.merged_cell_ranges or [])
        except Exception as exc:
            raise _corrupt(wanted_name, exc) from None
        try:
            if beyond is None:
                far = _mark_uncached_formulas(archive, data, path, grid, limits, xml)
                if far is not None and not screen:
                    beyond = _far_formula(wanted_name, far, limits)
            if beyond is not None:
                found = [] if screen else screen_sheet(archive, path, wanted_name, limits, xml)
                problems += found or [beyond]
                continue
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            NotImplementedError,
            ElementTree.ParseError,
            EOFError,
        ) as exc:
            raise _corrupt(wanted_name, exc) from None
        sheets[wanted_name] = _Sheet(wanted_name, grid, merged)
    return sheets, problems


# ---------------------------------------------------------------------------------------
