"""Public addresses of pages, their QR codes and the printed copies of links' addresses: what the
trainer's kit, the cards, the plans and every printed page hand out.

Plain data in, text out; no MkDocs import. A page's *public address* is where readers find it
on the published site (``site_url`` + language root + directory URL), whatever the build
(the offline copy uses file names, but the addresses printed or encoded in QR codes must
stay the public ones).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import lru_cache
from html import escape, unescape
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import segno
from markupsafe import Markup

from .model import PageData
from .siteurl import is_placeholder

ARCHIVE_NAME = "rse-offline.zip"  # the offline copy, at the root of the published site


def directory_url(base: str) -> str:
    """'contrastes/invitation' -> 'contrastes/invitation/'; 'contrastes/index' -> 'contrastes/'; 'index' -> ''."""
    parts = [p for p in base.split("/") if p]
    if parts and parts[-1] == "index":
        parts.pop()
    return "".join(f"{p}/" for p in parts)


@dataclass(frozen=True)
class Links:
    """Where the site is published: ``site_url`` and each language's root ('' or 'en/')."""

    site_url: str
    roots: Mapping[str, str] = field(default_factory=dict)
    archive: bool = False  # the offline archive is published with this build (./dev build)

    @property
    def public(self) -> bool:
        """False while the site has no known public address (the placeholder site_url, rse.siteurl): the
        kit, the cards and the printed corner then say, on screen and on paper, that their addresses
        and QR codes are examples."""
        return not is_placeholder(self.site_url)

    def root(self, lang: str) -> str:
        site = self.site_url if self.site_url.endswith("/") else self.site_url + "/"
        return site + self.roots.get(lang, "")

    def address(self, page: PageData) -> str:
        return self.address_of(page.lang, page.base)

    def address_of(self, lang: str, base: str) -> str:
        return self.root(lang) + directory_url(base)

    @property
    def archive_url(self) -> str:
        return self.site_url.rstrip("/") + "/" + ARCHIVE_NAME


_SIZE = re.compile(r'\s(?:width|height)="[^"]*"')


# Mask pattern 0 rather than the best of the eight by the standard's penalty score: the score
# is what takes the time (a seventh of a build of the real site for about 40 codes, 3 ms each
# against 0.5); any mask is a valid code, and every code of the site is decoded by zbar from
# what Chromium draws (tests/browser/test_qr.py).
_QR_MAKE: dict[str, Any] = {"error": "m", "micro": False, "mask": 0}
_QR_SVG = {"scale": 1, "border": 4, "dark": "#000", "light": "#fff", "svgclass": "rse-qr", "lineclass": None, "omitsize": True}


# In this process only: a pure function of the address. A page's code shows on the page and in the trainer's kit;
# a bound, not 1000s of 2-KB codes at N=500 (no kit there).
@lru_cache(maxsize=256)
def qr_svg(url: str) -> Markup:
    """An inline SVG QR code of ``url`` (dark on white in both colour schemes), hidden from
    assistive technology: the address is always printed next to it as text."""
    svg = segno.make(url, **_QR_MAKE).svg_inline(**_QR_SVG)
    svg = _SIZE.sub("", svg)
    svg = svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)
    return Markup(svg)


# The trainer's kit shows its QR codes as images in files next to the page (rse.render.trainer_kit): inline,
# its 30 QR codes were 9 KB of the page's first visit (compressed), over the 80 KB target; as
# lazily loaded images a first visit fetches only those in view, and printing loads them all.


def qr_image_name(url: str) -> str:
    """The file name of the QR code image of ``url`` (same folder as the page that shows it). Eight hex
    digits: the kit names 28 of them, and every name is bytes of its first visit; two of a page's
    addresses sharing a name is about a chance in 10 million (tests/test_kit.py checks the site's)."""
    return f"qr-{hashlib.sha256(url.encode()).hexdigest()[:8]}.svg"


def qr_image(url: str) -> str:
    """The QR code of ``url`` as a standalone SVG file (dark on white)."""
    svg = str(qr_svg(url)).replace(' aria-hidden="true" focusable="false"', "").replace(' class="rse-qr"', "")
    return svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" shape-rendering="crispEdges" ', 1)


_LINK = re.compile(r'<a\s(?P<attrs>[^>]*?)href="(?P<href>[^"]*)"(?P<rest>[^>]*)>(?P<text>(?:[^<]|<wbr>)*)')  # text: an address may carry <wbr>


def public_href(href: str, page_address: str) -> str | None:
    """The public address a link of a page points to, or None for a link inside the page.
    ``page_address`` is where the page is as built (the offline copy has 'x/y.html' pages);
    links to this site's pages are given their public, directory form ('x/y/')."""
    href = unescape(href)
    if not href or href.startswith(("#", "mailto:", "javascript:")):
        return None
    url = urljoin(page_address, href)
    parts = urlsplit(url)
    path = parts.path
    if parts.netloc == urlsplit(page_address).netloc:  # a page of this site
        if path.endswith("/index.html"):
            path = path[: -len("index.html")]
        elif path.endswith(".html"):
            path = path[: -len(".html")] + "/"
    return urlunsplit((parts.scheme, parts.netloc, path, parts.query, parts.fragment))


def print_hrefs(html: str, page_address: str) -> str:
    """Give each link a ``data-print-href`` with its public address (print.css shows it after
    the link on paper), unless the link points inside the page or its text is the address."""
    def add(match: re.Match) -> str:
        attrs, rest = match["attrs"], match["rest"]
        if "data-print-href" in attrs + rest or 'class="headerlink"' in attrs + rest:
            return match.group(0)
        url = public_href(match["href"], page_address)
        if url is None or unescape(match["text"].replace("<wbr>", "")).strip() in (url, unescape(match["href"])):
            return match.group(0)
        return f'<a {attrs}href="{match["href"]}" data-print-href="{escape(url, quote=True)}"{rest}>{match["text"]}'
    return _LINK.sub(add, html)
