"""The card deck prints as cut-out cards: Chromium prints /formateurs/cartes/ to PDF on A4 and on
Letter; every sheet is one page of four fronts followed by one page of their backs, each front's
QR code decodes (zbar) to its page's public address, and each back sits in the mirrored column of
its front, on the same row, so that long-edge duplex puts it behind its front.

The PDF pages are drawn with poppler (pdftoppm) and their words located with pdftotext -bbox
(Debian's poppler-utils); without them the test is skipped, except with CI=true.
"""

from __future__ import annotations

import io
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


# ---- "Cards on screen are a dead end": what trainers measured, one test each ----

DECK = {"fr": "formateurs/cartes/", "en": "en/formateurs/cartes/"}
PUBLISHED = "https://rse.example.org/"  # the test build's site_url (mkdocs.yml's placeholder)
PHONE = {"width": 390, "height": 844}
# The tops of the cards of the first sheet (four fronts then four backs, in the document's order).
FIRST_PAIR = "() => [...document.querySelector('.rse-pair').querySelectorAll('.rse-card')].map(c => c.getBoundingClientRect().top)"


def fronts(page) -> list[dict]:
    """id, public address, kind line and the label link's resolved address of every card of the deck."""
    return page.eval_on_selector_all(".rse-pair .rse-card--front", """cards => cards.map(c => ({id: c.dataset.id,
        address: c.dataset.address, kind: c.querySelector('.rse-card__kind').textContent.trim(),
        link: c.querySelector('.rse-card__label a') && c.querySelector('.rse-card__label a').href}))""")


def layout_shift(page) -> list:
    """The layout shifts since the page began (value, and what moved), for Lighthouse's CLS."""
    return page.evaluate("""() => new Promise(done => { const seen = [];
        new PerformanceObserver(list => list.getEntries().forEach(e => seen.push([e.value, e.sources.map(s =>
            s.node ? (s.node.className || s.node.nodeName) + ' ' + JSON.stringify([s.previousRect.y, s.currentRect.y]) : '?')])))
            .observe({type: 'layout-shift', buffered: true});
        setTimeout(() => done(seen), 300); })""")


@pytest.mark.parametrize("lang", DECK)
def test_each_card_links_to_its_page_in_its_language(page, site_url, lang):
    page.goto(site_url + DECK[lang], wait_until="load")
    cards = fronts(page)
    assert len(cards) >= 14
    for card in cards:
        # the link goes where the QR code goes, on this site (the served copy, the offline copy)
        assert card["link"] == site_url + card["address"].removeprefix(PUBLISHED), card
        assert card["link"].startswith(site_url + ("en/" if lang == "en" else "")) and "/formateurs/" not in card["link"]
    for card in cards:
        assert page.request.get(card["link"]).status == 200, card["link"]
    page.click(f".rse-card--front[data-id='{cards[-1]['id']}'] .rse-card__label a")
    page.wait_for_load_state("load")
    assert page.url == cards[-1]["link"] and page.locator("html").get_attribute("lang") == lang


@pytest.mark.parametrize("lang", DECK)
def test_on_a_phone_each_back_follows_its_front_and_nothing_moves(chromium, site_url, screenshots, lang):
    context = chromium.new_context(viewport=PHONE, service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + DECK[lang], wait_until="load")
        assert layout_shift(page) == []  # the form and the checkboxes take no room the page had not kept
        boxes = page.eval_on_selector_all(".rse-pair .rse-card", """cards => cards.map(c => { const r = c.getBoundingClientRect();
            return {id: c.dataset.id, back: c.classList.contains('rse-card--back'), top: r.top + scrollY,
                    bottom: r.bottom + scrollY, left: r.left, width: r.width}; })""")
        by_top = sorted(boxes, key=lambda b: b["top"])
        # front 1, back 1, front 2, back 2...: each back right below its own front, same column
        assert [(b["id"], b["back"]) for b in by_top] == [(b["id"], flag) for b in by_top[::2] for flag in (False, True)]
        for front, back in zip(by_top[::2], by_top[1::2]):
            assert 0 <= back["top"] - front["bottom"] <= 8, (front, back)
            assert (back["left"], back["width"]) == (front["left"], front["width"]) and front["width"] >= 300
        assert [b["id"] for b in by_top[::2]] == [c["id"] for c in fronts(page)]  # in the deck's order
        if screenshots is not None:
            page.locator(".rse-deck").screenshot(path=str(screenshots / f"cards-{lang}-390.png"))
        page.emulate_media(media="print")  # paper keeps the sheets: four fronts, then their four backs
        first = page.evaluate(FIRST_PAIR)
        assert len(first) == 8 and max(first[:4]) < min(first[4:])
    finally:
        context.close()


@pytest.mark.parametrize("lang", DECK)
def test_on_a_wide_screen_the_sheets_keep_their_order(page, site_url, screenshots, lang):
    page.goto(site_url + DECK[lang], wait_until="load")
    assert layout_shift(page) == []
    tops = page.evaluate(FIRST_PAIR)
    assert len(tops) == 8 and max(tops[:4]) < min(tops[4:])  # the four fronts of sheet 1, then their backs
    if screenshots is not None:
        page.locator(".rse-deck").screenshot(path=str(screenshots / f"cards-{lang}-1280.png"))


