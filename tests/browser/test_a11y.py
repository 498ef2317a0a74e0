"""Accessibility of every page, in both languages and both colour schemes (issue #5).

- axe-core (the copy shipped by the pinned axe-playwright-python package, injected by hand)
  reports no violation on any page: every rule in the light scheme, the colour rules again in
  the dark scheme;
- on a 360-px-wide phone no page scrolls sideways and the comparison table loses no column;
- the keyboard reaches every link and control of a page's content;
- the trainer's kit, the glossary tooltips and the offline-copy link work in a browser.
"""

from __future__ import annotations

import json

import pytest

from .conftest import axe_violations, open_tabs, site_pages, start_axe, sweep, watched_context

SCHEMES = {"light": "default", "dark": "slate"}
PHONE = {"width": 360, "height": 740}


def new_context(chromium, site_url, **options):
    """A browser context whose requests may not leave the local server."""
    context = chromium.new_context(service_workers="block", **options)
    foreign: list[str] = []

    def route(r):
        if r.request.url.startswith(site_url) or r.request.url.startswith(("data:", "blob:")):
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    context.rse_foreign = foreign
    return context


def run_axe(page, axe_source: str, rules: list[str] | None = None) -> list[dict]:
    start_axe(page, axe_source, rules)
    return axe_violations(page)


@pytest.mark.parametrize("scheme", list(SCHEMES))
@pytest.mark.parametrize("lang", ["fr", "en"])
def test_axe_reports_no_violation_on_any_page(desktop_visits, built_site, lang, scheme):
    """Read from the session's one visit of every page (conftest.desktop_visits): every rule in the
    light scheme, then the colour rules once the page has followed the system into the dark one."""
    pages = site_pages(built_site, lang)
    assert len(pages) > 10, pages
    seen = {rel: desktop_visits.pages[rel] for rel in pages}
    key = "" if scheme == "light" else "dark_"
    for rel in pages:
        assert seen[rel][key + "scheme"] == SCHEMES[scheme], rel
    found = {rel: visit[key + "violations"] for rel, visit in seen.items()}
    assert all(isinstance(violations, list) for violations in found.values())
    found = {rel: violations for rel, violations in found.items() if violations}
    assert not found, "axe-core violations:\n" + json.dumps(found, indent=1, ensure_ascii=False)
    assert not desktop_visits.rse_foreign, desktop_visits.rse_foreign
    assert not desktop_visits.rse_errors, desktop_visits.rse_errors


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_no_page_scrolls_sideways_on_a_phone(chromium, cached_site_url, built_site, lang):
    root = cached_site_url
    context = watched_context(chromium, root, viewport=PHONE, color_scheme="dark")
    pages = site_pages(built_site, lang)

    def finish(page, rel, _):
        page.wait_for_load_state("load")
        assert page.url == root + rel
        return page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")

    try:  # several tabs at once (conftest.sweep): the next page loads while this one is measured
        widths = sweep(open_tabs(context), pages, lambda page, rel: page.goto(root + rel, wait_until="commit"), finish)
    finally:
        context.close()
    assert len(widths) == len(pages)
    wide = {rel: width for rel, width in widths.items() if width[0] > width[1]}
    assert not wide, f"pages wider than a 360-px phone (scrollWidth, clientWidth): {wide}"
    assert not context.rse_foreign, context.rse_foreign
    assert not context.rse_errors, context.rse_errors


@pytest.mark.parametrize("path", ["piliers/", "en/piliers/"])
def test_every_link_of_the_matrix_is_a_24_px_target_on_a_phone(chromium, site_url, path, screenshots):
    """WCAG 2.2, 2.5.8 (target size, minimum): on a 390-px phone every link of the pillars matrix is
    at least 24 x 24 px (the column labels' links were 15 px wide, issue 21, item 7), and the matrix
    still fits its box."""
    context = new_context(chromium, site_url, viewport={"width": 390, "height": 844}, color_scheme="light")
    page = context.new_page()
    try:
        page.goto(site_url + path, wait_until="load")
        boxes = page.locator(".rse-matrix a").evaluate_all(
            "els => els.map(a => { const r = a.getBoundingClientRect(); return [a.textContent.trim(), r.width, r.height]; })")
        assert len(boxes) == 14  # 10 columns (contrasts and approaches), 4 pillars
        assert [(text, w, h) for text, w, h in boxes if w < 24 or h < 24] == []
        wrap = page.locator('.rse-table-wrap[data-rse="matrix"]').evaluate("w => [w.scrollWidth, w.clientWidth]")
        assert wrap[0] <= wrap[1], wrap
        if screenshots:
            page.locator(".rse-matrix").scroll_into_view_if_needed()
            page.screenshot(path=str(screenshots / f"phone-matrix-{path.strip('/').replace('/', '-')}.png"))
    finally:
        context.close()


