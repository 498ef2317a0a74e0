"""A workshop plan's presenter view (rse-plan-present.js, opened from the plan page, kind 'plan'):
one step at a time over the whole window, driven by the keyboard, its step kept in the address,
its countdown run on Playwright's fake clock (no sleeps), never on paper, absent without JavaScript."""

from __future__ import annotations

import re

import pytest

from .conftest import axe_violations, start_axe

PLAN = "contrastes/invitation/atelier/"
WORDS = {"fr": {"step": "Étape", "of": "sur", "over": "Temps écoulé", "start": "Démarrer", "pause": "Pause", "resume": "Reprendre"},
         "en": {"step": "Step", "of": "of", "over": "Time is up", "start": "Start", "pause": "Pause", "resume": "Resume"}}
# The plan's steps as the page's table shows them (what the presenter view must show, one at a time).
STEPS = """() => [...document.querySelectorAll('.rse-plan__steps tbody tr')].map(row => {
    const clock = row.querySelector('.rse-plan__clock'), text = el => el ? el.textContent.replace(/\\s+/g, ' ').trim() : '';
    return {title: text(row.querySelector('.rse-plan__name') || row.querySelector('td')), what: text(row.querySelector('.rse-plan__text')),
            clock: text(clock),
            minutes: clock.dataset.end - clock.dataset.offset,
            notes: [...row.querySelectorAll('.rse-plan__say, .rse-plan__watch')].map(text)}; })"""
SHOWN = """() => { const box = document.getElementById('rse-present'), text = s => box.querySelector(s).textContent.replace(/\\s+/g, ' ').trim();
    return {n: text('.rse-present__n'), title: text('.rse-present__title'), rest: text('.rse-present__do'), clock: text('.rse-present__clock'),
            time: text('.rse-present__time'), toggle: box.querySelector('.rse-present__toggle').innerText.trim(),
            notes: [...box.querySelectorAll('.rse-present__notes p')].map(p => p.textContent.replace(/\\s+/g, ' ').trim()),
            status: text('.rse-present__status'), focused: box.contains(document.activeElement)}; }"""


def root_of(lang: str) -> str:
    return "" if lang == "fr" else "en/"


def step_number(url: str) -> str | None:
    found = re.search(r"[?&]step=(\d+)", url)
    return found.group(1) if found else None


def assert_shows(shown: dict, step: dict, n: int, total: int) -> None:
    """The view shows step n (from 1) as the page's table has it: its place, its title and under it
    what to do (a break: its label alone), its clock times, say and watch for, its minutes."""
    assert shown["n"] == f"{n}/{total}"
    assert shown["title"] == step["title"] and shown["rest"] == step["what"], (shown, step)
    assert shown["clock"] == step["clock"] and shown["notes"] == step["notes"]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_presenter_view_goes_through_the_plan_by_keyboard_and_keeps_its_step(page, site_url, lang):
    words = WORDS[lang]
    page.clock.install()
    page.goto(f"{site_url}{root_of(lang)}{PLAN}?start=09:30")
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)  # time moves only when the test says so
    steps = page.evaluate(STEPS)
    total = len(steps)
    assert total >= 4 and all(s["clock"] for s in steps)
    assert not page.locator("#rse-present").is_visible()

    button = page.locator("#rse-plan-present")
    button.focus()
    page.keyboard.press("Enter")
    view = page.locator("#rse-present")
    view.wait_for(state="visible")
    shown = page.evaluate(SHOWN)
    assert shown["focused"]  # the keys go to the view from the start
    assert_shows(shown, steps[0], 1, total)
    assert shown["time"] == f"{steps[0]['minutes']:02d}:00" and shown["toggle"] == words["start"]
    assert step_number(page.url) == "1" and "start=09" in page.url
    assert page.evaluate("document.getElementById('rse-present').getBoundingClientRect().height") == page.viewport_size["height"]

    page.keyboard.press("ArrowRight")
    shown = page.evaluate(SHOWN)
    assert_shows(shown, steps[1], 2, total)
    assert shown["status"] == f"{words['step']} 2 {words['of']} {total} — {shown['title']}"  # said politely
    assert page.get_attribute(".rse-present__status", "aria-live") == "polite"
    page.keyboard.press("Space")
    assert_shows(page.evaluate(SHOWN), steps[2], 3, total)
    page.keyboard.press("ArrowLeft")
    assert_shows(page.evaluate(SHOWN), steps[1], 2, total)
    assert step_number(page.url) == "2"

    page.reload()  # the address keeps the place, and the start time
    view.wait_for(state="visible")
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)
    shown = page.evaluate(SHOWN)
    assert_shows(shown, steps[1], 2, total)
    assert shown["focused"] and shown["clock"].startswith("09:")

    minutes = steps[1]["minutes"]
    page.keyboard.press("p")  # start
    assert page.evaluate(SHOWN)["toggle"] == words["pause"]
    page.clock.run_for(61_000)
    assert page.evaluate(SHOWN)["time"] == f"{minutes - 2:02d}:59"
    page.keyboard.press("K")  # pause
    shown = page.evaluate(SHOWN)
    assert shown["toggle"] == words["resume"] and shown["time"] == f"{minutes - 2:02d}:59"
    page.clock.run_for(30_000)
    assert page.evaluate(SHOWN)["time"] == f"{minutes - 2:02d}:59"  # paused: the time stands still
    assert not page.locator(".rse-present__over").is_visible()
    page.get_by_role("button", name=words["resume"]).click()  # the same by mouse
    page.clock.run_for((minutes * 60 - 61) * 1000 + 4_000)  # what was left, and 4 s more
    shown = page.evaluate(SHOWN)
    assert shown["time"] == "+00:04"  # time is up: it says so and counts on
    assert page.locator(".rse-present__over").is_visible() and shown["status"] == words["over"]
    assert page.url.endswith(f"{root_of(lang)}{PLAN}?start=09%3A30&step=2")  # Material's 'p' (previous page) never ran

    page.keyboard.press("Escape")
    assert not view.is_visible()
    assert step_number(page.url) is None and "start=09" in page.url
    assert page.evaluate("document.activeElement.id") == "rse-plan-present"
    page.keyboard.press("ArrowRight")  # the keys are the page's again
    assert not view.is_visible() and step_number(page.url) is None
    page.keyboard.press("Enter")  # opens again where it was
    view.wait_for(state="visible")
    assert page.evaluate(SHOWN)["n"] == f"2/{total}"


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_presenter_view_stops_at_both_ends_and_its_buttons_work(page, site_url, lang):
    page.clock.install()
    page.goto(f"{site_url}{root_of(lang)}{PLAN}?step=1")  # opens at once, at the first step
    page.locator("#rse-present").wait_for(state="visible")
    page.clock.pause_at(page.evaluate("Date.now()") / 1000 + 1)
    total = len(page.evaluate(STEPS))
    previous, following = page.locator(".rse-present__prev"), page.locator(".rse-present__next")
    assert previous.get_attribute("aria-disabled") == "true"
    page.keyboard.press("p")
    page.clock.run_for(10_000)
    page.keyboard.press("ArrowLeft")  # nothing before the first step: nothing moves, the countdown runs on
    assert page.evaluate(SHOWN)["n"] == f"1/{total}" and page.evaluate(SHOWN)["time"].endswith(":50")
    following.click()
    assert page.evaluate(SHOWN)["n"] == f"2/{total}"
    page.keyboard.press("End")
    assert following.get_attribute("aria-disabled") == "true" and page.locator(".rse-present__end").is_visible()
    page.keyboard.press("ArrowRight")
    assert page.evaluate(SHOWN)["n"] == f"{total}/{total}"
    page.keyboard.press("Home")
    assert page.evaluate(SHOWN)["n"] == f"1/{total}"
    page.keyboard.press("Shift+Tab")  # the buttons are reached by the keyboard, with a visible focus
    focused = page.evaluate("""() => { const el = document.activeElement, style = getComputedStyle(el);
        return {inside: document.getElementById('rse-present').contains(el), tag: el.tagName, outline: style.outlineStyle}; }""")
    assert focused == {"inside": True, "tag": "BUTTON", "outline": "solid"}
    page.locator(".rse-present__leave").click()
    assert not page.locator("#rse-present").is_visible() and step_number(page.url) is None


