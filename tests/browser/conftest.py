"""Browser tests: Playwright for Python driving Debian's chromium against the real built site.

Playwright never downloads a browser here: it launches /usr/bin/chromium (or `chromium` on
PATH, or $RSE_CHROMIUM). Without it the browser tests are skipped with a message saying how
to enable them; with CI=true a missing browser (or Playwright) is a failure, not a skip.
Set RSE_SCREENSHOTS=/some/folder to keep screenshots of the pages the tests look at.
"""

from __future__ import annotations

import collections
import io
import os
import shutil
from collections.abc import Callable, Iterable
from importlib import resources
from pathlib import Path
from typing import TypeVar

import pytest

from staticserver import serve

LAUNCH_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
               "--disable-sync", "--no-first-run"]
HOW_TO_ENABLE = "install Debian's chromium to run the browser tests: apt-get install chromium"
# Pages a sweep keeps busy at once (see sweep()): one per core, at least two.
IN_FLIGHT = max(2, min(4, os.cpu_count() or 2))
Item = TypeVar("Item")


def chromium_path() -> str | None:
    for candidate in (os.environ.get("RSE_CHROMIUM"), "/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return candidate
    return None


def _in_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("1", "true", "yes")


def _unavailable(reason: str):
    if _in_ci():
        pytest.fail(f"CI=true and {reason}: {HOW_TO_ENABLE}", pytrace=False)
    pytest.skip(f"{reason}: {HOW_TO_ENABLE}")


@pytest.fixture(scope="session")
def chromium():
    """A launched chromium (Playwright for Python, Debian's binary, no download)."""
    path = chromium_path()
    if path is None:
        _unavailable("chromium was not found (/usr/bin/chromium, PATH or $RSE_CHROMIUM)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install -r requirements-dev.txt)")
    os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=LAUNCH_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


@pytest.fixture(scope="session")
def site_url(built_site):
    """The real built site served on 127.0.0.1 (free port) with the per-language 404 rule."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def cached_site_url(built_site):
    """The same site on another port, with answers the browser may keep: for sweeps over many
    pages in one context (watched_context), which then fetch and compile each script and
    stylesheet once rather than at every page. The other tests use ``site_url`` (no-store)."""
    with serve(built_site, cache=True) as url:
        yield url


def watched_context(chromium, root: str, **options):
    """A browser context whose requests are all recorded, those that leave ``root`` in
    ``context.rse_foreign``, and its pages' script errors and Content-Security-Policy violations in
    ``context.rse_errors`` (open_tabs), to assert on. It watches without intercepting: Playwright's request routing (guarded_page) turns
    the browser's cache off, and sweeps over many pages (sweep()) want it."""
    context = chromium.new_context(service_workers="block", **options)
    foreign: list[str] = []
    context.on("request", lambda request: None if request.url.startswith((root, "data:", "blob:"))
               else foreign.append(request.url))
    context.rse_foreign, context.rse_errors = foreign, []
    return context


def open_tabs(context, count: int = IN_FLIGHT) -> list:
    """``count`` pages of a watched_context, their script errors recorded in ``context.rse_errors``."""
    tabs = [context.new_page() for _ in range(count)]
    for tab in tabs:
        tab.on("pageerror", lambda exc: context.rse_errors.append(str(exc)))
        tab.on("console", lambda message: context.rse_errors.append(message.text)
               if message.type == "error" and "Content Security Policy" in message.text else None)  # anything the policy blocked
    return tabs


@pytest.fixture(scope="session")
def axe_source() -> str:
    try:
        return resources.files("axe_playwright_python").joinpath("axe.min.js").read_text(encoding="utf-8")
    except ModuleNotFoundError:
        message = "axe-playwright-python (axe-core) is not installed: pip install -r requirements-dev.txt"
        if _in_ci():
            pytest.fail(message, pytrace=False)
        pytest.skip(message)


def site_pages(site: Path, lang: str) -> list[str]:
    """Addresses (relative to the site root) of every HTML page of one language, 404 included;
    redirect stubs (hooks/rse_mkdocs.py) are not pages."""
    root = site / "en" if lang == "en" else site
    found = []
    for path in sorted(root.rglob("*.html")):
        rel = path.relative_to(site).as_posix()
        if lang == "fr" and rel.startswith("en/"):
            continue
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:2000]:
            continue
        found.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    return found


