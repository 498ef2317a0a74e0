"""The card deck prints as cut-out cards: Chromium prints /formateurs/cartes/ to PDF on A4 and on
Letter; every sheet is one page of four fronts followed by one page of their backs, each front's
QR code decodes (zbar) to its page's public address, and each back sits in the mirrored column of
its front, on the same row, so that long-edge duplex puts it behind its front.

The PDF pages are drawn with poppler (pdftoppm) and their words located with pdftotext -bbox
(Debian's poppler-utils); without them the test is skipped, except with CI=true.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .conftest import IN_FLIGHT, _unavailable

POINTS_PER_MM = 72 / 25.4
SIZES = {"A4": (210, 297), "Letter": (215.9, 279.4)}


@pytest.fixture(scope="module")
def poppler():
    if not (shutil.which("pdftoppm") and shutil.which("pdftotext")):
        _unavailable("poppler-utils (pdftoppm, pdftotext) is not installed; apt-get install poppler-utils")


def words(pdf: Path, number: int) -> list[tuple[float, float, str]]:
    """(x, y, word) of every word of one PDF page, in points from the top left."""
    out = subprocess.run(["pdftotext", "-bbox", "-f", str(number), "-l", str(number), str(pdf), "-"],
                         capture_output=True, text=True, check=True).stdout
    return [(float(x), float(y), w) for x, y, w in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)</word>', out)]


def draw_pages(pdf: Path, count: int, folder: Path) -> list[Path]:
    """Every page of ``pdf`` drawn at 200 dpi by pdftoppm (one process a page, as many at once as
    conftest.IN_FLIGHT: poppler draws on one core); the PNG files, in page order."""
    def draw(number: int) -> Path:
        out = folder / f"page-{number:03d}"
        subprocess.run(["pdftoppm", "-r", "200", "-png", "-singlefile", "-f", str(number), "-l", str(number), str(pdf), str(out)],
                       check=True)
        return out.with_suffix(".png")

    with ThreadPoolExecutor(max_workers=IN_FLIGHT) as pool:
        return list(pool.map(draw, range(1, count + 1)))


def find(page_words, phrase: str) -> tuple[float, float]:
    """Top left of the first occurrence of ``phrase`` (words in sequence) on a page."""
    wanted = phrase.split()
    texts = [w for _, _, w in page_words]
    for i in range(len(texts) - len(wanted) + 1):
        if texts[i:i + len(wanted)] == wanted:
            return page_words[i][0], page_words[i][1]
    raise AssertionError(f"{phrase!r} is not on the page: {' '.join(texts)[:300]}")


@pytest.mark.parametrize("path,paper", [("formateurs/cartes/", "A4"), ("en/formateurs/cartes/", "Letter")])
def test_the_deck_prints_four_cards_a_sheet_with_backs_behind_their_fronts(page, site_url, qr_decode, poppler,
                                                                          tmp_path, screenshots, path, paper):
    from PIL import Image
    from pypdf import PdfReader

    page.goto(site_url + path, wait_until="load")
    sheets = page.eval_on_selector_all(".rse-sheet--front", """sheets => sheets.map(s => [...s.querySelectorAll('.rse-card')]
        .map(c => ({id: c.dataset.id, address: c.dataset.address, kind: c.querySelector('.rse-card__kind').textContent.trim()})))""")
    cards = [card for sheet in sheets for card in sheet]
    assert len(cards) >= 14 and all(len(sheet) == 4 for sheet in sheets[:-1]) and 1 <= len(sheets[-1]) <= 4
    pdf = tmp_path / f"cards-{paper}.pdf"
    pdf.write_bytes(page.pdf(format=paper, print_background=True))

    reader = PdfReader(str(pdf))
    assert len(reader.pages) == 2 * math.ceil(len(cards) / 4) == 2 * len(sheets)
    width_mm, height_mm = SIZES[paper]
    for p in reader.pages:
        assert (round(float(p.mediabox.width) / POINTS_PER_MM), round(float(p.mediabox.height) / POINTS_PER_MM)) == \
            (round(width_mm), round(height_mm))
    half = float(reader.pages[0].mediabox.width) / 2

    images = draw_pages(pdf, len(reader.pages), tmp_path)
    assert len(images) == len(reader.pages) and all(image.is_file() for image in images)
    codes = [qr_decode(image.read_bytes()) for image in images]  # every page decoded once
    for n, sheet in enumerate(sheets):
        front, back = 2 * n + 1, 2 * n + 2
        assert sorted(codes[front - 1]) == sorted(card["address"] for card in sheet), (paper, front)
        assert codes[back - 1] == [], (paper, back)  # backs carry the questions only
        front_words, back_words = words(pdf, front), words(pdf, back)
        for card in sheet:
            kind = card["kind"].upper()
            (fx, fy), (bx, by) = find(front_words, kind), find(back_words, kind + " ·")
            assert (fx < half) != (bx < half), (paper, card["id"], "the back is not in the mirrored column")
            assert abs(fy - by) < 2 * POINTS_PER_MM, (paper, card["id"], "the back is not on the same row")
        if screenshots is not None and n == 0:
            for number in (front, back):
                Image.open(images[number - 1]).save(screenshots / f"cards-{paper}-page{number}.png")
    # no card is missing from the PDF, none is repeated
    all_codes = [code for n in range(len(sheets)) for code in codes[2 * n]]
    assert sorted(all_codes) == sorted(card["address"] for card in cards)
