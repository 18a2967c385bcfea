"""Korean words the user reads live in lib/strings_ko.py: no Korean string constant in
app.py, app_pages/ or lib/ outside the places that hold the workbook's own words."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from tests.conftest import ROOT

KOREAN = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")

# Whole files whose Korean constants are not UI wording, each with why.
ALLOWED_FILES = {
    "lib/strings_ko.py": "the home of every Korean UI string",
    "lib/format.py": "the home of number formats (천원, 개, 'n개 중 m개')",
    "lib/template.py": "writes the workbook's own headers and cell vocabulary",
    "lib/schema.py": "the workbook's words: enum values, 예산단위 factors, 대상 '전체'",
}
# Folders whose files read the workbook: its sheet names, headers and cell vocabulary.
ALLOWED_FOLDERS = ("lib/workbook/",)
# Font family names may be Korean (the name Windows gives 맑은 고딕).
FONT_NAMES = ("맑은 고딕",)
STRICT = ("app.py", "app_pages/", "lib/ui/", "lib/views/")  # never any exception here


def python_files() -> list[Path]:
    return sorted(
        [ROOT / "app.py", *(ROOT / "app_pages").glob("*.py"), *(ROOT / "lib").rglob("*.py")]
    )


def docstrings(tree: ast.AST) -> set[int]:
    found: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            first = node.body[0] if node.body else None
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant):
                found.add(id(first.value))
    return found


def enum_values(tree: ast.AST) -> set[int]:
    """Constants that are an Enum member's value (the workbook's or the user's own word)."""
    found: set[int] = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.ClassDef):
            continue
        bases = {b.id if isinstance(b, ast.Name) else getattr(b, "attr", "") for b in node.bases}
        if not bases & {"Enum", "StrEnum"}:
            continue
        for statement in node.body:
            if isinstance(statement, ast.Assign):
                found.update(
                    id(c) for c in ast.walk(statement.value) if isinstance(c, ast.Constant)
                )
    return found


def korean_literals(source: str, strict: bool) -> list[tuple[int, str]]:
    """(line, text) of every Korean string constant that is not a docstring (nor, unless
    ``strict``, an Enum member's value or a font name)."""
    tree = ast.parse(source)
    skip = docstrings(tree) | (set() if strict else enum_values(tree))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            text = node.value
            if not strict:
                for font in FONT_NAMES:
                    text = text.replace(font, "")
            if KOREAN.search(text):
                found.append((node.lineno, node.value))
    return found


def rel(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


@pytest.mark.parametrize("path", python_files(), ids=rel)
def test_no_korean_literal_outside_strings_ko(path: Path) -> None:
    name = rel(path)
    if name in ALLOWED_FILES or name.startswith(ALLOWED_FOLDERS):
        return
    strict = name.startswith(STRICT)
    found = korean_literals(path.read_text(encoding="utf-8"), strict)
    assert found == [], f"{name}: move these into lib/strings_ko.py: {found}"


def test_allowances_name_real_files() -> None:
    for name in ALLOWED_FILES:
        assert (ROOT / name).is_file(), name
        assert not name.startswith(STRICT), name


def test_a_korean_literal_in_a_page_is_found() -> None:
    page = (ROOT / "app_pages" / "overview.py").read_text(encoding="utf-8")
    assert korean_literals(page, strict=True) == []
    planted = page + '\nst.caption("필터 모두 지우기")\nst.button(label=f"{n}개 보기")\n'
    assert [text for _, text in korean_literals(planted, strict=True)] == [
        "필터 모두 지우기",
        "개 보기",
    ]


def test_docstrings_comments_enum_values_and_fonts_are_not_literals() -> None:
    source = '''"""모듈 설명."""
from enum import StrEnum


class Band(StrEnum):
    """달성 구간."""

    ACHIEVED = "달성"  # 주석


def f():
    """함수 설명."""
    return "Malgun Gothic, 맑은 고딕"
'''
    assert korean_literals(source, strict=False) == []
    assert [text for _, text in korean_literals(source, strict=True)] == [
        "달성",
        "Malgun Gothic, 맑은 고딕",
    ]