@pytest.mark.parametrize("path", ["contrastes/", "en/contrastes/"])
def test_comparison_table_is_stacked_on_a_phone(chromium, site_url, path, screenshots):
    context = new_context(chromium, site_url, viewport=PHONE, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(site_url + path, wait_until="load")
        cells = page.locator(".rse-comparison-table tbody td, .rse-comparison-table tbody th")
        boxes = cells.evaluate_all("els => els.map(e => { const r = e.getBoundingClientRect(); "
                                   "return [r.left, r.right, e.innerText.trim().length]; })")
        assert len(boxes) >= 3 * 6
        for left, right, text in boxes:
            assert left >= 0 and right <= PHONE["width"] and text > 0, (left, right, text)
        labels = page.locator(".rse-comparison-table tbody td").evaluate_all(
            "els => els.map(e => getComputedStyle(e, '::before').content)")
        assert all(label not in ("none", "normal", '""') for label in labels), labels
        if screenshots:
            page.locator(".rse-comparison-table").scroll_into_view_if_needed()
            page.screenshot(path=str(screenshots / f"phone-table-{path.strip('/').replace('/', '-')}.png"))
    finally:
        context.close()


def test_keyboard_reaches_every_link_of_a_contrast_page(page, site_url):
    page.goto(site_url + "contrastes/controle/", wait_until="load")
    wanted = set(page.locator(".md-content a[href]:visible, .md-content button:visible, .md-content summary:visible")
                 .evaluate_all("els => els.map((e, i) => e.dataset.rseKey = 'k' + i)"))
    assert len(wanted) > 5
    reached = set()
    for _ in range(400):
        page.keyboard.press("Tab")
        key = page.evaluate("document.activeElement && document.activeElement.dataset.rseKey || ''")
        if key:
            reached.add(key)
        if reached == wanted:
            break
    assert reached == wanted, f"{len(wanted - reached)} of {len(wanted)} content links never got the focus"


def test_stance_is_said_in_words_to_assistive_technology(page, site_url):
    page.goto(site_url + "en/contrastes/controle/", wait_until="load")
    remarks = page.get_by_role("note")
    assert remarks.count() >= 2
    for i in range(remarks.count()):
        note = remarks.nth(i)
        name = note.get_attribute("aria-label")
        text = note.inner_text()
        stance = next(s for s in ("Agrees", "Qualifies", "Disagrees") if s in name)
        assert f"Stance: {stance}" in " ".join(text.split()), text


def test_glossary_terms_have_tooltips_and_a_page(page, site_url):
    page.goto(site_url + "contrastes/controle/", wait_until="load")
    abbr = page.locator("article abbr", has_text="CNIL").first
    assert "informatique et des libertés" in (abbr.get_attribute("title") or "")
    # keyboard and touch readers: focusing the term writes its definition out after it
    after = "el => getComputedStyle(el, '::after').content"
    assert abbr.evaluate(after) in ("none", "normal", "")
    abbr.focus()
    assert abbr.evaluate("el => document.activeElement === el")
    assert "informatique et des libertés" in abbr.evaluate(after)
    page.keyboard.press("Tab")  # focus moves on: the definition goes away
    assert abbr.evaluate(after) in ("none", "normal", "")
    page.goto(site_url + "en/glossaire/", wait_until="load")
    terms = page.locator("dl.rse-glossary dt").all_inner_texts()
    assert {"ESN", "RSE", "CNIL", "SaaS", "HBR"} <= set(terms)
    assert page.locator("dl.rse-glossary dt", has_text="RSE").get_attribute("lang") == "fr"


@pytest.mark.parametrize("path,lang", [("formateurs/", "fr"), ("en/formateurs/", "en")])
def test_trainer_kit_in_a_browser(page, site_url, path, lang, screenshots):
    page.goto(site_url + path, wait_until="load")
    cards = page.locator("article.rse-kit__item")
    assert cards.count() >= 14
    first = cards.first
    assert first.locator("img.rse-qr").count() == 2  # lazily loaded QR code files (tests/browser/test_qr.py scans them)
    first.locator("img.rse-qr").first.evaluate(
        "img => img.complete && img.naturalWidth > 0 || new Promise(done => img.addEventListener('load', done))")
    # the text for slides: a plain-text file beside the page, with the questions and the address
    href = page.locator(".rse-kit__slides a").first.get_attribute("href")
    slides = page.request.get(page.url + href)
    address = first.locator("figcaption a").first.inner_text()
    assert slides.ok and slides.headers["content-type"].startswith("text/plain")
    assert address in slides.text() and "1. " in slides.text()
    # the test build has no archive (./dev build makes it): no dead link (tests/browser/test_offline.py)
    assert page.locator("[data-rse=offline-archive] a").count() == 0
    if screenshots:
        first.screenshot(path=str(screenshots / f"trainer-card-{lang}.png"))