def chosen_on_screen(page) -> tuple[list[str], str]:
    return (page.eval_on_selector_all(".rse-card--front input:checked", "bs => bs.map(b => b.closest('.rse-card').dataset.id)"),
            page.input_value(".rse-pick input[name=copies]"))


def places(page_words, phrase: str) -> list[tuple[float, float]]:
    """Top left of every occurrence of ``phrase`` (exactly those words in sequence) on a page."""
    wanted, texts = phrase.split(), [w for _, _, w in page_words]
    return [page_words[i][:2] for i in range(len(texts) - len(wanted) + 1) if texts[i:i + len(wanted)] == wanted]


@pytest.mark.parametrize("lang,paper", [("fr", "A4"), ("en", "Letter")])
def test_two_cards_three_copies_print_on_two_sheets_and_stay_in_the_address(page, site_url, qr_decode, poppler, tmp_path,
                                                                           screenshots, lang, paper):
    from pypdf import PdfReader

    page.goto(site_url + DECK[lang], wait_until="load")
    cards = {c["id"]: c for c in fronts(page)}
    wanted = ["invitation", "controle"]
    page.click(".rse-pick__none")
    for card_id in wanted:
        page.check(f".rse-card--front[data-id='{card_id}'] .rse-card__pick input")
    page.fill(".rse-pick input[name=copies]", "3")
    shared = site_url + DECK[lang] + "?cards=invitation,controle&copies=3"
    page.wait_for_url(lambda url: url == shared)  # history.replaceState: Playwright hears of it a moment later
    assert page.locator(".rse-pick__count b").all_inner_texts() == ["6", "2"]

    page.reload(wait_until="load")  # the choice survives a reload: it is in the address
    assert chosen_on_screen(page) == (wanted, "3")
    other = page.context.new_page()  # ... and a bookmark or a shared link opened elsewhere
    other.goto(page.url, wait_until="load")
    assert chosen_on_screen(other) == (wanted, "3")
    other.close()

    pdf = tmp_path / f"chosen-{paper}.pdf"
    pdf.write_bytes(page.pdf(format=paper, print_background=True))
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+4$", info, re.M), info  # 6 cards: 2 sheets, fronts and backs
    reader = PdfReader(str(pdf))
    half = float(reader.pages[0].mediabox.width) / 2
    images = draw_pages(pdf, 4, tmp_path)
    kinds = {card_id: cards[card_id]["kind"].upper() for card_id in cards}
    for sheet, on_sheet in enumerate([["invitation", "controle"] * 2, ["invitation", "controle"]]):
        front, back = 2 * sheet + 1, 2 * sheet + 2
        front_words, back_words = words(pdf, front), words(pdf, back)
        for card_id, kind in kinds.items():
            expected = on_sheet.count(card_id)
            placed_front, placed_back = places(front_words, kind), places(back_words, kind + " ·")
            assert (len(placed_front), len(placed_back)) == (expected, expected), (paper, front, card_id)  # only the chosen cards
            for fx, fy in placed_front:  # each back in the mirrored column, on the same row
                assert any((fx < half) != (bx < half) and abs(fy - by) < 2 * POINTS_PER_MM for bx, by in placed_back), \
                    (paper, card_id, fx, fy, placed_back)
        assert sorted(qr_decode(images[front - 1].read_bytes())) == sorted(cards[c]["address"] for c in on_sheet)
        assert qr_decode(images[back - 1].read_bytes()) == []
    if screenshots is not None:
        shutil.copy(pdf, screenshots / pdf.name)
        for number in (1, 2):
            shutil.copy(images[number - 1], screenshots / f"chosen-{paper}-page{number}.png")

    page.click(".rse-pick__all")  # all cards once again: the address is the deck's own
    page.fill(".rse-pick input[name=copies]", "1")
    page.wait_for_url(lambda url: url == site_url + DECK[lang])
    assert len(PdfReader(io.BytesIO(page.pdf(format=paper))).pages) == 2 * math.ceil(len(cards) / 4)


def test_without_javascript_the_whole_deck_prints_once(chromium, site_url, poppler, tmp_path):
    from pypdf import PdfReader

    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + DECK["fr"] + "?cards=invitation&copies=3", wait_until="load")  # the address alone does nothing
        assert not page.locator(".rse-pick").is_visible() and page.locator(".rse-card .rse-card__pick").count() == 0
        count_cards = page.locator(".rse-pair .rse-card--front").count()
        assert page.locator(".rse-pair .rse-card--front .rse-card__label a").count() == count_cards >= 14  # links need no script
        pdf = tmp_path / "nojs.pdf"
        pdf.write_bytes(page.pdf(format="A4"))
        assert len(PdfReader(str(pdf)).pages) == 2 * math.ceil(count_cards / 4)
    finally:
        context.close()


def test_the_script_is_loaded_on_the_card_pages_only(built_site):
    having = sorted(str(p.relative_to(built_site)) for p in built_site.rglob("*.html")
                    if "rse-cards.js" in p.read_text(encoding="utf-8"))
    assert having == ["en/formateurs/cartes/index.html", "formateurs/cartes/index.html"]
