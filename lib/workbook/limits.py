"""Every limit the reader puts on a workbook, in one place.

An uploaded workbook is hostile input on a server the whole council shares. The limits
below are checked before the expensive work (file and zip sizes, the used range a sheet's
XML states), the whole read runs in a child process that the operating system stops at
``memory_bytes`` of address space or ``cpu_seconds`` of CPU, and that the parent kills after
``wall_seconds`` (``lib.workbook.bounded``), and python-calamine's grid of each sheet is
checked against the row, column and cell-count limits before a cell of it becomes a Python
object. Where nothing bounds the process (a read of untrusted bytes in this process), each
sheet's XML is screened for cells beyond the limits before calamine reads it; the screening
also names the cell when a bounded read finds a sheet beyond them (``package._load_sheets``).

Chosen so that the largest real workbook (a national set of 229 districts has ~45
sub-projects each; the largest single district in bench/ has 20,160 sub-projects in ~40,000
rows × 22 columns) reads well inside them, and the worst that fits inside them stays under
the memory limit: 3,000,000 cells are ~100 MB in calamine's grid and ~25 MB of Python
lists.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal


@dataclass(frozen=True)
class Limits:
    """Refuse input beyond these before doing expensive work."""

    max_file_bytes: int = 20 * 1024 * 1024  # the upload itself
    max_uncompressed_bytes: int = 100 * 1024 * 1024  # what its zip would expand to
    max_rows: int = 100_000  # per sheet (Excel row number of the last cell)
    max_columns: int = 256  # per sheet: column IV, the old Excel limit
    max_cells: int = 3_000_000  # rows × columns of a sheet's used range
    # The child process that parses an upload (lib.workbook.bounded).
    memory_bytes: int = 512 * 1024 * 1024  # address space (RLIMIT_AS)
    cpu_seconds: int = 20  # RLIMIT_CPU
    wall_seconds: float = 30.0  # killed by the parent after this
    # Numbers (workbook-format.md): finite, ASCII digits, 0 or 10^-6 ≤ |x| ≤ 10^15.
    number_min: Decimal = Decimal("1e-6")
    number_max: Decimal = Decimal("1e15")
    number_max_digits: int = 22  # significant digits (15 whole + 6 decimals + one)
    max_text_chars: int = 32_767  # one text cell: Excel's own limit
    # Metadata printed in titles and document properties: the deck's subtitle
    # "{시군구} · {계획기수} 지역사회보장계획" is the PPTX subject, which allows 255 characters
    # (100 + 140 + 13 = 253).
    max_district_chars: int = 100  # 시군구
    max_plan_term_chars: int = 140  # 계획기수


DEFAULT_LIMITS = Limits()
