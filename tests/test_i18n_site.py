"""Both languages first-class (issue #3), checked on built HTML (no browser).

hreflang and sitemap alternates, per-language search indexes and page configuration, 404 pages
(files and the served rule), interface text in the page's language, and a preview build with a
missing translation. The browser half is in tests/browser/test_i18n_browser.py.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest

import chrometext
from rse.siteurl import configured as configured_site_url
from sitebuild import ROOT, build_site, sample_project
from rse.uistrings import translator
from rse.uistrings import ui_strings
from sitehtml import link_target, page_path, soup_of
from staticserver import serve

DOCS = ROOT / "docs"
LANGS = ("fr", "en")
DEFAULT = "fr"
SITE_URL = configured_site_url(ROOT / "mkdocs.yml")  # SITE_URL, or the placeholder of mkdocs.yml
BASES = sorted(p.relative_to(DOCS).as_posix()[: -len(".fr.md")] for p in DOCS.rglob("*.fr.md"))
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}


def url_of(site: Path, path: Path) -> str:
    """Absolute URL (site_url based) of a built page file."""
    rel = path.relative_to(site).as_posix()
    return urljoin(SITE_URL, rel[: -len("index.html")] if rel.endswith("index.html") else rel)


def head_alternates(path: Path) -> dict[str, str]:
    links = soup_of(path).head.select("link[rel=alternate][hreflang]")
    found = {link["hreflang"]: link["href"] for link in links}
    assert len(found) == len(links), f"{path}: an hreflang appears twice"
    return found


def all_pages(site: Path) -> list[tuple[str, Path]]:
    pages = []
    for path in sorted(site.rglob("index.html")):
        rel = path.relative_to(site)
        if rel.parts[0] in ("search", "assets"):
            continue
        pages.append(("en" if rel.parts[0] == "en" else "fr", path))
    return pages


# --- hreflang ------------------------------------------------------------------------------------

@pytest.mark.parametrize("base", BASES)
def test_every_page_names_its_twin_with_absolute_hreflang_and_x_default(built_site, base):
    urls = {lang: url_of(built_site, page_path(built_site, base, lang)) for lang in LANGS}
    expected = {**urls, "x-default": urls[DEFAULT]}
    for lang in LANGS:
        assert head_alternates(page_path(built_site, base, lang)) == expected


def test_hreflang_urls_are_based_on_site_url(built_site):
    for _, path in all_pages(built_site):
        for href in head_alternates(path).values():
            assert href.startswith(SITE_URL), (path, href)


# --- sitemap -------------------------------------------------------------------------------------

def test_sitemap_lists_every_page_once_with_its_real_alternates(built_site):
    tree = ET.parse(built_site / "sitemap.xml")
    entries = {}
    for url in tree.getroot().findall("s:url", NS):
        loc = url.find("s:loc", NS).text
        assert loc not in entries, f"{loc} listed twice"
        entries[loc] = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)}
    pages = {url_of(built_site, path): path for _, path in all_pages(built_site)}
    assert sorted(entries) == sorted(pages)
    for loc, alternates in entries.items():
        assert alternates == head_alternates(pages[loc]), loc


# --- search: one index per language ----------------------------------------------------------------

def _index(site: Path, lang: str) -> dict:
    folder = site if lang == DEFAULT else site / lang
    return json.loads((folder / "search" / "search_index.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_own_search_index(built_site, lang):
    index = _index(built_site, lang)
    assert index["config"]["lang"] == [lang]
    assert "stemmer" in index["config"]["pipeline"]
    root = built_site if lang == DEFAULT else built_site / lang
    indexed = set()
    for doc in index["docs"]:
        location = doc["location"]
        assert not location.startswith(tuple(f"{x}/" for x in LANGS)), f"{location}: not relative to the '{lang}' root"
        page = root / location.split("#")[0] / "index.html"
        assert page.is_file(), f"{lang} index: {location} is not a page of that language"
        indexed.add(page)
    assert indexed == {path for x, path in all_pages(built_site) if x == lang}


def test_search_indexes_do_not_share_pages(built_site):
    fr = {d["title"] for d in _index(built_site, "fr")["docs"] if "#" not in d["location"]}
    en = {d["title"] for d in _index(built_site, "en")["docs"] if "#" not in d["location"]}
    assert "Commentaire annoté" in fr and "Commentaire annoté" not in en


def _page_config(path: Path) -> dict:
    return json.loads(soup_of(path).select_one("script#__config").string)


@pytest.mark.parametrize("lang", LANGS)
def test_pages_load_their_language_index_through_the_stemming_worker(built_site, lang):
    root = built_site if lang == DEFAULT else built_site / lang
    pages = [path for x, path in all_pages(built_site) if x == lang] + [root / "404.html"]
    for path in pages:
        config = _page_config(path)
        base = urlsplit(config["base"]).path
        target = (built_site / base.lstrip("/")) if base.startswith("/") else (path.parent / base)
        assert target.resolve() == root.resolve(), f"{path}: search base {config['base']!r}"
        worker = urlsplit(config["search"])
        shim = (built_site / worker.path.lstrip("/")) if worker.path.startswith("/") else (path.parent / worker.path)
        assert shim.name == "rse-search.js" and shim.is_file(), (path, config["search"])
        material = re.fullmatch(r"material=(search\.[0-9a-f]+\.min\.js)", worker.query)
        assert material and (shim.parent / material.group(1)).is_file(), config["search"]


# --- 404 pages ------------------------------------------------------------------------------------

@pytest.mark.parametrize("lang", LANGS)
def test_each_language_has_its_404_page(built_site, lang):
    path = built_site / ("404.html" if lang == DEFAULT else f"{lang}/404.html")
    soup = soup_of(path)
    t = translator(lang)
    assert soup.html["lang"] == lang
    assert soup.select_one("article h1").get_text(strip=True) == t("notfound.title")
    home = soup.select_one("a[data-rse=home]")
    assert home["href"] == ("/" if lang == DEFAULT else f"/{lang}/")
    assert soup.select_one('meta[name=robots]')["content"] == "noindex"
    assert not soup.head.select("link[rel=alternate][hreflang]")
    # served for any missing address: every internal link and asset is an absolute path
    for tag in soup.find_all(["a", "link", "script", "img"]):
        for attr in ("href", "src"):
            value = tag.get(attr)
            if value and not urlsplit(value).scheme and not value.startswith("#"):
                assert value.startswith("/"), f"{path.name} ({lang}): relative {attr}={value!r}"
                link_target(built_site, path, value)
    switch = {a["hreflang"]: a["href"] for a in soup.select("a.md-select__link[hreflang]")}
    assert switch == {"fr": "/", "en": "/en/"}


def test_a_missing_address_is_answered_in_its_language(built_site):
    with serve(built_site) as root:
        for path, lang in (("contrastes/nulle-part/", "fr"), ("nope.html", "fr"), ("en/contrastes/nowhere/", "en"),
                           ("en/a/b/c", "en"), ("english/", "fr")):
            with pytest.raises(urllib.error.HTTPError) as info:
                urllib.request.urlopen(root + path)
            assert info.value.code == 404
            html = info.value.read().decode("utf-8")
            assert f'<html lang="{lang}"' in html, path
            assert translator(lang)("notfound.title") in html, path


def test_dev_server_answers_missing_addresses_in_their_language(tmp_path):
    """`./dev serve` (mkdocs serve) gets the same rule through the adapter's on_serve."""
    import rse_mkdocs
    from mkdocs.config import load_config

    (tmp_path / "404.html").write_text("fr 404", encoding="utf-8")
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "404.html").write_text("en 404", encoding="utf-8")

    from mkdocs.livereload import LiveReloadServer

    server = LiveReloadServer(builder=lambda: None, host="127.0.0.1", port=0, root=str(tmp_path))  # not started
    try:
        server.watch(str(tmp_path))  # as MkDocs watches docs/ before on_serve
        served = server.get_app()
        config = load_config(str(ROOT / "mkdocs.yml"))
        assert rse_mkdocs.on_serve(server, config=config, builder=None) is server
        server.watch(str(tmp_path / "en"))  # and --watch folders after it

        def get(path: str) -> bytes:
            environ = {"PATH_INFO": path, "REQUEST_METHOD": "GET", "SERVER_NAME": "127.0.0.1", "SERVER_PORT": "0",
                       "wsgi.url_scheme": "http", "QUERY_STRING": ""}
            return b"".join(server.get_app()(environ, lambda status, headers: None))

        assert server.get_app() is not served
        assert get("/en/missing/") == b"en 404"
        assert get("/missing/") == b"fr 404"
        assert get("/en") == b"en 404"
        # a saved file is noticed within a tenth of a second, in folders watched before on_serve and after
        assert server.observer.timeout == rse_mkdocs.SERVE_POLL_S == 0.1
        assert len(server.observer.emitters) == 2 and {e.timeout for e in server.observer.emitters} == {0.1}
    finally:
        server.server_close()


