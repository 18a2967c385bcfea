"""The 결과보고 DOCX as a reader sees it: LibreOffice renders it to an A4 PDF, then PNG
pages, with Hangul glyphs (no tofu), the running header and page numbers.

Artifacts to look at: tests/artifacts/report_docx/page-N.png (with 결과보고.docx and
결과보고.pdf beside them): the sample without a round, and a round with its roster,
opinions, 우수사업 and ratings (round-page-N.png).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import UTC, datetime
from pathlib import Path

import pytest

from lib.report import build_report
from lib.report.docx_file import render_docx
from lib.rounds import (
    MemberRating,
    Opinion,
    RosterEntry,
    RoundSnapshot,
    RoundStatus,
    Selection,
    default_settings,
)
from lib.schema import CommentCategory, Rating
from lib.workbook import read_workbook
from tests.e2e.conftest import REPO_ROOT, save_screenshot

SAMPLE = REPO_ROOT / "data" / "sample" / "sasang_2023.xlsx"
OUT_DIR = REPO_ROOT / "tests" / "artifacts" / "report_docx"
CONVERT_TIMEOUT_S = 240

pytestmark = pytest.mark.e2e


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} missing: run `bash scripts/system_deps.sh`", pytrace=False)
    return path


def _run(*args: str) -> str:
    return subprocess.run(list(args), capture_output=True, text=True, timeout=60, check=True).stdout


def _render(docx: Path, tmp_path: Path, stem: str) -> tuple[Path, str]:
    """DOCX → PDF (LibreOffice) → PNG pages named ``{stem}-N.png``; returns the PDF and its text."""
    for old in OUT_DIR.glob(f"{stem}-*.png"):
        old.unlink()
    env = {**os.environ, "HOME": str(tmp_path)}  # LibreOffice as root needs a writable home
    done = subprocess.run(
        [
            _tool("soffice"),
            f"-env:UserInstallation={(tmp_path / 'lo-profile').as_uri()}",
            "--headless", "--norestore", "--nolockcheck",
            "--convert-to", "pdf", "--outdir", str(OUT_DIR), str(docx),
        ],
        capture_output=True, text=True, timeout=CONVERT_TIMEOUT_S, env=env, cwd=tmp_path,
    )  # fmt: skip
    pdf = docx.with_suffix(".pdf")
    assert done.returncode == 0 and pdf.exists(), done.stdout + done.stderr
    subprocess.run(
        [_tool("pdftoppm"), "-r", "80", "-png", str(pdf), str(OUT_DIR / stem)],
        capture_output=True, timeout=CONVERT_TIMEOUT_S, check=True,
    )  # fmt: skip
    return pdf, _run(_tool("pdftotext"), "-layout", str(pdf), "-")


def test_sample_report_renders_on_a4_with_korean_glyphs(tmp_path):
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    results = read_workbook(SAMPLE.read_bytes(), SAMPLE.name)
    docx = OUT_DIR / "결과보고.docx"
    docx.write_bytes(render_docx(build_report(results)))
    pdf, text = _render(docx, tmp_path, "page")

    info = _run(_tool("pdfinfo"), str(pdf))
    assert re.search(r"Page size:.*\(A4\)", info), info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    assert 4 <= pages <= 6
    fonts = _run(_tool("pdffonts"), str(pdf))
    assert re.search(r"CJK|Nanum|Gothic", fonts), fonts  # a CJK face stands in for 맑은 고딕
    assert "\ufffd" not in text
    flat = re.sub(r"\s+", "", text)
    # The title, the sections in the seed's order, the first two result lines.
    order = [
        "시행결과모니터링결과보고",
        "1.모니터링근거",
        "2.모니터링단구성방법",
        "3.시행결과모니터링T/F팀구성원",
        "4.시행결과모니터링요청사항",
        "5.모니터링방법",
        "1)연차별시행계획시행결과관련",
        "5대추진전략,10개중점사업,29개세부사업의목표달성률121.6%로",
        "4대추진전략,9개대표과업,18개세부과업의목표달성률110.7%로",
        "2)민관협력증진방안및보완사항",
        "3)우수사업선정",
        "붙임1.세부사업별시행결과",
    ]
    at = 0
    for part in order:  # each found after the one before it
        found = flat.find(part, at)
        assert found >= 0, (part, flat[at : at + 200])
        at = found + len(part)
    # Every page has the 초안 header and its page number in the footer.
    page_texts = text.split("\f")[:pages]
    for number, page in enumerate(page_texts, start=1):
        assert "초안 · 모니터링 결과 확정 전" in page
        assert re.sub(r"\s+", "", page).endswith(f"-{number}-")
    # The annex table's header row repeats on the page it continues on.
    assert sum("최종예산" in page for page in page_texts) >= 2

    pngs = sorted(OUT_DIR.glob("page-*.png"))
    assert len(pngs) == pages
    assert all(p.stat().st_size > 10_000 for p in pngs)  # not blank pages


def test_round_report_renders_its_tables(tmp_path):
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    results = read_workbook(SAMPLE.read_bytes(), SAMPLE.name)
    members = (
        ("류○○", "대표협의체 위원장", "학장종합사회복지관 / 관장"),
        ("김○○", "대표협의체 부위원장", "사상구청소년수련관 / 관장"),
        ("이○○", "실무협의체 위원장", "모라종합사회복지관 / 관장"),
        ("정○○", "실무협의체 부위원장", "복지정책과 복지기획팀 / 팀장"),
        ("한○○", "대표협의체 위원", "신라대학교 / 사회복지학과 교수"),
        ("조○○", "대표협의체 위원", ""),
        ("장○○", "", "사상구지역사회보장협의체 사무국 / 팀장"),
    )
    round_ = RoundSnapshot(
        district=results.meta.district,
        year=results.meta.year,
        status=RoundStatus.CONFIRMED,
        settings=default_settings(),
        roster=tuple(RosterEntry(f"m{i}", *m) for i, m in enumerate(members)),
        opinions=(
            Opinion("o1", "m0", CommentCategory.RESULTS, "사례관리 네트워크 성과 공유 필요"),
            Opinion("o2", "m1", CommentCategory.COOPERATION, "동 협의체와 정례 회의 필요"),
        ),
        selections=(
            Selection("사회보장사업/5-1-1", "민관이 함께 위기가구를 발굴·지원한 모범 사례", 1),
            Selection("발전전략/4-1-1", "이음복지플랫폼으로 자원 공유가 활발해짐", 2),
        ),
        ratings=tuple(
            MemberRating(m[0], sp.id, Rating.APPROPRIATE, Rating.AVERAGE, Rating.APPROPRIATE)
            for m in members[:5]
            for sp in results.sub_projects[:12]
        ),
        confirmed_at=datetime(2024, 3, 20, tzinfo=UTC),
    )
    docx = OUT_DIR / "결과보고_회차.docx"
    docx.write_bytes(render_docx(build_report(results, round_)))
    _, text = _render(docx, tmp_path, "round-page")
    flat = re.sub(r"\s+", "", text)
    assert "초안" not in flat
    assert "부산광역시사상구지역사회보장협의체·2024.3.20.확정" in flat
    assert "류○○대표협의체위원장학장종합사회복지관/관장" in flat
    assert "붙임2.세부사업별자체평가" in flat
    assert "5/0/0" in flat


def test_present_mode_downloads_both_report_files(app_url, page, wait_for_app, tmp_path):
    """On 발표 모드, the two 결과보고 buttons give a Word and a 한글 file of the sample."""
    from docx import Document
    from hwpx import HwpxDocument
    from hwpx.tools.validator import validate_document

    page.goto(f"{app_url}/present")
    wait_for_app(page)
    page.set_viewport_size({"width": 1280, "height": 720})  # the meeting-room projector
    page.get_by_text("자료 내려받기").click()
    page.get_by_role("button", name="결과보고서 (한글)").scroll_into_view_if_needed()
    save_screenshot(page, "present_report_downloads")
    files = {}
    for label, ext in (("결과보고서 (Word)", "docx"), ("결과보고서 (한글)", "hwpx")):
        with page.expect_download(timeout=60_000) as info:
            page.get_by_role("button", name=label).click()
        download = info.value
        assert download.suggested_filename == f"2023_부산광역시_사상구_결과보고.{ext}"
        files[ext] = tmp_path / download.suggested_filename
        download.save_as(files[ext])
    paragraphs = [p.text for p in Document(files["docx"]).paragraphs]
    assert any("29개 세부사업의 목표 달성률 121.6%" in p for p in paragraphs)
    data = files["hwpx"].read_bytes()
    assert validate_document(data).ok
    assert "18개 세부과업의 목표 달성률 110.7%" in HwpxDocument.open(data).text.plain()
