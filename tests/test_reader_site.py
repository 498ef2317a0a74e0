"""What readers get from the built site, checked on its files: a search index without words glued
across elements, and a first visit of every page within the 80 KB target (compressed)."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

from sitebuild import ROOT

LANG_ROOTS = {"fr": "", "en": "en/"}
# A lower-case letter right before an upper-case one: "managementWe", "hiérarchieOn"
GLUED = re.compile(r"[^\W\d_]*[a-zß-öø-ÿœ][A-ZÀ-ÖØ-ÞŒ][^\W\d_]*")


def _source_words() -> set[str]:
    """Words written that way by contributors (SaaS, LinkedIn): not glued."""
    text = " ".join(p.read_text(encoding="utf-8") for folder in ("docs", "includes") for p in (ROOT / folder).rglob("*.md"))
    return set(GLUED.findall(text))


@pytest.mark.parametrize("lang", LANG_ROOTS)
def test_the_search_index_glues_no_words_across_elements(built_site, lang):
    index = json.loads((built_site / LANG_ROOTS[lang] / "search" / "search_index.json").read_text(encoding="utf-8"))
    written = _source_words()
    glued = sorted({(doc["location"], word) for doc in index["docs"]
                    for word in GLUED.findall(re.sub(r"<[^>]+>", " ", doc["title"] + " " + doc["text"]))
                    if word not in written})
    assert not glued, glued[:20]


# ---- first visit: the page and what it loads at once, compressed as a static host does (gzip -6)

BUDGET = 80_000
_REFS = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]*href|script[^>]+src|img(?![^>]*loading="lazy")[^>]+src)="([^"]+)"')


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def first_visit_bytes(site: Path, page: Path) -> int:
    """The page, its stylesheets (print.css too: browsers fetch it), scripts, icon and eager images,
    and three of its lazily loaded images (those near the top of a phone's screen)."""
    html = page.read_text(encoding="utf-8")
    total = _gz(html.encode())
    for ref in sorted(set(_REFS.findall(html))):
        if ref.startswith(("http:", "https:", "data:", "//")):
            continue
        ref = ref.split("?")[0]
        path = (site / ref.lstrip("/") if ref.startswith("/") else page.parent / ref).resolve()  # 404 pages: rooted links
        assert path.is_file(), (page, ref)
        data = path.read_bytes()
        total += _gz(data) if path.suffix in (".css", ".js", ".svg", ".json", ".html") else len(data)
    lazy = re.findall(r'<img[^>]+src="([^"]+)"[^>]*loading="lazy"', html)[:3]
    total += sum(_gz((page.parent / ref).read_bytes()) for ref in lazy)
    return total


def test_every_page_is_a_first_visit_under_80_kb(built_site):
    pages = sorted(p for p in built_site.rglob("*.html") if not p.relative_to(built_site).parts[0] in ("assets", "search"))
    assert len(pages) >= 40
    weights = {p.relative_to(built_site).as_posix(): first_visit_bytes(built_site, p) for p in pages}
    heavy = {name: kb for name, kb in weights.items() if kb > BUDGET}
    assert not heavy, f"over {BUDGET} bytes: {heavy}"
    print(f"first visit, heaviest pages: {sorted(weights.items(), key=lambda kv: -kv[1])[:5]}")
