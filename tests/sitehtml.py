"""Helpers to read a built site: where a page is, where a link goes."""

from __future__ import annotations

import os
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

from bs4 import BeautifulSoup

DEFAULT_LANGUAGE = "fr"


def page_path(site: Path, base: str, lang: str) -> Path:
    """Built file of a docs page: 'contrastes/index' fr -> site/contrastes/index.html,
    'contrastes/invitation' en -> site/en/contrastes/invitation/index.html."""
    root = site if lang == DEFAULT_LANGUAGE else site / lang
    if base == "index":
        return root / "index.html"
    if base.endswith("/index"):
        return root / base[: -len("/index")] / "index.html"
    return root / base / "index.html"


def resolve(site: Path, page: Path, href: str) -> tuple[Path, str] | None:
    """(file, fragment) that ``href`` on ``page`` points to; None for another host or scheme."""
    parts = urlsplit(href)
    if parts.scheme or parts.netloc:
        return None
    path = unquote(parts.path)
    if not path:
        target = page
    else:
        base = site if path.startswith("/") else page.parent
        target = Path(os.path.normpath(base / path.lstrip("/")))
        if path.endswith("/") or target.is_dir():
            target = target / "index.html"
    return target, unquote(parts.fragment)


def soup_of(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def ids(soup: BeautifulSoup) -> set[str]:
    return {tag["id"] for tag in soup.find_all(id=True)}


def link_target(site: Path, page: Path, href: str) -> tuple[Path, str]:
    """Like resolve, for a link that must stay inside the site and exist (with its anchor, if any)."""
    resolved = resolve(site, page, href)
    assert resolved is not None, f"{page.relative_to(site)}: {href!r} leaves the site"
    target, fragment = resolved
    assert target.is_file(), f"{page.relative_to(site)}: {href!r} -> {target} does not exist"
    assert target.resolve().is_relative_to(site.resolve()), f"{page.relative_to(site)}: {href!r} leaves the site folder"
    if fragment:
        assert fragment in ids(soup_of(target)), f"{page.relative_to(site)}: {href!r}: no id {fragment!r} in {target.relative_to(site)}"
    return target, fragment


def prose(text: str) -> str:
    """Text as written in the sources, whatever the build's French typography did to it
    (rse.typography: no-break spaces before ; : ! ? % » and after «, curly apostrophes): to
    compare a page's text with the front matter it came from."""
    text = " ".join(text.replace("’", "'").replace("\u00a0", " ").replace("\u202f", " ").split())
    return re.sub(r"« ", "«", re.sub(r" (?=[;:!?»%])", "", text))