def test_the_presenter_view_fits_a_phone(page, site_url, screenshots):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(f"{site_url}{PLAN}?start=14:00&step=2")
    view = page.locator("#rse-present")
    view.wait_for(state="visible")
    box = page.evaluate("""() => { const v = document.getElementById('rse-present');
        return {wide: v.scrollWidth, width: v.clientWidth, buttons: [...v.querySelectorAll('button')].map(b => {
            const r = b.getBoundingClientRect(); return [r.left, r.right, r.bottom, r.height]; })}; }""")
    assert box["wide"] <= box["width"] == 360
    for left, right, bottom, height in box["buttons"]:
        assert 0 <= left and right <= 360 and bottom <= 740 and height >= 24  # on screen, a target a finger finds
    if screenshots:
        page.screenshot(path=str(screenshots / "plan-presenter-phone.png"))


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_the_presenter_view_passes_axe(page, site_url, axe_source, scheme):
    page.emulate_media(color_scheme=scheme)
    page.clock.install()
    page.goto(f"{site_url}en/{PLAN}?step=3")
    page.locator("#rse-present").wait_for(state="visible")
    page.keyboard.press("p")
    page.clock.run_for(6 * 60_000)  # time is up: its colours too
    assert page.locator(".rse-present__over").is_visible()
    start_axe(page, axe_source)
    assert axe_violations(page) == []


def test_no_presenter_on_paper_nor_without_javascript(page, chromium, site_url):
    page.goto(f"{site_url}{PLAN}")
    assert page.locator("#rse-plan-present").is_visible()
    page.emulate_media(media="print")
    assert not page.locator("#rse-plan-present").is_visible()
    page.emulate_media(media="screen")
    page.locator("#rse-plan-present").click()
    page.locator("#rse-present").wait_for(state="visible")
    page.emulate_media(media="print")  # printed while presenting: the plan, not the view
    assert not page.locator("#rse-present").is_visible() and page.locator(".rse-plan__steps").is_visible()

    context = chromium.new_context(java_script_enabled=False)
    try:
        bare = context.new_page()
        bare.goto(f"{site_url}{PLAN}?step=2")
        assert not bare.locator("#rse-plan-present").is_visible() and not bare.locator("#rse-present").is_visible()
        assert bare.locator(".rse-plan__steps").is_visible()
    finally:
        context.close()
