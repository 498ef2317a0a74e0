"""Where the English of each passage of the article comes from (provenance.yml, rse.provenance):
every claim names a recorded passage, every quotation of the article comes from English on
record, and the pages say exactly what the data records."""

from __future__ import annotations

import re

import pytest
import yaml

from rse import provenance
from rse.site import load_site
from sitebuild import ROOT
from sitehtml import page_path, soup_of

@pytest.fixture(scope="module")
def site():
    return load_site(ROOT / "docs", ("fr", "en"), "fr")


NORM = str.maketrans({"’": "'", "“": '"', "”": '"', "\u202f": " ", "\u00a0": " "})


def norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.translate(NORM)).strip().lower()


def test_every_claim_names_a_recorded_passage(site):
    places, problems = provenance.load(ROOT)
    assert problems == [] and places
    for lang in site.languages:
        for page in site.of(lang).values():
            for claim in page.claims:
                if claim.source and claim.source[0] == "article":
                    assert claim.source[1] in places, (page.file, claim.key, claim.source[1])


def test_every_quotation_of_the_article_is_english_on_record():
    places, _ = provenance.load(ROOT)
    english = [norm(p.english) for p in places.values() if p.found]
    quotes = yaml.safe_load((ROOT / "quotes.yml").read_text(encoding="utf-8"))
    for quote in quotes:
        if quote["source"] == "article":
            assert any(norm(quote["text"]) in text for text in english), quote["id"]


def test_a_claim_whose_passage_is_not_recorded_is_a_located_problem(tmp_path):
    (tmp_path / "provenance.yml").write_text(
        "reposts:\n  a: {url: 'https://a.example/', name: a.example, shows: a repost, date: '2012-02-17'}\n"
        "places:\n- {place: 'personal list, point 1', english: 'We are invited.', read_in: [a]}\n", encoding="utf-8")
    places, problems = provenance.load(tmp_path)
    assert problems == []
    found = provenance.check([("docs/x.fr.md", "personal", ("article", "personal list, point 9"))], places, lambda f, k: 12)
    assert [(p.file, p.field, p.line) for p in found] == [("docs/x.fr.md", "claims.personal.source.article", 12)]
    assert provenance.check([("docs/x.fr.md", "personal", ("review", "anything"))], places, lambda f, k: 1) == []


@pytest.mark.parametrize("text,expected", [
    ("reposts: {}\nplaces:\n- {place: p, english: 'Words.', read_in: []}\n", "or neither"),
    ("reposts: {}\nplaces:\n- {place: p, english: '', read_in: [nowhere]}\n", "or neither"),
    ("reposts:\n  a: {url: 'javascript:x', name: n, shows: s, date: d}\nplaces: []\n", "url (http or https)"),
    ("places: [\n", "valid YAML"),
])
def test_a_broken_provenance_file_is_refused_with_its_field(tmp_path, text, expected):
    (tmp_path / "provenance.yml").write_text(text, encoding="utf-8")
    _, problems = provenance.load(tmp_path)
    assert problems and problems[0].file == "provenance.yml" and expected in problems[0].expected


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_the_pages_say_what_the_data_records(built_site, site, lang):
    places, _ = provenance.load(ROOT)
    found = sum(p.found for p in places.values())
    sources = soup_of(page_path(built_site, "sources", lang))
    summary = sources.select_one("[data-rse=provenance] .rse-provenance__summary").get_text(" ")
    assert re.search(rf"\b{found}\b", summary) and re.search(rf"\b{len(places)}\b", summary)
    assert len(sources.select("[data-rse=provenance] tbody tr")) == len(places)
    # every claim box says where its English was read, or that none was found
    for page in site.of(lang).values():
        if not page.claims:
            continue
        soup = soup_of(page_path(built_site, page.base, lang))
        lines = soup.select(".rse-claim__english")
        restating = [c for c in page.claims if c.source and c.source[0] == "article"]
        assert len(lines) == len(restating), page.file
        for claim, line in zip(restating, lines):
            place = places[claim.source[1]]
            assert bool(line.find("a")) == place.found, (page.file, claim.key)


def test_missing_provenance_file_shows_nothing_and_checks_nothing(tmp_path):
    assert provenance.load(tmp_path) == ({}, [])
    assert provenance.check([("docs/x.fr.md", "personal", ("article", "anything"))], {}, lambda f, k: 1) == []
