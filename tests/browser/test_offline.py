"""The offline copy (hooks/rse/offline.py, hooks/rse_mkdocs.py): a zip of both languages that
works from disk, search included, with no request leaving the reader's computer (issue #5)."""

from __future__ import annotations

import sys
import zipfile
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from rse import offline
from sitebuild import ROOT, build_site


@pytest.fixture(scope="module")
def published(tmp_path_factory) -> Path:
    """The site as ./dev build makes it: built with RSE_OFFLINE_ARCHIVE=true, archive inside."""
    out = tmp_path_factory.mktemp("published")
    build_site(ROOT, out, env={"RSE_OFFLINE_ARCHIVE": "true"})
    offline.build_archive(out, python=sys.executable)
    return out


@pytest.fixture(scope="module")
def offline_copy(published, tmp_path_factory) -> Path:
    """The archive, unzipped: the folder holding the site."""
    out = tmp_path_factory.mktemp("offline")
    archive = published / "rse-offline.zip"
    with zipfile.ZipFile(archive) as zf:
        names = zf.namelist()
        assert all(n.startswith(f"{offline.FOLDER}/") for n in names)
        for needed in ("index.html", "en/index.html", "contrastes/invitation.html", "en/formateurs/index.html",
                       "search/search_index.js", "en/search/search_index.js", "assets/vendor/iframe-worker/shim.js"):
            assert f"{offline.FOLDER}/{needed}" in names, needed
        zf.extractall(out / "unzipped")
    return out / "unzipped" / offline.FOLDER


@pytest.mark.parametrize("path", ["formateurs/index.html", "en/formateurs/index.html"])
def test_trainer_page_links_to_the_archive_published_beside_it(published, path):
    link = BeautifulSoup((published / path).read_text(encoding="utf-8"), "html.parser").select_one(
        "[data-rse=offline-archive] a[href]")
    assert link["href"] == "https://rse.example.org/rse-offline.zip"
    assert (published / "rse-offline.zip").is_file()


def test_the_offline_copy_has_no_link_to_itself(offline_copy):
    kit = BeautifulSoup((offline_copy / "formateurs/index.html").read_text(encoding="utf-8"), "html.parser")
    assert kit.select_one("[data-rse=offline-archive]") is not None
    assert kit.select_one("[data-rse=offline-archive] a") is None


def test_offline_pages_link_to_files_and_load_nothing_from_the_network(offline_copy):
    page = (offline_copy / "en" / "contrastes" / "invitation.html").read_text(encoding="utf-8")
    assert 'href="../../piliers/engagement.html"' not in page  # the English build links to English pages
    assert "engagement.html" in page and "unpkg.com" not in page and "https://fonts." not in page


@pytest.mark.parametrize("path,query,expected", [
    ("index.html", "confiance", "contrastes/invitation.html"),
    ("contrastes/invitation.html", "collaboratif", ".html"),
    ("en/contrastes/invitation.html", "trust", "en/contrastes/invitation.html"),
    ("en/index.html", "networks", "en/"),
])
def test_search_works_from_file(chromium, offline_copy, path, query, expected, screenshots):
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    foreign: list[str] = []

    def route(r):
        if r.request.url.startswith("file://"):
            r.continue_()
        else:
            foreign.append(r.request.url)
            r.abort()

    context.route("**/*", route)
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto((offline_copy / path).as_uri(), wait_until="load")
        page.click("input.md-search__input")
        page.keyboard.type(query, delay=30)
        page.wait_for_selector(".md-search-result__item", timeout=15000)
        hrefs = page.locator(".md-search-result__item a").evaluate_all("els => els.map(e => e.href)")
        assert hrefs and all(h.startswith("file://") for h in hrefs), hrefs
        assert any(expected in h for h in hrefs), hrefs
        if screenshots:
            page.screenshot(path=str(screenshots / f"offline-search-{query}.png"))
    finally:
        context.close()
    assert not foreign, f"requests left the computer: {foreign}"
    assert not errors, errors


