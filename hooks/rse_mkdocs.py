"""The MkDocs adapter: the one place where MkDocs, Material and mkdocs-static-i18n meet the engine.

The engine (``hooks/rse/``, plain Python) reads and checks the pages, renders the generated
content through a Python-Markdown extension (``rse.mdext``) and computes addresses, hreflang,
sitemaps, search indexes and redirects. This module only routes MkDocs events to it. The
internals of the three libraries it needs are reached through ``hooks/mkdocs_internals.py``,
which lists each with the version it was checked against.

One build of the site is one MkDocs build per language: mkdocs-static-i18n runs the default
language's build, then, from its ``on_post_build``, a nested build of each other language in the
same process. Each language build gets one ``_Build`` (``on_files`` pushes it, ``on_post_build``
pops it); the pages are read and checked once, by the outermost build. Nothing else is kept
between events or between builds: every build computes everything from its inputs.

Event priorities: mkdocs-static-i18n localizes the configuration, the files and the navigation
at -100, so the handlers that need them run at -200 (after it). Nothing here is cached on disk.
"""

from __future__ import annotations

import json

import jinja2
import jinja2.bccache
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import mkdocs_internals as internals
from rse import (alternates, assets, csp, docsfiles, errorpages, glossary, kinds, navwindow, offline, redirects, render, searchindex,
                 share, siteurl, themetext, typography, uistrings)
from rse.errors import ContentError
from rse.public import Links
from rse.languages import Languages
from rse.mdext import Conversion, RseExtension
from rse.model import PageData, Site
from rse.settings import Settings
from rse.site import list_pages, load_site, read_pages, split_name

log = get_plugin_logger("rse")
SHIM = "assets/vendor/iframe-worker/shim.js"  # the offline copy's Web Worker shim, shipped with the site
SERVE_POLL_S = 0.1  # how often `mkdocs serve` looks for saved files (MkDocs: 0.5 s)


@dataclass
class _Build:
    """One language build: what its events need, made in on_files, dropped in on_post_build."""

    settings: Settings
    languages: Languages
    lang: str  # the language being built
    site: Site
    glossaries: dict[str, tuple[glossary.Entry, ...]]
    links: Links  # public addresses (trainer's kit, print, sharing)
    files_by_id: dict[str, File] = field(default_factory=dict)
    page_css: dict[str, str] = field(default_factory=dict)  # site path -> its styles, minified, to inline (rse.assets.INLINED)
    data_by_src: dict[str, PageData] = field(default_factory=dict)
    conversion: Conversion | None = None  # the page being converted (read by the Markdown extension)
    nav_plan: navwindow.Plan | None = None  # long navigation sections, worked out once in on_nav
    theme_scripts: list = field(default_factory=list)  # the inline scripts the templates write (rse.csp), read in on_env


class _State:
    def __init__(self) -> None:
        self.builds: list[_Build] = []  # the language builds under way, innermost last
        self.extension = RseExtension(page=lambda: self.build.conversion if self.builds else None)

    @property
    def build(self) -> _Build:
        return self.builds[-1]


_state = _State()


def _error(what: str, exc: ContentError) -> PluginError:
    return PluginError(f"rse: {what} {len(exc.problems)} problem(s):\n{exc}")


def _languages(config: MkDocsConfig) -> Languages:
    default, names, built = internals.languages(internals.i18n(config))
    return Languages(default=default, names=names, built=built)


def _t(lang: str):
    try:
        return uistrings.translator(lang)
    except ContentError as exc:
        raise _error("the interface strings have", exc) from None


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent if config.config_file_path else Path(config.docs_dir).parent


def _public_site_url(config: MkDocsConfig) -> str:
    """Where the site is published: ``site_url``, except in `mkdocs serve`, which puts the local server's
    address there (``http://127.0.0.1:8000/``): what is handed out (the kit, the cards, the printed
    corner) then keeps the configured one, SITE_URL or mkdocs.yml's (rse.siteurl.configured)."""
    if internals.served_locally(config) and config.config_file_path:
        return siteurl.configured(Path(config.config_file_path))
    return config.site_url or ""


