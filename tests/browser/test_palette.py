"""The colour scheme toggle (overrides/partials/palette.html and partials/javascripts/palette.html).

The scheme is set while the page is parsed, so it holds without Material's bundle; the reader's
choice is kept (in Material's storage format) and wins over the system's scheme; until there is a
choice, the page follows the system's scheme, also when it changes; the toggle works with the
keyboard; the browser's theme-color follows.
"""

from __future__ import annotations

import contextlib
import time

import pytest

from .conftest import IN_FLIGHT, SCHEME, sweep

VISIBLE_TOGGLE = "form[data-rse-palette] label:not([hidden])"


@contextlib.contextmanager
def _browsing(chromium, site_url, scheme: str, *, bundle: bool = True, **options):
    """A page of a new context (desktop size unless ``options`` say otherwise) whose requests stay
    on the local site, without Material's bundle when ``bundle`` is False; a JavaScript error fails."""
    context = chromium.new_context(**{"viewport": {"width": 1280, "height": 900}, **options},
                                   color_scheme=scheme, service_workers="block")

    def route(r):
        url = r.request.url
        if not url.startswith((site_url, "data:", "blob:")) or (not bundle and "/javascripts/bundle." in url):
            r.abort()
        else:
            r.continue_()

    context.route("**/*", route)
    errors: list[str] = []
    page = context.new_page()
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.rse_errors = errors
    try:
        yield page
        assert not errors, errors
    finally:
        context.close()


@pytest.mark.parametrize(("system", "expected"), [("dark", "slate"), ("light", "default")])
def test_first_paint_has_the_system_scheme_without_materials_bundle(chromium, site_url, system, expected):
    with _browsing(chromium, site_url, system, bundle=False) as page:
        page.goto(site_url + "en/contrastes/", wait_until="load")
        assert page.evaluate("typeof window.component$") == "undefined"  # the bundle did not run
        assert page.evaluate(SCHEME) == expected
        assert page.locator(VISIBLE_TOGGLE).count() == 1
        # html.no-js -> js is done in <head> too: the search button is there from the first paint
        assert page.evaluate("document.documentElement.className") == "js"
        assert page.locator(".md-header .md-search").is_visible()


@pytest.mark.parametrize("system", ["light", "dark"])
def test_nothing_moves_while_a_page_loads_on_a_phone(chromium, site_url, system):
    """No layout shift (Lighthouse CLS): the toggle and the header's buttons are in place from the first paint."""
    with _browsing(chromium, site_url, system, viewport={"width": 412, "height": 823}, is_mobile=True, has_touch=True) as page:
        observer = ("window.rseShifts = []; new PerformanceObserver(list => { for (const e of list.getEntries())"
                    " rseShifts.push([e.value, e.sources.map(s => s.node && s.node.nodeName)]); })"
                    ".observe({type: 'layout-shift', buffered: true});")
        tabs = [page] + [page.context.new_page() for _ in range(IN_FLIGHT - 1)]  # same context, init script, error check
        for tab in tabs:
            tab.add_init_script(observer)
        for tab in tabs[1:]:
            tab.on("pageerror", lambda exc: page.rse_errors.append(str(exc)))

        def start(tab, rel):
            tab.goto(site_url + rel, wait_until="load")
            return time.monotonic()

        def finish(tab, rel, loaded):  # shifts up to 300 ms after the load event
            tab.wait_for_timeout(max(0, 300 - 1000 * (time.monotonic() - loaded)))
            return tab.evaluate("rseShifts")

        rels = ("", "contrastes/", "contrastes/invitation/", "en/", "en/contrastes/", "en/piliers/")
        found = sweep(tabs, rels, start, finish)  # several tabs at once (conftest.sweep): the waits overlap
        assert len(found) == len(rels)
        shifts = {rel: found[rel] for rel in rels if found[rel]}
        assert not shifts, shifts


def test_the_readers_choice_is_kept_and_wins_over_the_system(chromium, site_url):
    with _browsing(chromium, site_url, "dark") as page:
        page.goto(site_url, wait_until="load")
        assert page.evaluate(SCHEME) == "slate"
        toggle = page.locator(VISIBLE_TOGGLE)
        assert toggle.get_attribute("title") == "Passer en mode clair"
        toggle.click()
        assert page.evaluate(SCHEME) == "default"
        assert page.locator(VISIBLE_TOGGLE).get_attribute("title") == "Passer en mode sombre"
        page.wait_for_function("() => !document.body.hasAttribute('data-md-color-switching')")
        stored = page.evaluate("__md_get('__palette')")
        assert stored["index"] == 0 and stored["color"]["scheme"] == "default", stored
        theme = page.evaluate("document.querySelector('meta[name=theme-color]').content")
        header = page.evaluate("getComputedStyle(document.querySelector('.md-header')).backgroundColor")
        assert theme.startswith("#") and [int(theme[i:i + 2], 16) for i in (1, 3, 5)] == \
            [int(x) for x in header[header.index("(") + 1:header.index(")")].split(",")[:3]]
        page.goto(site_url + "en/", wait_until="load")  # another page, the other language: same choice
        assert page.evaluate(SCHEME) == "default"
        page.emulate_media(color_scheme="light")
        page.emulate_media(color_scheme="dark")
        page.wait_for_timeout(100)
        assert page.evaluate(SCHEME) == "default"  # a choice is not undone by the system


def test_without_a_choice_the_page_follows_the_system(chromium, site_url):
    with _browsing(chromium, site_url, "light") as page:
        page.goto(site_url + "piliers/", wait_until="load")
        assert page.evaluate(SCHEME) == "default"
        page.emulate_media(color_scheme="dark")
        page.wait_for_function(f"() => {SCHEME} === 'slate'")
        assert page.evaluate("__md_get('__palette')") is None  # following the system is not a choice
        assert page.locator(VISIBLE_TOGGLE).get_attribute("title") == "Passer en mode clair"


def test_the_toggle_works_with_the_keyboard(chromium, site_url):
    with _browsing(chromium, site_url, "light") as page:
        page.goto(site_url + "en/", wait_until="load")
        page.focus("form[data-rse-palette] input:checked")
        page.keyboard.press("Enter")
        assert page.evaluate(SCHEME) == "slate"
        assert page.evaluate("document.activeElement.matches('form[data-rse-palette] input:checked')")
        page.keyboard.press("Enter")
        assert page.evaluate(SCHEME) == "default"
