"""The table of markers: the HTML comments where generated content goes, e.g. ``<!-- rse:claims -->``.

A new marker is one row here, its template in overrides/rse/ and its interface strings in ui.yml;
a renderer in rse.render (the function the row names) only when the template alone cannot say it. tests/test_kinds.py compares the
table with the renderers, the templates and the kinds (rse.kinds); which markers a page may hold,
must hold, and what an unknown one is told all come from the rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .kinds import KINDS, LISTED

# A marker is a line of its own, outside code: `<!-- rse:claims -->` (up to three spaces before it,
# as Markdown allows for a block). Anywhere else (in a paragraph, inline or indented code, a fenced
# block) it is text, not a marker: it generates nothing and does not count as present.
MARKER_LINE = re.compile(r"^ {0,3}<!--[ \t]*rse:([a-z][a-z-]*(?::[a-z-]+)?)[ \t]*-->[ \t]*$", re.M)
MARKER = re.compile(r"<!--\s*rse:([a-z][a-z-]*(?::[a-z-]+)?)\s*-->")  # anywhere in a line (rse.mdlex.scan: stray markers)

# What a marker may need of its page: its own data (a field of the front matter), or to be on a
# page that carries data (rse.kinds.Kind.carries_data: relations are computed from other pages).
NEEDS = ("claims", "questions", "signs", "workshop", "entries", "further", "plan_of", "programme", "carries-data")


@dataclass(frozen=True)
class Marker:
    name: str
    render: str  # the function of rse.render that returns its HTML (given a rse.render.Context); '' : the
    # template alone, given site, page, lang, t, url_for (and kind, for a per-kind marker)
    template: str  # its template in overrides/rse/
    needs: str = ""  # what the page must have (NEEDS); '' : allowed on any page
    per_kind: bool = False  # written 'name:<kind>' for each listed kind (rse.kinds.LISTED); render gets the kind
    links: bool = False  # needs the site's public addresses (Context.links): QR codes, printed addresses
    css: tuple[str, ...] = ()  # its own stylesheets under docs/ (screen and paper), inlined into the <head> of the
    # pages that hold it: rse.css and print.css, which every first visit loads, keep none of its rules


CLAIMS_CSS = "assets/rse-claims.css"  # claims, remarks and their stances: wherever a marker shows them

MARKERS = (
    Marker("claims", "claims", "claims.html", needs="claims", css=(CLAIMS_CSS,)),
    Marker("questions", "questions", "list_of_texts.html", needs="questions"),
    Marker("signs", "signs", "list_of_texts.html", needs="signs"),
    Marker("relations", "relations", "relations.html", needs="carries-data"),
    Marker("workshop", "workshop", "workshop.html", needs="workshop"),
    Marker("comparison-table", "comparison_table", "comparison_table.html", css=(CLAIMS_CSS, "assets/rse-comparison-table.css")),
    Marker("matrix", "matrix", "matrix.html", css=("assets/rse-matrix.css",)),
    Marker("commentary-index", "commentary_index", "commentary_index.html", css=(CLAIMS_CSS, "assets/rse-commentary.css")),
    Marker("list", "page_list", "page_list.html", per_kind=True),
    Marker("trainer-kit", "trainer_kit", "trainer_kit.html", per_kind=True, links=True, css=("assets/rse-kit.css",)),
    Marker("glossary", "glossary", "glossary.html"),
    Marker("offline-archive", "offline_archive", "offline_archive.html", links=True),
    Marker("cards", "cards", "cards.html", links=True),
    Marker("diagnostic", "diagnostic", "diagnostic.html", links=True),
    Marker("plan", "plan", "plan.html", needs="plan_of", links=True),
    Marker("catalogue", "catalogue", "catalogue.html", needs="programme"),
    Marker("programme", "", "programme.html", needs="programme"),
    Marker("timeline", "timeline", "timeline.html", needs="entries"),
    Marker("further-reading", "", "further_reading.html", needs="further"),
    Marker("provenance", "", "provenance.html"),
)
BY_NAME = {marker.name: marker for marker in MARKERS}


def split(name: str) -> tuple[Marker | None, str]:
    """(the row of a marker name, the kind after ':' or ''); None for an unknown marker."""
    prefix, sep, kind = name.partition(":")
    row = BY_NAME.get(prefix)
    if row is None or row.per_kind != bool(sep) or (sep and kind not in LISTED):
        return None, ""
    return row, kind


def known(name: str) -> bool:
    return split(name)[0] is not None


def names() -> tuple[str, ...]:
    """Every marker name a page may be written with, in table order."""
    return tuple(name for m in MARKERS for name in ([f"{m.name}:{k}" for k in LISTED] if m.per_kind else [m.name]))


def describe_known() -> str:
    """The known markers, as an error message lists them."""
    return ", ".join(f"{m.name}:{'|'.join(LISTED)}" if m.per_kind else m.name for m in MARKERS)


def required_for(kind: str, has_claims: bool) -> set[str]:
    """Markers a page of this kind must contain, so that no data is silently left out (rse.kinds)."""
    needed = set(KINDS[kind].markers) if kind in KINDS else set()
    if has_claims:
        needed.add("claims")
    return needed


def allowed_on(page: object) -> set[str]:
    """Markers that make sense on this page (rse.model.PageData): it has the data they show (the
    field of the same name as the row's ``needs``), or the row needs nothing."""
    kind = getattr(page, "kind", "")
    has = {need: bool(getattr(page, need, None)) for need in NEEDS if need != "carries-data"}
    has |= {"carries-data": kind in KINDS and KINDS[kind].carries_data, "": True}
    return {name for name in names() if has[BY_NAME[name.partition(":")[0]].needs]}


def expansion_problem(name: str, seen: set[str], allowed: set[str], kind: str) -> tuple[str, str] | None:
    """(expected, found) when the marker ``name`` may not be expanded on a page whose markers so
    far are ``seen`` and which allows ``allowed`` (rse.render.fill_markers), else None."""
    if not known(name):
        return f"a known marker ({describe_known()})", f"'rse:{name}'"
    if name not in allowed:
        return f"no 'rse:{name}' marker on a page of kind '{kind}' without the data it shows", "the marker"
    if name in seen:
        return "each marker once per page", "it a second time"
    return None