# ---------------------------------------------------------------------------- configuration and pages

@event_priority(-200)  # after mkdocs-static-i18n (-100) has set the language being built
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    i18n, languages = internals.i18n(config), _languages(config)
    # What must not be published (symbolic links, files outside docs/, a language's folder), refused
    # before MkDocs lists docs/: it follows symbolic links, and loops on a link to a parent. Once per
    # run: a nested language build lists the docs/ the outer one has just checked.
    problems = [] if internals.nested(i18n) else docsfiles.problems(Path(config.docs_dir), _root(config), languages.codes)
    if problems:
        raise _error("the content has", ContentError(problems))
    for url in dict.fromkeys((config.site_url or "", _public_site_url(config))):
        wrong = siteurl.malformed(url)
        if wrong:  # printed into every page's links, QR codes and sitemap: checked whole
            raise PluginError(f"rse: mkdocs.yml: field 'site_url' (SITE_URL): expected {wrong}; found {url!r}.")
    lang = internals.current_language(i18n) or languages.default
    t = _t(lang)
    if (config.mdx_configs.get("toc") or {}).get("permalink"):
        config.mdx_configs["toc"]["permalink_title"] = t("permalink")
    if "footnotes" in config.markdown_extensions:
        config.mdx_configs.setdefault("footnotes", {})["BACKLINK_TITLE"] = t("footnote.backlink")
    if _state.extension not in config.markdown_extensions:  # type: ignore[comparison-overlap]  # typed list[str]: Markdown takes instances too
        config.markdown_extensions.append(_state.extension)  # type: ignore[arg-type]  # likewise
    if internals.offline_enabled(config):
        internals.use_local_iframe_worker(config, SHIM)
    return config


@event_priority(-200)  # after mkdocs-static-i18n (-100) has kept this language's files
def on_files(files: Files, config: MkDocsConfig) -> Files:
    i18n = internals.i18n(config)
    languages, lang, settings = _languages(config), internals.current_language(i18n), Settings.from_environ()
    if _state.builds and internals.nested(i18n):  # the pages were read and checked by the outer build
        site, glossaries = _state.builds[0].site, _state.builds[0].glossaries
    else:
        _state.builds.clear()  # a previous build that stopped half-way (mkdocs serve) leaves nothing behind
        site, glossaries = _load(config, languages, settings)
    links = Links(site_url=_public_site_url(config) or "/", roots=languages.roots, archive=settings.offline_archive)
    build = _Build(settings, languages, lang, site, glossaries, links)
    docs_dir = Path(config.docs_dir).resolve()
    for file in files.documentation_pages():
        assert file.abs_src_path is not None  # MkDocs gives every documentation page its source file
        named = split_name(Path(file.abs_src_path).resolve().relative_to(docs_dir).as_posix(), languages.codes)
        data = site.by_base(named[1], named[0]) if named else None
        if data is not None:
            build.data_by_src[file.src_uri], build.files_by_id[data.id] = data, file
    for data in site.of(lang).values():
        if data.id not in build.files_by_id:
            raise PluginError(f"rse: {data.file} was not picked up by the '{lang}' build (is it excluded by mkdocs.yml?)")
    for base in site.missing.get(lang, ()) if settings.preview else ():
        log.info(f"preview: '{base}' has no '{lang}' translation; the '{languages.default}' page is shown with a banner")
    config.mdx_configs["abbr"] = {"glossary": glossary.as_abbreviations(glossaries.get(lang, ()), lang)}
    for file in list(files):  # the site's stylesheets and scripts served without their comments (first visit <= 80 KB)
        if file.src_uri in assets.INLINED:
            build.page_css[file.src_uri] = assets.minify_css(file.content_string)
            files.remove(file)
        elif file.src_uri in assets.MINIFIED:
            file.content_string = assets.minify_css(file.content_string)
        elif file.src_uri in assets.MINIFIED_JS:
            file.content_string = assets.minify_js(file.content_string)
    _state.builds.append(build)
    return files


