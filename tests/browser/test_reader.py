"""What readers found in a browser (the pillars matrix, search without accents, keyboard focus,
printing from the dark scheme), proven in chromium on the real built site.

Every test uses the session's one browser and built site (tests/browser/conftest.py) through the
``page`` fixture (a fresh context: local requests only, no JavaScript error).
"""

from __future__ import annotations

import re

import pytest

from .test_i18n_browser import search

# 150 % zoom of a 1280 px projector screen: 853 CSS pixels
WIDTHS = {"phone": (360, 740), "laptop": (1280, 900), "projected": (853, 600)}


@pytest.mark.parametrize("path", ["piliers/", "en/piliers/"])
@pytest.mark.parametrize("width", WIDTHS)
def test_the_matrix_shows_every_column_with_its_row_labels(page, site_url, path, width, screenshots):
    w, h = WIDTHS[width]
    page.set_viewport_size({"width": w, "height": h})
    page.goto(site_url + path)
    wrap = page.locator("[data-rse=matrix]")
    wrap.scroll_into_view_if_needed()
    box = wrap.bounding_box()
    # the whole table inside its box: no column cut off, nothing to scroll sideways
    assert wrap.evaluate("el => el.scrollWidth - el.clientWidth") <= 1, width
    columns = page.locator("[data-rse=matrix] thead th[data-id]")
    assert columns.count() == 10
    for i in range(columns.count()):
        col = columns.nth(i).bounding_box()
        assert box["x"] - 1 <= col["x"] and col["x"] + col["width"] <= box["x"] + box["width"] + 1, (width, i)
    # every pillar's name in view beside its cells, and the page itself never scrolls sideways
    for label in page.locator("[data-rse=matrix] tbody th").all():
        rect = label.bounding_box()
        assert rect["x"] >= box["x"] - 1 and rect["width"] > 30, width
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    if screenshots:
        page.screenshot(path=str(screenshots / f"matrix-{path.strip('/').replace('/', '-')}-{width}.png"))


def test_the_matrix_keeps_its_row_labels_in_view_when_its_box_scrolls(page, site_url):
    """Sticky row labels: should the matrix ever be wider than its box (a longer label, a new
    column), the pillar names stay at its left edge."""
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site_url + "piliers/")
    page.locator("[data-rse=matrix] table").evaluate("t => { t.style.minWidth = '900px'; }")
    wrap = page.locator("[data-rse=matrix]")
    left = wrap.bounding_box()["x"]
    wrap.evaluate("el => { el.scrollLeft = el.scrollWidth; }")
    label = page.locator("[data-rse=matrix] tbody th").first.bounding_box()
    assert abs(label["x"] - left) <= 2, (label, left)


# typed without accents -> typed with them: both find the same pages, at least one
ACCENTLESS = {
    "fr": {"hierarchie": "hiérarchie", "reseau": "réseau", "controle": "contrôle"},
    "en": {"meme": "même", "reseaux": "réseaux"},
}


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_search_finds_words_typed_without_their_accents(page, site_url, lang, screenshots):
    root = "" if lang == "fr" else "en/"
    page.goto(site_url + root)
    box = page.locator("input.md-search__input")
    for bare, accented in ACCENTLESS[lang].items():
        found = {}
        for typed in (bare, accented):
            _, paths = search(page, typed)
            found[typed] = set(paths)
            marks = page.locator(".md-search-result mark").all_inner_texts()
            # results show the text as written, accents included, with the word highlighted
            assert any(accented.lower()[:4] in m.lower() for m in marks), (typed, marks[:5])
            if screenshots and typed == bare:
                page.screenshot(path=str(screenshots / f"search-accentless-{lang}-{bare}.png"))
            box.fill("")
        assert found[bare] and found[bare] == found[accented], (bare, found)


@pytest.mark.parametrize(("path", "typed", "word"), [("contrastes/invitation/", "confiance", "confiance"),
                                                     ("en/contrastes/invitation/", "trust", "trust")])
def test_a_search_result_opens_with_the_searched_word_marked(page, site_url, path, typed, word):
    """search.highlight: the page a result opens marks the words searched for (the ?h= Material adds
    to its links). A visit without it does not fetch the search index (rse-lazy-search.html)."""
    def index_requests() -> list[str]:
        return [u for u in page.evaluate("performance.getEntriesByType('resource').map(e => e.name)") if "search_index" in u]

    page.goto(site_url + path, wait_until="load")
    page.wait_for_timeout(300)
    assert index_requests() == [] and page.locator("article mark[data-md-highlight]").count() == 0
    page.goto(site_url + path + "?h=" + typed, wait_until="load")
    page.wait_for_function("() => document.querySelectorAll('article mark[data-md-highlight]').length > 0", timeout=10_000)
    marked = page.locator("article mark[data-md-highlight]").all_inner_texts()
    assert marked and all(m.lower().startswith(word[:4]) for m in marked), marked


def _header_bottom(page) -> float:
    return page.evaluate("document.querySelector('.md-header').getBoundingClientRect().bottom")


