"""Read and validate a results workbook (시행결과 워크북) into ``Results``.

The format is ``shared/spec/workbook-format.md``. Every problem is collected with its
sheet, Excel row and column before answering; a workbook with any problem is rejected as
a whole (``WorkbookError``). Cells are read with python-calamine; the sheet XML is looked
at only to find formulas without a cached value, and only in sheets that hold formulas.

Speed (bench/RESULTS.md): the data rows of a sheet are validated by their pydantic row
model in one call; only when that call fails is each row validated alone, in order, so that
every problem is reported with its row and column exactly as a row-by-row pass would.
Blank cells are left out of a row's dict (a field's default is what a blank validates to).
"""

from __future__ import annotations

import difflib
import functools
import gc
import hashlib
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal, InvalidOperation
from typing import Annotated, Any, TypeVar
from xml.etree import ElementTree

import python_calamine
from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, TypeAdapter, ValidationError
from pydantic_core import PydanticCustomError

from lib.errors import Problem, WorkbookError
from lib.schema import (
    SYSTEM_ORDER,
    BudgetUnit,
    Comment,
    CommentCategory,
    CommentTarget,
    Direction,
    Indicator,
    Meta,
    ProjectStatus,
    Rating,
    Results,
    SubProject,
    System,
    TargetKind,
)
from lib.strings_ko import Msg

M = TypeVar("M", bound=BaseModel)

SHEET_META = "개요"
SHEET_RESULTS = "시행결과"
SHEET_COMMENTS = "모니터링의견"


@dataclass(frozen=True)
class Limits:
    """Refuse input beyond these before doing expensive work."""

    max_file_bytes: int = 20 * 1024 * 1024  # the upload itself
    max_uncompressed_bytes: int = 200 * 1024 * 1024  # what its zip would expand to
    max_rows: int = 100_000


DEFAULT_LIMITS = Limits()

# ---------------------------------------------------------------------------------------
# Headers

RESULT_COLUMNS: tuple[str, ...] = (
    "체계",
    "사업번호",
    "추진전략",
    "중점사업",
    "세부사업",
    "담당부서",
    "사업대상",
    "사업지역",
    "사업구분",
    "민관협력",
    "성과지표",
    "단위",
    "지표방향",
    "가중치",
    "목표",
    "실적",
    "당초예산",
    "변경예산",
    "집행액",
    "예산변경사유",
    "추진실적",
    "비고",
)
RESULT_REQUIRED: tuple[str, ...] = (
    "체계",
    "사업번호",
    "추진전략",
    "중점사업",
    "세부사업",
    "성과지표",
    "목표",
    "실적",
)
COMMENT_COLUMNS: tuple[str, ...] = ("구분", "대상", "위원", "평가", "의견")
COMMENT_REQUIRED: tuple[str, ...] = ("구분", "의견")
META_KEYS: tuple[str, ...] = ("시군구", "연도", "계획기수", "예산단위", "비고")

# Other names forms use for the same column (after normalisation).
HEADER_ALIASES: dict[str, str] = {
    "대표과업": "중점사업",
    "세부과업": "세부사업",
    "전략체계": "체계",
    "목표치": "목표",
    "목표값": "목표",
    "실적치": "실적",
    "실적값": "실적",
    "당초": "당초예산",
    "변경": "변경예산",
    "집행": "집행액",
    "집행예산": "집행액",
    "변경사유": "예산변경사유",
}
BUDGET_SHORT = {"당초": "당초예산", "변경": "변경예산", "집행": "집행액", "집행액": "집행액"}
BUDGET_COLUMNS = ("당초예산", "변경예산", "집행액")

# Columns that belong to the sub-project: carried down on continuation rows, must agree.
SUB_PROJECT_COLUMNS: tuple[str, ...] = (
    "추진전략",
    "중점사업",
    "세부사업",
    "담당부서",
    "사업대상",
    "사업지역",
    "사업구분",
    "민관협력",
    "당초예산",
    "변경예산",
    "집행액",
    "예산변경사유",
    "추진실적",
)

_UNIT_IN_PARENS = re.compile(r"\(([^()]*)\)\s*$")
_SPACES = re.compile(r"\s+")


def normalise_header(text: str) -> str:
    """``'목표\\n(명)'`` → ``'목표'``: no spaces or line breaks, no trailing unit."""
    squashed = _SPACES.sub("", text)
    return _UNIT_IN_PARENS.sub("", squashed)


def _canonical(text: str) -> str | None:
    name = normalise_header(text)
    name = HEADER_ALIASES.get(name, name)
    return name if name in RESULT_COLUMNS or name in COMMENT_COLUMNS else None


def _budget_units_in(text: str) -> list[BudgetUnit]:
    """Budget units stated in a note or title: ``(단위: 명, 천원)`` → [천원]."""
    units: list[BudgetUnit] = []
    for inner in re.findall(r"\(([^()]*)\)", text):
        inner = re.sub(r"^\s*단위\s*[:：]?", "", inner)
        for token in re.split(r"[,，/·]", inner):
            token = token.strip()
            if token in BudgetUnit._value2member_map_:
                units.append(BudgetUnit(token))
    note = re.search(r"단위\s*[:：]\s*([^()]*)$", text.strip())
    if note and not units:
        for token in re.split(r"[,，/·]", note.group(1)):
            if token.strip() in BudgetUnit._value2member_map_:
                units.append(BudgetUnit(token.strip()))
    return units


