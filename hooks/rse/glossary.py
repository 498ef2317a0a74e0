"""The glossary of terms and acronyms, one file per language (``includes/glossary.<lang>.md``).

Each entry is a Python-Markdown abbreviation line, ``*[RSE]: réseau social d'entreprise``, so
that the same file gives the definitions of the terms in the pages (the ``glossary`` of the ``abbr``
extension in that language's build, which marks each occurrence up as ``<abbr title=...>``, made
focusable by ``focusable_terms``: the browser shows the definition on hover, docs/assets/rse.css
writes it after the term when a keyboard or touch reader focuses it) and
the glossary page (``<!-- rse:glossary -->``). A term that is not in the file's language (RSE in the English
glossary) says so with a trailing ``{lang=xx}``: the glossary page marks it up with that
language; the tooltip text is the definition alone. Plain text in, data out; no MkDocs import.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import ContentError, Problem

ENTRY = re.compile(r"^\*\[(?P<term>[^\]\n]+)\]:[ \t]*(?P<text>\S.*?)(?:[ \t]+\{lang=(?P<lang>[a-z]{2,3})\})?[ \t]*$")
COMMENT = re.compile(r"<!--.*?-->", re.S)


@dataclass(frozen=True)
class Entry:
    term: str
    definition: str
    lang: str = ""  # language of the term when it is not the file's (e.g. 'fr' for RSE in English)

    @property
    def sort_key(self) -> tuple[str, str]:
        """Dictionary order: accents and case ignored ("État" between "Entreprise" and "Forum"),
        then the exact term to break ties."""
        return (fold(self.term).casefold(), self.term)

    @property
    def anchor(self) -> str:
        slug = re.sub(r"[^a-z0-9]+", "-", self.term.lower()).strip("-")
        return f"glossary-{slug or 'term'}"


def fold(text: str) -> str:
    """Accents dropped: NFD, then combining marks removed ("Évolution" -> "Evolution")."""
    return "".join(c for c in unicodedata.normalize("NFD", text) if not unicodedata.combining(c))


def alphabetical(entries: tuple[Entry, ...]) -> list[Entry]:
    """The glossary page's order (the file keeps its contributors' order)."""
    return sorted(entries, key=lambda e: e.sort_key)


def path_for(root: Path, lang: str) -> Path:
    return Path(root) / "includes" / f"glossary.{lang}.md"


def parse(text: str, file: str) -> tuple[Entry, ...]:
    """Entries in file order. Blank lines and HTML comments are allowed; anything else that is
    not an abbreviation line, or a term defined twice, is a ContentError."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    text = COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), text)  # keep line numbers
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if not stripped:
            continue
        match = ENTRY.match(stripped)
        if match is None:
            problems.append(Problem(file, "(glossary line)", "'*[TERM]: definition' (optionally ending with '{lang=xx}')",
                                    repr(stripped[:60]), line=number))
            continue
        term = match["term"].strip()
        if term in seen:
            problems.append(Problem(file, f"*[{term}]", f"each term once (already defined on line {seen[term]})",
                                    "it a second time", line=number))
            continue
        seen[term] = number
        entries.append(Entry(term=term, definition=match["text"].strip(), lang=match["lang"] or ""))
    if problems:
        raise ContentError(problems)
    return tuple(entries)


def load(root: Path, lang: str, display_root: Path | None = None) -> tuple[Entry, ...]:
    """The glossary of one language; an absent file is an empty glossary."""
    path = path_for(root, lang)
    if not path.is_file():
        return ()
    shown = path.relative_to(display_root or root).as_posix() if (display_root or root) in path.parents else path.as_posix()
    return parse(path.read_text(encoding="utf-8"), shown)


def as_abbreviations(entries: tuple[Entry, ...]) -> dict[str, str]:
    """The ``glossary`` setting of Python-Markdown's ``abbr`` extension: every occurrence of a
    term in a page gets its definition (given as data: no Markdown line to append and parse)."""
    return {e.term: e.definition for e in entries}


_ABBR = re.compile(r"<abbr title=")


def focusable_terms(html: str) -> str:
    """Let keyboard and touch readers reach each term's definition: a hover-only title is out of
    their reach, a focusable term shows it on focus (rse.css)."""
    return _ABBR.sub('<abbr tabindex="0" title=', html)
