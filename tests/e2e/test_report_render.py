"""The exported files as people see them: the HTML report in Chromium (offline), and the PPTX
rendered by LibreOffice to PDF and PNG pages, with Korean glyphs (no tofu).

Artifacts to look at: tests/artifacts/screenshots/report_html*.png and
tests/artifacts/pptx/slide-NN.png (with deck.pptx and deck.pdf beside them).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from lib.exports.deck import SlideKind, build_deck
from lib.exports.html import render_html
from lib.exports.pptx import render_pptx
from lib.views.view import View
from lib.workbook import read_workbook
from tests.e2e.conftest import REPO_ROOT, save_screenshot
from tests.long_comments import FILE_NAME as LONG_FILE
from tests.long_comments import long_comment_workbook

SAMPLE = REPO_ROOT / "data" / "sample" / "sasang_2023.xlsx"
PPTX_DIR = REPO_ROOT / "tests" / "artifacts" / "pptx"
CONVERT_TIMEOUT_S = 240


@pytest.fixture(scope="module")
def deck():
    return build_deck(View.build(read_workbook(SAMPLE.read_bytes(), SAMPLE.name)))


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} missing: run `bash scripts/system_deps.sh`", pytrace=False)
    return path


def test_html_report_opens_offline_in_chromium(deck, page, tmp_path):
    report = tmp_path / "보고서.html"
    report.write_text(render_html(deck), encoding="utf-8")
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda r: requests.append(r.url))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(report.as_uri())
    charts = sum(1 for s in deck.slides if s.chart is not None)
    page.wait_for_function(
        f"document.querySelectorAll('.plotly-graph-div .main-svg').length >= {charts}",
        timeout=30_000,
    )
    save_screenshot(page, "report_html")
    assert errors == []
    assert all(url.startswith(("file://", "data:", "about:")) for url in requests), requests
    # Every chart is drawn, with its bars and the 목표 100% line.
    assert page.locator(".plotly-graph-div").count() == charts
    assert page.locator(".plotly-graph-div .bars .point").count() >= charts
    # A strategy section, as a reader scrolls to it.
    page.locator("h2", has_text="누구나 누리는 촘촘한 돌봄").scroll_into_view_if_needed()
    save_screenshot(page, "report_html_strategy")
    # Printing gives A4 pages.
    pdf = tmp_path / "report.pdf"
    page.emulate_media(media="print")
    page.pdf(path=str(pdf), format="A4", print_background=True)
    info = subprocess.run(
        [_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert re.search(r"Page size:.*\(A4\)", info), info
    pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
    sections = len({s.section_title for s in deck.slides})
    assert pages >= sections  # a page break per section


def _to_pdf(soffice: str, pptx, tmp_path):
    """``pptx`` through LibreOffice to a PDF beside it."""
    profile = tmp_path / "lo-profile"
    env = {**os.environ, "HOME": str(tmp_path)}  # LibreOffice as root needs a writable home
    done = subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(pptx.parent),
            str(pptx),
        ],
        capture_output=True,
        text=True,
        timeout=CONVERT_TIMEOUT_S,
        env=env,
        cwd=tmp_path,
    )
    pdf = pptx.with_suffix(".pdf")
    assert done.returncode == 0 and pdf.exists(), done.stdout + done.stderr
    return pdf


def _pdftotext(pdf, flag: str) -> str:
    done = subprocess.run(
        [_tool("pdftotext"), flag, str(pdf), "-"],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    return done.stdout


def test_pptx_renders_in_libreoffice_with_korean_glyphs(deck, tmp_path):
    soffice = _tool("soffice")
    PPTX_DIR.mkdir(parents=True, exist_ok=True)
    for old in PPTX_DIR.glob("slide-*.png"):
        old.unlink()
    pptx = PPTX_DIR / "deck.pptx"
    pptx.write_bytes(render_pptx(deck))
    pdf = _to_pdf(soffice, pptx, tmp_path)

    info = subprocess.run(
        [_tool("pdfinfo"), str(pdf)], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert int(re.search(r"Pages:\s+(\d+)", info).group(1)) == len(deck.slides)
    # Hangul is drawn with a CJK font (fonts-noto-cjk stands in for 맑은 고딕), not tofu.
    fonts = subprocess.run(
        [_tool("pdffonts"), str(pdf)], capture_output=True, text=True, timeout=60, check=True
    ).stdout
    assert re.search(r"CJK|Nanum|Gothic", fonts), fonts
    text = _pdftotext(pdf, "-layout")
    assert "누구나 누리는 촘촘한 돌봄" in text
    assert "121.6" in text and "110.7" in text  # chart data labels of the overview
    assert "\ufffd" not in text

    subprocess.run(
        [_tool("pdftoppm"), "-r", "80", "-png", str(pdf), str(PPTX_DIR / "slide")],
        capture_output=True,
        timeout=CONVERT_TIMEOUT_S,
        check=True,
    )
    pngs = sorted(PPTX_DIR.glob("slide-*.png"))
    assert len(pngs) == len(deck.slides)
    assert all(p.stat().st_size > 10_000 for p in pngs)  # not blank pages


WORD_BOX = re.compile(
    r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)


def test_long_comments_go_on_over_pptx_slides_inside_the_body(tmp_path):
    """A 3,000-character comment and one of 40 lines, as LibreOffice draws the PPTX: every
    word of every comment slide inside the body (above the footer, within the margins),
    the pieces marked (계속)/(이어서). PNGs of the continued slides to look at in
    tests/artifacts/pptx_long/."""
    out = REPO_ROOT / "tests" / "artifacts" / "pptx_long"
    out.mkdir(parents=True, exist_ok=True)
    for old in out.glob("slide-*.png"):
        old.unlink()
    long_deck = build_deck(View.build(read_workbook(long_comment_workbook(), LONG_FILE)))
    pptx = out / "long.pptx"
    pptx.write_bytes(render_pptx(long_deck))
    pdf = _to_pdf(_tool("soffice"), pptx, tmp_path)
    boxes = _pdftotext(pdf, "-bbox")
    pages = boxes.split("<page ")[1:]
    assert len(pages) == len(long_deck.slides)
    body_bottom, footer_top, right = 6.95 * 72, 7.0 * 72, (13.333 - 0.6) * 72 + 4
    continued = []
    for number, (page, slide) in enumerate(zip(pages, long_deck.slides, strict=True), 1):
        if slide.kind is not SlideKind.COMMENTS:
            continue
        words = [
            (float(a), float(b), float(c), float(d), w) for a, b, c, d, w in WORD_BOX.findall(page)
        ]
        body = [w for w in words if w[1] < footer_top]  # the footer: "… · 21 / 35"
        outside = [w for w in body if w[3] > body_bottom or w[2] > right]
        assert not outside, (number, slide.title, outside[:5])
        if "이어서" in "".join(w[4] for w in body):
            continued.append(number)
    assert len(continued) >= 8, continued  # 3,000 characters over 7 slides, 40 lines over 4
    for number in (continued[0] - 1, continued[0], continued[-1]):
        subprocess.run(
            [_tool("pdftoppm"), "-r", "80", "-png", "-f", str(number), "-l", str(number),
             str(pdf), str(out / "slide")],
            capture_output=True, timeout=CONVERT_TIMEOUT_S, check=True,
        )  # fmt: skip
    assert len(list(out.glob("slide-*.png"))) == 3