# ---------------------------------------------------------------------------------------
# Cells


class _UncachedFormula:
    """Stands in the grid for a formula cell that has no cached value."""

    def __init__(self, formula: str) -> None:
        self.formula = formula

    def __str__(self) -> str:
        return f"={self.formula}"


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _line_blank(line: Sequence[Any]) -> bool:
    """Every cell of a row is blank (``_blank``), looked at until the first that is not."""
    for value in line:
        if value is None or value == "":
            continue
        if isinstance(value, str) and not value.strip():
            continue
        return False
    return True


def _filled(line: Sequence[Any], columns: Sequence[tuple[str, int]]) -> dict[str, Any]:
    """A row's cells by column name, leaving out empty ones (None or ''): a missing field
    takes its default, which is what validating an empty cell gives."""
    width = len(line)
    return {
        name: value
        for name, c in columns
        if c < width and (value := line[c]) is not None and value != ""
    }


def _shown(value: Any) -> str:
    """A cell value as the user typed it, for messages."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip() if isinstance(value, str) else str(value)


def _err(kind: str, message: str) -> PydanticCustomError:
    return PydanticCustomError(kind, message)


def _check_formula(value: Any) -> Any:
    if isinstance(value, _UncachedFormula):
        raise _err("formula_uncached", Msg.FORMULA_UNCACHED)
    return value


def parse_number(value: Any) -> Decimal | None:
    """A number as written: ``1,234``, `` 85 ``, ``85%`` (→ 85); blank → None."""
    kind = type(value)
    if kind is float:  # the common case: a number cell
        # repr gives the shortest text that round-trips: what the cell XML holds.
        return Decimal(repr(value))
    if value is None or value == "":
        return None
    value = _check_formula(value)
    if _blank(value):
        return None
    if isinstance(value, (bool, datetime, date, time, timedelta)):
        raise _err("not_a_number", Msg.NOT_NUMBER)
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        # repr gives the shortest text that round-trips: what the cell XML holds.
        return Decimal(repr(value))
    text = str(value).strip().replace(",", "").replace(" ", "")
    text = text.removesuffix("%")
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise _err("not_a_number", Msg.NOT_NUMBER) from None
    if not number.is_finite():
        raise _err("not_a_number", Msg.NOT_NUMBER)
    return number


def parse_text(value: Any) -> str | None:
    """Trimmed text; numbers typed into a text column read as written (``1`` not ``1.0``)."""
    if type(value) is str:  # the common case: a text cell
        return value.strip() or None
    if value is None:
        return None
    value = _check_formula(value)
    if _blank(value):
        return None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    return _shown(value)


_NOT_FOUND = object()


def _choice(mapping: dict[str, Any], allowed: str) -> Callable[[Any], Any]:
    # A cell holding exactly one of the names (the common case) needs no normalising.
    exact = {k: v for k, v in mapping.items() if k == _SPACES.sub("", k).upper()}

    def parse(value: Any) -> Any:
        if type(value) is str:
            found = exact.get(value, _NOT_FOUND)
            if found is not _NOT_FOUND:
                return found
        text = parse_text(value)
        if text is None:
            return None
        key = _SPACES.sub("", text).upper()
        if key not in mapping:
            raise _err("not_allowed", Msg.NOT_ALLOWED.format(allowed=allowed))
        return mapping[key]

    return parse


SYSTEM_NAMES: dict[str, System] = {
    "사회보장사업": System.SOCIAL_SECURITY,
    "지자체사회보장사업": System.SOCIAL_SECURITY,
    "지자체사회보장사업전략체계": System.SOCIAL_SECURITY,
    "Ⅰ": System.SOCIAL_SECURITY,
    "I": System.SOCIAL_SECURITY,
    "발전전략": System.DEVELOPMENT,
    "지역사회보장발전전략": System.DEVELOPMENT,
    "지역사회보장발전전략체계": System.DEVELOPMENT,
    "Ⅱ": System.DEVELOPMENT,
    "II": System.DEVELOPMENT,
}
parse_system = _choice(SYSTEM_NAMES, "사회보장사업, 발전전략")
parse_status = _choice({s.value: s for s in ProjectStatus}, "계속, 신설, 변경, 폐지")
parse_direction = _choice({d.value: d for d in Direction}, "상향, 하향")
parse_yes_no = _choice(
    {
        "Y": True,
        "YES": True,
        "예": True,
        "O": True,
        "N": False,
        "NO": False,
        "아니오": False,
        "X": False,
    },
    "Y, N",
)
parse_category = _choice({c.value: c for c in CommentCategory}, "시행결과, 민관협력")
parse_rating = _choice({r.value: r for r in Rating}, "적절, 보통, 부적절")
parse_budget_unit = _choice({u.value: u for u in BudgetUnit}, "천원, 백만원, 원")


def parse_year(value: Any) -> int | None:
    value = _check_formula(value)
    if _blank(value):
        return None
    text = _shown(value).removesuffix("년")
    if not re.fullmatch(r"\d{4}", text) or not 2000 <= int(text) <= 2100:
        raise _err("not_a_year", Msg.NOT_YEAR)
    return int(text)


def parse_dongs(value: Any) -> tuple[str, ...]:
    if value == "전체":
        return ()
    text = parse_text(value)
    if text is None or _SPACES.sub("", text) == "전체":
        return ()
    return tuple(part.strip() for part in re.split(r"[,，、]", text) if part.strip())


Num = Annotated[Decimal | None, BeforeValidator(parse_number)]
Text = Annotated[str | None, BeforeValidator(parse_text)]


def _field(alias: str) -> Any:
    return Field(default=None, validation_alias=alias)


class ResultRow(BaseModel):
    """One data row of sheet 시행결과 as typed cells (cross-row rules come later)."""

    model_config = ConfigDict(extra="ignore", arbitrary_types_allowed=True)

    system: Annotated[System | None, BeforeValidator(parse_system)] = _field("체계")
    code: Text = _field("사업번호")
    strategy: Text = _field("추진전략")
    key_project: Text = _field("중점사업")
    name: Text = _field("세부사업")
    department: Text = _field("담당부서")
    target_group: Text = _field("사업대상")
    dongs: Annotated[tuple[str, ...], BeforeValidator(parse_dongs)] = Field(
        default=(), validation_alias="사업지역"
    )
    status: Annotated[ProjectStatus | None, BeforeValidator(parse_status)] = _field("사업구분")
    cooperation: Annotated[bool | None, BeforeValidator(parse_yes_no)] = _field("민관협력")
    indicator: Text = _field("성과지표")
    unit: Text = _field("단위")
    direction: Annotated[Direction | None, BeforeValidator(parse_direction)] = _field("지표방향")
    weight: Num = _field("가중치")
    target: Num = _field("목표")
    actual: Num = _field("실적")
    budget_planned: Num = _field("당초예산")
    budget_changed: Num = _field("변경예산")
    budget_executed: Num = _field("집행액")
    budget_change_reason: Text = _field("예산변경사유")
    performance: Text = _field("추진실적")
    note: Text = _field("비고")


class CommentRow(BaseModel):
    """One data row of sheet 모니터링의견."""

    model_config = ConfigDict(extra="ignore")

    category: Annotated[CommentCategory | None, BeforeValidator(parse_category)] = _field("구분")
    targets: Text = _field("대상")
    reviewer: Text = _field("위원")
    rating: Annotated[Rating | None, BeforeValidator(parse_rating)] = _field("평가")
    text: Text = _field("의견")


class MetaIn(BaseModel):
    """Sheet 개요's key/value rows."""

    model_config = ConfigDict(extra="ignore")

    district: Text = _field("시군구")
    year: Annotated[int | None, BeforeValidator(parse_year)] = _field("연도")
    plan_term: Text = _field("계획기수")
    budget_unit: Annotated[BudgetUnit | None, BeforeValidator(parse_budget_unit)] = _field(
        "예산단위"
    )
    note: Text = _field("비고")