def _load(config: MkDocsConfig, languages: Languages, settings: Settings):
    root, docs = _root(config), Path(config.docs_dir)
    try:
        uistrings.ui_strings()
        glossaries = {code: glossary.load(root, code, display_root=root) for code in languages.codes}
        site = load_site(docs, languages.codes, languages.default, display_root=root,
                         allow_missing_translations=settings.preview, pages=read_pages(docs, root, list_pages(docs)))
        if site.unfinished and not settings.preview:
            raise ContentError(list(site.unfinished))
    except ContentError as exc:
        raise _error("the content has", exc) from None
    for file in dict.fromkeys(p.file for p in site.unfinished):
        left = [p for p in site.unfinished if p.file == file]
        log.info(f"preview: {file} is unfinished: {len(left)} TODO left, the first on line {left[0].line} ({left[0].field})")
    return site, glossaries


@event_priority(-200)  # after mkdocs-static-i18n (-100) has translated the navigation
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Order navigation by the pages' 'order'; a section is titled by its index page."""
    build = _state.build

    def order_of(item) -> tuple:
        if isinstance(item, Page):
            data = build.data_by_src.get(item.file.src_uri)
            return (0 if item.file.name == "index" else 1, data.order if data else 10**6, item.file.src_uri)
        if isinstance(item, Section):
            index = next((c for c in item.children if isinstance(c, Page) and c.file.name == "index"), None)
            data = build.data_by_src.get(index.file.src_uri) if index else None
            if data is not None:
                item.title = themetext.theme_text(data.title)  # Material prints section titles raw
            return (1, data.order if data else 10**6, item.title or "")
        return (2, 10**6, "")

    def sort(items: list) -> list[Page]:
        items.sort(key=order_of)
        pages = []
        for item in items:
            pages.extend([item] if isinstance(item, Page) else sort(item.children) if isinstance(item, Section) else [])
        return pages

    # MkDocs linked the pages (footer previous/next) before this event: link them again, in order.
    nav.pages = sort(nav.items)
    build.nav_plan = navwindow.Plan(nav.items)
    for previous, current in zip([None, *nav.pages], [*nav.pages, None]):
        if previous is not None:
            previous.next_page = current
        if current is not None:
            current.previous_page = previous
    return nav


def _is_fallback(page: Page, build: _Build) -> bool:
    """A preview copy of a page not translated into the language being built."""
    return internals.locale(page.file, build.lang) != build.lang


@event_priority(-200)  # after every other on_page_markdown: the conversion follows
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _state.build
    data = build.data_by_src.get(page.file.src_uri)
    meta, body, body_line = build.site.sources.get(data.file, ({}, markdown, 1)) if data is not None else ({}, markdown, 1)
    if data is not None and (page.meta != meta or markdown.strip() != body.strip()):
        # One reader: what MkDocs publishes is what was checked, or the page is refused.
        raise PluginError(f"rse: the content has 1 problem(s):\n{data.file}: field '(front matter)': expected front matter that "
                          f"MkDocs reads as the checks do; found MkDocs reading {len(page.meta)} field(s) and a body of "
                          f"{len(markdown)} characters, the checks {len(meta)} and {len(body)}. Write it as plain YAML between two "
                          "'---' lines, each followed by a line break.")
    # Material prints page.meta.title and .description and page.title raw: escaped once, here (rse.themetext).
    page.meta.update(themetext.escape_theme_fields(page.meta))
    ctx = None if data is None else render.Context(
        # A fallback copy's generated parts are in its own language, linking to this build's pages.
        site=build.site, lang=data.lang, page=data, url_for=_linker(build, page), links=build.links,
        glossary=build.glossaries.get(data.lang, ()))
    build.conversion = Conversion(ctx, address=build.links.root(build.languages.default) + page.url,
                                  file=data.file if data is not None else f"{Path(config.docs_dir).name}/{page.file.src_uri}",
                                  body=body, body_line=body_line)
    if _is_fallback(page, build):  # another language's text: not in this language's search index
        page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
    return markdown


