"""Language versions of a page: hreflang links, the language switcher and the sitemap.

Plain data in, plain data (or text) out; no MkDocs import. A page's *versions* map each
language to the site-relative URL it is published at in that language and whether that
URL holds a real translation or a fallback copy of the default-language page.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from html import escape
from typing import NamedTuple
from urllib.parse import urljoin

X_DEFAULT = "x-default"


class Version(NamedTuple):  # a tuple: made for every page and language at every build, cheaper than a dataclass
    """One language's address of a page: ``url`` is site-relative ('' or 'en/contrastes/x/')."""

    lang: str
    url: str
    real: bool  # False for a fallback copy (the page is not translated into `lang`)


def site_relative(url: str) -> str:
    """MkDocs writes the home page as '', '.' or './': normalise to ''."""
    url = url or ""
    return "" if url in (".", "./") else url.lstrip("/")


@lru_cache(maxsize=8192)
def absolute(site_url: str, url: str) -> str:
    """Absolute URL of a site-relative URL, based on ``site_url`` ('/' when the site has none)."""
    root = site_url if site_url.endswith("/") else site_url + "/"
    path = site_relative(url)
    if _PLAIN_PATH.fullmatch(path):  # a page's address: urljoin would only append it (and is slow)
        return root + path
    return urljoin(root or "/", path)


_PLAIN_PATH = re.compile(r"(?:[^/?#:.][^/?#:]*/)*(?:[^/?#:.][^/?#:]*)?")  # segments neither empty nor starting with '.'


def hreflang_links(versions: Mapping[str, Version], *, site_url: str, default_language: str,
                   languages: Iterable[str]) -> list[tuple[str, str]]:
    """(hreflang, absolute href) for every real version, then x-default.

    Nothing when fewer than two real versions exist: hreflang only means something between
    translations, and a fallback copy is not one. x-default is the default-language page
    (the first real version if, exceptionally, that language has none).
    """
    real = [versions[lang] for lang in languages if lang in versions and versions[lang].real]
    if len(real) < 2:
        return []
    links = [(v.lang, absolute(site_url, v.url)) for v in real]
    default = next((v for v in real if v.lang == default_language), real[0])
    links.append((X_DEFAULT, absolute(site_url, default.url)))
    return links


def canonical(versions: Mapping[str, Version], lang: str, *, site_url: str, default_language: str) -> str | None:
    """Canonical URL of a fallback copy: the page it copies. None for a real page (MkDocs's own is right)."""
    mine = versions.get(lang)
    if mine is None or mine.real:
        return None
    original = versions.get(default_language)
    return absolute(site_url, original.url) if original is not None and original.real else None


# Material renders one <link rel="alternate" href=... hreflang=...> per `extra.alternate` entry
# (relative URLs, no x-default). RSS links carry a `type` and no hreflang: they are kept.
_MATERIAL_ALTERNATE = re.compile(r'[ \t]*<link rel="alternate" href="[^"]*" hreflang="[^"]*">[ \t]*\n?')


def replace_head_alternates(head: str, links: list[tuple[str, str]]) -> str:
    """Swap Material's hreflang links in a piece of <head> HTML for ``links`` (absolute, with x-default)."""
    ours = "".join(f'<link rel="alternate" hreflang="{escape(lang)}" href="{escape(href)}">\n' for lang, href in links)
    found = _MATERIAL_ALTERNATE.search(head)
    stripped = _MATERIAL_ALTERNATE.sub("", head)
    if found is None:
        return stripped + ours
    return stripped[: found.start()] + ours + stripped[found.start():]


class SwitcherEntry(NamedTuple):  # made for every page and language at every build
    lang: str
    name: str  # the language's own name (endonym), shown in that language
    url: str  # site-relative target: the same page in that language, or that language's home
    current: bool


def switcher(versions: Mapping[str, Version], *, current: str, names: Mapping[str, str],
             homes: Mapping[str, str]) -> list[SwitcherEntry]:
    """One entry per language: the page's own address in it, else that language's home page."""
    return [SwitcherEntry(lang=lang, name=names[lang], url=versions[lang].url if lang in versions else homes[lang],
                          current=lang == current)
            for lang in names]


@dataclass(frozen=True)
class SitemapEntry:
    loc: str
    lastmod: str | None
    alternates: tuple[tuple[str, str], ...]


def sitemap_entries(pages: Iterable[tuple[str, Mapping[str, Version], str | None]], *, site_url: str,
                    default_language: str, languages: Iterable[str]) -> list[SitemapEntry]:
    """Sitemap of real pages only. ``pages``: (language built, versions, lastmod) per built page.

    A fallback copy is left out (it duplicates the default-language page, which is listed);
    alternates are listed only between real translations, with x-default.
    """
    languages = tuple(languages)
    entries = []
    seen = set()
    for lang, versions, lastmod in pages:
        mine = versions.get(lang)
        if mine is None or not mine.real:
            continue
        loc = absolute(site_url, mine.url)
        if loc in seen:
            continue
        seen.add(loc)
        links = hreflang_links(versions, site_url=site_url, default_language=default_language, languages=languages)
        entries.append(SitemapEntry(loc=loc, lastmod=lastmod, alternates=tuple(links)))
    return entries