RESULT_ROWS: TypeAdapter[list[ResultRow]] = TypeAdapter(list[ResultRow])
COMMENT_ROWS: TypeAdapter[list[CommentRow]] = TypeAdapter(list[CommentRow])

# Pydantic's own error types, in Korean. Our validators raise Korean messages already.
ERROR_MESSAGES: dict[str, str] = {
    "missing": Msg.REQUIRED,
    "string_type": Msg.NOT_TEXT,
    "decimal_parsing": Msg.NOT_NUMBER,
    "decimal_type": Msg.NOT_NUMBER,
    "int_parsing": Msg.NOT_NUMBER,
    "enum": Msg.NOT_ALLOWED.format(allowed="…"),
}


def _validate_row(
    model: type[M],
    cells: dict[str, Any],
    sheet: str,
    row: int,
    problems: list[Problem],
    column_label: Callable[[str], str] = lambda name: name,
    row_of: Callable[[str], int | None] | None = None,
) -> M | None:
    """Validate one row's cells; on failure add one Problem per bad cell and return None."""
    try:
        return model.model_validate(cells)
    except ValidationError as exc:
        for error in exc.errors():
            column = str(error["loc"][0]) if error["loc"] else None
            raw = cells.get(column) if column else None
            message = ERROR_MESSAGES.get(error["type"], error["msg"])
            problems.append(
                Problem(
                    sheet,
                    row_of(column) if (row_of and column) else row,
                    column_label(column) if column else None,
                    message,
                    None if _blank(raw) else _shown(raw),
                )
            )
        return None


def _validate_rows(adapter: TypeAdapter[list[M]], rows: list[dict[str, Any]]) -> list[M] | None:
    """Validate many rows in one call; None when any row is invalid (the caller then
    validates row by row with ``_validate_row`` to report each problem in order)."""
    try:
        return adapter.validate_python(rows)
    except ValidationError:
        return None


# ---------------------------------------------------------------------------------------
# The file


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


def _open_zip(data: bytes, limits: Limits) -> zipfile.ZipFile:
    if len(data) > limits.max_file_bytes:
        message = Msg.FILE_TOO_LARGE.format(
            size=_human_size(len(data)), limit=_human_size(limits.max_file_bytes)
        )
        raise WorkbookError([Problem(None, None, None, message)])
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        raise WorkbookError([Problem(None, None, None, Msg.NOT_XLSX)]) from None
    if "xl/workbook.xml" not in names:
        raise WorkbookError([Problem(None, None, None, Msg.NOT_XLSX)])
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