def _linker(build: _Build, page: Page):
    def url_for(page_id: str, anchor: str | None) -> str:
        target = build.files_by_id[page_id]
        if target is page.file:
            return f"#{anchor}" if anchor else "./"
        href = get_relative_url(target.url, page.url)
        return f"{href}#{anchor}" if anchor else href
    return url_for


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    build = _state.build
    files, build.conversion = build.conversion.files if build.conversion else (), None
    for name, text in files:  # files the generated content links to (QR code images, slide texts)
        folder = Path(page.file.abs_dest_path).parent
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    if _is_fallback(page, build):  # section links carry interface text (their title) in the reader's language
        html = html.replace('<a class="headerlink" ', f'<a class="headerlink" lang="{build.lang}" ')
    return html


# ---------------------------------------------------------------------------- templates

class _CompiledTemplates(jinja2.BytecodeCache):
    """Theme templates compiled once per process, not once per language build (and `mkdocs
    serve` rebuild): Jinja reuses a compiled template only while its source has the same checksum,
    so an edited template is compiled anew. In memory only, one entry per template."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        if bucket.key in self._code:
            bucket.bytecode_from_string(self._code[bucket.key])

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_templates = _CompiledTemplates()


def on_env(env, config: MkDocsConfig, files: Files):
    env.bytecode_cache = env.bytecode_cache or _templates
    lang = _state.build.lang
    # The Content-Security-Policy allows the inline scripts the theme's templates write, read from them at each build.
    _state.build.theme_scripts = csp.template_scripts(
        path.read_text(encoding="utf-8") for folder in internals.template_dirs(config) for path in sorted(Path(folder).rglob("*.html")))
    env.globals["rse_t"] = _t(lang)
    env.globals["rse_t_in"] = lambda other, key, **values: _t(other)(key, **values)
    env.filters["rse_text"] = typography.text_in(lang)  # text the page step does not reach (the printed margins, in CSS)
    env.filters["rse_hreflang"] = lambda head, links: Markup(alternates.replace_head_alternates(str(head), list(links or ())))

    def search_config(html, base):
        try:
            return Markup(searchindex.patch_page_config(str(html), base=base))
        except searchindex.SearchSetupError as exc:
            raise PluginError(f"rse: cannot set up per-language search: {exc}") from None

    env.filters["rse_search_config"] = search_config
    return env


def _versions(file: File, build: _Build, built: str | None = None) -> dict[str, alternates.Version]:
    """The page's address in each language, and whether it is a real translation there."""
    built = built or build.lang
    found = internals.alternates(file)
    found.setdefault(built, file)
    return {lang: alternates.Version(lang, alternates.site_relative(alt.url), internals.locale(alt, lang) == lang)
            for lang, alt in found.items() if lang in build.languages.built}


