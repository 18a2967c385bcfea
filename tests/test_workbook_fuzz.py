"""A bounded, seeded fuzz of the reader: 300 mutations of valid workbooks (cells, sheet XML,
the zip, the package's structure), each read the way an upload is (``read_bounded``).

Every outcome is results or Korean problems that name their sheet (or the file as a whole
with one of the whole-file messages); no read is killed, none takes more than a few
seconds, no child grows past the memory limit; a sample of them through the CLI exits 0
or 2 without a traceback.
"""

from __future__ import annotations

import io
import random
import re
import resource
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from xml.sax.saxutils import escape

import pytest

from lib.errors import WorkbookError
from lib.schema import Results
from lib.strings_ko import Msg, ReadMsg
from lib.workbook import DEFAULT_LIMITS
from lib.workbook.bounded import read_bounded
from tests.conftest import ROOT, SAMPLE, build_workbook

SEED = 20261201
CASES = 300
CLI_CASES = 8
SHEETS = {"개요", "시행결과", "모니터링의견", "모니터링단"}
HANGUL = re.compile("[가-힣]")
WHOLE_FILE = (  # the messages a problem may carry without naming a sheet
    Msg.NOT_XLSX,
    Msg.CORRUPT.split("(")[0],
    Msg.TOO_LARGE.split("{")[0],
    Msg.FILE_TOO_LARGE.split("{")[0],
    ReadMsg.MACRO.split("(")[0],
    ReadMsg.UNREADABLE,
)

TEXTS = (
    "1e999999999", "١e٩٩٩٩٩٩٩٩٩", "1e400", "1e-30", "9" * 5000, "NaN", "-Infinity", "_x0001_",
    "_x001F_표", '=HYPERLINK("http://e")', "<script>alert(1)</script>", "**b**", "$x$",
    "[x](http://e)", "", " ", "x" * 40_000, "폐지", "하향", "Ⅱ", "-1", "0", "1,234", "85%",
    "전체", "없는사업", "2023년", "99999", "１２", "1-1-1",
)  # fmt: skip
NUMBERS = ("1e308", "-0", "1e-400", "nan", "inf", "1e16", "123456789012345678901234567", "5")
REFS = (
    "XFD99999", "A99999999", "AAAAAAAAAA1", "XFD2000", "ZZ1", "A0", "a1", "", "A-1",
    "IV100000", "CV99999", "B2", "$A$1", "A1048577",
)  # fmt: skip
CELL = re.compile(rb"<c\b[^>]*?(?:/>|>.*?</c>)", re.S)
REF_ATTR = re.compile(rb'\sr="[^"]*"')
ROW = re.compile(rb"<row\b[^>]*?(?:/>|>.*?</row>)", re.S)

Mutation = Callable[[random.Random, dict[str, bytes]], None]


def _parts(data: bytes) -> dict[str, bytes]:
    archive = zipfile.ZipFile(io.BytesIO(data))
    return {name: archive.read(name) for name in archive.namelist()}