def _sheet_paths(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → path of its XML part inside the package."""
    return dict(
        _parse_sheet_paths(
            archive.read("xl/workbook.xml"), archive.read("xl/_rels/workbook.xml.rels")
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


def _read_part(archive: zipfile.ZipFile, data: bytes, path: str) -> bytes:
    """A part's bytes: deflated parts are inflated straight from ``data`` (the package's
    bytes), bounded by the declared size and checked against the CRC; anything else, or
    anything unexpected, goes through ``zipfile``."""
    info = archive.getinfo(path)
    if info.compress_type == zipfile.ZIP_DEFLATED and not info.flag_bits & 0x1:
        try:
            offset = info.header_offset
            signature, name_length, extra_length = _LOCAL_HEADER.unpack_from(data, offset)
            if signature == b"PK\x03\x04":
                start = offset + _LOCAL_HEADER.size + name_length + extra_length
                raw = memoryview(data)[start : start + info.compress_size]
                part = zlib.decompressobj(-zlib.MAX_WBITS).decompress(raw, info.file_size + 1)
                if len(part) == info.file_size and zlib.crc32(part) == info.CRC:
                    return part
        except (struct.error, zlib.error, ValueError):
            pass
    return archive.read(path)


def _mark_uncached_formulas(
    archive: zipfile.ZipFile, data: bytes, path: str | None, grid: list[list[Any]]
) -> None:
    """Put an ``_UncachedFormula`` where the sheet XML has a formula with no cached value."""
    if not path or path not in archive.NameToInfo:
        return
    xml = _read_part(archive, data, path)
    if b"<f" not in xml and b":f>" not in xml:
        return  # no formulas at all: nothing to look for
    for (r, c), formula in _uncached_formulas(xml).items():
        while len(grid) <= r:
            grid.append([])
        while len(grid[r]) <= c:
            grid[r].append("")
        grid[r][c] = _UncachedFormula(formula)


def _load_sheets(
    data: bytes, wanted: Sequence[str], limits: Limits
) -> tuple[dict[str, _Sheet], list[Problem]]:
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
        xml_paths = _sheet_paths(archive)
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
        try:
            sheet = book.get_sheet_by_name(actual)
            height = sheet.end[0] + 1 if sheet.end else 0
            if height > limits.max_rows:
                message = Msg.TOO_MANY_ROWS.format(rows=height, limit=limits.max_rows)
                problems.append(Problem(wanted_name, None, None, message))
                continue
            grid = sheet.to_python(skip_empty_area=False)
            merged = list(sheet.merged_cell_ranges or [])
        except Exception as exc:
            detail = type(exc).__name__
            raise WorkbookError(
                [Problem(wanted_name, None, None, Msg.CORRUPT.format(detail=detail))]
            ) from None
        try:
            _mark_uncached_formulas(archive, data, xml_paths.get(actual), grid)
        except (
            zipfile.BadZipFile,
            zlib.error,
            OSError,
            NotImplementedError,
            ElementTree.ParseError,
        ) as exc:
            detail = type(exc).__name__
            raise WorkbookError(
                [Problem(wanted_name, None, None, Msg.CORRUPT.format(detail=detail))]
            ) from None
        sheets[wanted_name] = _Sheet(wanted_name, grid, merged)
    return sheets, problems


# ---------------------------------------------------------------------------------------
# Sheet 개요


def _read_meta(sheet: _Sheet, problems: list[Problem]) -> tuple[MetaIn | None, dict[str, int]]:
    cells: dict[str, Any] = {}
    rows: dict[str, int] = {}
    for r, line in enumerate(sheet.grid):
        key = _SPACES.sub("", _header_text(line[0])) if line else ""
        if key in META_KEYS and key not in cells:
            cells[key] = line[1] if len(line) > 1 else None
            rows[key] = r + 1
    meta = _validate_row(MetaIn, cells, SHEET_META, 0, problems, row_of=rows.get)
    if meta is not None:
        for key, value in (("시군구", meta.district), ("연도", meta.year)):
            if value is None:
                problems.append(Problem(SHEET_META, rows.get(key), key, Msg.REQUIRED))
        if meta.district is None or meta.year is None:
            return None, rows
    return meta, rows


# ---------------------------------------------------------------------------------------
# Sheet 시행결과: header


@dataclass
class _Header:
    first_row: int  # 0-based index of the header's first row
    last_row: int  # 0-based index of its last row (= first_row for one-row headers)
    columns: dict[str, int]  # canonical name → 0-based column index
    units: list[tuple[BudgetUnit, str]]  # budget units stated in titles, with where


def _header_text(value: Any) -> str:
    """Text of a header or key cell ('' for blanks and uncached formulas)."""
    if _blank(value) or isinstance(value, _UncachedFormula):
        return ""
    return _shown(value)


def _find_header_row(sheet: _Sheet, required: Sequence[str]) -> int | None:
    for r in range(min(10, len(sheet.grid))):
        names = {_canonical(str(v)) for v in sheet.grid[r] if isinstance(v, str)}
        if len(names & set(required)) >= 4:
            return r
    return None


def _wide_merges_in_row(sheet: _Sheet, r: int) -> list[tuple[int, int]]:
    return [(c0, c1) for (r0, c0), (_, c1) in sheet.merged if r0 == r and c1 > c0]


def _read_header(sheet: _Sheet, problems: list[Problem]) -> _Header | None:
    found = _find_header_row(sheet, RESULT_REQUIRED)
    if found is None:
        columns = ", ".join(RESULT_REQUIRED)
        problems.append(
            Problem(sheet.name, None, None, Msg.HEADER_NOT_FOUND.format(columns=columns))
        )
        return None
    if _wide_merges_in_row(sheet, found):
        upper, lower = found, found + 1
    elif found > 0 and _wide_merges_in_row(sheet, found - 1):
        upper, lower = found - 1, found
    else:
        upper = lower = found
    groups = {
        c: (c0, c1) for c0, c1 in _wide_merges_in_row(sheet, upper) for c in range(c0, c1 + 1)
    }
    width = max(len(sheet.grid[upper]), len(sheet.grid[lower]) if lower < len(sheet.grid) else 0)
    columns: dict[str, int] = {}
    units: list[tuple[BudgetUnit, str]] = []
    for c in range(width):
        top = _header_text(sheet.cell(upper, c))
        bottom = _header_text(sheet.cell(lower, c)) if lower != upper else ""
        name: str | None
        if upper != lower and c in groups:
            group_title = _header_text(sheet.cell(upper, groups[c][0]))
            short = normalise_header(bottom)
            if "예산" in group_title and short in BUDGET_SHORT:
                name = BUDGET_SHORT[short]
            else:
                name = _canonical(bottom) if bottom else _canonical(group_title)
            if "예산" in group_title and name in BUDGET_COLUMNS:
                units += [(u, group_title) for u in _budget_units_in(group_title)]
            raw = bottom or group_title
        else:
            raw = bottom or top if upper != lower else top
            name = _canonical(raw) if raw else None
        if name is None:
            continue
        if name in BUDGET_COLUMNS:
            units += [(u, raw) for u in _budget_units_in(raw)]
        if name in columns:
            problems.append(
                Problem(
                    sheet.name,
                    lower + 1,
                    name,
                    Msg.COLUMN_DUPLICATE.format(
                        first=_col_letter(columns[name]), second=_col_letter(c)
                    ),
                )
            )
            continue
        columns[name] = c
    for name in RESULT_REQUIRED:
        if name not in columns:
            problems.append(Problem(sheet.name, lower + 1, name, Msg.COLUMN_MISSING))
    # Notes above the header may state the budget unit: "(단위: 백만원)".
    for r in range(upper):
        for v in sheet.grid[r]:
            if isinstance(v, str) and "단위" in v:
                units += [(u, v.strip()) for u in _budget_units_in(v)]
    return _Header(upper, lower, columns, units)


def _col_letter(c: int) -> str:
    letters = ""
    c += 1
    while c:
        c, rem = divmod(c - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


# ---------------------------------------------------------------------------------------
# Sheet 시행결과: rows → sub-projects


@dataclass
class _Draft:
    """A sub-project being assembled from its rows."""

    system: System
    code: str
    first_row: int
    values: dict[str, Any] = field(default_factory=dict)  # column → first non-blank value
    value_rows: dict[str, int] = field(default_factory=dict)
    indicators: list[tuple[int, ResultRow]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    rows: list[int] = field(default_factory=list)


_BROKEN = _Draft(System.SOCIAL_SECURITY, "", 0)  # a sub-project whose first row was invalid

_ROW_ATTR = {
    "추진전략": "strategy",
    "중점사업": "key_project",
    "세부사업": "name",
    "담당부서": "department",
    "사업대상": "target_group",
    "사업지역": "dongs",
    "사업구분": "status",
    "민관협력": "cooperation",
    "당초예산": "budget_planned",
    "변경예산": "budget_changed",
    "집행액": "budget_executed",
    "예산변경사유": "budget_change_reason",
    "추진실적": "performance",
}


_ROW_ATTR_ITEMS: tuple[tuple[str, str], ...] = tuple(_ROW_ATTR.items())
_CARRIED_ATTRS = ("system", "strategy", "key_project")


def _read_results(
    sheet: _Sheet, header: _Header, unit: BudgetUnit, problems: list[Problem]
) -> list[SubProject]:
    drafts: dict[tuple[System, str], _Draft] = {}
    carried: dict[str, Any] = {}  # 체계/추진전략/중점사업 from the row above
    current: _Draft | None = None  # the sub-project a row with blank 사업번호 continues
    columns = tuple(header.columns.items())
    grid = sheet.grid
    pending = [
        (r + 1, _filled(grid[r], columns))
        for r in range(header.last_row + 1, len(grid))
        if not _line_blank(grid[r])
    ]
    validated = _validate_rows(RESULT_ROWS, [cells for _, cells in pending])
    for i, (excel_row, cells) in enumerate(pending):
        row = (
            validated[i]
            if validated is not None
            else _validate_row(ResultRow, cells, sheet.name, excel_row, problems)
        )
        if row is None:
            # Cell problems are reported; keep the context so later rows are judged right,
            # and let this row's continuation rows go (they would only repeat the problem).
            for name, attr in (("추진전략", "strategy"), ("중점사업", "key_project")):
                if not _blank(cells.get(name)):
                    carried[attr] = _header_text(cells[name])
            current = _BROKEN if not _blank(cells.get("사업번호")) else current
            continue
        fields = row.__dict__
        for attr in _CARRIED_ATTRS:
            if fields[attr] is not None:
                carried[attr] = fields[attr]
        if row.code is None:
            if current is _BROKEN:
                continue
            if current is None:
                problems.append(
                    Problem(sheet.name, excel_row, "사업번호", Msg.CONTINUATION_WITHOUT_PROJECT)
                )
                current = _BROKEN
                continue
            draft = current
            if row.system is not None and row.system != draft.system:
                message = Msg.CONFLICT.format(
                    code=draft.code,
                    first_row=draft.first_row,
                    first=draft.system.value,
                    value=row.system.value,
                )
                problems.append(Problem(sheet.name, excel_row, "체계", message))
        else:
            for name, attr in (
                ("체계", "system"),
                ("추진전략", "strategy"),
                ("중점사업", "key_project"),
            ):
                if attr not in carried:
                    problems.append(Problem(sheet.name, excel_row, name, Msg.CARRY_WITHOUT_ABOVE))
            if "system" not in carried:
                current = _BROKEN
                continue
            system = row.system or carried["system"]
            key = (system, row.code)
            draft = drafts.get(key)
            if draft is None:
                draft = _Draft(system, row.code, excel_row)
                drafts[key] = draft
                for attr in ("strategy", "key_project"):
                    if getattr(row, attr) is None and attr in carried:
                        draft.values[attr] = carried[attr]
                        draft.value_rows[attr] = excel_row
            current = draft
        _merge_into(draft, row, excel_row, sheet.name, problems)
        if row.indicator is None:
            problems.append(Problem(sheet.name, excel_row, "성과지표", Msg.REQUIRED))
        draft.indicators.append((excel_row, row))
        draft.rows.append(excel_row)
        if row.note:
            draft.notes.append(row.note)
    return [
        sp
        for draft in sorted(drafts.values(), key=lambda d: d.first_row)
        if (sp := _finish(draft, unit, sheet.name, problems)) is not None
    ]


def _merge_into(
    draft: _Draft, row: ResultRow, excel_row: int, sheet: str, problems: list[Problem]
) -> None:
    """Fill the sub-project's columns from this row; where both are filled they must agree."""
    fields = row.__dict__
    values = draft.values
    for column, attr in _ROW_ATTR_ITEMS:
        value = fields[attr]
        if value is None or value == ():
            continue
        if attr not in values:
            values[attr] = value
            draft.value_rows[attr] = excel_row
        elif values[attr] != value:
            problems.append(
                Problem(
                    sheet,
                    excel_row,
                    column,
                    Msg.CONFLICT.format(
                        code=draft.code,
                        first_row=draft.value_rows[attr],
                        first=_display(draft.values[attr]),
                        value=_display(value),
                    ),
                )
            )


