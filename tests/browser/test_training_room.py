"""The training room in a browser: a workshop's one-page plan (kind 'plan') and the catalogue of
plans (kind 'catalogue'), on the real built site, in both languages."""

from __future__ import annotations

import re

import pytest

from .conftest import built_pages
from .test_print import print_pdf

PLANS = ("contrastes/controle", "contrastes/reciprocite", "piliers/strategie", "approches/anciens-modeles",  # the longest plans
         "contrastes/invitation")  # the longest canvas (its example wraps most in French)


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_a_start_time_turns_minutes_into_clock_times_kept_in_the_address(page, site_url, lang):
    root = "" if lang == "fr" else "en/"
    page.goto(f"{site_url}{root}contrastes/invitation/atelier/")
    clocks = page.locator(".rse-plan__clock")
    assert clocks.count() >= 4 and all(text == "" for text in clocks.all_inner_texts())  # no start time: minutes only
    page.fill("#rse-plan-start", "09:30")
    page.wait_for_function("() => document.querySelector('.rse-plan__clock').textContent !== ''")
    texts = clocks.all_inner_texts()
    offsets = [int(x) for x in clocks.evaluate_all("els => els.map(e => e.dataset.offset)")]
    for text, offset in zip(texts, offsets):
        start = 9 * 60 + 30 + offset
        assert text.startswith(f"{start // 60:02d}:{start % 60:02d}–"), (text, offset)
    assert "start=09%3A30" in page.url or "start=09:30" in page.url
    page.reload()  # the time comes back from the address
    assert page.input_value("#rse-plan-start") == "09:30"
    assert clocks.first.inner_text() == "09:30–" + texts[0].split("–")[1]


@pytest.mark.parametrize("paper", ["A4", "Letter"])
@pytest.mark.parametrize("path", PLANS)
def test_the_plan_prints_on_one_page_and_its_canvas_on_the_next(chromium, site_url, path, paper):
    pages = print_pdf(chromium, site_url, f"{path}/atelier/?start=14:00", paper, scheme="light")
    first = pages[0]["text"]
    assert "14:00–" in first  # the clock times are on paper
    assert len(pages) == 2, [p["text"][:80] for p in pages]  # the plan on one page, its canvas on the next
    assert re.search(r"Canevas|Canvas", pages[1]["text"]) and "14:00" not in pages[1]["text"]


def test_every_workshop_page_links_to_its_plan_and_every_plan_back(built_site):
    plans = [path for _, path in built_pages(built_site) if path.endswith("/atelier/")]
    assert len(plans) == 28  # 14 plans, both languages
    for path in plans:
        html = (built_site / path / "index.html").read_text(encoding="utf-8")
        assert 'data-rse="plan"' in html and "rse-plan__qr" in html and 'href="../#atelier"' in html
        page = (built_site / path / ".." / "index.html").read_text(encoding="utf-8")
        assert 'href="atelier/"' in page  # the page's workshop links to its printable plan


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_catalogue_filters_in_the_page_and_keeps_its_filters_in_the_address(page, site_url, lang):
    root = "" if lang == "fr" else "en/"
    page.goto(f"{site_url}{root}formateurs/ateliers/")
    rows = page.locator(".rse-catalogue__row")
    total = rows.count()
    assert total == 14 and page.locator("#rse-catalogue-filters").is_visible()
    visible = lambda: [r.get_attribute("data-id") for r in rows.all() if r.is_visible()]
    page.select_option("#rse-cat-duration", "60")
    shown = visible()
    durations = {r.get_attribute("data-id"): int(r.get_attribute("data-duration")) for r in rows.all()}
    assert shown == [i for i, d in durations.items() if d <= 60] and 0 < len(shown) < total
    page.fill("#rse-cat-group", "14")  # bigger than most plans' groups
    sizes = {r.get_attribute("data-id"): (int(r.get_attribute("data-min")), int(r.get_attribute("data-max"))) for r in rows.all()}
    assert visible() == [i for i in shown if sizes[i][0] <= 14 <= sizes[i][1]]
    assert "duration=60" in page.url and "group=14" in page.url
    page.reload()
    assert visible() == [i for i in shown if sizes[i][0] <= 14 <= sizes[i][1]]
    page.goto(f"{site_url}{root}formateurs/ateliers/?words=" + ("equipe" if lang == "fr" else "team"))  # accents do not matter
    words_hit = visible()
    assert 0 < len(words_hit) <= total
    assert page.locator(".md-search__input").input_value() == ""  # Material's own search stays closed


def test_the_catalogue_without_javascript_shows_every_plan(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "en/formateurs/ateliers/?duration=60")
        assert page.locator(".rse-catalogue__row").count() == 14
        assert all(r.is_visible() for r in page.locator(".rse-catalogue__row").all())
        assert not page.locator("#rse-catalogue-filters").is_visible()
        hrefs = page.locator(".rse-programme a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
        assert any(h.endswith("/atelier/") for h in hrefs) and any("diagnostic" in h for h in hrefs)
    finally:
        context.close()
