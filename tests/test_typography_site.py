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

from bs4 import BeautifulSoup

from rse import typography
from rse.uistrings import ui_strings

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


# The attributes whose text readers see, and the <meta> tags that carry text (rse.typography).
READER_ATTRIBUTES = ("title", "alt", "aria-label", "placeholder")
TEXT_META = re.compile(r"description|og:(?:title|description|site_name|image:alt)|twitter:(?:title|description|image:alt)")


def _nearest_lang(element) -> str:
    while element is not None:
        if getattr(element, "attrs", None) and element.get("lang") is not None:
            return element["lang"].strip().lower()
        element = element.parent
    return ""


def _french_page_faults(text: str) -> dict[str, list[str]]:
    """The typography faults of a French page, by place: its text, its <title>, and the
    reader-visible attributes of its French elements (read by BeautifulSoup, not by the module
    under test), each value checked as French text."""
    soup = BeautifulSoup(text, "html.parser")
    title = soup.find("title")
    in_title = typography.faults(str(title), default_lang="fr") if title is not None else []
    # (the module's own count of the page: its text, the <title> and the attributes it typesets;
    # the title and the attributes are also counted apart, by what BeautifulSoup reads)
    places: dict[str, list[str]] = {"text": typography.faults(text, default_lang=""), "title": in_title, "attributes": []}
    for element in soup.find_all(True):
        if element.name in ("code", "pre", "kbd", "samp", "script", "style", "svg", "math") \
                or element.find_parent(("code", "pre", "svg", "math")) is not None:
            continue
        lang = _nearest_lang(element)
        if lang != "fr" and not lang.startswith("fr-"):
            continue
        values = [(name, element[name]) for name in READER_ATTRIBUTES if isinstance(element.get(name), str)]
        key = element.get("name") or element.get("property") or ""
        if element.name == "meta" and TEXT_META.fullmatch(key) and isinstance(element.get("content"), str):
            values.append((f"content of {key}", element["content"]))
        for name, value in values:
            places["attributes"] += [f"<{element.name} {name}>: {problem}"
                                     for problem in typography.faults(html.escape(value, quote=False), default_lang="fr")]
    return places


def _french_index_faults(site: Path) -> list[str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] and index["config"]["lang"] == ["fr"]
    return [f"{doc['location']} {key}: {problem}" for doc in index["docs"] for key in ("title", "text")
            for problem in typography.faults(doc.get(key) or "", default_lang="fr")]


def test_no_typography_fault_wherever_french_text_goes(built_site):
    """Issue 20: on every French page, its text, its <title> and the attributes readers see
    (tooltips, labels, image text, the description and sharing tags), and the French search
    index's titles and texts (its snippets show in the results): not one fault."""
    counts = {"text": 0, "title": 0, "attributes": 0, "search index": 0}
    examples: dict[str, list[str]] = {place: [] for place in counts}
    for path in pages(built_site):
        text = path.read_text(encoding="utf-8")
        if page_lang(text) != "fr":
            continue
        for place, problems in _french_page_faults(text).items():
            counts[place] += len(problems)
            examples[place] += [f"{path.relative_to(built_site)}: {p}" for p in problems[:2]]
    problems = _french_index_faults(built_site)
    counts["search index"] += len(problems)
    examples["search index"] += problems[:5]
    assert counts == dict.fromkeys(counts, 0), json.dumps({"counts": counts, "examples": examples}, ensure_ascii=False, indent=1)


def test_search_still_finds_words_typed_plainly(built_site):
    """The French index holds typeset text, yet search splits it at the same places as what a
    reader types: the separator (mkdocs.yml) splits at ' and ’, and at U+00A0 and U+202F (\\s,
    in JavaScript as in Python): no word of the index holds one of them."""
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    separator = re.compile(index["config"]["separator"])
    assert separator.split("l’article l'article a\u00a0: b\u202f?") == ["l", "article", "l", "article", "a", ":", "b", "?"]
    text = html.unescape(" ".join(doc.get("title", "") + " " + doc.get("text", "") for doc in index["docs"]))
    assert "’" in text and "\u202f" in text  # typeset
    assert not [word for word in separator.split(text) if re.search("[’'\u00a0\u202f]", word)]


def test_english_search_index_keeps_plain_spaces(built_site):
    index = built_site / "en" / "search" / "search_index.json"
    assert "\u202f" not in index.read_text(encoding="utf-8")
