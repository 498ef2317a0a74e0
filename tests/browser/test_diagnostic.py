"""The team diagnostic: ticks live in the address (share it, reload it: same state), the result
ranks contrasts and approaches and names the pillars that answer them, it works with the
keyboard alone and is announced (aria-live), and without JavaScript the page is still a checklist.
The script is loaded on that page only."""

from __future__ import annotations

import pytest
import yaml

from sitebuild import ROOT
from rse import typography



UI = yaml.safe_load((ROOT / "hooks/rse/ui.yml").read_text(encoding="utf-8"))
UI["fr"] = {key: typography.french_text(value) if isinstance(value, str) else value
            for key, value in UI["fr"].items()}  # as the French pages show them: typeset


PUBLISHED = "https://rse.example.org/"  # the test build's site_url (mkdocs.yml's placeholder)


def ticked(page) -> list[str]:
    return page.eval_on_selector_all("#rse-diagnostic input:checked", "boxes => boxes.map(b => b.value)")


def ranked(page) -> list[str]:
    return page.eval_on_selector_all(".rse-diagnostic__ranked > li", "items => items.map(i => i.dataset.id)")


def pillars(page) -> list[str]:
    return page.eval_on_selector_all(".rse-diagnostic__pillars > li", "items => items.map(i => i.dataset.id)")


def test_ticks_go_into_the_address_and_come_back_from_it(page, site_url, screenshots):
    page.goto(site_url + "diagnostic/", wait_until="load")
    assert page.locator("#rse-diagnostic-status").inner_text() == UI["fr"]["diag.js.none"]
    for box in ("sign-invitation-0", "sign-injonction-1", "sign-injonction-2"):
        page.click(f"#{box}")
    assert page.evaluate("location.hash") == "#s=invitation.1,injonction.6"
    assert ranked(page) == ["injonction", "invitation"]  # 2 of 4 signs, then 1 of 3
    assert pillars(page) == ["engagement"]  # answers injonction, addresses invitation (the matrix's data)
    status = page.locator("#rse-diagnostic-status")
    assert status.get_attribute("aria-live") == "polite"
    assert status.inner_text().startswith("3 signes cochés sur ")
    links = page.eval_on_selector_all(".rse-diagnostic__ranked > li:first-child a", "as => as.map(a => a.getAttribute('href'))")
    assert links == ["../approches/injonction/", "../approches/injonction/#atelier"]

    shared = page.locator("#rse-diagnostic-address").input_value()
    assert shared == PUBLISHED + "diagnostic/#s=invitation.1,injonction.6"  # the published address, not 127.0.0.1
    other = page.context.new_page()  # someone opening the shared address (here, on the test server)
    other.goto(site_url + shared.removeprefix(PUBLISHED), wait_until="load")
    assert ticked(other) == ["invitation.0", "injonction.1", "injonction.2"]
    assert ranked(other) == ["injonction", "invitation"] and pillars(other) == ["engagement"]
    other.reload(wait_until="load")
    assert ticked(other) == ["invitation.0", "injonction.1", "injonction.2"]
    if screenshots is not None:
        other.set_viewport_size({"width": 360, "height": 780})
        other.locator("#rse-diagnostic-result").scroll_into_view_if_needed()
        other.screenshot(path=str(screenshots / "diagnostic-result-360.png"))
    other.close()

    page.click("#rse-diagnostic-clear")
    assert ticked(page) == [] and page.evaluate("location.hash") == ""


def tab_to(page, element_id: str, presses: int) -> None:
    """Press Tab until the element with this id has the focus (at most ``presses`` times)."""
    for _ in range(presses):
        if page.evaluate("document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    pytest.fail(f"Tab never reached #{element_id}")


def test_keyboard_only(page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url.rstrip("/"))
    page.goto(site_url + "en/diagnostic/", wait_until="load")
    tab_to(page, "sign-invitation-0", 80)  # from the top of the page, through the header and navigation
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "sign-invitation-1"
    page.keyboard.press("Space")
    assert page.evaluate("location.hash") == "#s=invitation.3"
    assert page.locator("#rse-diagnostic-status").inner_text() == \
        UI["en"]["diag.js.summary.many"].format(n=2, total=page.locator("#rse-diagnostic input[type=checkbox]").count(),
                                                top="Invitation (" + UI["en"]["diag.js.count.many"].format(n=2, total=3) + ")")
    page.keyboard.press("Space")  # untick the second
    assert page.evaluate("location.hash") == "#s=invitation.1"
    tab_to(page, "rse-diagnostic-copy", 120)
    page.keyboard.press("Enter")
    page.wait_for_function(f"() => document.getElementById('rse-diagnostic-status').textContent === {UI['en']['diag.js.copied']!r}")
    assert page.evaluate("navigator.clipboard.readText()") == PUBLISHED + "en/diagnostic/#s=invitation.1"


def test_the_result_prints_with_its_address(page, site_url):
    page.goto(site_url + "en/diagnostic/#s=controle.f,simplicite.1", wait_until="load")
    page.emulate_media(media="print")
    assert page.locator("#rse-diagnostic-result").is_visible() and not page.locator(".rse-diagnostic__share").is_visible()
    assert page.locator(".rse-diagnostic__printed-link").inner_text() == PUBLISHED + "en/diagnostic/#s=controle.f,simplicite.1"
    assert ranked(page) == ["controle", "simplicite"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_axe_finds_nothing_in_the_result(chromium, site_url, axe_source, scheme):
    from .conftest import COLOUR_RULES
    from .test_a11y import new_context, run_axe

    context = new_context(chromium, site_url, viewport={"width": 360, "height": 740}, color_scheme=scheme)
    try:
        page = context.new_page()
        page.goto(site_url + "diagnostic/#s=invitation.7,injonction.3,controle.1", wait_until="load")
        assert ranked(page) == ["invitation", "injonction", "controle"]
        assert run_axe(page, axe_source, None if scheme == "light" else COLOUR_RULES) == []
    finally:
        context.close()


def test_without_javascript_it_is_a_printable_checklist(chromium, site_url):
    context = chromium.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + "diagnostic/", wait_until="load")
        assert page.locator("#rse-diagnostic input[type=checkbox]").count() >= 30
        assert page.locator("#rse-diagnostic-status").inner_text() == UI["fr"]["diag.nojs"]
        assert not page.locator(".rse-diagnostic__share").is_visible()
        page.emulate_media(media="print")
        assert not page.locator("#rse-diagnostic-result").is_visible()  # blank checklist: no empty result on paper
        assert page.locator("#diag-invitation").is_visible()
    finally:
        context.close()


def test_the_script_is_loaded_on_the_diagnostic_pages_only(built_site):
    having = sorted(str(p.relative_to(built_site)) for p in built_site.rglob("*.html")
                    if "rse-diagnostic.js" in p.read_text(encoding="utf-8"))
    assert having == ["diagnostic/index.html", "en/diagnostic/index.html"]
