"""Quotations and voices in the content: every displayed quotation matches its record in
quotes.yml, translations are marked as ours, no quotation hides outside <q>, and every claim box
says which part of the article it restates.

No build needed: the pages' Markdown and front matter are read directly.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pytest
import yaml

from rse.frontmatter import parse

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"
PAGES = sorted(DOCS.rglob("*.md"))
WHO = {"erickson", "executive-quoted-by-erickson", "review"}
SOURCES = {"article", "review"}
MARKER = {"fr": "(notre traduction)", "en": "(our translation)"}
Q = re.compile(r"<q\b([^>]*)>(.*?)</q>", re.S)
ATTR = re.compile(r'([a-z-]+)="([^"]*)"')
# Quotation marks outside <q>: French guillemets, English curly quotes, straight double quotes.
PAIRS = (re.compile(r"«([^»]*)»"), re.compile(r"“([^”]*)”"), re.compile(r'"([^"\n]*)"'))
LONGEST_UNMARKED = 4  # words: a longer passage between quotation marks must be a recorded <q>
# Passages between quotation marks that are not quotations of the article or the review.
NOT_QUOTATIONS: dict[str, str] = {}


def records() -> dict[str, dict]:
    data = yaml.safe_load((ROOT / "quotes.yml").read_text(encoding="utf-8"))
    return {r["id"]: r for r in data}


def lang_of(path: Path) -> str:
    return path.name.split(".")[-2]


def same(a: str, b: str) -> bool:
    """Equal but for whitespace (including no-break spaces) and apostrophes (’ vs ')."""
    def norm(s: str) -> str:
        s = html.unescape(s).replace("’", "'")
        return re.sub(r"[\s\u00a0\u202f]+", "", s)
    return norm(a) == norm(b)


def body(path: Path) -> str:
    return parse(path.read_text(encoding="utf-8"), str(path.relative_to(ROOT))).body


def quotations(path: Path):
    for match in Q.finditer(body(path)):
        yield dict(ATTR.findall(match.group(1))), match.group(2), body(path)[match.end():match.end() + 40]


def test_every_record_is_complete():
    seen = set()
    for rid, record in records().items():
        assert rid not in seen
        seen.add(rid)
        assert record["who"] in WHO, rid
        assert record["source"] in SOURCES, rid
        assert record["lang"] in ("fr", "en"), rid
        assert record.get("text", "").strip(), rid
        assert (record["who"] == "review") == (record["source"] == "review"), rid
        for lang, translation in (record.get("translations") or {}).items():
            assert lang != record["lang"], f"{rid}: a translation into the original's own language"
            assert translation.get("by") == "site" and translation.get("text", "").strip(), rid


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
def test_every_quotation_matches_its_record(path):
    known = records()
    lang = lang_of(path)
    for attrs, text, after in quotations(path):
        rid = attrs.get("data-quote")
        assert rid, f"{path.name}: <q>{text}</q> has no data-quote id"
        assert rid in known, f"{path.name}: data-quote={rid!r} is not in quotes.yml"
        record = known[rid]
        wanted = attrs.get("data-translation")
        if wanted:
            assert wanted == lang, f"{path.name}: {rid}: a translation into {wanted!r} on a {lang!r} page"
            translation = (record.get("translations") or {}).get(wanted)
            assert translation, f"{path.name}: {rid}: no recorded {wanted!r} translation in quotes.yml"
            assert same(text, translation["text"]), f"{path.name}: {rid}: {text!r} is not the recorded translation {translation['text']!r}"
            assert re.sub(r"\s+", " ", after).lstrip().startswith(MARKER[lang]), \
                f"{path.name}: {rid}: a translation must be followed by {MARKER[lang]!r}"
        else:
            assert same(text, record["text"]), f"{path.name}: {rid}: {text!r} is not the recorded original {record['text']!r}"
            if record["lang"] != lang:
                assert attrs.get("lang") == record["lang"], f"{path.name}: {rid}: an original in {record['lang']!r} needs lang=\"{record['lang']}\""


@pytest.mark.parametrize("path", PAGES, ids=lambda p: str(p.relative_to(DOCS)))
def test_no_quotation_outside_q(path):
    text = Q.sub(" ", body(path))
    text = re.sub(r"<[^>]+>", " ", text)  # tags and their attributes
    text = re.sub(r"\]\([^)]*\)", "]", text)  # link targets
    text = re.sub(r"<!--.*?-->", " ", text, flags=re.S)
    for pattern in PAIRS:
        for match in pattern.finditer(text):
            inner = match.group(1).strip()
            if len(inner.split()) > LONGEST_UNMARKED and inner not in NOT_QUOTATIONS:
                pytest.fail(f"{path.relative_to(ROOT)}: {match.group(0)!r} looks like a quotation: write it as "
                            "<q data-quote=\"ID\">…</q> with a record in quotes.yml, or rephrase it")


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


def test_unused_records_are_listed():
    """Every record is displayed somewhere (a record no page uses is dead data)."""
    used = {attrs.get("data-quote") for path in PAGES for attrs, _, _ in quotations(path)}
    assert set(records()) - used == set()


@pytest.mark.parametrize("path", [p for p in PAGES if p.name.endswith(".fr.md")], ids=lambda p: str(p.relative_to(DOCS)))
def test_twins_name_the_same_passage_of_the_article(path):
    twin = path.with_name(path.name.replace(".fr.md", ".en.md"))
    if not twin.is_file():
        pytest.skip("no English twin")
    def sources(p: Path) -> dict:
        meta = parse(p.read_text(encoding="utf-8"), str(p)).meta
        return {key: claim.get("source") for key, claim in (meta.get("claims") or {}).items()}
    assert sources(path) == sources(twin)
