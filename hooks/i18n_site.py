"""Thin MkDocs adapter that makes both languages first-class (issue #3).

Routes MkDocs events to plain functions in ``rse.alternates`` (hreflang, switcher, sitemap),
``rse.searchindex`` (one search index per language), ``rse.errorpages`` (404 per language)
and ``rse.chrome`` (interface text Material leaves untranslated). Runs after
mkdocs-static-i18n (priority -200 vs its -100 and 50) and keeps no state between events
other than what MkDocs passes in, so it is safe across language builds and serve rebuilds.

What the templates in ``overrides/`` get, per page, as ``rse_i18n``:
``lang`` (interface language), ``content_lang`` (language of the page's text), ``fallback``
(true on a preview copy of an untranslated page), ``hreflang`` (absolute alternates with
x-default), ``switcher`` (same page in each language, relative), ``search_base`` (the
language root, relative), ``original`` (fallback only: the page it copies) and ``home``.
"""

from __future__ import annotations

import json
import posixpath
import threading
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import i18n_plugin
from rse import alternates, chrome, errorpages, searchindex
from rse.errors import ContentError

log = get_plugin_logger("i18n_site")


# ---------------------------------------------------------------------------- helpers

def _i18n(config: MkDocsConfig):
    return i18n_plugin.required(config, "i18n_site")


def _languages(i18n) -> list[str]:
    return list(_language_names(i18n))


_settings: tuple[object, dict[str, str], str] | None = None  # (i18n configuration, built languages' names, default)


def _language_names(i18n) -> dict[str, str]:
    return _settings_of(i18n)[1]


def _default_language(i18n) -> str:
    return _settings_of(i18n)[2]


def _homes(i18n) -> dict[str, str]:
    """Each built language's home, site-relative ('' for the default language, 'en/')."""
    default = _default_language(i18n)
    return {x: _home_of(x, default) for x in _language_names(i18n)}


_home_hrefs: dict[tuple, str] = {}  # (home, depth of a page, shares the home's folder) -> the link


def _home_href(home: str, page_url: str) -> str:
    """``get_relative_url(home or ".", page_url)``, worked out once per depth: pages at the same
    depth link their language's home the same way (a few entries, not one per page)."""
    folder, _, name = page_url.rpartition("/")
    folder = folder if "." in name else page_url  # as get_relative_url reads the page's address
    path = posixpath.normpath(folder if folder.startswith("/") else "/" + folder)[1:]
    parts = path.split("/") if path else []
    key = (home, len(parts), bool(parts) and parts[0] == home.strip("/"))
    found = _home_hrefs.get(key)
    if found is None:
        found = _home_hrefs[key] = get_relative_url(home or ".", page_url)
    return found


def _settings_of(i18n) -> tuple[object, dict[str, str], str]:
    """Built languages, their names and the default one, read once per i18n configuration:
    MkDocs config options and the plugin's properties are slow to read, and every page asks
    (a third of this hook's time per page)."""
    global _settings
    if _settings is None or _settings[0] is not i18n.config:
        _settings = (i18n.config, {lang.locale: lang.name for lang in i18n.config.languages if lang.build},
                     i18n.default_language)
    return _settings


def _prefixes(i18n) -> dict[str, str]:
    """Folder of each non-default language: the i18n plugin builds language 'en' into 'en/'."""
    return {lang: f"{lang}/" for lang in _languages(i18n) if lang != i18n.default_language}


def _home_of(lang: str, default: str) -> str:
    return "" if lang == default else f"{lang}/"


def _home(i18n, lang: str) -> str:
    return _home_of(lang, i18n.default_language)


def _mount(config: MkDocsConfig) -> str:
    return urlsplit(config.site_url or "/").path or "/"


def _t(lang: str):
    try:
        return chrome.translator(lang)
    except ContentError as exc:
        raise PluginError(f"i18n_site: interface strings are incomplete:\n{exc}") from None