# --- interface text -------------------------------------------------------------------------------

def test_every_page_shows_interface_text_in_its_own_language(built_site):
    pages = all_pages(built_site) + [("fr", built_site / "404.html"), ("en", built_site / "en" / "404.html")]
    problems = []
    for lang, path in pages:
        assert soup_of(path).html["lang"] == lang, path
        problems += [f"{path.relative_to(built_site)}: {p}" for p in chrometext.wrong_language(path.read_text(encoding="utf-8"), lang)]
    assert problems == []


@pytest.mark.parametrize("lang", LANGS)
def test_interface_text_is_there_in_the_pages_language(built_site, lang):
    """The other side of the check above: the chrome shows this language's own strings."""
    material = {k: v for k, v in chrometext._MATERIAL_KEY.findall(
        (Path(chrometext.material.__file__).parent / "templates/partials/languages" / f"{lang}.html").read_text(encoding="utf-8"))}
    soup = soup_of(page_path(built_site, "contrastes/invitation", lang))
    text = lambda selector: " ".join(soup.select_one(selector).get_text(" ", strip=True).split())
    assert text("a.md-skip") == material["action.skip"]
    assert text(".md-top") == material["top"]
    assert soup.select_one("input.md-search__input")["placeholder"] == material["search.placeholder"]
    assert text(".md-sidebar--secondary .md-nav__title") == material["toc"]
    assert {el.get_text(strip=True) for el in soup.select(".md-footer__direction")} <= {material["footer.previous"], material["footer.next"]}
    assert text(".md-copyright").endswith(f"{translator(lang)('made_with')} Material for MkDocs")
    palette = {el["aria-label"] for el in soup.select("input.md-option[aria-label]")}
    assert palette and palette <= chrometext.known(lang)