@event_priority(-200)  # after mkdocs-static-i18n (-100) has set the page's alternates
def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    build, languages = _state.build, _state.build.languages
    lang, versions, fallback = build.lang, _versions(page.file, build), _is_fallback(page, build)
    names = {code: languages.names[code] for code in languages.built}
    homes = {code: languages.root(code) for code in languages.built}
    href = lambda url: get_relative_url(url or ".", page.url)
    data: dict = {
        "lang": lang, "content_lang": internals.locale(page.file, lang), "fallback": fallback,
        "hreflang": alternates.hreflang_links(versions, site_url=config.site_url or "/", default_language=languages.default,
                                              languages=list(languages.built)),
        "switcher": [{"lang": e.lang, "name": e.name, "href": href(e.url), "current": e.current}
                     for e in alternates.switcher(versions, current=lang, names=names, homes=homes)],
        "search_base": href(homes[lang]), "home": href(homes[lang]),
    }
    if fallback:
        source = data["content_lang"]
        data["source_name"] = _t(lang)(f"language.{source}")
        original = versions.get(source)
        data["original"] = href(original.url) if original else None
        page.canonical_url = alternates.canonical(versions, lang, site_url=config.site_url or "/",
                                                  default_language=languages.default) or page.canonical_url
    context["rse_i18n"] = data
    if context.get("nav") is not None and build.nav_plan is not None:  # long sections: a window around the page
        context["nav"] = navwindow.window(context["nav"], build.nav_plan, page, uistrings.ui_strings()[lang]["nav.all"], Link)
    page_data = build.data_by_src.get(page.file.src_uri)
    if page_data is not None:
        context["rse_share"] = share.meta(page_data, build.site, build.links, site_name=config.site_name or "", lang=lang)
        context["rse_page_css"] = Markup("".join(build.page_css.get(path, "") for path in assets.page_styles(page_data.kind, page_data.markers)))
        context["rse_page_script"] = kinds.SCRIPTS.get(page_data.kind)  # its kind's own script (rse.kinds.Kind.script)
        context["rse_own_print"] = kinds.of(page_data.kind).own_print  # no print.css (rse.kinds.Kind.own_print)
    return context


def _mount(config: MkDocsConfig) -> str:
    return urlsplit(config.site_url or "/").path or "/"


@event_priority(-200)  # after mkdocs-static-i18n has put its alternates in the sitemap's context
def on_template_context(context, template_name: str, config: MkDocsConfig):
    build, languages = _state.build, _state.build.languages
    if template_name == "404.html":
        mount = _mount(config)
        root = lambda x: mount.rstrip("/") + "/" + languages.root(x)  # absolute path of a language root
        context["rse_i18n"] = {
            "lang": build.lang, "content_lang": build.lang, "fallback": False, "hreflang": [], "notfound": True,
            "switcher": [{"lang": x, "name": languages.names[x], "href": root(x), "current": x == build.lang}
                         for x in languages.built],
            "search_base": root(build.lang), "home": root(build.lang),
            "other_homes": [{"lang": x, "href": root(x)} for x in languages.built if x != build.lang],
            "roots": [root(x) for x in languages.built],
        }
    elif template_name == "sitemap.xml":
        collected = internals.sitemap_alternates(context)
        if not set(languages.built) <= set(collected):
            # mkdocs-static-i18n renders the sitemap after each language build; the last one,
            # which has every language's pages, writes it over: nothing to list before that.
            context["rse_sitemap"] = []
            return context
        pages = [(built, _versions(file, build, built), file.page.update_date)
                 for built, files in collected.items() for file in files
                 if file.page is not None and not getattr(file.page, "is_link", False)]
        context["rse_sitemap"] = alternates.sitemap_entries(pages, site_url=config.site_url or "/",
                                                            default_language=languages.default, languages=list(languages.built))
    return context


@event_priority(-200)  # after every other on_post_page: the page's body is not needed after this one
def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """French typography (rse.typography) on the finished page: only the text and the reader-visible
    attributes (title, alt, aria-label, placeholder, text <meta>) whose nearest lang is French
    change, never code, addresses or English passages. The search index, made from the page's
    content before, gets it in on_post_build. Then the page without its templates'
    indentation (rse.assets.compact_html: first visit <= 80 KB).

    The page's body (``page.content``) is let go once the page is made: MkDocs keeps every page
    until the end of the build, and the i18n plugin builds the second language inside the
    first's last step, so the first language's bodies stayed in memory through the second
    build (peak memory of a cold N=500 build: 167 MB before, 134 MB after). Nothing reads them later:
    titles come from the front matter, the search index was made in on_page_context."""
    page.content = None
    return _protect(assets.compact_html(typography.apply(output)), page.file.src_uri)


