"""One search index per language, and the page configuration that makes each page load its own.

Material's search loads ``search/search_index.json`` relative to the ``base`` of the page's
``<script id="__config">`` and resolves result locations against the same ``base``. So each
language gets an index at its own root (``search/...`` for the default language,
``en/search/...`` for English) with locations relative to that root, and each page's ``base``
points at its language root. The worker is swapped for a small shim
(``assets/javascripts/workers/rse-search.js``) that loads Material's worker and makes the
typed, wildcard-suffixed terms go through the language's stemmer.

Each language's entries get its typography (``typeset``, with ``rse.typography.html_in``): the
French results show ``l’article`` and ``Position :`` as the pages do. Search is not changed by
it: the separator of mkdocs.yml (``[\\s\\-'’]+``) splits at ``’`` as at ``'``, and ``\\s`` in a
JavaScript regular expression matches U+00A0 and U+202F, so ``l'article`` typed finds
``l’article`` indexed. (The index has no ``lang`` marks: a short English passage of a French
page is set as French there.)
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

SHIM = "rse-search.js"
_CONFIG = re.compile(r'(<script id="__config" type="application/json">)(.*?)(</script>)', re.S)
_WORKER = re.compile(r"^(?P<dir>.*/)?(?P<name>search\.[0-9a-f]+\.min\.js)$")


class SearchSetupError(ValueError):
    """Material's page configuration is not what this module knows how to adapt (theme upgrade?)."""


def split_index(index: dict, *, prefixes: dict[str, str], default_language: str) -> dict[str, dict]:
    """Split a combined index into one per language.

    ``prefixes`` maps each non-default language to its URL prefix ('en/'); every other entry
    belongs to the default language. Locations are made relative to the language root and
    each index's ``config.lang`` names that language only (one stemmer, no mixing).
    """
    out: dict[str, dict] = {}
    languages = [default_language, *prefixes]
    for lang in languages:
        config = dict(index.get("config") or {})
        config["lang"] = [lang]
        out[lang] = {**{k: v for k, v in index.items() if k not in ("config", "docs")}, "config": config, "docs": []}
    for doc in index.get("docs") or ():
        location = doc.get("location", "")
        lang = next((lang for lang, prefix in prefixes.items() if location.startswith(prefix)), default_language)
        if lang != default_language:
            doc = {**doc, "location": location[len(prefixes[lang]):]}
        out[lang]["docs"].append(doc)
    return out


def typeset(index: dict, text: Callable[[str], str]) -> dict:
    """The index with ``text`` applied to the title and text of every entry (HTML text both:
    Material escapes them). Locations and the configuration are left as they are."""
    docs = [{**doc, **{key: text(doc[key]) for key in ("title", "text") if isinstance(doc.get(key), str)}}
            for doc in index.get("docs") or ()]
    return {**index, "docs": docs}


def write_json(index: dict, path: Path) -> None:
    """The index as compact UTF-8 JSON, written piece by piece as it is encoded: the whole text of
    a large index is never in memory at once (the split is the peak of a large build's memory)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as out:
        json.dump(index, out, ensure_ascii=False, separators=(",", ":"))


@lru_cache(maxsize=256)  # the block differs only by the page's depth: a handful of distinct inputs
def patch_page_config(html: str, *, base: str) -> str:
    """Point Material's page configuration at the language's search index and the search shim.

    ``html`` is the output of Material's ``config`` block; ``base`` the URL of the language
    root as seen from the page. Raises SearchSetupError when the block has changed shape.
    """
    match = _CONFIG.search(html)
    if match is None:
        raise SearchSetupError("no <script id=\"__config\"> in Material's config block")
    config = json.loads(match.group(2))
    worker = _WORKER.match(str(config.get("search", "")))
    if "base" not in config or worker is None:
        raise SearchSetupError(f"unexpected Material configuration keys: base={config.get('base')!r}, search={config.get('search')!r}")
    config["base"] = base
    config["search"] = f"{worker.group('dir') or ''}{SHIM}?material={worker.group('name')}"
    text = json.dumps(config, ensure_ascii=False).replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("'", "\\u0027")
    return html[: match.start(2)] + text + html[match.end(2):]