@pytest.mark.parametrize("path,lang,home", [("404.html", "fr", "index.html"), ("en/404.html", "en", "en/index.html")])
def test_the_404_pages_of_the_offline_copy_work_from_file(chromium, offline_copy, path, lang, home, screenshots):
    """Styled, scripts running, no redirect to the file system's root, every link to a file of the copy."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    failed: list[str] = []
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    try:
        page = context.new_page()
        page.on("requestfailed", lambda request: failed.append(request.url))
        page.goto((offline_copy / path).as_uri(), wait_until="load")
        page.wait_for_timeout(300)
        assert page.url == (offline_copy / path).as_uri()  # not sent to another 404 page
        assert page.evaluate("document.documentElement.lang") == lang
        # Material's stylesheet applied: the header is the primary colour, not unstyled text
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        hrefs = page.locator("a[href]").evaluate_all("els => els.map(e => e.href)")
        local = [h for h in hrefs if h.startswith("file://")]
        assert len(local) >= 10, hrefs
        missing = [h for h in local if not Path(h[len("file://"):].split("#")[0].split("?")[0]).is_file()]
        assert not missing, missing
        assert page.locator("[data-rse=home]").evaluate("a => a.href") == (offline_copy / home).as_uri()
        if screenshots:
            page.screenshot(path=str(screenshots / f"offline-404-{lang}.png"))
    finally:
        context.close()
    assert not failed, failed


def test_relative_error_pages_rewrites_root_links_from_the_pages_folder(tmp_path):
    (tmp_path / "en").mkdir()
    html = ('<meta name="rse-404" content="/en/" data-roots="/ /en/"><link href="/assets/x.css"><a href="/">'
            '<a href="/en/piliers/index.html#a">'
            '<script id="__config" type="application/json">{"base": "/en/", "search": "/assets/w.js?m=s.js"}</script>')
    (tmp_path / "en" / "404.html").write_text(html, encoding="utf-8")
    offline.relative_error_pages(tmp_path)
    assert (tmp_path / "en" / "404.html").read_text(encoding="utf-8") == (
        '<link href="../assets/x.css"><a href="../index.html"><a href="piliers/index.html#a">'
        '<script id="__config" type="application/json">{"base": ".", "search": "../assets/w.js?m=s.js"}</script>')


@pytest.mark.parametrize("path,address", [
    ("diagnostic.html", "https://rse.example.org/diagnostic/"),
    ("en/diagnostic.html", "https://rse.example.org/en/diagnostic/"),
])
def test_the_diagnostic_of_the_offline_copy_shares_the_published_address(chromium, offline_copy, path, address):
    """From disk, the result's address to copy, to print and in its QR code is the published page's
    with the state (the build's site_url + the page's path + #...), never a file:/// path; the
    result's script and the QR encoder load from the copy; links print their published address."""
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, service_workers="block")
    context.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file://") else r.abort())
    errors: list[str] = []
    try:
        page = context.new_page()
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto((offline_copy / path).as_uri() + "#s=invitation.1&t=A", wait_until="load")
        page.wait_for_selector(".rse-diagnostic__ranked li")
        assert page.locator("#rse-diagnostic-address").input_value() == address + "#s=invitation.1&t=A"
        page.click("#sign-controle-0")
        assert page.evaluate("location.href").startswith("file://")  # the state is kept in the file's address
        shared = address + "#s=invitation.1,controle.1&t=A"
        assert page.locator("#rse-diagnostic-address").input_value() == shared
        assert page.locator(".rse-diagnostic__printed-link").text_content() == shared
        prints = page.eval_on_selector_all(".rse-diagnostic__ranking a", "as => as.map(a => a.getAttribute('data-print-href'))")
        assert prints and all(p.startswith("https://rse.example.org/") and ".html" not in p for p in prints), prints
        page.click("#rse-diagnostic-qr-show")
        page.wait_for_selector("#rse-diagnostic-qr svg")
    finally:
        context.close()
    assert not errors, errors