def built_pages(site: Path) -> list[tuple[str, str]]:
    """(language, address) of every index.html page of the built site, and of a missing address in each language."""
    pages = []
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site)
        if rel.parts[0] not in ("search", "assets"):
            pages.append(("en" if rel.parts[0] == "en" else "fr", rel.parent.as_posix().removeprefix(".") + "/"))
    return pages + [("fr", "introuvable/"), ("en", "en/introuvable/")]


SCHEME = "document.body.getAttribute('data-md-color-scheme')"
# The navigation tabs, and those a reader cannot see without scrolling the tab bar sideways
# (Material hides its scrollbar): {"count", "out_of_view"}
TABS = """() => { const list = document.querySelector('.md-tabs__list');
    if (!list || !list.offsetParent) return {count: 0, rows: 0, out_of_view: []};
    const box = list.getBoundingClientRect(), links = [...list.querySelectorAll('.md-tabs__link')];
    return {count: links.length, rows: new Set(links.map(a => Math.round(a.getBoundingClientRect().top))).size,
        out_of_view: links.filter(a => { const r = a.getBoundingClientRect();
        return r.right > box.right + 1 || r.left < box.left - 1 || r.bottom > box.bottom + 1; }).map(a => a.textContent.trim())}; }"""
# axe-core rules whose result depends on colours: run again in the dark scheme (the others do not change).
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def start_axe(page, axe_source: str, rules: list[str] | None = None) -> None:
    """Start axe-core on the loaded page without waiting for it (axe_violations() collects the result)."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.evaluate(axe_source)  # through the DevTools protocol: the page's Content-Security-Policy allows no injected <script>
    options = {"resultTypes": ["violations"]}
    if rules:
        options["runOnly"] = {"type": "rule", "values": rules}
    page.evaluate(
        """(options) => { window.rseAxe = axe.run(document, options).then(r => r.violations.map(v => ({
               id: v.id, impact: v.impact, help: v.help,
               nodes: v.nodes.slice(0, 5).map(n => n.target.join(' '))}))); }""", options)


def axe_violations(page) -> list[dict]:
    return page.evaluate("() => window.rseAxe")


@pytest.fixture(scope="session")
def desktop_visits(request, chromium, cached_site_url, built_site):
    """Every page of the site, both languages, visited ONCE at desktop size for all the tests that
    read every page (test_a11y's axe runs, test_i18n_browser's interface language):
    {address: {"scheme", "lang", "html", "tabs", "violations", "dark_scheme", "dark_violations"}}, with the
    requests that left the site and the script errors of the whole sweep (``rse_foreign``,
    ``rse_errors``). The page loads in the light scheme; its HTML is read once Material's script
    ran, then axe-core runs every rule ("violations"). Then the system turns dark, as a reader's
    does in the evening: the page follows it (overrides/partials/rse-palette.html, no transition
    while it switches) and axe-core runs the colour rules again ("dark_violations"), without
    loading the page a second time. The violations are None where axe-core is not installed (the
    axe test is then skipped on its own fixture)."""
    try:
        axe = request.getfixturevalue("axe_source")
    except pytest.skip.Exception:
        axe = None
    root = cached_site_url
    axe_pages = set(site_pages(built_site, "fr") + site_pages(built_site, "en"))
    addresses = list(dict.fromkeys([*sorted(axe_pages), *(path.lstrip("/") for _, path in built_pages(built_site))]))
    context = watched_context(chromium, root, viewport={"width": 1280, "height": 900}, color_scheme="light")
    if axe:
        context.add_init_script(axe)  # in every page before its own scripts: sent to the browser once

    def start(page, rel):
        page.emulate_media(color_scheme="light")
        page.goto(root + rel, wait_until="load")
        assert page.url == root + rel
        page.wait_for_function("() => document.documentElement.classList.contains('js')")  # Material's script ran
        seen = {"scheme": page.evaluate(SCHEME), "lang": page.locator("html").get_attribute("lang"),
                "html": page.content(), "tabs": page.evaluate(TABS),
                "violations": None, "dark_scheme": None, "dark_violations": None}
        if axe and rel in axe_pages:
            start_axe(page, axe)
        return seen

    def finish(page, rel, seen):
        if axe and rel in axe_pages:
            seen["violations"] = axe_violations(page)
            page.emulate_media(color_scheme="dark")
            # The colours are final once the scheme is set: the page turns transitions off while it switches.
            # Polled, not per animation frame: a tab in the background gets no frames.
            page.wait_for_function(f"() => {SCHEME} === 'slate'", polling=5)
            seen["dark_scheme"] = page.evaluate(SCHEME)
            start_axe(page, axe, COLOUR_RULES)
            seen["dark_violations"] = axe_violations(page)
        return seen

    try:  # several tabs at once (sweep()): axe runs on one page while the next one loads
        visits = sweep(open_tabs(context), addresses, start, finish)
    finally:
        context.close()
    return collections.namedtuple("Visits", "pages rse_foreign rse_errors")(visits, context.rse_foreign, context.rse_errors)


class Requests:
    """Every request a page makes; anything off 127.0.0.1 is refused and remembered."""

    def __init__(self, root: str):
        self.root, self.foreign, self.failed = root, [], []

    def route(self, route):
        url = route.request.url
        if url.startswith(self.root) or url.startswith("data:") or url.startswith("blob:"):
            route.continue_()
        else:
            self.foreign.append(url)
            route.abort()


def guarded_page(chromium, site_url):
    """A fresh page (light scheme, desktop size) whose requests may not leave ``site_url``; after
    the test, no request left it and no script failed (a generator: a fixture yields from it)."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, color_scheme="light",
                                   service_workers="block")
    requests = Requests(site_url)
    context.route("**/*", requests.route)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.rse_requests, page.rse_errors = requests, errors
    try:
        yield page
    finally:
        context.close()
    assert not requests.foreign, f"requests left the site (offline-safety): {requests.foreign}"
    assert not errors, f"JavaScript errors: {errors}"


