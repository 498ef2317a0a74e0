"""MkDocs hook: Material's search entries reused for pages that did not change (issue #6).

Thin adapter around ``rse.searchcache``: at the start of each language build it wraps the
``add_entry_from_context`` method of Material's search index so that a page whose HTML, table of
contents, title and search fields are unchanged gets the entries indexed last time instead of
being parsed again. The entries are kept in memory (``mkdocs serve`` rebuilds) and in
``.cache/rse-search-<lang>.pickle`` between builds (not with RSE_NO_CACHE=1), one file per
language because ``./dev build`` builds the two languages in two processes.
"""

from __future__ import annotations

import functools
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import event_priority

import i18n_plugin
from rse import searchcache
from rse.memo import StoredMemos, cache_folder, project_root
from rse.memo import fingerprint as memo_fingerprint


# Entries are Material's output: kept only for the same engine, schema and Material version.
_memos = StoredMemos(searchcache.PURPOSE, "rse-search", functools.partial(memo_fingerprint, "mkdocs-material"))


def _cache(config: MkDocsConfig) -> Path | None:
    return cache_folder(project_root(config.config_file_path, config.docs_dir))


@event_priority(100)
def on_pre_build(config: MkDocsConfig) -> None:
    search = config.plugins.get("material/search") or config.plugins.get("search")
    index = getattr(search, "search_index", None)
    if index is None or not hasattr(index, "add_entry_from_context"):
        return
    memo, seen = _memos.begin(_cache(config), i18n_plugin.current_language(config), config.use_directory_urls)
    original = type(index).add_entry_from_context  # the class's method, never a previous wrapper

    def add_entry_from_context(page):
        url = page.url
        seen.append(url)
        key = searchcache.page_key(url=url, content=page.content or "", title=str(page.title or ""),
                                   meta=page.meta or {}, toc=searchcache.toc_pairs(page.toc or ()))

        def index_page() -> list[dict]:
            before = len(index.entries)
            original(index, page)
            return index.entries[before:]

        before = len(index.entries)
        entries = searchcache.entries_for(memo, url, key, index_page)
        del index.entries[before:]  # a miss appended them already; keep one copy, in order
        index.entries.extend(entries)

    index.add_entry_from_context = add_entry_from_context


@event_priority(-300)
def on_post_build(config: MkDocsConfig) -> None:
    _memos.end()


def on_build_error(error: Exception) -> None:
    _memos.abandon()
