"""Thin MkDocs adapter: route MkDocs events to the plain-Python engine in ``rse``.

Runs after mkdocs-static-i18n (priority -200 vs its -100) so that it sees the
localized files and navigation of the language being built. Holds no state that
outlives one language build.
"""

from __future__ import annotations

import os
from pathlib import Path

import jinja2
import jinja2.bccache

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

import i18n_plugin
from rse import docsfiles, env, glossary, kit, placeholders, render, share
from rse.errors import ContentError
from rse.kit import Links, print_hrefs
from rse.memo import FileMemo, StoredMemos, cache_folder, project_root
from rse.memo import fingerprint as memo_fingerprint
from rse.model import PageData, Site
from rse.site import files_digest, list_pages, load_site, read_pages, split_name
from rse.themetext import escape_theme_fields, theme_text

log = get_plugin_logger("rse")


class _Build:
    """Everything one language build needs; replaced at every on_files, never accumulated."""

    def __init__(self, site: Site, lang: str, files_by_id: dict[str, File], data_by_src: dict[str, PageData],
                 links: Links, glossaries: dict[str, tuple[glossary.Entry, ...]],
                 contents: FileMemo, contents_used: list[str], contents_print: str):
        self.site, self.lang = site, lang
        self.files_by_id, self.data_by_src = files_by_id, data_by_src
        self.links = links  # public addresses: trainer's kit, print, sharing
        self.glossaries = glossaries  # language -> glossary (definitions of terms, glossary page)
        # Generated content of the pages, kept while what it depends on (contents_print, the page's
        # HTML and address) is unchanged: see on_page_content.
        self.contents, self.contents_used, self.contents_print = contents, contents_used, contents_print
        self.share: dict[str, list] = {}  # src_uri -> sharing metadata, kept with the generated content


_build: _Build | None = None
# Parsed and checked page files, reused while their text is unchanged: the second language build
# and each `mkdocs serve` rebuild only re-read the files (one entry per file, never accumulated).
_memo = FileMemo(transient=("source",))  # parsed sources: only needed to check a changed file again
_memo_loaded = False  # .cache/rse-pages.pickle read (only needed when some file changed)
# The checked site as a whole (site, TODOs left, its fingerprint), one entry keyed by the state of
# every page file and the glossaries (rse.site.files_digest): a build where no page changed reads
# no page and this one file, instead of every page, the per-file memo and the checks across pages.
_checked = FileMemo()
# What the outermost build of the current run read and checked (pages, glossaries, TODOs left).
_loaded: tuple[Site, dict, list, str] | None = None
_memo_file: Path | None = None  # .cache/rse-pages.pickle of the project: the memo between builds
_checked_file: Path | None = None  # .cache/rse-site.pickle: the checked site between builds
# Each page's generated content, per language build, kept in memory and in .cache/rse-content-<lang>.pickle.
_contents = StoredMemos("content", "rse-content", memo_fingerprint)


def _i18n(config: MkDocsConfig):
    return i18n_plugin.required(config, "rse")


def _preview() -> bool:
    return env.flag("RSE_PREVIEW")


