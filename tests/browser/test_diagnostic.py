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
        page.wait_for_function(RESULT_CSS)  # the levels' colours are those checked
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
        assert not page.locator(".rse-diagnostic__bar").is_visible()  # nothing would count the ticks
        assert page.locator("#rse-diagnostic-team").is_visible()  # a line to write the team on
        page.emulate_media(media="print")
        assert not page.locator("#rse-diagnostic-result").is_visible()  # blank checklist: no empty result on paper
        assert page.locator("#diag-invitation").is_visible()
    finally:
        context.close()


def test_the_script_is_loaded_on_the_diagnostic_pages_only(built_site):
    having = sorted(str(p.relative_to(built_site)) for p in built_site.rglob("*.html")
                    if "rse-diagnostic.js" in p.read_text(encoding="utf-8"))
    assert having == ["diagnostic/index.html", "en/diagnostic/index.html"]


# ---- "The diagnostic in the room": what trainers measured, one test each ----

PHONE = {"width": 390, "height": 844}
RESULT_CSS = "() => [...document.styleSheets].some(s => (s.href || '').endsWith('rse-diagnostic-result.css'))"


def typeset(lang: str, key: str, **values) -> str:
    return UI[lang][key].format(**values)


@pytest.fixture
def phone(chromium, site_url):
    """A page on a 390-px phone screen whose requests may not leave the site (as ``page``)."""
    context = chromium.new_context(viewport=PHONE, service_workers="block")
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.rse_requests = requests
    try:
        yield page
    finally:
        context.close()
    assert all(url.startswith((site_url, "data:")) for url in requests), requests
    assert not errors, errors


def in_view(page, selector: str) -> bool:
    return page.evaluate("""s => { const r = document.querySelector(s).getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight + 0.5 && r.height > 0; }""", selector)


def test_on_a_phone_the_bar_stays_in_view_with_the_count(phone, site_url, screenshots):
    page = phone
    page.goto(site_url + "diagnostic/", wait_until="load")
    bar = page.locator(".rse-diagnostic__bar")
    # In the page from the first paint (not added by the script): nothing moves when the script runs.
    shift = page.evaluate("""() => new Promise(done => { let sum = 0;
        new PerformanceObserver(list => list.getEntries().forEach(e => { sum += e.value; }))
            .observe({type: 'layout-shift', buffered: true});
        setTimeout(() => done(sum), 300); })""")
    assert shift == 0
    assert bar.is_visible() and page.locator("#rse-diagnostic-count").inner_text() == UI["fr"]["diag.js.none"]
    # No script was needed for a blank first visit but the page's own: the result's comes with a result.
    assert not [url for url in page.rse_requests if "rse-diagnostic-result" in url or "qrcode" in url]

    page.click("#sign-invitation-0")
    page.evaluate("document.getElementById('diag-controle').scrollIntoView()")  # far above the result
    box = bar.bounding_box()
    assert abs(box["y"] + box["height"] - PHONE["height"]) <= 1 and in_view(page, ".rse-diagnostic__bar")
    assert page.locator("#rse-diagnostic-count").inner_text() == typeset("fr", "diag.js.bar.one", n=1)
    page.click("#sign-controle-1")
    page.click("#sign-controle-2")
    assert page.locator("#rse-diagnostic-count").inner_text() == typeset("fr", "diag.js.bar.many", n=3)
    assert not in_view(page, "#rse-diagnostic-result-title")
    if screenshots is not None:
        page.screenshot(path=str(screenshots / "diagnostic-bar-390.png"))

    # It covers nothing for good: at the end of the list it rests in its own space, under the last group.
    page.evaluate("document.querySelector('#rse-diagnostic fieldset:last-of-type').scrollIntoView({block: 'end'})")
    page.mouse.wheel(0, 200)
    page.wait_for_timeout(100)
    last = page.locator("#rse-diagnostic fieldset").last.bounding_box()
    assert bar.bounding_box()["y"] >= last["y"] + last["height"]

    # Its link brings the result into view and leaves the state in the address.
    page.evaluate("window.scrollTo(0, 0)")
    hash_before = page.evaluate("location.hash")
    page.click("#rse-diagnostic-to-result")
    page.wait_for_function("() => document.activeElement.id === 'rse-diagnostic-result-title'")
    assert in_view(page, "#rse-diagnostic-result-title")
    assert page.evaluate("location.hash") == hash_before == "#s=invitation.1,controle.6"
    assert ticked(page) == ["invitation.0", "controle.1", "controle.2"]


