"""Quotations and voices: every quotation a page displays matches its record in ``quotes.yml``,
translations are marked as ours, no quotation hides outside ``<q>``, no record is unused.

Read from the pages' Markdown and front matter, no build: ``./dev check --fast`` runs it, and
``tests/test_quotes.py`` holds the real pages to it. Each problem is one located line.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import yaml

from ..errors import Problem
from ..frontmatter import parse

FILE_NAME = "quotes.yml"
WHO = {"erickson", "executive-quoted-by-erickson", "review"}
SOURCES = {"article", "review"}
MARKER = {"fr": "(notre traduction)", "en": "(our translation)"}
Q = re.compile(r"<q\b([^>]*)>(.*?)</q>", re.S)
ATTR = re.compile(r'([a-z-]+)="([^"]*)"')
# Quotation marks outside <q>: French guillemets, English curly quotes, straight double quotes.
PAIRS = (re.compile(r"«([^»]*)»"), re.compile(r"“([^”]*)”"), re.compile(r'"([^"\n]*)"'))
LONGEST_UNMARKED = 4  # words: a longer passage between quotation marks must be a recorded <q>


def records(root: Path) -> dict[str, dict]:
    """The records of quotes.yml by id; none when the project has no such file."""
    path = Path(root) / FILE_NAME
    if not path.is_file():
        return {}
    data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return {r["id"]: r for r in data if isinstance(r, dict) and "id" in r}


def same(a: str, b: str) -> bool:
    """Equal but for whitespace (including no-break spaces) and apostrophes (’ vs ')."""
    def norm(s: str) -> str:
        return re.sub(r"[\s\u00a0\u202f]+", "", html.unescape(s).replace("’", "'"))
    return norm(a) == norm(b)


def record_problems(known: dict[str, dict]) -> list[Problem]:
    out = []
    for rid, record in known.items():
        wrong = ("who" if record.get("who") not in WHO else "source" if record.get("source") not in SOURCES
                 else "lang" if record.get("lang") not in ("fr", "en") else "text" if not str(record.get("text", "")).strip()
                 else "who" if (record["who"] == "review") != (record["source"] == "review") else None)
        if wrong:
            out.append(Problem(FILE_NAME, f"{rid}.{wrong}", "a complete record (who, source, lang, text; 'review' as both who "
                               "and source, or neither)", repr(record.get(wrong))))
        for lang, translation in (record.get("translations") or {}).items():
            if lang == record.get("lang") or translation.get("by") != "site" or not str(translation.get("text", "")).strip():
                out.append(Problem(FILE_NAME, f"{rid}.translations.{lang}", "a translation into the other language, by: site, "
                                   "with its text", repr(translation)))
    return out


def page_problems(shown: str, text: str, known: dict[str, dict], used: set[str]) -> list[Problem]:
    """The quotation problems of one page (``shown``: its path as messages name it, 'x.fr.md')."""
    source = parse(text, shown)
    body, lang = source.body, shown.rsplit(".", 2)[-2]

    def line(at: int) -> int:
        return source.body_line + body.count("\n", 0, at)

    out = []
    for match in Q.finditer(body):
        attrs, said, after = dict(ATTR.findall(match.group(1))), match.group(2), body[match.end():match.end() + 40]
        rid, at = attrs.get("data-quote"), line(match.start())
        if not rid or rid not in known:
            out.append(Problem(shown, "<q>", f"a data-quote id recorded in {FILE_NAME}", repr(rid) if rid else "none", line=at))
            continue
        used.add(rid)
        record, wanted = known[rid], attrs.get("data-translation")
        if wanted:
            translation = (record.get("translations") or {}).get(wanted)
            if wanted != lang or not translation:
                out.append(Problem(shown, f"<q data-quote=\"{rid}\">", f"a translation into this page's language ({lang}) recorded in "
                                   f"{FILE_NAME}", f"data-translation={wanted!r}", line=at))
            elif not same(said, translation["text"]):
                out.append(Problem(shown, f"<q data-quote=\"{rid}\">", f"the recorded translation {translation['text']!r}", repr(said), line=at))
            elif not re.sub(r"\s+", " ", after).lstrip().startswith(MARKER[lang]):
                out.append(Problem(shown, f"<q data-quote=\"{rid}\">", f"a translation followed by {MARKER[lang]!r}", "no mark", line=at))
        elif not same(said, record["text"]):
            out.append(Problem(shown, f"<q data-quote=\"{rid}\">", f"the recorded original {record['text']!r}", repr(said), line=at))
        elif record["lang"] != lang and attrs.get("lang") != record["lang"]:
            out.append(Problem(shown, f"<q data-quote=\"{rid}\">", f"lang=\"{record['lang']}\" on an original in another language",
                               "no lang", line=at))
    outside = Q.sub(lambda m: " " * len(m.group(0)), body)
    for blank in (re.compile(r"<!--.*?-->", re.S), re.compile(r"<[^>]+>"), re.compile(r"\]\([^)]*\)")):
        outside = blank.sub(lambda m: " " * len(m.group(0)), outside)  # same length: lines stay where they are
    for pattern in PAIRS:
        for match in pattern.finditer(outside):
            if len(match.group(1).split()) > LONGEST_UNMARKED:
                out.append(Problem(shown, "(body)", "a quotation written <q data-quote=\"ID\">…</q> with its record in "
                                   f"{FILE_NAME}, or a rephrasing", f"{' '.join(match.group(0).split())[:60]!r} between quotation marks",
                                   line=line(match.start())))
    return out


def problems(root: Path, pages: list[tuple[str, str]]) -> list[Problem]:
    """Every quotation problem: ``pages`` are (path as shown, text) of every page."""
    try:
        known = records(root)
    except (OSError, yaml.YAMLError) as exc:
        return [Problem(FILE_NAME, "(file)", "a readable YAML list of records", f"an error ({type(exc).__name__})")]
    out, used = record_problems(known), set[str]()
    for shown, text in pages:
        try:
            out.extend(page_problems(shown, text, known, used))
        except Exception:  # noqa: BLE001, S112 - the front-matter step reports, located, a page that does not parse
            continue
    out.extend(Problem(FILE_NAME, rid, "a record that some page displays (<q data-quote>)", "no page using it")
               for rid in sorted(set(known) - used))
    return out
