"""Search entries kept while what they are made of is unchanged.

Material's search plugin turns every page into index entries by parsing the page's HTML with
``html.parser``: about a sixth of a build, repeated for every page at every build and every
``mkdocs serve`` rebuild although most pages did not change. The entries of a page are a
function of its URL, its HTML, its table of contents (section anchors), its title and the
``title``/``tags``/``search`` fields of its front matter; ``page_key`` puts all of these into one
string and a :class:`~rse.memo.FileMemo` keyed by the page URL keeps the entries made from it.
A page whose key changed is indexed again by Material's own code, so the index is the one
Material would write (tested: byte for byte, cold and warm).
"""

from __future__ import annotations

import json
from typing import Any, Callable, Iterable

from .memo import FileMemo

PURPOSE = "search"


def toc_pairs(items: Iterable[Any]) -> list[tuple[str, str]]:
    """(id, url) of every table-of-contents item, depth first: what Material uses of the toc."""
    out: list[tuple[str, str]] = []
    for item in items:
        out.append((str(getattr(item, "id", "")), str(getattr(item, "url", ""))))
        out.extend(toc_pairs(getattr(item, "children", ()) or ()))
    return out


def page_key(*, url: str, content: str, title: str, meta: dict, toc: list[tuple[str, str]]) -> str:
    """Everything a page's search entries are made of, as one string."""
    fields = {name: meta.get(name) for name in ("title", "tags", "search")}
    head = json.dumps([url, title, toc, fields], ensure_ascii=False, sort_keys=True, default=repr)
    return head + "\0" + content


def entries_for(memo: FileMemo, url: str, key: str, index: Callable[[], list[dict]]) -> list[dict]:
    """The page's entries: from the memo when ``key`` is unchanged, else from ``index()``.
    Each call returns fresh copies (the search plugin may change its entries later)."""
    kept = memo.get(PURPOSE, url, key, lambda: [dict(entry) for entry in index()])
    return [_copy(entry) for entry in kept]


def _copy(entry: dict) -> dict:
    return {name: list(value) if isinstance(value, list) else value for name, value in entry.items()}