@event_priority(100)  # HARDEN: before MkDocs lists docs/ (it follows symbolic links, and loops on a link to a parent)
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Refuse what must not be published (rse/docsfiles.py) before anything under docs/ is read."""
    languages = tuple(lang.locale for lang in _i18n(config).config.languages)
    problems = docsfiles.problems(Path(config.docs_dir), Path(config.config_file_path or config.docs_dir).parent, languages)
    if problems:
        raise PluginError(f"rse: the content has {len(problems)} problem(s):\n" + "\n".join(str(p) for p in problems))
    return config


@event_priority(-200)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _build, _memo_file, _checked_file, _loaded, _memo_loaded
    i18n = _i18n(config)
    # Every configured language, built or not: `./dev preview fr` builds one language (i18n's
    # build_only_locale) but the twins in the other one are still read and checked.
    languages = tuple(lang.locale for lang in i18n.config.languages)
    default = i18n.default_language
    lang = i18n.current_language
    root = project_root(config.config_file_path, config.docs_dir)
    cache = cache_folder(root)
    kit.use_qr_cache(cache / "rse-qr" if cache else None)
    if cache is not None and _memo_file != cache / "rse-pages.pickle":
        _memo_file, _checked_file, _memo_loaded = cache / "rse-pages.pickle", cache / "rse-site.pickle", False
        _checked.load(_checked_file, memo_fingerprint())

    def check(listed, glossaries):  # what changed is checked again, file by file, then as a whole
        global _memo_loaded
        if _memo_file is not None and not _memo_loaded:
            _memo.load(_memo_file, memo_fingerprint())
            _memo_loaded = True
        pages = read_pages(Path(config.docs_dir), root, listed)
        site = load_site(Path(config.docs_dir), languages, default, display_root=root, memo=_memo,
                         allow_missing_translations=_preview(), pages=pages)
        unfinished = placeholders.scan(Path(config.docs_dir), root, memo=_memo, pages=pages)  # "TODO" left by ./dev new
        return site, unfinished, render.site_fingerprint(site, glossaries)

    if i18n.building and _loaded is not None:
        # A nested language build of the same `mkdocs build` (mkdocs-static-i18n builds English
        # from the French build's last event): the pages were read and checked at its start.
        site, glossaries, unfinished, site_print = _loaded
    else:
        try:
            listed = list_pages(Path(config.docs_dir))
            render.ui_strings()
            glossaries = {code: glossary.load(root, code, display_root=root) for code in languages}
            key = files_digest(listed, str(root), languages, default, _preview(), glossaries)
            site, unfinished, site_print = _checked.get("site", "(every page)", key, lambda: check(listed, glossaries))
            if unfinished and not _preview():
                raise ContentError(unfinished)
        except ContentError as exc:
            raise PluginError(f"rse: the content has {len(exc.problems)} problem(s):\n{exc}") from None
        _loaded = (site, glossaries, unfinished, site_print)
    for file in dict.fromkeys(p.file for p in unfinished) if lang == default else ():
        left = [p for p in unfinished if p.file == file]
        log.info(f"preview: {file} is unfinished: {len(left)} TODO left, the first on line {left[0].line} ({left[0].field})")
    files_by_id: dict[str, File] = {}
    data_by_src: dict[str, PageData] = {}
    docs_dir = os.path.join(os.path.abspath(config.docs_dir), "")  # MkDocs joins abs_src_path to it
    for file in files.documentation_pages():
        path = file.abs_src_path or ""
        rel = (path[len(docs_dir):] if path.startswith(docs_dir) else os.path.relpath(path, docs_dir)).replace(os.sep, "/")
        named = split_name(rel, languages)
        if named is None:
            continue
        base, file_lang = named
        data = site.by_base(file_lang, base)
        if data is None:
            continue
        data_by_src[file.src_uri] = data
        files_by_id[data.id] = file
    for data in site.of(lang).values():
        if data.id not in files_by_id:
            raise PluginError(f"rse: {data.file} was not picked up by the '{lang}' build (is it excluded by mkdocs.yml?)")
    if site.missing.get(lang):
        for base in site.missing[lang]:
            log.info(f"preview: '{base}' has no '{lang}' translation; the '{default}' page is shown with a banner")
    links = Links(site_url=config.site_url or "/", roots={code: "" if code == default else f"{code}/" for code in languages},
                  archive=env.flag("RSE_OFFLINE_ARCHIVE"))  # set by ./dev build, which writes the archive next to the site
    contents, contents_used = _contents.begin(cache, lang, config.use_directory_urls)
    contents_print = render.inputs_fingerprint(site_print, lang, {page_id: file.url for page_id, file in files_by_id.items()},
                                               links, engine=memo_fingerprint("segno"), site_name=config.site_name or "")
    _build = _Build(site, lang, files_by_id, data_by_src, links, glossaries, contents, contents_used, contents_print)
    return files


@event_priority(-200)
def on_nav(nav: Navigation, config: MkDocsConfig, files: Files) -> Navigation:
    """Order navigation by the pages' 'order' and title sections after their index page."""
    if _build is None:
        return nav

    def order_of(item) -> tuple:
        if isinstance(item, Page):
            data = _build.data_by_src.get(item.file.src_uri)
            is_index = item.file.name == "index"
            return (0 if is_index else 1, data.order if data else 10**6, item.file.src_uri)
        if isinstance(item, Section):
            index = next((c for c in item.children if isinstance(c, Page) and c.file.name == "index"), None)
            data = _build.data_by_src.get(index.file.src_uri) if index else None
            if data is not None:
                item.title = theme_text(data.title)  # HARDEN: Material prints section titles raw
            return (1, data.order if data else 10**6, item.title or "")
        return (2, 10**6, "")

    def sort(items: list) -> None:
        items.sort(key=order_of)
        for item in items:
            if isinstance(item, Section):
                sort(item.children)

    sort(nav.items)
    # MkDocs computed the page sequence (footer previous/next) before this event: recompute it.
    nav.pages = _pages_in_order(nav.items)
    for previous, current in zip([None, *nav.pages[:-1]], nav.pages):
        current.previous_page = previous
        if previous is not None:
            previous.next_page = current
    if nav.pages:
        nav.pages[-1].next_page = None
    return nav


