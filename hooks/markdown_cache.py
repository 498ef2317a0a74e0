"""MkDocs hook: a page's Markdown is converted again only when what the HTML is made of changed (issue #6).

MkDocs converts every page's Markdown at every build and every ``mkdocs serve`` rebuild: about
two fifths of this site's build. The conversion (``Page.render``) is a function of the page's
final Markdown (after every on_page_markdown), its source and address, the addresses of all
files (relative links are resolved and checked against them), the Markdown extensions and
their settings, the link validation settings and the versions of the libraries; a page whose
inputs are unchanged gets what the conversion gave last time: its HTML, table of contents,
title, anchors, links to other pages' anchors (MkDocs still checks them against the target
pages after the build), and the messages it logged, logged again (a warning still fails a
strict build). Kept in memory and in ``.cache/rse-markdown-<lang>.pickle`` (not with
RSE_NO_CACHE=1). ``tests/test_build_caches.py`` builds warm and cold and compares every byte.

This adapter reaches into MkDocs 1.6's ``Page.render`` results (``content``, ``toc``,
``_title_from_render``, ``present_anchor_ids``, ``links_to_anchors``); a settings object it
cannot describe reproducibly turns the cache off rather than risk a stale page.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import logging
import threading

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

import i18n_plugin
from rse.memo import FileMemo, StoredMemos, cache_folder, project_root
from rse.memo import fingerprint as memo_fingerprint

log = get_plugin_logger("markdown_cache")
PURPOSE = "markdown"
_LIBRARIES = ("mkdocs", "Markdown", "pymdown-extensions", "mkdocs-material", "mkdocs-static-i18n")


_memos = StoredMemos(PURPOSE, "rse-markdown", functools.partial(memo_fingerprint, *_LIBRARIES))


class _Build:
    def __init__(self, memo: FileMemo, used: list[str], inputs: str, files: dict) -> None:
        self.memo, self.used, self.inputs, self.files = memo, used, inputs, files


_builds: list[_Build | None] = []  # the language builds under way (mkdocs-static-i18n nests them)


def _inputs(config: MkDocsConfig, files: Files) -> str | None:
    """What every page's conversion depends on besides its own Markdown and address; None when
    the settings cannot be written down reproducibly (an object shown by its memory address)."""
    settings = repr((list(config.markdown_extensions), sorted((config.mdx_configs or {}).items()),
                     config.validation, config.use_directory_urls, i18n_plugin.current_language(config)))
    if " at 0x" in settings:
        return None
    h = hashlib.blake2b(settings.encode("utf-8"), digest_size=20)
    for file in sorted(files, key=lambda f: f.src_uri):
        h.update(f"{file.src_uri}\0{file.dest_uri}\0{file.url}\0{file.inclusion}\n".encode("utf-8"))
    return h.hexdigest()


@event_priority(-300)
def on_files(files: Files, config: MkDocsConfig) -> Files:
    inputs = _inputs(config, files)
    if inputs is None:
        log.info("markdown cache off: the Markdown settings hold an object without a stable description")
        _builds.append(None)
        return files
    memo, used = _memos.begin(cache_folder(project_root(config.config_file_path, config.docs_dir)),
                              i18n_plugin.current_language(config), config.use_directory_urls)
    _builds.append(_Build(memo, used, inputs, {file.src_uri: file for file in files}))
    return files


@event_priority(-1000)
def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Last of the on_page_markdown events: the page's Markdown is final; route its conversion
    through the cache."""
    build = _builds[-1] if _builds else None
    if build is not None:
        page.render = functools.partial(_render, page, build)  # this page object only
    return markdown


_LOGGERS = ("mkdocs", "MARKDOWN")  # MkDocs (links, anchors) and Python-Markdown and its extensions


class _Capture(logging.Handler):
    """What the conversion logs, from this thread only (`mkdocs serve` logs from others meanwhile)."""

    def __init__(self) -> None:
        super().__init__(logging.DEBUG)
        self.thread = threading.get_ident()
        self.records: list[tuple[str, int, str]] = []

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread:
            self.records.append((record.name, record.levelno, record.getMessage()))


def _convert(page: Page, config: MkDocsConfig, files: Files) -> tuple:
    capture = _Capture()
    loggers = [logging.getLogger(name) for name in _LOGGERS]
    for logger in loggers:
        logger.addHandler(capture)
    try:
        Page.render(page, config, files)
    finally:
        for logger in loggers:
            logger.removeHandler(capture)
    links = page.links_to_anchors
    return (page.content, page.toc, page._title_from_render, frozenset(page.present_anchor_ids or ()),
            None if links is None else {target.src_uri: dict(found) for target, found in links.items()},
            tuple(capture.records))


def _render(page: Page, build: _Build, config: MkDocsConfig, files: Files) -> None:
    src = page.file.src_uri
    build.used.append(src)
    key = f"{build.inputs}\0{src}\0{page.url}\0{page.markdown}"
    converted = []  # set when this call converted the page itself (nothing to restore or replay)
    result = build.memo.get(PURPOSE, src, key, lambda: converted.append(1) or _convert(page, config, files))
    if converted:
        return
    content, toc, title, anchors, links, records = result
    page.content, page.toc, page._title_from_render = content, copy.deepcopy(toc), title
    page.present_anchor_ids = set(anchors)
    page.links_to_anchors = None if links is None else {
        build.files[target]: dict(found) for target, found in links.items() if target in build.files}
    for name, level, message in records:  # warnings count again: a strict build still fails
        logging.getLogger(name).log(level, message)


@event_priority(-300)
def on_post_build(config: MkDocsConfig) -> None:
    if _builds and _builds.pop() is not None:
        _memos.end()


def on_build_error(error: Exception) -> None:
    _memos.abandon()
    _builds.clear()
