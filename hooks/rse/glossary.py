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

from . import typography
from .docsfiles import long_line
from .errors import ContentError, Problem

# The end of an entry naming the term's language: ' {lang=fr}'.
LANG_SUFFIX = re.compile(r"[ \t]\{lang=(?P<lang>[a-z]{2,3})\}")
EXPECTED = "'*[TERM]: definition' (optionally ending with '{lang=xx}')"
# The glossary is appended to every page, where Python-Markdown's abbr takes time in proportion to
# the square of its length: bounded far above today's (under 1000 characters, 6 terms).
MAX_SIZE = 16_000
MAX_TERMS = 200


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


def path_for(root: Path, lang: str) -> Path:
    return Path(root) / "includes" / f"glossary.{lang}.md"


def _without_comments(text: str) -> str:
    """The text with each HTML comment replaced by its line breaks (line numbers kept); found
    with str.find, in linear time (a lazy pattern is quadratic on many unclosed '<!--')."""
    out, start = [], 0
    while True:
        opening = text.find("<!--", start)
        if opening < 0:
            break
        closing = text.find("-->", opening + 4)
        if closing < 0:
            break  # an unclosed comment: the rest is left as it is, and refused line by line
        out.append(text[start:opening] + "\n" * text.count("\n", opening, closing))
        start = closing + 3
    out.append(text[start:])
    return "".join(out)


def _entry(line: str) -> tuple[str, str, str] | str:
    """(term, definition, lang) of one stripped glossary line, or what is wrong with it.
    str methods only: linear in the line."""
    end = line.find("]")
    if not line.startswith("*[") or end < 0 or line[end + 1 : end + 2] != ":" or "\n" in line:
        return "not-entry"
    term, definition, lang = line[2:end].strip(), line[end + 2 :].strip(" \t"), ""
    suffix = LANG_SUFFIX.search(definition, max(0, len(definition) - 12))
    if suffix and suffix.end() == len(definition):
        definition, lang = definition[: suffix.start()].strip(" \t"), suffix["lang"]
    if not term:
        return "empty-term"
    if "\\" in term or "[" in term:
        return "term-characters"
    if not definition or definition in ('""', "''"):
        return "empty-definition"
    return term, definition, lang


def parse(text: str, file: str) -> tuple[Entry, ...]:
    """Entries in file order. Blank lines and HTML comments are allowed; anything else that is
    not an abbreviation line that Python-Markdown's abbr extension reads the same way (which
    would be appended as text to every page), or a term defined twice, is a ContentError."""
    entries: list[Entry] = []
    problems: list[Problem] = []
    seen: dict[str, int] = {}
    if len(text) > MAX_SIZE:
        raise ContentError([Problem(file, "(file)", f"a glossary of at most {MAX_SIZE} characters", f"{len(text)} characters",
                                    hint="Keep definitions short: the glossary is added to every page.")])
    too_long = long_line(text, file)
    if too_long is not None:
        raise ContentError([too_long])
    text = _without_comments(text)
    for number, line in enumerate(text.split("\n"), start=1):  # lines as Markdown and editors count them (not at \u2028)
        stripped = line.strip()
        if not stripped:
            continue
        entry = _entry(stripped)
        if entry == "not-entry":
            problems.append(Problem(file, "(glossary line)", EXPECTED, repr(stripped[:60]), line=number))
            continue
        if entry == "empty-term":
            problems.append(Problem(file, "(glossary line)", EXPECTED + " with a term", "an empty term", line=number))
            continue
        if entry == "term-characters":
            term = stripped[2 : stripped.find("]")]
            problems.append(Problem(file, "(glossary line)", "a term without '\\' or '[' (Markdown's abbreviations cannot hold them)",
                                    f"the term '{term[:60]}'", line=number, hint="Write the term without them."))
            continue
        if isinstance(entry, str):  # "empty-definition", the last of the problems _entry names
            problems.append(Problem(file, "(glossary line)", "a definition after the term (\"\" or '' would remove the term instead)",
                                    repr(stripped[:60]), line=number))
            continue
        term, definition, lang = entry
        if term in seen:
            problems.append(Problem(file, f"*[{term}]", f"each term once (already defined on line {seen[term]})",
                                    "it a second time", line=number))
            continue
        seen[term] = number
        entries.append(Entry(term=term, definition=definition, lang=lang))
    if len(entries) > MAX_TERMS:
        problems.append(Problem(file, "(file)", f"a glossary of at most {MAX_TERMS} terms", f"{len(entries)} terms",
                                line=seen[entries[MAX_TERMS].term], hint="Keep the glossary to the terms readers need: it is added to every page."))
    if problems:
        raise ContentError(problems)
    return tuple(entries)


def load(root: Path, lang: str, display_root: Path | None = None) -> tuple[Entry, ...]:
    """The glossary of one language; an absent file is an empty glossary."""
    path = path_for(root, lang)
    if not path.is_file():
        return ()
    shown = path.relative_to(display_root or root).as_posix() if (display_root or root) in path.parents else path.as_posix()
    if path.is_symlink():
        raise ContentError([Problem(shown, "(file)", "a file, not a symbolic link", "a symbolic link",
                                    hint="Copy the file itself: its lines are appended to every page.")])
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError([Problem(shown, "(file)", "UTF-8 text", f"undecodable bytes ({exc.reason})")]) from None
    return parse(text, shown)


def as_abbreviations(entries: tuple[Entry, ...], lang: str) -> dict[str, str]:
    """The ``glossary`` setting of Python-Markdown's ``abbr`` extension: every occurrence of a
    term in a page gets its definition (given as data: no Markdown line to append and parse).
    The definition is a tooltip (an attribute), which the typography of finished pages does not
    reach: set here as the pages of ``lang`` set their text."""
    text = typography.text_in(lang)
    return {e.term: text(e.definition) for e in entries}


_ABBR = re.compile(r"<abbr title=")


def focusable_terms(html: str) -> str:
    """Let keyboard and touch readers reach each term's definition: a hover-only title is out of
    their reach, a focusable term shows it on focus (rse.css)."""
    return _ABBR.sub('<abbr tabindex="0" title=', html)
