"""Printed handouts (docs/assets/print.css), checked on PDFs printed by headless Chromium (issue #5).

A contrast page prints on A4 in portrait without the site's chrome, links followed by their
address and the page's own address (with its QR code) on the first page; the comparison table
and the matrix each print on one landscape page of their own, on A4 and on Letter.
"""

from __future__ import annotations

import io
import re
import unicodedata

import pytest

pypdf = pytest.importorskip("pypdf", reason="pip install -r requirements-dev.txt (pypdf)")

# Interface text of the site's chrome (skip link, search, tabs, footer): never on paper.
CHROME = {
    "fr": ["Aller au contenu", "Rechercher", "Réalisé avec", "Précédent", "Suivant", "Passer en mode"],
    "en": ["Skip to content", "Search", "Made with", "Previous", "Next", "Switch to"],
}


def print_pdf(chromium, site_url, path: str, paper: str, scheme: str = "dark"):
    """Print a page as a reader would (dark scheme on screen: paper must still be white)."""
    context = chromium.new_context(color_scheme=scheme, service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + path, wait_until="load")
        data = page.pdf(format=paper, prefer_css_page_size=True, print_background=True)
    finally:
        context.close()
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = []
    for p in reader.pages:
        box = p.mediabox
        text = " ".join((p.extract_text() or "").split())
        pages.append({"landscape": float(box.width) > float(box.height), "text": text,
                      "size": (round(float(box.width)), round(float(box.height)))})
    return pages


def assert_no_chrome(pages, lang):
    text = " ".join(p["text"] for p in pages)
    for label in CHROME[lang]:
        assert not re.search(rf"(?<!\w){re.escape(label)}(?!\w)", text), f"'{label}' printed: {text[:300]}"


@pytest.mark.parametrize("paper,size", [("A4", (595, 842)), ("Letter", (612, 792))])
def test_contrast_page_prints_as_a_clean_handout(chromium, site_url, paper, size):
    pages = print_pdf(chromium, site_url, "contrastes/invitation/", paper)
    assert 1 <= len(pages) <= 3, [p["text"][:80] for p in pages]
    assert all(abs(p["size"][0] - size[0]) <= 2 and abs(p["size"][1] - size[1]) <= 2 for p in pages), [p["size"] for p in pages]
    assert_no_chrome(pages, "fr")
    first = pages[0]["text"]
    assert "Invitation : invités par des proches" in first[:200]
    # the page's own address (next to its QR code), and links written out
    assert "Adresse de cette page" in first and "https://rse.example.org/contrastes/invitation/" in first.replace(" ", "")
    all_text = " ".join(p["text"] for p in pages)
    assert "<https://rse.example.org/piliers/engagement/>" in all_text.replace(" ", "")  # wrapped lines
    # no claim box is split: each side's heading and its claim are on the same page
    for side, claim in (("Vie personnelle", "Nous sommes généralement invités"), ("En entreprise", "On nous demande souvent de l’utiliser")):
        assert any(side in p["text"] and claim in p["text"] for p in pages), side


@pytest.mark.parametrize("path,lang,caption,labels", [
    ("contrastes/", "fr", "les contrastes relevés par l’article", ["Invitation", "Contrôle", "Adaptation à la tâche"]),
    ("en/contrastes/", "en", "the contrasts the article draws", ["Invitation", "Control", "Fit to the task"]),
    ("piliers/", "fr", "quel pilier répond à quel contraste", ["Stratégie", "Technologie", "Injonction"]),
    # labels whole, not cut inside a word ("Invitatio n", "Reciprocit y")
    ("en/piliers/", "en", "which pillar answers which contrast", ["Invitation", "Reciprocity", "Control", "Personal engagement"]),
])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_wide_table_prints_alone_on_one_landscape_page(chromium, site_url, path, lang, caption, labels, paper):
    pages = print_pdf(chromium, site_url, path, paper)
    holding = [i for i, p in enumerate(pages) if caption in p["text"]]
    assert len(holding) == 1, [p["text"][:100] for p in pages]
    wide = pages[holding[0]]
    assert wide["landscape"], wide["size"]
    # the whole table on that page: every row (the last one too)
    for label in labels:
        assert label in wide["text"], (label, wide["text"][:400])
    # the rest of the page is portrait, and there is no chrome anywhere
    assert [p["landscape"] for p in pages].count(True) == 1
    assert_no_chrome(pages, lang)


# The entries of the trainer's kit as the page shows them, kind by kind: title, its plan's printed
# address and the addresses under its QR codes.
KIT_ENTRIES = """kits => kits.map(kit => [...kit.querySelectorAll("article.rse-kit__item")].map(entry => ({
  title: entry.querySelector("h3").textContent.replace("¶", ""),
  plan: entry.querySelector(".rse-kit__more a").dataset.printHref,
  addresses: [...entry.querySelectorAll("figcaption a")].map(a => a.textContent),
})))"""


@pytest.mark.parametrize("path,lang", [("formateurs/", "fr"), ("en/formateurs/", "en")])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_trainer_kit_prints_two_entries_a_page(chromium, site_url, path, lang, paper):
    """The trainer's kit on paper: the head of the page alone, then two entries a page in order, each
    kind from a new page, no entry split (its title, its plan's address and the addresses of its two QR
    codes on one page), QR codes at least 25 mm wide, and no chrome."""
    context = chromium.new_context(service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + path, wait_until="load")
        kinds = page.eval_on_selector_all(".rse-kit", KIT_ENTRIES)
        page.emulate_media(media="print")
        widths = page.eval_on_selector_all("article.rse-kit__item img.rse-qr", "imgs => imgs.map(img => img.getBoundingClientRect().width)")
    finally:
        context.close()
    assert len(kinds) == 3 and sum(len(kind) for kind in kinds) >= 14, kinds  # contrasts, approaches, pillars
    assert len(widths) == 2 * sum(len(kind) for kind in kinds) and min(widths) >= 25 / 25.4 * 96, widths  # CSS px
    pages = print_pdf(chromium, site_url, path, paper)
    # printed text wraps addresses and titles anywhere, and its "fl" may be a ligature
    flat = lambda text: "".join(unicodedata.normalize("NFKC", text).split())
    texts = [flat(p["text"]) for p in pages]
    printed_on, wanted = [], []
    first = 1  # the head of the page (introduction, preparation, offline copy) is page 0
    for kind in kinds:
        for n, entry in enumerate(kind):
            holding = [i for i, text in enumerate(texts) if flat(entry["title"]) in text]
            assert len(holding) == 1, (entry["title"], holding)
            text = texts[holding[0]]
            assert flat(entry["plan"]) in text and all(flat(a) in text for a in entry["addresses"]), (entry, pages[holding[0]]["text"])
            printed_on.append(holding[0])
            wanted.append(first + n // 2)
        first += (len(kind) + 1) // 2
    assert printed_on == wanted, [p["text"][:60] for p in pages]
    assert len(pages) == first  # 14 entries: the head and 3 + 2 + 2 pages
    assert all(p["size"] == pages[0]["size"] and not p["landscape"] for p in pages)
    assert_no_chrome(pages, lang)
