"""Quotations and voices in the content: the check of rse.checks.quotes (every displayed quotation
matches its record in quotes.yml, translations are marked as ours, no quotation hides outside <q>)
on the real pages and on broken ones; review records are the seed's words; every claim box says
which part of the article it restates.

No build needed: the pages' Markdown and front matter are read directly.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from rse.checks import quotes
from rse.frontmatter import parse

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))


def records() -> dict[str, dict]:
    return quotes.records(ROOT)


def test_the_pages_quote_exactly_and_mark_their_translations():
    """The check ./dev check --fast runs (rse.checks.quotes), on the real pages: every record is
    complete, every quotation matches its record, translations are marked, nothing between quotation
    marks hides outside <q>, and every record is displayed somewhere."""
    pages = [(str(path.relative_to(ROOT)), path.read_text(encoding="utf-8")) for path in PAGES]
    assert quotes.problems(ROOT, pages) == []


def _page(body: str) -> tuple[str, str]:
    return ("docs/x.fr.md", "---\nid: x\n---\n" + body + "\n")


@pytest.mark.parametrize("body, expected", [
    ('<q data-quote="review-title">Pas les mots</q>',
     "docs/x.fr.md:4: field '<q data-quote=\"review-title\">': expected the recorded original"),
    ('<q data-quote="nope">x</q>', "docs/x.fr.md:4: field '<q>': expected a data-quote id recorded in quotes.yml; found 'nope'."),
    ('Texte.\n\n« un passage de plus de quatre mots cité sans balise »',
     "docs/x.fr.md:6: field '(body)': expected a quotation written <q data-quote=\"ID\">…</q> with its record in quotes.yml, "
     "or a rephrasing; found '« un passage de plus de quatre mots cité sans balise »' between quotation marks."),
])
def test_a_quotation_problem_is_one_located_line(body, expected):
    found = [str(p) for p in quotes.page_problems(*_page(body), records(), set())]
    assert len(found) == 1 and found[0].startswith(expected), found


def test_review_records_are_exact_words_of_the_seed():
    """French records are the review's own words (its encoding damage repaired)."""
    seed = ROOT.parent / "shared" / "seed" / "000_992acf6fe7f4352f.txt"
    if not seed.is_file():
        pytest.skip("../shared/seed is not available here")
    text = seed.read_text(encoding="utf-8")
    for bad, good in (("Ã©", "é"), ("Ã¨", "è"), ("Å“", "œ"), ("â€“", "–"), ("Ã§", "ç"), ("Ã", "à"),
                      ("\u0420\u00a0", "– "), ("\u0329", "é")):
        text = text.replace(bad, good)
    flat = re.sub(r"\s+", " ", text)
    for rid, record in records().items():
        if record["source"] == "review":
            assert re.sub(r"\s+", " ", record["text"]) in flat, f"{rid}: not found word for word in the seed"


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_every_claim_says_where_in_the_article_it_comes_from(path):
    """Claim boxes are headed "According to the article": on this site they hold only the article's
    content, so every claim names its place in the article (the schema also allows 'review', for a
    claim that reports the review where it departs; the site's pages use none)."""
    meta = parse(path.read_text(encoding="utf-8"), str(path)).meta
    for key, claim in (meta.get("claims") or {}).items():
        source = claim.get("source") or {}
        assert set(source) == {"article"}, f"{path.relative_to(ROOT)}: claims.{key}.source must be {{article: ...}}, found {source!r}"
        assert not claim.get("implied"), f"{path.relative_to(ROOT)}: claims.{key} is marked implied: say where the article writes it"


@pytest.mark.parametrize("path", [p for p in PAGES if p.name.endswith(".fr.md")], ids=lambda p: str(p.relative_to(DOCS)))
def test_twins_name_the_same_passage_of_the_article(path):
    twin = path.with_name(path.name.replace(".fr.md", ".en.md"))
    if not twin.is_file():
        pytest.skip("no English twin")
    def sources(p: Path) -> dict:
        meta = parse(p.read_text(encoding="utf-8"), str(p)).meta
        return {key: claim.get("source") for key, claim in (meta.get("claims") or {}).items()}
    assert sources(path) == sources(twin)