def contrast(fg: str, bg: str) -> float:
    def luminance(css: str) -> float:
        channels = [int(v) / 255 for v in css[css.index("(") + 1:css.index(")")].split(",")[:3]]
        r, g, b = (c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels)
        return 0.2126 * r + 0.7152 * g + 0.0722 * b
    high, low = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_how_present_a_problem_is_in_words_and_colours_with_contrast(chromium, site_url, scheme):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme, service_workers="block")
    try:
        page = context.new_page()
        # invitation 3 of 3 signs, injonction 2 of 4, controle 1 of 4
        page.goto(site_url + "en/diagnostic/#s=invitation.7,injonction.3,controle.1", wait_until="load")
        page.wait_for_function(RESULT_CSS)
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == ("slate" if scheme == "dark" else "default")
        levels = page.eval_on_selector_all(".rse-diagnostic__ranked > li .rse-diagnostic__level", """spans => spans.map(s => ({
            text: s.textContent, cls: s.className, color: getComputedStyle(s).color,
            background: getComputedStyle(document.body).backgroundColor}))""")
        words = [UI["en"][f"diag.js.level.{n}"] for n in (3, 2, 1)]
        assert [lv["text"] for lv in levels] == [
            typeset("en", "diag.js.count.many", n=3, total=3) + " · " + words[0],
            typeset("en", "diag.js.count.many", n=2, total=4) + " · " + words[1],
            typeset("en", "diag.js.count.one", n=1, total=4) + " · " + words[2]]  # never colour alone
        assert [lv["cls"].split()[-1] for lv in levels] == [f"rse-diagnostic__level--{n}" for n in (3, 2, 1)]
        assert len({lv["color"] for lv in levels}) == 3
        for lv in levels:
            assert contrast(lv["color"], lv["background"]) >= 4.5, (scheme, lv)
            r, g, b = (int(v) for v in lv["color"][lv["color"].index("(") + 1:-1].split(",")[:3])
            assert not (g > r and g > b), f"a green level: {lv}"  # the old meters were green for problems
        # The cells: one per sign, the ticked ones filled, in the level's colour.
        cells = page.eval_on_selector_all(".rse-diagnostic__ranked > li .rse-diagnostic__cells",
                                          "cs => cs.map(c => [c.children.length, c.querySelectorAll('.on').length])")
        assert cells == [[3, 3], [4, 2], [4, 1]]
    finally:
        context.close()


def test_team_and_date_go_into_the_address_and_onto_paper(page, site_url):
    page.goto(site_url + "diagnostic/", wait_until="load")
    page.click("#sign-invitation-0")
    page.fill("#rse-diagnostic-team", "Équipe R&D #2")
    page.fill("#rse-diagnostic-date", "2025-03-14")
    state = "#s=invitation.1&t=%C3%89quipe%20R%26D%20%232&d=2025-03-14"
    assert page.evaluate("location.hash") == state
    assert page.locator("#rse-diagnostic-address").input_value() == PUBLISHED + "diagnostic/" + state
    who = typeset("fr", "diag.js.team", team="Équipe R&D #2") + " · " + typeset("fr", "diag.js.date", date="14 mars 2025")

    other = page.context.new_page()  # the same address, opened elsewhere
    other.goto(site_url + "diagnostic/" + state, wait_until="load")
    assert other.locator("#rse-diagnostic-team").input_value() == "Équipe R&D #2"
    assert other.locator("#rse-diagnostic-date").input_value() == "2025-03-14"
    assert ticked(other) == ["invitation.0"]
    assert other.locator(".rse-diagnostic__who").inner_text() == who
    other.emulate_media(media="print")
    assert other.locator(".rse-diagnostic__who").is_visible() and other.locator("#rse-diagnostic-team").is_visible()
    assert other.locator(".rse-diagnostic__printed-link").inner_text() == PUBLISHED + "diagnostic/" + state
    other.close()

    # A team and a date alone are a result to print (the sheet of a team that ticked nothing yet).
    page.click("#sign-invitation-0")
    page.emulate_media(media="print")
    assert page.evaluate("location.hash") == "#t=%C3%89quipe%20R%26D%20%232&d=2025-03-14"
    assert page.locator("#rse-diagnostic-result").is_visible()


