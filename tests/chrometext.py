"""Known interface strings of each language, to find interface text in the wrong language.

Sources: Material's own translations (partials/languages/<lang>.html), the generated-content
strings (hooks/rse/ui.yml: generated content and site chrome), the palette toggle
titles and admonition titles of mkdocs.yml. A string of another language is flagged when it is
a whole text node or a whole attribute (title, aria-label, placeholder, alt) of the page, or
such a string followed by ':' (Material writes "Previous: <title>"). Elements marked with
another language (`lang="en"` on the "English" switcher entry, a fallback page's body) are
skipped: there the other language is expected.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

import material
import yaml
from bs4 import BeautifulSoup, NavigableString, Tag

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("fr", "en")
ATTRIBUTES = ("title", "aria-label", "placeholder", "alt")
_MATERIAL_KEY = re.compile(r'"([^"]+)":\s*"((?:[^"\\]|\\.)*)"')
_NOT_TEXT = {"language", "direction"}


def _material(lang: str) -> set[str]:
    path = Path(material.__file__).parent / "templates" / "partials" / "languages" / f"{lang}.html"
    pairs = _MATERIAL_KEY.findall(path.read_text(encoding="utf-8"))
    return {value for key, value in pairs if key not in _NOT_TEXT and not key.startswith("search.config")}


def _config() -> dict:
    from mkdocs.utils.yaml import yaml_load  # understands MkDocs's !ENV and !relative tags

    return yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))


def _palette_titles(palette) -> set[str]:
    return {entry["toggle"]["name"] for entry in palette or () if isinstance(entry, dict) and entry.get("toggle")}


@cache
def known(lang: str) -> frozenset[str]:
    strings = set(_material(lang))
    for name in ("ui.yml",):
        table = yaml.safe_load((ROOT / "hooks" / "rse" / name).read_text(encoding="utf-8"))[lang]
        strings |= {str(v) for v in table.values()}
    config = _config()
    i18n = next(p["i18n"] for p in config["plugins"] if isinstance(p, dict) and "i18n" in p)
    mine = next(entry for entry in i18n["languages"] if entry["locale"] == lang)
    palette = (mine.get("theme") or {}).get("palette") or config["theme"]["palette"]
    strings |= _palette_titles(palette)
    strings |= {str(v) for v in (mine.get("admonition_translations") or {}).values()}
    return frozenset(s.strip() for s in strings if s.strip())


@cache
def foreign_patterns(lang: str) -> tuple[tuple[str, re.Pattern], ...]:
    """Strings of the other languages that this language does not also use, as patterns."""
    mine = known(lang)
    others = set().union(*(known(other) for other in LANGS if other != lang)) - mine
    patterns = []
    for text in sorted(others):
        body = re.escape(text).replace(r"\#", r"\d+")
        body = re.sub(r"\\\{[a-z_]+\\\}", r"\\d+", body)  # ui.yml "{n} remark(s)"
        body = body.replace("%d", r"\d+")  # footnote back-link title
        patterns.append((text, re.compile(rf"{body}(?:\s*:.*)?", re.S)))
    return tuple(patterns)


def _own_language(node, page_lang: str) -> bool:
    element = node if isinstance(node, Tag) else node.parent
    while element is not None and isinstance(element, Tag):
        if element.has_attr("lang"):
            return element["lang"].split("-")[0] == page_lang
        element = element.parent
    return True


def wrong_language(html: str, lang: str, *, ignore: tuple[str, ...] = ()) -> list[str]:
    """Interface strings of another language found in the body of a page in ``lang``.

    ``ignore``: CSS selectors of elements left out (e.g. hand-written headings of test samples).
    """
    soup = BeautifulSoup(html, "html.parser")
    body = soup.body or soup
    for selector in ignore:
        for element in body.select(selector):
            element.decompose()
    patterns = foreign_patterns(lang)
    found = []

    def check(value: str, where: str, node) -> None:
        value = " ".join(value.split())
        if not value or not _own_language(node, lang):
            return
        for text, pattern in patterns:
            if pattern.fullmatch(value):
                found.append(f"{where} {value!r} (the {'/'.join(o for o in LANGS if o != lang)} string {text!r})")
                return

    for node in body.descendants:
        if isinstance(node, NavigableString):
            if node.parent is not None and node.parent.name not in ("script", "style", "template", "noscript"):
                check(str(node), "text", node)
        elif isinstance(node, Tag):
            for attr in ATTRIBUTES:
                if node.has_attr(attr):
                    check(str(node[attr]), f"<{node.name} {attr}>", node)
    return found
