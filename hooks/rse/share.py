"""Sharing metadata of a page (Open Graph and Twitter card tags), so a pasted link previews well.

Plain data in, data out; no MkDocs import. No image: the site uses no image service, and the
'summary' card shows the title and the description.
"""

from __future__ import annotations

from .public import Links
from .model import PageData, Site

# Open Graph wants territory-qualified locales.
OG_LOCALES = {"fr": "fr_FR", "en": "en_US"}


def og_locale(lang: str) -> str:
    return OG_LOCALES.get(lang, lang)


def meta(page: PageData, site: Site, links: Links, *, site_name: str, lang: str | None = None) -> list[tuple[str, str, str]]:
    """(attribute, key, content) triples for ``<meta {attribute}="{key}" content="{content}">``.

    ``lang`` is the language being built (a preview copy of an untranslated page is built in
    another language than its text; its address is the one of the build)."""
    lang = lang or page.lang
    url = links.address_of(lang, page.base)
    others = [other for other in site.languages if other != page.lang and site.by_base(other, page.base) is not None]
    tags = [
        ("property", "og:type", "website" if page.kind == "home" else "article"),
        ("property", "og:site_name", site_name),
        ("property", "og:title", page.title),
        ("property", "og:description", page.description),
        ("property", "og:url", url),
        ("property", "og:locale", og_locale(page.lang)),
    ]
    tags += [("property", "og:locale:alternate", og_locale(other)) for other in others]
    tags += [
        ("name", "twitter:card", "summary"),
        ("name", "twitter:title", page.title),
        ("name", "twitter:description", page.description),
    ]
    return tags