def _display(value: Any) -> str:
    if isinstance(value, tuple):
        return ", ".join(value)
    if isinstance(value, bool):
        return "Y" if value else "N"
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _finish(
    draft: _Draft, unit: BudgetUnit, sheet: str, problems: list[Problem]
) -> SubProject | None:
    before = len(problems)
    v = draft.values
    if "strategy" not in v or "key_project" not in v or "name" not in v:
        for column in ("추진전략", "중점사업", "세부사업"):
            if _ROW_ATTR[column] not in v:
                problems.append(Problem(sheet, draft.first_row, column, Msg.REQUIRED))
    status = v.get("status") or ProjectStatus.CONTINUING
    abolished = status is ProjectStatus.ABOLISHED
    rows = draft.indicators
    weighted = sum(1 for _, row in rows if row.weight is not None)
    if weighted and weighted != len(rows):
        for excel_row, row in rows:
            if row.weight is None:
                problems.append(
                    Problem(sheet, excel_row, "가중치", Msg.WEIGHT_PARTIAL.format(code=draft.code))
                )
    for excel_row, row in rows:
        weight, target, actual = row.weight, row.target, row.actual
        if weight is not None and weight <= 0:
            problems.append(
                Problem(sheet, excel_row, "가중치", Msg.WEIGHT_NOT_POSITIVE, _display(weight))
            )
        if target is None:
            if not abolished:
                problems.append(Problem(sheet, excel_row, "목표", Msg.REQUIRED))
        elif target <= 0 and not abolished:
            problems.append(
                Problem(sheet, excel_row, "목표", Msg.TARGET_NOT_POSITIVE, _display(target))
            )
        if actual is None:
            if not abolished:
                problems.append(Problem(sheet, excel_row, "실적", Msg.REQUIRED))
        elif actual < 0:
            problems.append(Problem(sheet, excel_row, "실적", Msg.NEGATIVE, _display(actual)))
    budgets: dict[str, Decimal | None] = {}
    factor = unit.to_thousand_won
    for column in BUDGET_COLUMNS:
        attr = _ROW_ATTR[column]
        amount = v.get(attr)
        if amount is not None and amount < 0:
            problems.append(
                Problem(sheet, draft.value_rows[attr], column, Msg.NEGATIVE, _display(amount))
            )
        budgets[attr] = None if amount is None else amount * factor
    if len(problems) > before:
        return None
    indicators = [
        Indicator(
            name=row.indicator,
            unit=row.unit,
            direction=row.direction or Direction.UP,
            weight=row.weight,
            target=row.target,
            actual=row.actual,
            row=excel_row,
        )
        for excel_row, row in draft.indicators
        if row.indicator is not None
    ]
    return SubProject(
        system=draft.system,
        code=draft.code,
        strategy=v["strategy"],
        key_project=v["key_project"],
        name=v["name"],
        department=v.get("department"),
        target_group=v.get("target_group"),
        dongs=v.get("dongs", ()),
        status=status,
        cooperation=bool(v.get("cooperation", False)),
        indicators=tuple(indicators),
        budget_change_reason=v.get("budget_change_reason"),
        performance=v.get("performance"),
        note="\n".join(dict.fromkeys(draft.notes)) or None,
        rows=tuple(draft.rows),
        **budgets,
    )