def _pages_in_order(items: list) -> list[Page]:
    pages: list[Page] = []
    for item in items:
        if isinstance(item, Page):
            pages.append(item)
        elif isinstance(item, Section):
            pages.extend(_pages_in_order(item.children))
    return pages


def on_shutdown() -> None:
    """Keep the parsed and checked pages for the next build (see rse.memo)."""
    if _memo_file is not None:
        _memo.save(_memo_file, memo_fingerprint())
    if _checked_file is not None:
        _checked.save(_checked_file, memo_fingerprint())


class _CompiledTemplates(jinja2.BytecodeCache):
    """Theme templates compiled once per process: each language build and each `mkdocs serve`
    rebuild makes a new Jinja environment, which would parse and compile Material's templates
    again (a third of a one-language rebuild of this site). Jinja checks each template's source
    checksum, so an edited override is compiled anew; one entry per template, never more."""

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


_templates = _CompiledTemplates()


def on_env(env, config: MkDocsConfig, files: Files):
    if env.bytecode_cache is None:
        env.bytecode_cache = _templates
    return env


@event_priority(-200)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Append the page's language glossary as abbreviations: every occurrence of a term gets its definition."""
    # HARDEN: Material prints page.meta.title/description and page.title raw: escape them once, here
    # (the first event after MkDocs reads the front matter; see rse/themetext.py).
    page.meta.update(escape_theme_fields(page.meta))
    data = _build.data_by_src.get(page.file.src_uri) if _build is not None else None
    if data is None:
        return markdown
    return markdown + glossary.as_markdown(_build.glossaries.get(data.lang, ()))


@event_priority(-200)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _build is None:
        return html
    data = _build.data_by_src.get(page.file.src_uri)
    if data is None:
        return html

    def url_for(page_id: str, anchor: str | None) -> str:
        target = _build.files_by_id[page_id]
        href = get_relative_url(target.url, page.url) if target is not page.file else "./"
        if target is page.file and anchor:
            return f"#{anchor}"
        return f"{href}#{anchor}" if anchor else href

    # The generated content of a page is a function of its HTML, its address and the inputs in
    # contents_print (every page's data, addresses, templates, engine): kept while they are unchanged.
    _build.contents_used.append(page.file.src_uri)
    key = f"{_build.contents_print}\0{page.url}\0{html}"
    html, ids, _build.share[page.file.src_uri] = _build.contents.get(
        _contents.purpose, page.file.src_uri, key, lambda: _generate(html, page, data, url_for, config.site_name or ""))
    # Let contributors link to generated anchors (#claim-..., #remark-..., #row-...): MkDocs collected
    # the page's anchors before this event, for its strict link validation.
    anchors = getattr(page, "present_anchor_ids", None)
    if isinstance(anchors, set):
        anchors.update(ids)
    return html


def _generate(html: str, page: Page, data: PageData, url_for, site_name: str) -> tuple[str, tuple[str, ...], list]:
    """(the page's HTML with its generated content, the element ids it has, its sharing metadata)."""
    site = _build.site
    # A preview copy of an untranslated page (data.lang != lang) is French text inside the English
    # build: its generated parts are rendered in its own language too (labels, titles), linking
    # to this build's pages; hooks/i18n_site.py marks the whole body with that language.
    ctx = render.Context(site=site, lang=data.lang, page=data, url_for=url_for, links=_build.links,
                         glossary=_build.glossaries.get(data.lang, ()))
    html = glossary.focusable_terms(render.fill_markers(html, ctx))
    # On paper: the page's own address as a QR code, and every link followed by its address.
    built_at = _build.links.root(site.default_language) + page.url  # page.url includes the language folder
    html = render.print_address(ctx) + "\n" + print_hrefs(html, built_at)
    tags = share.meta(data, site, _build.links, site_name=site_name, lang=_build.lang)
    return html, tuple(sorted(render.ids_in(html))), tags


@event_priority(-300)
def on_post_build(config: MkDocsConfig) -> None:
    _contents.end()  # drop the content of pages that are gone; keep the rest for the next build


def on_build_error(error: Exception) -> None:
    _contents.abandon()


@event_priority(-200)
def on_page_context(context, page: Page, config: MkDocsConfig, nav):
    """Sharing metadata (Open Graph, Twitter card) for overrides/partials/rse-share.html, made
    with the page's generated content (on_page_content) and kept with it."""
    data = _build.data_by_src.get(page.file.src_uri) if _build is not None else None
    if data is not None:
        tags = _build.share.get(page.file.src_uri)
        context["rse_share"] = tags if tags is not None else share.meta(
            data, _build.site, _build.links, site_name=config.site_name or "", lang=_build.lang)
    return context