def _protect(html: str, name: str) -> str:
    """The page with its Content-Security-Policy (rse.csp): the theme's inline scripts by hash."""
    try:
        return csp.protect(html, _state.build.theme_scripts)
    except csp.UnknownScriptError as exc:
        raise PluginError(f"rse: {name}: {exc}") from None


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    """The theme's templates: the 404 page gets French typography too, and each language build
    renders it into the same file: the other languages' go in their folder."""
    build = _state.build
    if template_name.endswith(".html"):
        output = _protect(typography.apply(output), template_name)
    if template_name != "404.html" or build.lang == build.languages.default:
        return output
    target = Path(config.site_dir) / build.languages.root(build.lang) / "404.html"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(output, encoding="utf-8")
    return ""  # the default language's 404.html stays at the root


# ---------------------------------------------------------------------------- after the pages

@event_priority(-200)  # after mkdocs-static-i18n (-100), which runs the other languages' builds and writes the search index
def on_post_build(config: MkDocsConfig) -> None:
    build = _state.builds.pop()
    if internals.nested(internals.i18n(config)):
        return  # the outermost build writes what needs every language, below
    _write_redirects(config, build)
    site_dir, prefixes = Path(config.site_dir), build.languages.prefixes
    source = site_dir / "search" / "search_index.json"
    if source.is_file():  # one search index per language (Material writes one with every language)
        combined = json.loads(source.read_text(encoding="utf-8"))
        for lang, index in searchindex.split_index(combined, prefixes=prefixes, default_language=build.languages.default).items():
            index = searchindex.typeset(index, typography.html_in(lang))  # results show the pages' typography
            searchindex.write_json(index, site_dir / prefixes.get(lang, "") / "search" / "search_index.json")
        if internals.offline_enabled(config):  # the offline copy: each index also as a script, for file://
            offline.inline_search_indexes(site_dir)


def _write_redirects(config: MkDocsConfig, build: _Build) -> None:
    """A redirect page for every line of redirects.yml, in every language (the default one first:
    its problems are reported, those of the others would repeat them)."""
    try:
        items = redirects.load(_root(config))
    except ContentError as exc:
        raise _error(f"{redirects.FILE_NAME} has", exc) from None
    for lang in build.languages.built:
        problems = redirects.write(items, Path(config.site_dir), prefix=build.languages.root(lang), lang=lang,
                                   base_url=(config.site_url or "/").rstrip("/") + "/")
        if problems:
            raise _error(f"{redirects.FILE_NAME} has", ContentError(problems))


def on_build_error(error: Exception) -> None:
    """Every failure is one line naming the file: a problem found while a page was converted (the
    sanitizer, the markers) is reported as the others are, and any other exception raised while a
    page was read or converted (a Markdown extension's RecursionError on a list nested a thousand
    deep) names the page instead of showing a traceback."""
    conversion = _state.builds[-1].conversion if _state.builds else None
    _state.builds.clear()
    if isinstance(error, ContentError):
        raise _error("the content has", error) from None
    if conversion is not None and not isinstance(error, PluginError):
        reason = " ".join(f"{type(error).__name__}: {error}".split())[:300]
        raise PluginError(f"rse: the content has 1 problem(s):\n{conversion.file}: field '(body)': expected a page that "
                          f"Markdown can convert; found an error ({reason}). Simplify the structure around the change "
                          "(lists nested deeply, very long lines).") from None


def on_serve(server, config: MkDocsConfig, builder):
    """`mkdocs serve`: a missing address is answered with the 404 page of its language (rse.errorpages).
    A saved file is noticed within a tenth of a second, not half a second (benchmarks/RESULTS.md,
    no-fast-poll: without it the editing loop's median goes over 1.0 s); looking at the project's
    few hundred files takes a few ms."""
    internals.poll_every(server, SERVE_POLL_S)
    internals.allow_injected_script(server, csp.allow_script)  # its live-reload script, by hash (rse.csp)
    prefixes, mount = _languages(config).prefixes, _mount(config)

    def page_for(path: str) -> bytes | None:
        page = Path(internals.served_from(server)) / errorpages.error_page(path, prefixes=prefixes, mount=mount)
        return page.read_bytes() if page.is_file() else None

    internals.answer_missing_with(server, page_for)
    return server