# ---------------------------------------------------------------------------------------
# Sheet 모니터링의견


def _resolver(sub_projects: Sequence[SubProject]) -> Callable[[str], list[CommentTarget] | str]:
    """Build a function that resolves one 대상 name, or returns an error message.

    The name indexes are built on the first name other than 전체 or a 체계 (most comments
    name those, and most workbooks then need no index at all)."""
    by_code: dict[str, list[SubProject]] = {}
    by_id: dict[str, SubProject] = {}
    by_strategy: dict[str, list[SubProject]] = {}
    by_key_project: dict[str, list[SubProject]] = {}
    by_name: dict[str, list[SubProject]] = {}

    def index() -> None:
        for sp in sub_projects:
            by_code.setdefault(_squash(sp.code), []).append(sp)
            by_id[_squash(sp.id)] = sp
            by_strategy.setdefault(_squash(sp.strategy), []).append(sp)
            by_key_project.setdefault(_squash(sp.key_project), []).append(sp)
            by_name.setdefault(_squash(sp.name), []).append(sp)

    def candidates() -> list[str]:
        names = ["전체", *(s.value for s in SYSTEM_ORDER)]
        for sp in sub_projects:
            names += [sp.strategy, sp.key_project, sp.name, sp.code]
        return list(dict.fromkeys(names))

    def resolve(text: str) -> list[CommentTarget] | str:
        key = _squash(text)
        if key == "전체":
            return [CommentTarget(kind=TargetKind.ALL)]
        if key in SYSTEM_NAMES:
            return [CommentTarget(kind=TargetKind.SYSTEM, system=SYSTEM_NAMES[key])]
        if not by_id and sub_projects:
            index()
        if key in by_id:
            return [_sub_target(by_id[key])]
        if key in by_code:
            matches = by_code[key]
            if len({sp.system for sp in matches}) > 1:
                return Msg.TARGET_AMBIGUOUS.format(example=matches[0].id)
            return [_sub_target(matches[0])]
        if key in by_strategy:
            pairs = dict.fromkeys((sp.system, sp.strategy) for sp in by_strategy[key])
            return [
                CommentTarget(kind=TargetKind.STRATEGY, system=sy, strategy=st) for sy, st in pairs
            ]
        if key in by_key_project:
            triples = dict.fromkeys(
                (sp.system, sp.strategy, sp.key_project) for sp in by_key_project[key]
            )
            return [
                CommentTarget(kind=TargetKind.KEY_PROJECT, system=sy, strategy=st, key_project=kp)
                for sy, st, kp in triples
            ]
        if key in by_name:
            return [_sub_target(sp) for sp in by_name[key]]
        close = difflib.get_close_matches(text, candidates(), n=3, cutoff=0.4)
        message = Msg.TARGET_UNKNOWN
        if close:
            message += "." + Msg.TARGET_SUGGEST.format(names=", ".join(f"'{c}'" for c in close))
        return message

    return resolve


