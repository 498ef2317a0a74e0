"""Thin MkDocs adapter: route MkDocs events to the plain-Python engine in ``rse``.

Runs after mkdocs-static-i18n (priority -200 vs its -100) so that it sees the
localized files and navigation of the language being built. Holds no state that
outlives one language build.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from rse import render
from rse.errors import ContentError
from rse.model import PageData, Site
from rse.site import load_site, split_name

log = get_plugin_logger("rse")


class _Build:
    """Everything one language build needs; replaced at every on_files, never accumulated."""

    def __init__(self, site: Site, lang: str, files_by_id: dict[str, File], data_by_src: dict[str, PageData]):
        self.site, self.lang = site, lang
        self.files_by_id, self.data_by_src = files_by_id, data_by_src


_build: _Build | None = None


def _i18n(config: MkDocsConfig):
    plugin = config.plugins.get("i18n")
    if plugin is None:
        raise PluginError("rse: the mkdocs-static-i18n plugin ('i18n') must be enabled in mkdocs.yml")
    return plugin


def _preview(config: MkDocsConfig) -> bool:
    return str(os.environ.get("RSE_PREVIEW", "")).lower() in ("1", "true", "yes")


@event_priority(-200)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    global _build
    i18n = _i18n(config)
    languages = tuple(lang.locale for lang in i18n.config.languages if lang.build)
    default = i18n.default_language
    lang = i18n.current_language
    root = Path(config.config_file_path).parent if config.config_file_path else Path(config.docs_dir).parent
    try:
        site = load_site(Path(config.docs_dir), languages, default, display_root=root,
                         allow_missing_translations=_preview(config))
        render.ui_strings()
    except ContentError as exc:
        raise PluginError(f"rse: the content has {len(exc.problems)} problem(s):\n{exc}") from None
    files_by_id: dict[str, File] = {}
    data_by_src: dict[str, PageData] = {}
    for file in files.documentation_pages():
        rel = Path(file.abs_src_path).resolve().relative_to(Path(config.docs_dir).resolve()).as_posix()
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
            log.warning(f"preview: '{base}' has no '{lang}' translation; the '{default}' page is shown with a banner")
    _build = _Build(site, lang, files_by_id, data_by_src)
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
                item.title = data.title
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


@event_priority(-200)
def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if _build is None:
        return html
    data = _build.data_by_src.get(page.file.src_uri)
    if data is None:
        return html
    site, lang = _build.site, _build.lang

    def url_for(page_id: str, anchor: str | None) -> str:
        target = _build.files_by_id[page_id]
        href = get_relative_url(target.url, page.url) if target is not page.file else "./"
        if target is page.file and anchor:
            return f"#{anchor}"
        return f"{href}#{anchor}" if anchor else href

    ctx = render.Context(site=site, lang=lang, page=data, url_for=url_for)
    html = render.fill_markers(html, ctx)
    # Let contributors link to generated anchors (#claim-..., #remark-..., #row-...): MkDocs collected
    # the page's anchors before this event, for its strict link validation.
    anchors = getattr(page, "present_anchor_ids", None)
    if isinstance(anchors, set):
        anchors.update(render.ids_in(html))
    return html