def _versions(file: File, built: str, languages: list[str]) -> dict[str, alternates.Version]:
    """The address of a page (built in language ``built``) in each language, and whether it
    is a real translation there: the i18n plugin's alternates point at a default-language
    file for a language the page is not translated into."""
    found = dict(getattr(file, "alternates", None) or {})
    found.setdefault(built, file)
    return {lang: alternates.Version(lang, alternates.site_relative(alt.url), getattr(alt, "locale", lang) == lang)
            for lang, alt in found.items() if lang in languages}


def _is_fallback(page: Page, i18n) -> bool:
    return getattr(page.file, "locale", i18n.current_language) != i18n.current_language


# ---------------------------------------------------------------------------- events

@event_priority(-200)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Interface text produced by Markdown extensions, in the language being built."""
    i18n = _i18n(config)
    t = _t(i18n.current_language or i18n.default_language)
    extensions = set(config.markdown_extensions)
    if "toc" in extensions and (config.mdx_configs.get("toc") or {}).get("permalink"):
        config.mdx_configs["toc"]["permalink_title"] = t("permalink")
    if "footnotes" in extensions:
        config.mdx_configs.setdefault("footnotes", {})["BACKLINK_TITLE"] = t("footnote.backlink")
    return config


def on_env(env, config: MkDocsConfig, files):
    i18n = _i18n(config)
    lang = i18n.current_language
    env.globals["rse_t"] = _t(lang)
    env.globals["rse_t_in"] = lambda other, key, **values: _t(other)(key, **values)
    env.filters["rse_hreflang"] = lambda head, links: Markup(alternates.replace_head_alternates(str(head), list(links or ())))

    def search_config(html, base):
        try:
            return Markup(searchindex.patch_page_config(str(html), base=base))
        except searchindex.SearchSetupError as exc:
            raise PluginError(f"i18n_site: cannot set up per-language search: {exc}") from None

    env.filters["rse_search_config"] = search_config
    return env


@event_priority(-200)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files) -> str:
    """A fallback copy holds another language's text: keep it out of this language's search index."""
    if _is_fallback(page, _i18n(config)):
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


@event_priority(-300)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files) -> str:
    """In a fallback copy, section links carry interface text (their title) in the reader's language."""
    i18n = _i18n(config)
    if not _is_fallback(page, i18n):
        return html
    return html.replace('<a class="headerlink" ', f'<a class="headerlink" lang="{i18n.current_language}" ')


@event_priority(-200)
def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    i18n = _i18n(config)
    lang, default = i18n.current_language, _default_language(i18n)
    names = _language_names(i18n)
    languages = list(names)
    homes = _homes(i18n)
    versions = _versions(page.file, lang, languages)
    fallback = _is_fallback(page, i18n)
    href = lambda url: get_relative_url(url or ".", page.url)  # noqa: E731
    home = _home_href(homes[lang], page.url)
    data = {
        "lang": lang,
        "content_lang": getattr(page.file, "locale", lang),
        "fallback": fallback,
        "hreflang": alternates.hreflang_links(versions, site_url=config.site_url or "/", default_language=default,
                                              languages=languages),
        "switcher": [{"lang": e.lang, "name": e.name, "href": href(e.url), "current": e.current}
                     for e in alternates.switcher(versions, current=lang, names=names, homes=homes)],
        "search_base": home,
        "home": home,
    }
    if fallback:
        source = data["content_lang"]
        data["source_name"] = _t(lang)(f"language.{source}")
        original = versions.get(source)
        data["original"] = href(original.url) if original else None
        page.canonical_url = alternates.canonical(versions, lang, site_url=config.site_url or "/",
                                                  default_language=default) or page.canonical_url
    context["rse_i18n"] = data
    return context