def _squash(text: str) -> str:
    return _SPACES.sub("", text)


def _sub_target(sp: SubProject) -> CommentTarget:
    return CommentTarget(
        kind=TargetKind.SUB_PROJECT,
        system=sp.system,
        strategy=sp.strategy,
        key_project=sp.key_project,
        sub_project_id=sp.id,
    )


def _read_comments(
    sheet: _Sheet, sub_projects: Sequence[SubProject], problems: list[Problem]
) -> list[Comment]:
    if not sheet.grid:
        return []
    columns: dict[str, int] = {}
    for c, value in enumerate(sheet.grid[0]):
        name = _canonical(value) if isinstance(value, str) else None
        if name in COMMENT_COLUMNS and name not in columns:
            columns[name] = c
    if not any(not _blank(v) for v in sheet.grid[0]) and all(
        all(_blank(v) for v in line) for line in sheet.grid
    ):
        return []
    missing = [name for name in COMMENT_REQUIRED if name not in columns]
    for name in missing:
        problems.append(Problem(sheet.name, 1, name, Msg.COLUMN_MISSING))
    if missing:
        return []
    resolve = _resolver(sub_projects)
    comments: list[Comment] = []
    grid = sheet.grid
    named = tuple(columns.items())
    pending = [
        (r + 1, _filled(grid[r], named)) for r in range(1, len(grid)) if not _line_blank(grid[r])
    ]
    validated = _validate_rows(COMMENT_ROWS, [cells for _, cells in pending])
    for i, (excel_row, cells) in enumerate(pending):
        row = (
            validated[i]
            if validated is not None
            else _validate_row(CommentRow, cells, sheet.name, excel_row, problems)
        )
        if row is None:
            continue
        ok = True
        for column, value in (("구분", row.category), ("의견", row.text)):
            if value is None:
                problems.append(Problem(sheet.name, excel_row, column, Msg.REQUIRED))
                ok = False
        targets: list[CommentTarget] = []
        for part in re.split(r"[,，、]", row.targets or "전체"):
            if not part.strip():
                continue
            resolved = resolve(part.strip())
            if isinstance(resolved, str):
                problems.append(Problem(sheet.name, excel_row, "대상", resolved, part.strip()))
                ok = False
            else:
                targets += [t for t in resolved if t not in targets]
        if ok and row.category is not None and row.text is not None:
            comments.append(
                Comment(
                    category=row.category,
                    targets=tuple(targets) or (CommentTarget(kind=TargetKind.ALL),),
                    reviewer=row.reviewer,
                    rating=row.rating,
                    text=row.text,
                    row=excel_row,
                )
            )
    return comments