def test_the_qr_code_is_loaded_when_asked_for_and_scans(chromium, site_url, qr_decode, screenshots):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=3, service_workers="block")
    requests: list[str] = []
    context.on("request", lambda r: requests.append(r.url))
    try:
        page = context.new_page()
        page.goto(site_url + "diagnostic/#s=controle.f&t=Ventes", wait_until="load")
        page.wait_for_selector(".rse-diagnostic__ranked li")
        qr = page.locator("#rse-diagnostic-qr svg")
        assert qr.count() == 0 and not [url for url in requests if "qrcode" in url]  # not before it is asked for
        page.click("#rse-diagnostic-qr-show")
        qr.wait_for()
        assert [url for url in requests if "qrcode" in url] == [site_url + "assets/vendor/qrcode-generator/qrcode.js"]
        assert qr_decode(qr.screenshot()) == [PUBLISHED + "diagnostic/#s=controle.f&t=Ventes"]
        page.click("#sign-invitation-0")  # the code follows the result
        assert qr_decode(qr.screenshot()) == [PUBLISHED + "diagnostic/#s=invitation.1,controle.f&t=Ventes"]
        if screenshots is not None:
            page.locator("#rse-diagnostic-result").screenshot(path=str(screenshots / "diagnostic-qr.png"))
        page.emulate_media(media="print")  # and it is on paper
        assert qr.is_visible()
        assert qr_decode(qr.screenshot()) == [PUBLISHED + "diagnostic/#s=invitation.1,controle.f&t=Ventes"]

        # Printing loads it first: the Print button (window.print stubbed: no dialog in a test).
        fresh = context.new_page()
        fresh.goto(site_url + "en/diagnostic/#s=injonction.1", wait_until="load")
        fresh.wait_for_selector(".rse-diagnostic__ranked li")
        fresh.evaluate("window.print = () => { window.rsePrinted = !!document.querySelector('#rse-diagnostic-qr svg'); }")
        fresh.click("#rse-diagnostic-print")
        fresh.wait_for_function("() => window.rsePrinted !== undefined")
        assert fresh.evaluate("window.rsePrinted") is True  # drawn before the print dialog
        fresh.emulate_media(media="print")
        assert qr_decode(fresh.locator("#rse-diagnostic-qr svg").screenshot()) == [PUBLISHED + "en/diagnostic/#s=injonction.1"]
    finally:
        context.close()


def test_printed_result_links_carry_their_published_address(page, site_url):
    page.goto(site_url + "diagnostic/#s=injonction.1", wait_until="load")
    page.wait_for_selector(".rse-diagnostic__pillars li")
    page.emulate_media(media="print")
    printed = page.eval_on_selector_all(".rse-diagnostic__ranking a", """links => links.map(a => [
        a.getAttribute('data-print-href'), getComputedStyle(a, '::after').content])""")
    assert printed[:2] == [
        [PUBLISHED + "approches/injonction/", f'" <{PUBLISHED}approches/injonction/>"'],
        [PUBLISHED + "approches/injonction/#atelier", f'" <{PUBLISHED}approches/injonction/#atelier>"']]
    assert printed[2][0] == PUBLISHED + "piliers/engagement/" and len(printed) == 4
    assert all(href.startswith(PUBLISHED) and href in after for href, after in printed)