def test_markdown_extension_titles_are_translated(built_site):
    for lang in LANGS:
        path = page_path(built_site, "contrastes/invitation", lang)
        titles = {a["title"] for a in soup_of(path).select("a.headerlink")}
        assert titles == {translator(lang)("permalink")}


# --- preview build with a missing translation ------------------------------------------------------

@pytest.fixture(scope="module")
def preview_site(tmp_path_factory) -> Path:
    """The small sample site, with contrastes/invitation not translated into English, built with RSE_PREVIEW=1."""
    project = tmp_path_factory.mktemp("preview") / "project"
    sample_project(project)
    (project / "docs" / "contrastes" / "invitation.en.md").unlink()
    (project / "docs" / "contrastes" / "invitation" / "atelier.en.md").unlink()  # and its printable plan, not translated either
    site = project.parent / "site"
    build_site(project, site, env={"RSE_PREVIEW": "1"})
    return site


def test_fallback_page_has_a_banner_in_the_readers_language(preview_site):
    path = page_path(preview_site, "contrastes/invitation", "en")
    soup = soup_of(path)
    assert soup.html["lang"] == "en"
    banner = soup.select_one("article [data-rse=untranslated]")
    assert banner is not None and not banner.find_parent(attrs={"lang": "fr"})
    t = translator("en")
    assert banner.select_one(".admonition-title").get_text(strip=True) == t("untranslated.title")
    assert t("untranslated.text", source=t("language.fr")) in banner.get_text(" ", strip=True)
    original = banner.select_one("a[hreflang=fr]")
    assert link_target(preview_site, path, original["href"])[0] == page_path(preview_site, "contrastes/invitation", "fr")