def sweep(pages: list, items: Iterable[Item], start: Callable[[object, Item], object],
          finish: Callable[[object, Item, object], object]) -> dict[Item, object]:
    """Visit many addresses with several pages (tabs) at once: ``start(page, item)`` begins the
    work of one item (loading it, starting a script in it) and returns without waiting for the
    slow part; ``finish(page, item, started)`` waits for it, checks it and returns a result. While
    one tab's renderer works on an item, Python starts the next item in another tab: each tab has
    its own renderer process, so a sweep keeps every core busy instead of one. Every item is
    started and finished, in order, exactly as a loop over them would; returns {item: result}."""
    results: dict = {}
    free, busy = list(pages), collections.deque()
    for item in items:
        if not free:
            page, done, started = busy.popleft()
            results[done] = finish(page, done, started)
            free.append(page)
        page = free.pop(0)
        busy.append((page, item, start(page, item)))
    while busy:
        page, done, started = busy.popleft()
        results[done] = finish(page, done, started)
    return results


@pytest.fixture
def page(chromium, site_url):
    yield from guarded_page(chromium, site_url)


@pytest.fixture(scope="session")
def screenshots() -> Path | None:
    folder = os.environ.get("RSE_SCREENSHOTS")
    if not folder:
        return None
    path = Path(folder)
    path.mkdir(parents=True, exist_ok=True)
    return path


@pytest.fixture(scope="session")
def qr_decode():
    """PNG bytes -> the texts of the QR codes zbar finds in it (Debian's libzbar0 through pyzbar)."""
    try:
        from PIL import Image
        from pyzbar import pyzbar
    except ImportError as exc:  # pyzbar raises ImportError when libzbar0 is missing
        _unavailable(f"the QR decoder is not available ({exc}); apt-get install libzbar0")

    def decode(png: bytes) -> list[str]:
        found = pyzbar.decode(Image.open(io.BytesIO(png)), symbols=[pyzbar.ZBarSymbol.QRCODE])
        return [symbol.data.decode("utf-8") for symbol in found]

    return decode


def pytest_itemcollected(item):
    """Every test in this folder drives the browser: marked `browser` here, once for all
    (`./dev test -m browser` runs them, `-m "not browser"` leaves them out)."""
    if Path(__file__).parent in Path(str(item.fspath)).parents:
        item.add_marker(pytest.mark.browser)