def _zip(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, body in parts.items():
            z.writestr(name, body)
    return out.getvalue()


def _sheet(rng: random.Random, parts: dict[str, bytes]) -> str:
    return rng.choice(sorted(n for n in parts if n.startswith("xl/worksheets/sheet")))


def _replace_one(rng: random.Random, pattern: re.Pattern[bytes], xml: bytes, new: bytes) -> bytes:
    found = list(pattern.finditer(xml))
    if not found:
        return xml
    m = rng.choice(found)
    return xml[: m.start()] + new + xml[m.end() :]


def cell_text(rng: random.Random, parts: dict[str, bytes]) -> None:
    name = _sheet(rng, parts)
    xml = parts[name]
    found = list(CELL.finditer(xml))
    if not found:
        return
    m = rng.choice(found)
    ref = REF_ATTR.search(m.group(0))
    attr = ref.group(0) if ref else b""
    value = escape(rng.choice(TEXTS)).encode()
    new = b"<c" + attr + b' t="inlineStr"><is><t>' + value + b"</t></is></c>"
    parts[name] = xml[: m.start()] + new + xml[m.end() :]


def cell_number(rng: random.Random, parts: dict[str, bytes]) -> None:
    name = _sheet(rng, parts)
    xml = parts[name]
    found = list(CELL.finditer(xml))
    if not found:
        return
    m = rng.choice(found)
    ref = REF_ATTR.search(m.group(0))
    new = (
        b"<c"
        + (ref.group(0) if ref else b"")
        + b"><v>"
        + rng.choice(NUMBERS).encode()
        + b"</v></c>"
    )
    parts[name] = xml[: m.start()] + new + xml[m.end() :]


def cell_formula(rng: random.Random, parts: dict[str, bytes]) -> None:
    name = _sheet(rng, parts)
    new = f'<c r="{rng.choice(REFS)}"><f>SUM(A1:A2)</f></c>'.encode()
    parts[name] = _replace_one(rng, CELL, parts[name], new)


def xml_ref(rng: random.Random, parts: dict[str, bytes]) -> None:
    name = _sheet(rng, parts)
    new = f' r="{rng.choice(REFS)}"'.encode()
    parts[name] = _replace_one(rng, REF_ATTR, parts[name], new)


def xml_dimension(rng: random.Random, parts: dict[str, bytes]) -> None:
    name = _sheet(rng, parts)
    ref = f'<dimension ref="A1:{rng.choice(REFS)}"/>'.encode()
    parts[name] = re.sub(rb"<dimension [^>]*/>", ref, parts[name], count=1)


def xml_merge(rng: random.Random, parts: dict[str, bytes]) -> None:
    name = _sheet(rng, parts)
    merge = f'<mergeCells count="1"><mergeCell ref="A1:{rng.choice(REFS)}"/></mergeCells>'
    parts[name] = parts[name].replace(b"</sheetData>", b"</sheetData>" + merge.encode(), 1)


def xml_flip(rng: random.Random, parts: dict[str, bytes]) -> None:
    name = rng.choice(sorted(parts))
    body = bytearray(parts[name])
    for _ in range(rng.randint(1, 8)):
        if body:
            body[rng.randrange(len(body))] = rng.randrange(256)
    parts[name] = bytes(body)


def xml_truncate(rng: random.Random, parts: dict[str, bytes]) -> None:
    name = rng.choice(sorted(parts))
    parts[name] = parts[name][: rng.randrange(len(parts[name]) + 1)]


def xml_drop_row(rng: random.Random, parts: dict[str, bytes]) -> None:
    name = _sheet(rng, parts)
    parts[name] = _replace_one(rng, ROW, parts[name], b"")


def xml_duplicate_row(rng: random.Random, parts: dict[str, bytes]) -> None:
    name = _sheet(rng, parts)
    found = list(ROW.finditer(parts[name]))
    if found:
        m = rng.choice(found)
        xml = parts[name]
        parts[name] = xml[: m.end()] + m.group(0) * rng.randint(1, 50) + xml[m.end() :]


def zip_drop(rng: random.Random, parts: dict[str, bytes]) -> None:
    del parts[rng.choice(sorted(parts))]


def zip_macro(rng: random.Random, parts: dict[str, bytes]) -> None:
    parts[rng.choice(("xl/vbaProject.bin", "xl/VbaProject.bin"))] = b"\xd0\xcf\x11\xe0"


def structure_rename(rng: random.Random, parts: dict[str, bytes]) -> None:
    old = rng.choice(("개요", "시행결과", "모니터링의견")).encode()
    new = rng.choice(
        (
            b"Sheet1",
            old + b"1",
            b" " + old,
            b"\xeb\xaa\xa8\xeb\x8b\x88\xed\x84\xb0\xeb\xa7\x81\xeb\x8b\xa8",
        )
    )
    # names are written as character references by openpyxl: rename by the decoded form too
    ref = "".join(f"&#{ord(c)};" for c in old.decode()).encode()
    parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(old, new).replace(ref, new)


def structure_swap_sheets(rng: random.Random, parts: dict[str, bytes]) -> None:
    rels = parts.get("xl/_rels/workbook.xml.rels", b"")
    targets = re.findall(rb'Target="(/?xl/)?worksheets/sheet(\d)\.xml"', rels)
    if len(targets) >= 2:
        a, b = rng.sample([t[1] for t in targets], 2)
        swapped = rels.replace(b"sheet" + a + b".xml", b"sheetTMP.xml")
        swapped = swapped.replace(b"sheet" + b + b".xml", b"sheet" + a + b".xml")
        parts["xl/_rels/workbook.xml.rels"] = swapped.replace(
            b"sheetTMP.xml", b"sheet" + b + b".xml"
        )


MUTATIONS: tuple[Mutation, ...] = (
    cell_text, cell_text, cell_text, cell_number, cell_number, cell_formula, xml_ref, xml_ref,
    xml_dimension, xml_merge, xml_flip, xml_truncate, xml_drop_row, xml_duplicate_row,
    zip_drop, zip_macro, structure_rename, structure_swap_sheets,
)  # fmt: skip


def mutated(rng: random.Random, bases: list[bytes]) -> bytes:
    """One mutated workbook: one to three mutations, sometimes a damaged zip on top."""
    parts = _parts(rng.choice(bases))
    for _ in range(rng.randint(1, 3)):
        rng.choice(MUTATIONS)(rng, parts)
    data = _zip(parts)
    if rng.random() < 0.05:  # the zip itself: a cut or a flipped byte
        if rng.random() < 0.5:
            data = data[: rng.randrange(len(data))]
        else:
            damaged = bytearray(data)
            damaged[rng.randrange(len(damaged))] ^= 0xFF
            data = bytes(damaged)
    return data


def _check(outcome: Results | WorkbookError) -> None:
    if isinstance(outcome, Results):
        return
    for problem in outcome.problems:
        assert HANGUL.search(problem.message), problem
        assert "Error" not in problem.message.split("(")[0], problem
        if problem.sheet is None:
            assert problem.message.startswith(WHOLE_FILE), problem
        else:
            assert problem.sheet in SHEETS, problem
        assert problem.message != ReadMsg.UNREADABLE, "a read was killed: the screening let it by"


@pytest.fixture(scope="module")
def cases() -> list[bytes]:
    rng = random.Random(SEED)
    bases = [build_workbook(), SAMPLE.read_bytes()]
    return [mutated(rng, bases) for _ in range(CASES)]


def test_fuzzed_workbooks_end_as_results_or_korean_problems(cases):
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    accepted = 0
    for n, data in enumerate(cases):
        began = time.perf_counter()
        try:
            outcome: Results | WorkbookError = read_bounded(data, f"fuzz_{n}.xlsx")
            accepted += 1
        except WorkbookError as error:
            outcome = error
        # a hang guard only (speed is bench/'s job): the parent kills a child after wall_seconds
        hang = DEFAULT_LIMITS.wall_seconds + 30
        assert time.perf_counter() - began < hang, f"case {n} was not killed in time"
        _check(outcome)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    assert children <= rss_before + DEFAULT_LIMITS.memory_bytes
    assert 0 < accepted < CASES  # the mutations both break and keep workbooks


def test_fuzzed_workbooks_through_the_cli_exit_0_or_2(cases, tmp_path):
    rng = random.Random(SEED + 1)
    for n in rng.sample(range(CASES), CLI_CASES):
        path = tmp_path / f"fuzz_{n}.xlsx"
        path.write_bytes(cases[n])
        done = subprocess.run(
            [sys.executable, "-m", "lib.cli", "summary", str(path), "--json"],
            cwd=ROOT, capture_output=True, text=True, timeout=60,
        )  # fmt: skip
        assert done.returncode in (0, 2), (n, done.stderr)
        assert "Traceback" not in done.stderr, (n, done.stderr)
        if done.returncode == 2:
            assert done.stderr.strip() and all(
                HANGUL.search(line) for line in done.stderr.splitlines()
            )
