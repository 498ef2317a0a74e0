"""The generated content as a Python-Markdown extension, converted by Python-Markdown alone: no
MkDocs involved (any host of Python-Markdown extensions can load rse.mdext)."""

from __future__ import annotations

import re
import markdown
from bs4 import BeautifulSoup

from rse import render
from rse.kit import Links
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


def markdown_of(page_id: str, site=None, extra: tuple = ()) -> markdown.Markdown:
    site = site or make_site()
    links = Links(site_url="https://rse.example.org/", roots={"fr": "", "en": "en/"})
    ctx = render.Context(site=site, lang="en", page=site.page("en", page_id), url_for=url_for, links=links)
    conversion = Conversion(ctx, address=f"https://rse.example.org/en/{page_id}/")
    return markdown.Markdown(extensions=["abbr", "fenced_code", *extra, RseExtension(page=lambda: conversion)],
                             extension_configs={"abbr": {"glossary": {"RSE": "enterprise social network"}}})


def convert(text: str, page_id: str = "invitation") -> BeautifulSoup:
    return BeautifulSoup(markdown_of(page_id).convert(text), "html.parser")


def test_fragments_set_aside_give_the_html_of_fragments_read_as_raw_html():
    """Setting the fragments aside (rse_set_aside) only saves reading them again: on every page
    and with every marker, the HTML is what it is when md_in_html reads them, up to blank lines
    between blocks (which the built page does not keep: rse.assets.compact_html)."""
    site = make_site()
    checked = 0
    for page in site.of("en").values():
        text = "# T\n\n" + "\n\nText with *emphasis*.\n\n".join(f"<!-- rse:{m} -->" for m in page.markers) + "\n"
        fast = markdown_of(page.id, site, ("md_in_html",))
        slow = markdown_of(page.id, site, ("md_in_html",))
        slow.preprocessors.deregister("rse_set_aside")
        out = fast.convert(text)
        assert re.sub(r"\n+", "\n", out) == re.sub(r"\n+", "\n", slow.convert(text)), page.id
        assert len(fast.htmlStash.rawHtmlBlocks) == 1 + len(page.markers)  # the print address and each fragment
        checked += len(page.markers)
    assert checked >= 10


def test_fragments_moved_by_another_extension_are_left_as_html():
    """A preprocessor between the two steps that moves lines: nothing is set aside, the output stays right."""
    from markdown.extensions import Extension
    from markdown.preprocessors import Preprocessor

    class Shift(Preprocessor):
        def run(self, lines):
            return ["", *lines]

    class ShiftExtension(Extension):
        def extendMarkdown(self, md):  # noqa: N802
            md.preprocessors.register(Shift(md), "shift", 20.7)

    shifted = markdown_of("invitation", extra=(ShiftExtension(),))
    reference = markdown_of("invitation", extra=(ShiftExtension(),))
    reference.preprocessors.deregister("rse_set_aside")
    out = shifted.convert(PAGE)
    assert out == reference.convert(PAGE)  # byte for byte: nothing was set aside
    doc = BeautifulSoup(out, "html.parser")
    assert [el["data-rse"] for el in doc.select("[data-rse]")][:2] == ["print-address", "comparison"]


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
    assert md.convert("<!-- rse:claims -->\n\nText.") == "<!-- rse:claims -->\n\n<p>Text.</p>"