def test_from_disk_the_shared_address_is_the_published_one(chromium, built_site, qr_decode):
    """Opened from file:// (as the offline copy is), the address to copy, the printed one and the
    QR code are the published site's, with the state: never a file:/// path."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, device_scale_factor=3)
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto((built_site / "en" / "diagnostic" / "index.html").as_uri() + "#s=invitation.1&t=A", wait_until="load")
        assert page.url.startswith("file://")
        page.wait_for_selector(".rse-diagnostic__ranked li")
        expected = PUBLISHED + "en/diagnostic/#s=invitation.1&t=A"
        assert page.locator("#rse-diagnostic-address").input_value() == expected
        assert page.locator(".rse-diagnostic__printed-link").text_content() == expected
        assert page.get_attribute(".rse-diagnostic__ranked a", "data-print-href") == PUBLISHED + "en/contrastes/invitation/"
        page.click("#rse-diagnostic-qr-show")
        assert qr_decode(page.locator("#rse-diagnostic-qr svg").screenshot()) == [expected]
        # (this build's search index is not made for file://, the offline copy's is: test_offline.py)
        assert not [e for e in errors if "search_index" not in e], errors
    finally:
        context.close()


def compared(page) -> list[list[str]]:
    return page.eval_on_selector_all(".rse-diagnostic__compare tbody tr",
                                     "rows => rows.map(r => [r.dataset.id, ...[...r.cells].slice(1).map(c => c.textContent)])")


def test_two_results_side_by_side(page, site_url):
    page.goto(site_url + "diagnostic/#s=invitation.7&t=Ventes&d=2025-03-14", wait_until="load")
    page.wait_for_selector(".rse-diagnostic__ranked li")
    page.fill("#rse-diagnostic-other", "nothing of ours")
    page.click("#rse-diagnostic-compare")
    assert page.locator("#rse-diagnostic-status").inner_text() == UI["fr"]["diag.js.compare_invalid"]
    assert page.locator(".rse-diagnostic__compare").count() == 0

    before = PUBLISHED + "diagnostic/#s=invitation.1,controle.3&t=Ventes&d=2024-11-02"  # pasted as it was shared
    page.fill("#rse-diagnostic-other", before)
    page.click("#rse-diagnostic-compare")
    level = lambda key, n, total, lv: typeset("fr", key, n=n, total=total) + " · " + UI["fr"][f"diag.js.level.{lv}"]
    expected = [["invitation", level("diag.js.count.many", 3, 3, 3), level("diag.js.count.one", 1, 3, 1)],
                ["controle", level("diag.js.count.one", 0, 4, 0), level("diag.js.count.many", 2, 4, 2)]]
    assert compared(page) == expected
    heads = page.eval_on_selector_all(".rse-diagnostic__compare thead th", "ths => ths.map(th => th.textContent)")
    assert heads[1].startswith(UI["fr"]["diag.js.this"]) and "14 mars 2025" in heads[1]
    assert heads[2].startswith(UI["fr"]["diag.js.other"]) and "2 novembre 2024" in heads[2]
    state = "#s=invitation.7&t=Ventes&d=2025-03-14&cs=invitation.1,controle.3&ct=Ventes&cd=2024-11-02"
    assert page.evaluate("location.hash") == state  # the comparison is shared and printed with the result
    page.reload(wait_until="load")
    page.wait_for_selector(".rse-diagnostic__compare")
    assert compared(page) == expected
    page.emulate_media(media="print")
    assert page.locator(".rse-diagnostic__compare").is_visible()
    page.emulate_media(media="screen")
    page.click("#rse-diagnostic-compare")  # an empty field: no comparison any more
    assert page.locator(".rse-diagnostic__compare").count() == 0
    assert page.evaluate("location.hash") == "#s=invitation.7&t=Ventes&d=2025-03-14"