# ---------------------------------------------------------------------------------------
# Entry point


def _budget_unit(
    meta: MetaIn | None, meta_rows: dict[str, int], header: _Header, problems: list[Problem]
) -> BudgetUnit:
    statements: list[tuple[BudgetUnit, str]] = []
    if meta is not None and meta.budget_unit is not None:
        statements.append((meta.budget_unit, f"개요 시트 예산단위 '{meta.budget_unit.value}'"))
    statements += [(u, f"시행결과 시트 '{where}'") for u, where in header.units]
    distinct = {u for u, _ in statements}
    if len(distinct) > 1:
        listed = ", ".join(dict.fromkeys(where for _, where in statements))
        row = header.first_row + 1
        problems.append(
            Problem(SHEET_RESULTS, row, "예산단위", Msg.UNIT_CONFLICT.format(statements=listed))
        )
    return statements[0][0] if statements else BudgetUnit.THOUSAND_WON


@contextmanager
def collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while workbooks are read.

    Reading makes tens of thousands of small objects that all stay alive (rows, models,
    Decimals); every few hundred of them the collector would walk the young ones, and now
    and then everything the process holds, which in the app includes every workbook loaded
    before. Nothing made here needs the collector (reference counting frees what is
    dropped). ``read_workbook`` pauses it for one workbook; wrap a loop reading many (the
    app's catalog of kept workbooks) to pause it once for all. Restores the state it found,
    so nested or concurrent reads leave the collector as it was.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_workbook(data: bytes, name: str = "", limits: Limits = DEFAULT_LIMITS) -> Results:
    """Read and validate one workbook; raise ``WorkbookError`` listing every problem."""
    with collector_paused():
        return _read(data, name, limits)


def _read(data: bytes, name: str, limits: Limits) -> Results:
    sheets, problems = _load_sheets(data, (SHEET_META, SHEET_RESULTS, SHEET_COMMENTS), limits)
    missing = [
        s
        for s in (SHEET_META, SHEET_RESULTS)
        if s not in sheets and not any(p.sheet == s for p in problems)
    ]
    problems += [Problem(s, None, None, Msg.SHEET_MISSING.format(sheet=s)) for s in missing]

    meta_in, meta_rows = (None, {})
    if SHEET_META in sheets:
        meta_in, meta_rows = _read_meta(sheets[SHEET_META], problems)

    sub_projects: list[SubProject] = []
    header = None
    if SHEET_RESULTS in sheets:
        header = _read_header(sheets[SHEET_RESULTS], problems)
        if header is not None and all(n in header.columns for n in RESULT_REQUIRED):
            unit = _budget_unit(meta_in, meta_rows, header, problems)
            sub_projects = _read_results(sheets[SHEET_RESULTS], header, unit, problems)
            if not sub_projects and not any(p.sheet == SHEET_RESULTS for p in problems):
                problems.append(Problem(SHEET_RESULTS, None, None, Msg.NOTHING_TO_READ))

    comments: list[Comment] = []
    if SHEET_COMMENTS in sheets and not any(p.sheet == SHEET_RESULTS for p in problems):
        comments = _read_comments(sheets[SHEET_COMMENTS], sub_projects, problems)

    if problems or meta_in is None:
        raise WorkbookError(problems)
    unit = meta_in.budget_unit
    if header is not None:
        unit = _budget_unit(meta_in, meta_rows, header, [])
    meta = Meta(
        district=meta_in.district or "",
        year=meta_in.year or 0,
        plan_term=meta_in.plan_term,
        budget_unit=unit or BudgetUnit.THOUSAND_WON,
        illustrative_note=meta_in.note,
    )
    return Results(
        meta=meta,
        sub_projects=tuple(sub_projects),
        comments=tuple(comments),
        source_name=name,
        source_sha256=hashlib.sha256(data).hexdigest(),
    )


def read_path(path: str) -> Results:
    """Read a workbook from disk (the name shown is the file's base name)."""
    from pathlib import Path

    file = Path(path)
    return read_workbook(file.read_bytes(), file.name)
