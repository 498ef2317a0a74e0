"""A built site read back from disk: every HTML page, its ids and its links (BeautifulSoup)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

LINK_ATTRS = (("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("iframe", "src"), ("source", "src"))


@dataclass
class HtmlPage:
    path: Path
    address: str  # '/en/contrastes/invitation/' or '/404.html'
    ids: set[str] = field(default_factory=set)
    content_ids: list[str] = field(default_factory=list)  # ids inside the article, in order
    generated_ids: set[str] = field(default_factory=set)  # ids inside content generated from data ([data-rse])
    links: list[tuple[str, str, str]] = field(default_factory=list)  # (tag, url, origin: 'content', 'generated' or 'theme')
    redirect: bool = False


def address_of(site_dir: Path, path: Path) -> str:
    rel = path.relative_to(site_dir).as_posix()
    if rel == "index.html":
        return "/"
    if rel.endswith("/index.html"):
        return "/" + rel[: -len("index.html")]
    return "/" + rel


def read_page(site_dir: Path, path: Path) -> HtmlPage:
    # Any: bs4 types every attribute value as str | list (for class and other multi-valued attributes); those read here are str.
    soup: Any = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
    page = HtmlPage(path=path, address=address_of(site_dir, path))
    page.ids = {el["id"] for el in soup.find_all(id=True)} | {el["name"] for el in soup.find_all("a", attrs={"name": True})}
    article = soup.find("article") or soup.body
    if article is not None:
        page.content_ids = [el["id"] for el in article.find_all(id=True)]
        for block in article.select("[data-rse]"):
            page.generated_ids |= {el["id"] for el in block.find_all(id=True)}
            if block.get("id"):
                page.generated_ids.add(block["id"])
        labels = {i for el in article.find_all(attrs={"aria-labelledby": True}) for i in el["aria-labelledby"].split()}
        page.generated_ids -= labels  # ids that only name a region for screen readers: not link targets
    for tag, attr in LINK_ATTRS:
        for el in soup.find_all(tag, attrs={attr: True}):
            if el.find_parent(attrs={"data-rse": True}) is not None:
                origin = "generated"
            elif article is not None and article.name == "article" and el.find_parent("article") is article:
                origin = "content"
            else:
                origin = "theme"
            page.links.append((tag, el[attr], origin))
    generator = soup.find("meta", attrs={"name": "generator"})
    page.redirect = bool(generator and "rse redirect" in generator.get("content", ""))
    refresh = soup.find("meta", attrs={"http-equiv": "refresh"})
    if refresh and "url=" in refresh.get("content", ""):
        page.links.append(("meta", refresh["content"].split("url=", 1)[1].strip(), "theme"))
    return page


def read_site(site_dir: Path) -> dict[str, HtmlPage]:
    """Address -> page, for every HTML file of the site (both languages)."""
    site_dir = Path(site_dir)
    pages = {}
    for path in sorted(site_dir.rglob("*.html")):
        page = read_page(site_dir, path)
        pages[page.address] = page
    return pages


def resolve(site_dir: Path, page: HtmlPage, url: str, site_url: str) -> tuple[Path, str] | None:
    """(file, fragment) that ``url`` on ``page`` points to; None for another host, a scheme or a data URL."""
    if site_url and site_url not in ("/",) and url.startswith(site_url.rstrip("/") + "/"):
        url = "/" + url[len(site_url.rstrip("/") + "/"):]  # an absolute link to this very site
    parts = urlsplit(url)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        target = page.path
    else:
        base = site_dir if path.startswith("/") else page.path.parent
        target = Path(os.path.normpath(base / path.lstrip("/")))
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
    return target, unquote(parts.fragment)