@pytest.mark.parametrize("path", ["en/commentaire/"])  # a long page of links, headings and permalinks
def test_keyboard_focus_is_never_hidden_under_the_sticky_header(page, site_url, path):
    """WCAG 2.2 SC 2.4.11, both ways through the page (Shift+Tab scrolls up under the header)."""
    page.set_viewport_size({"width": 1280, "height": 600})
    page.goto(site_url + path)
    header = _header_bottom(page)
    # The focused element is the one drawn at its own centre (or inside it): not under the header
    # (Material's colour scheme radios are invisible: their label shows the focus)
    probe = """async () => { await new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)));
        let el = document.activeElement; if (!el || el === document.body) return null;
        if (el.matches('input.md-option') && el.id) el = document.querySelector(`label[for="${el.id}"]`) || el;
        const r = el.getBoundingClientRect(); const visible = getComputedStyle(el).visibility !== 'hidden';
        const x = Math.min(Math.max(r.left + r.width / 2, 0), innerWidth - 1), y = Math.min(Math.max(r.top + r.height / 2, 0), innerHeight - 1);
        const drawn = document.elementFromPoint(x, y);
        return {top: r.top, height: r.height, tag: el.tagName, text: (el.textContent || '').trim().slice(0, 40),
                inHeader: !!el.closest('.md-header'), search: !!el.closest('.md-search__output'), visible,
                onTop: !!drawn && (drawn === el || el.contains(drawn) || drawn.contains(el)),
                under: drawn ? (drawn.closest('.md-header') ? 'header' : drawn.tagName) : null}; }"""
    seen, history = 0, []
    for key in ["Tab"] * 45 + ["End"] + ["Shift+Tab"] * 45:
        page.keyboard.press(key)
        if key == "End":
            page.evaluate("document.activeElement && document.activeElement.blur(); window.scrollTo(0, document.body.scrollHeight)")
            page.locator("footer a").last.focus()
            continue
        info = page.evaluate(probe)
        if info is not None and not info["onTop"]:  # closing search fades its overlay out (250 ms)
            page.wait_for_timeout(400)
            info = page.evaluate(probe)
        if info is None or info["inHeader"] or info["height"] == 0:
            continue
        assert not info["search"], f"the closed search results box took the focus: {info}"
        assert info["visible"], info
        seen += 1
        history.append((key, info["text"][:15], round(info["top"])))
        assert info["onTop"], f"{key}: focus hidden (under {info['under']}; header ends at {header}px): {info} after {history[-6:]}"
    assert seen > 30


def test_the_closed_search_results_box_is_not_a_tab_stop(page, site_url):
    page.goto(site_url)
    assert page.locator(".md-search__scrollwrap").evaluate("el => getComputedStyle(el).visibility") == "hidden"
    page.locator("input.md-search__input").click()
    assert page.locator(".md-search__scrollwrap").evaluate("el => getComputedStyle(el).visibility") == "visible"


def test_back_to_top_button_covers_no_content(page, site_url):
    for width, height in ((1280, 800), (360, 740)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(site_url + "commentaire/")
        page.mouse.wheel(0, 3000)
        page.wait_for_timeout(100)
        page.mouse.wheel(0, -400)  # Material shows the button when the reader scrolls back up
        page.wait_for_timeout(300)
        button = page.locator(".md-top")
        if not button.is_visible():
            continue
        rect = button.bounding_box()
        content = page.locator(".md-content").bounding_box()
        overlap = not (rect["x"] + rect["width"] <= content["x"] or rect["x"] >= content["x"] + content["width"])
        assert not overlap, (width, rect, content)


def _contrast_on_white(rgb: tuple[float, ...]) -> float:
    r, g, b, a = (*rgb, 1.0)[:4]
    r, g, b = (c * a + 255 * (1 - a) for c in (r, g, b))  # over white paper

    def lum(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 1.05 / (0.2126 * lum(r) + 0.7152 * lum(g) + 0.0722 * lum(b) + 0.05)


@pytest.mark.parametrize("path", ["contrastes/invitation/", "contrastes/", "en/commentaire/", "piliers/"])
def test_printing_from_the_dark_scheme_gives_dark_text_on_white(chromium, site_url, path):
    context = chromium.new_context(color_scheme="dark", service_workers="block")
    try:
        page = context.new_page()
        page.goto(site_url + path)
        page.emulate_media(media="print")
        # Material's links fade their colour (CSS transitions): read the colours once every transition has ended
        page.wait_for_function("() => !document.getAnimations().some(a => a instanceof CSSTransition)")
        colours = page.evaluate("""() => [...document.querySelectorAll('.md-content *')]
            .filter(el => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim()) && el.getClientRects().length)
            .map(el => [getComputedStyle(el).color, el.className || el.tagName, el.textContent.trim().slice(0, 30)])""")
    finally:
        context.close()
    assert len(colours) > 20
    faint = []
    for colour, where, text in colours:
        numbers = tuple(float(x) for x in re.findall(r"[\d.]+", colour))
        if _contrast_on_white(numbers) < 4.5:
            faint.append((colour, where, text))
    assert not faint, faint[:10]