@event_priority(-200)
def on_template_context(context, template_name: str, config: MkDocsConfig):
    i18n = _i18n(config)
    lang = i18n.current_language
    languages = _languages(i18n)
    if template_name == "404.html":
        mount = _mount(config)
        root = lambda x: mount.rstrip("/") + "/" + _home(i18n, x)  # noqa: E731  absolute path of a language root
        context["rse_i18n"] = {
            "lang": lang, "content_lang": lang, "fallback": False, "hreflang": [], "notfound": True,
            "switcher": [{"lang": x, "name": name, "href": root(x), "current": x == lang} for x, name in _language_names(i18n).items()],
            "search_base": root(lang), "home": root(lang),
            "other_homes": [{"lang": x, "href": root(x)} for x in languages if x != lang],
            "roots": [root(x) for x in languages],
        }
    elif template_name == "sitemap.xml":
        collected = context.get("i18n_alternates") or {}
        if not set(languages) <= set(collected):
            # mkdocs-static-i18n renders the sitemap after each language build, and the last one,
            # which has every language's pages, writes it over: nothing to list before that.
            context["rse_sitemap"] = []
            return context
        pages = []
        for built, files in collected.items():
            for file in files:
                if file.page is None or getattr(file.page, "is_link", False):
                    continue
                pages.append((built, _versions(file, built, languages), file.page.update_date))
        context["rse_sitemap"] = alternates.sitemap_entries(pages, site_url=config.site_url or "/",
                                                            default_language=_default_language(i18n), languages=languages)
    return context


@event_priority(-200)
def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """Each language build renders 404.html into the same file: put non-default ones in their folder."""
    i18n = _i18n(config)
    lang = i18n.current_language
    if template_name != "404.html" or lang == i18n.default_language:
        return output
    target = Path(config.site_dir) / _prefixes(i18n)[lang] / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    log.debug(f"404 page for '{lang}' written to {target}")
    return ""  # keeps the default language's 404.html at the root


@event_priority(-200)
def on_post_build(config: MkDocsConfig) -> None:
    """After the last language: split the combined search index into one index per language.

    mkdocs-static-i18n rebuilds one index holding every language at the very end of the first
    (outer) build; its nested builds run with ``building`` set. Only the outer call acts.
    """
    i18n = _i18n(config)
    if getattr(i18n, "building", False):
        return
    source = Path(config.site_dir) / "search" / "search_index.json"
    if not source.is_file():
        return
    prefixes = _prefixes(i18n)
    combined = _combined_index(config) or json.loads(source.read_text(encoding="utf-8"))
    for lang, index in searchindex.split_index(combined, prefixes=prefixes, default_language=i18n.default_language).items():
        target = Path(config.site_dir) / prefixes.get(lang, "") / "search" / "search_index.json"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(searchindex.to_json(index))


def _combined_index(config: MkDocsConfig) -> dict | None:
    """What Material's search has just written to search/search_index.json (the data of its
    ``generate_search_index``), taken from memory rather than parsed back from the file."""
    search = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(search, "search_index", None)
    entries, settings = getattr(index, "entries", None), getattr(index, "config", None)
    keys = ("lang", "separator", "pipeline", "fields")
    if not isinstance(entries, list) or not isinstance(settings, dict) or not all(k in settings for k in keys):
        return None
    return {"config": {key: settings[key] for key in keys}, "docs": entries}


def on_serve(server, config: MkDocsConfig, builder):
    """`mkdocs serve`: answer a missing address with the 404 page of its language (rse.errorpages)."""
    prefixes, mount = _prefixes(_i18n(config)), _mount(config)
    request = threading.local()
    app = server.get_app()

    def remember_path(environ, start_response):
        request.path = environ.get("PATH_INFO", "/")
        return app(environ, start_response)

    default_handler = server.error_handler

    def error_handler(code: int):
        if code == 404:
            page = Path(server.root) / errorpages.error_page(getattr(request, "path", "/"), prefixes=prefixes, mount=mount)
            if page.is_file():
                return page.read_bytes()
        return default_handler(code)

    server.set_app(remember_path)
    server.error_handler = error_handler
    return server
