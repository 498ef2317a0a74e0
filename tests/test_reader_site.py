"""What readers get from the built site, checked on its files: a search index without words glued
across elements, and a first visit of every page within the 80 KB target (compressed)."""

from __future__ import annotations

import json
import re
import sys

import pytest

from sitebuild import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from rse.checks import firstvisit

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

def test_every_page_is_a_first_visit_under_80_kb(built_site):
    weights = firstvisit.every_page(built_site)
    assert len(weights) >= 40
    heavy = [name for name, size in weights.items() if size > firstvisit.BUDGET]
    # Material's script and stylesheets are about 60 KB of every page: a page over the budget has
    # too much of its own (its HTML, the QR codes near its top), or a new asset it loads at once.
    assert not heavy, f"first visit over {firstvisit.BUDGET / 1000:.0f} KB (compressed):\n" + "\n".join(
        firstvisit.explain(built_site, built_site / name) for name in heavy)
    print(f"first visit, heaviest pages: {sorted(weights.items(), key=lambda kv: -kv[1])[:5]}")
