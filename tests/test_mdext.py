"""The generated content as a Python-Markdown extension, converted by Python-Markdown alone: no
MkDocs involved (any host of Python-Markdown extensions can load rse.mdext)."""

from __future__ import annotations

import dataclasses

import markdown
from bs4 import BeautifulSoup

from rse import mdlex, render
from rse.public import Links
from rse.mdext import Conversion, RseExtension
from test_render import make_site, url_for

PAGE = """# Title

Before.

<!-- rse:claims -->

```
<!-- rse:signs -->
```

Inline `<!-- rse:questions -->` is text. A link to [the pillars](https://rse.example.org/piliers/).

    <!-- rse:relations -->

<!-- rse:questions -->

The RSE term.
"""


def convert(text: str, page_id: str = "invitation") -> BeautifulSoup:
    site = make_site()
    links = Links(site_url="https://rse.example.org/", roots={"fr": "", "en": "en/"})
    # The page as the checks read this body: its markers are the ones the scan finds (rse.markers).
    page = dataclasses.replace(site.page("en", page_id), markers=tuple(name for name, _ in mdlex.find(text)))
    ctx = render.Context(site=site, lang="en", page=page, url_for=url_for, links=links)
    conversion = Conversion(ctx, address=f"https://rse.example.org/en/{page_id}/")
    md = markdown.Markdown(extensions=["abbr", "fenced_code", RseExtension(page=lambda: conversion)],
                           extension_configs={"abbr": {"glossary": {"RSE": "enterprise social network"}}})
    return BeautifulSoup(md.convert(text), "html.parser")


def test_markers_become_generated_content_with_markdown_alone():
    doc = convert(PAGE)
    generated = [el["data-rse"] for el in doc.select("[data-rse]")]
    assert generated[:2] == ["print-address", "comparison"] and generated[-1] == "rse-questions"
    assert doc.select_one("[data-rse=comparison]").find_parent("p") is None  # an HTML block, not inside a paragraph
    assert "remark invitation-r1" in doc.select_one("[data-rse=comparison]").get_text()


def test_markers_in_code_stay_text_and_generate_nothing():
    doc = convert(PAGE)
    codes = [code.get_text() for code in doc.find_all("code")]
    assert "<!-- rse:signs -->\n" in codes  # fenced
    assert "<!-- rse:questions -->" in codes  # inline
    assert "<!-- rse:relations -->\n" in codes  # indented
    assert not doc.select("[data-rse=signs], [data-rse=relations]")


def test_the_page_address_comes_first_and_links_get_their_public_address_for_print():
    doc = convert(PAGE)
    first = doc.find(True)
    assert first["data-rse"] == "print-address"
    assert "https://rse.example.org/en/invitation/" in first.get_text()
    link = doc.find("a", string="the pillars")
    assert link["data-print-href"] == "https://rse.example.org/piliers/"


def test_glossary_terms_are_focusable_abbreviations():
    abbr = convert(PAGE).find("abbr")
    assert (abbr.get_text(), abbr["title"], abbr["tabindex"]) == ("RSE", "enterprise social network", "0")


def test_a_page_without_generated_content_is_left_alone():
    md = markdown.Markdown(extensions=[RseExtension(page=lambda: None)])
    # the marker stays an HTML comment, which the sanitizer does not publish; the page is still sanitized
    assert md.convert("<!-- rse:claims -->\n\nText.") == "<p>Text.</p>"
