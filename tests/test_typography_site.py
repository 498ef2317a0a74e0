"""French typography on the built site (rse.typography, applied by hooks/rse_mkdocs.py to every
page): no typography fault left in any French text, no French spacing in English text.

Generic on purpose: the pages' text changes with every edit, so nothing here names page text;
the interface strings come from hooks/rse/ui.yml themselves.
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import pytest

from rse import typography
from rse.render import ui_strings

NB = "\u00a0\u202f"
# A no-break space before a sign, after «, or an entity standing for one: French spacing.
FRENCH_SPACING = re.compile(rf"[{NB}](?:[;:!?»%]|$)|«[{NB}]|&nbsp;[;:!?»]|&#8239;|&#x202f;", re.I)


def pages(site: Path) -> list[Path]:
    return sorted(p for p in site.rglob("*.html") if p.is_file())


def page_lang(text: str) -> str:
    m = re.search(r"<html[^>]*\slang=\"([^\"]+)\"", text)
    return m.group(1) if m else ""


def test_every_page_is_checked_in_both_languages(built_site):
    langs = {page_lang(p.read_text(encoding="utf-8")) for p in pages(built_site)}
    assert {"fr", "en"} <= langs
    assert (built_site / "404.html").is_file() and (built_site / "en" / "404.html").is_file()


def test_no_typography_fault_in_french_text(built_site):
    """Every French text node of every page (French pages, French fallback copies in English
    pages, the 404 pages, interface strings included) has its no-break spaces and apostrophes."""
    found = {}
    for path in pages(built_site):
        problems = typography.faults(path.read_text(encoding="utf-8"), default_lang="")
        if problems:
            found[str(path.relative_to(built_site))] = problems[:5] + ([f"... {len(problems)} in all"] if len(problems) > 5 else [])
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


def _french_strings_with_faults(site: Path, strings) -> tuple[int, dict[str, list[str]]]:
    """Text the step over finished pages does not reach, on French pages: ``strings(page_text)``
    gives it as HTML text (escaped); returns how many were read, and those with a typography
    fault by page."""
    found, seen = {}, 0
    for path in pages(site):
        text = path.read_text(encoding="utf-8")
        if page_lang(text) != "fr":
            continue
        for string in strings(text):
            seen += 1
            if typography.faults(string, default_lang="fr"):
                found.setdefault(str(path.relative_to(site)), []).append(html.unescape(string)[:60])
    return seen, found


def test_glossary_tooltips_on_french_pages_have_french_typography(built_site):
    """A term's definition is shown from its title attribute (hover, and on focus: rse.css), which
    the step over finished pages leaves alone: the build sets it (rse.glossary.as_abbreviations)."""
    seen, found = _french_strings_with_faults(built_site, lambda text: re.findall(r'<abbr[^>]*\stitle="([^"]*)"', text))
    assert seen > 10
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


def test_printed_margins_of_french_pages_have_french_typography(built_site):
    """The title, site name and licence printed in the margins are CSS strings (overrides/main.html),
    which the step over finished pages leaves alone: the template sets them."""
    def margins(text: str) -> list[str]:
        style = re.search(r'<style media="print">(.*?)</style>', text, re.S)
        return [html.escape(string, quote=False)
                for string in re.findall(r'content:"((?:[^"\\]|\\.)*)"', style.group(1) if style else "")]

    seen, found = _french_strings_with_faults(built_site, margins)
    assert seen > 40
    assert found == {}, json.dumps(found, ensure_ascii=False, indent=1)


def test_no_french_spacing_in_english_text(built_site):
    found = []
    for path in pages(built_site):
        text = path.read_text(encoding="utf-8")
        for is_french, node in typography.text_nodes(text, default_lang=""):
            if not is_french and FRENCH_SPACING.search(node):
                found.append(f"{path.relative_to(built_site)}: {node.strip()[:80]!r}")
        if page_lang(text) == "en":
            # An English page: U+202F before a sign only where a French passage is marked.
            english = "".join(node for is_french, node in typography.text_nodes(text, default_lang="") if not is_french)
            assert not re.search(r"\u202f[;:!?]", english), path
    assert found == []


def test_the_build_does_not_change_english_pages_or_code(built_site):
    """Applying the step again changes nothing (it ran on every page), and English text and code
    in the pages are as Markdown and the templates wrote them: no no-break space before a sign."""
    for path in pages(built_site):
        text = path.read_text(encoding="utf-8")
        assert typography.apply(text) == text, path
        for block in re.findall(r"<(code|pre|kbd)\b[^>]*>(.*?)</\1>", text, re.S):
            assert not re.search(rf"[{NB}][;:!?]", block[1]), (path, block[1][:80])


def _french_interface_strings() -> list[str]:
    values = list(ui_strings()["fr"].values())
    return [v for v in values if isinstance(v, str) and re.search(r"[;:!?«»'%]", v) and "{" not in v]


def test_interface_strings_are_typeset(built_site):
    """The interface strings of hooks/rse/ui.yml that the French pages show come
    out typeset ("Position :" with its no-break space), never as written in the YAML."""
    french_text = "\n".join(node for path in pages(built_site)
                            for is_french, node in typography.text_nodes(path.read_text(encoding="utf-8"))
                            if is_french)
    french_text = html.unescape(french_text)
    shown = 0
    for value in _french_interface_strings():
        typeset = typography.french_text(value)
        if typeset != value:
            assert value not in french_text, f"interface string not typeset: {value!r}"
        if typeset in french_text:
            shown += 1
    assert shown > 0  # some of them are on the pages (such as the stance prefix, "Position :")


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_search_index_keeps_plain_spaces(built_site, lang):
    """The search index is made from the Markdown's HTML before the step: plain text to search."""
    index = built_site / ("search" if lang == "fr" else "en/search") / "search_index.json"
    assert "\u202f" not in index.read_text(encoding="utf-8")
