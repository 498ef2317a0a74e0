"""The HTML-comment markers where generated content goes, e.g. ``<!-- rse:claims -->``."""

from __future__ import annotations

import re

from .kinds import DATA_MARKERS, KINDS, WITH_DATA

# A marker is a line of its own, outside code: `<!-- rse:claims -->` (up to three spaces before it,
# as Markdown allows for a block). Anywhere else (in a paragraph, inline or indented code, a fenced
# block) it is text, not a marker: it generates nothing and does not count as present.
MARKER_LINE = re.compile(r"^ {0,3}<!--[ \t]*rse:([a-z][a-z-]*(?::[a-z-]+)?)[ \t]*-->[ \t]*$", re.M)
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")

LISTABLE = WITH_DATA  # kinds a list or a trainer's kit can show
DATA_KINDS = WITH_DATA


# Markers showing the page's own data; markers that need none, allowed anywhere; markers per kind.
OWN = (*DATA_MARKERS, "workshop")
TABLES = ("comparison-table", "matrix", "commentary-index")
ANYWHERE = (*TABLES, "glossary", "offline-archive", "cards", "diagnostic")
PER_KIND = ("list", "trainer-kit")


def known(name: str) -> bool:
    prefix, sep, kind = name.partition(":")
    if sep:
        return prefix in PER_KIND and kind in LISTABLE
    return name in OWN or name in ANYWHERE


def describe_known() -> str:
    """The known markers, as an error message lists them."""
    per_kind = [f"{prefix}:{'|'.join(LISTABLE)}" for prefix in PER_KIND]
    return ", ".join([*OWN, *TABLES, *per_kind, *ANYWHERE[len(TABLES):]])


def required_for(kind: str, has_claims: bool) -> set[str]:
    """Markers a page of this kind must contain, so that no data is silently left out (rse.kinds)."""
    needed = set(KINDS[kind].markers) if kind in KINDS else set()
    if has_claims:
        needed.add("claims")
    return needed


def allowed_for(kind: str, has_claims: bool, has_questions: bool, has_signs: bool, has_workshop: bool = False) -> set[str]:
    """Markers that make sense on this page (the page has the data they show)."""
    allowed = set(ANYWHERE) | {f"{prefix}:{k}" for prefix in PER_KIND for k in LISTABLE}
    if has_claims:
        allowed.add("claims")
    if has_questions:
        allowed.add("questions")
    if has_signs:
        allowed.add("signs")
    if kind in DATA_KINDS:
        allowed.add("relations")
    if has_workshop:
        allowed.add("workshop")
    return allowed


HEADING_ID = re.compile(r"^#{1,6}[ \t].*\{[^}]*#([A-Za-z][\w-]*)[^}]*\}[ \t]*$", re.M)


def heading_ids(body: str) -> tuple[str, ...]:
    """Explicit heading ids (``## Title {#id}``) of a Markdown body, in order."""
    return tuple(HEADING_ID.findall(body))


def h2_without_id(body: str) -> list[tuple[str, int]]:
    """(heading text, 0-based line offset) of each '## ' heading lacking an explicit {#id}."""
    out, fenced = [], False
    for offset, line in enumerate(body.splitlines()):
        if line.lstrip().startswith(("```", "~~~")):
            fenced = not fenced
        elif not fenced and line.startswith("## ") and not HEADING_ID.match(line):
            out.append((line[3:].strip(), offset))
    return out


def find(body: str) -> list[tuple[str, int]]:
    """(marker name, 0-based line offset in body) for each marker of a Markdown body: lines of
    their own outside fenced code blocks (see MARKER_LINE), the ones the build fills."""
    found, fence = [], ""
    for offset, line in enumerate(body.split("\n")):
        opening = _FENCE.match(line)
        if fence:
            if opening and opening.group(1)[0] == fence[0] and len(opening.group(1)) >= len(fence) \
                    and not line.strip().strip(fence[0]):
                fence = ""
        elif opening:
            fence = opening.group(1)
        else:
            marker = MARKER_LINE.match(line)
            if marker:
                found.append((marker.group(1), offset))
    return found