def test_fallback_content_is_marked_and_generated_in_its_own_language(preview_site):
    soup = soup_of(page_path(preview_site, "contrastes/invitation", "en"))
    body = soup.select_one("article .rse-fallback")
    assert body["lang"] == "fr"
    assert body.select_one("h1") is not None and body.select_one("[data-rse=comparison]") is not None
    fr = ui_strings()["fr"]
    sides = [p.get_text(strip=True) for p in body.select(".rse-claim__side")]
    assert sides == [fr["side.personal"], fr["side.enterprise"]]
    # its generated links go to pages of the English build
    page = page_path(preview_site, "contrastes/invitation", "en")
    links = body.select("[data-rse=relations] a")
    assert links
    for a in links:
        assert link_target(preview_site, page, a["href"])[0].relative_to(preview_site).parts[0] == "en", a["href"]
    # section links are interface text: in the reader's language, and marked so
    assert {(a["lang"], a["title"]) for a in body.select("a.headerlink")} == {("en", translator("en")("permalink"))}


def test_fallback_page_is_no_alternate_and_points_to_its_original(preview_site):
    fallback = soup_of(page_path(preview_site, "contrastes/invitation", "en"))
    original_url = url_of(preview_site, page_path(preview_site, "contrastes/invitation", "fr"))
    assert fallback.head.select_one("link[rel=canonical]")["href"] == original_url
    assert fallback.head.select_one("meta[name=robots]")["content"] == "noindex"
    assert not fallback.head.select("link[rel=alternate][hreflang]")
    assert not head_alternates(page_path(preview_site, "contrastes/invitation", "fr"))
    # a translated page keeps its alternates
    assert set(head_alternates(page_path(preview_site, "contrastes/but-commun", "en"))) == {"fr", "en", "x-default"}


def test_sitemap_and_search_leave_fallback_copies_out(preview_site):
    tree = ET.parse(preview_site / "sitemap.xml")
    locs = {url.find("s:loc", NS).text: url for url in tree.getroot().findall("s:url", NS)}
    fallback_url = url_of(preview_site, page_path(preview_site, "contrastes/invitation", "en"))
    original_url = url_of(preview_site, page_path(preview_site, "contrastes/invitation", "fr"))
    assert fallback_url not in locs
    assert locs[original_url].findall("x:link", NS) == []
    twin = url_of(preview_site, page_path(preview_site, "contrastes/but-commun", "en"))
    assert {link.get("hreflang") for link in locs[twin].findall("x:link", NS)} == {"fr", "en", "x-default"}
    assert not any(d["location"].startswith("contrastes/invitation/") for d in _index(preview_site, "en")["docs"])
    assert any(d["location"].startswith("contrastes/invitation/") for d in _index(preview_site, "fr")["docs"])


def test_preview_pages_show_interface_text_in_their_language(preview_site):
    problems = []
    for lang, path in all_pages(preview_site):
        # the samples' hand-written h1 ("# Contrastes") is the same in both languages: not interface text
        found = chrometext.wrong_language(path.read_text(encoding="utf-8"), lang, ignore=("article h1",))
        problems += [f"{path.relative_to(preview_site)}: {p}" for p in found]
    assert problems == []


def test_the_adapter_says_so_when_the_i18n_plugin_is_missing():
    from types import SimpleNamespace

    from mkdocs.exceptions import PluginError

    import mkdocs_internals

    with pytest.raises(PluginError, match=r"^rse: the mkdocs-static-i18n plugin \('i18n'\) must be enabled in mkdocs.yml$"):
        mkdocs_internals.i18n(SimpleNamespace(plugins={}))
    built = SimpleNamespace(plugins={"i18n": SimpleNamespace(current_language="en")})
    assert mkdocs_internals.current_language(mkdocs_internals.i18n(built)) == "en"
