"""The table of page kinds: what each kind of page is made of, where it appears and what it needs.

A new kind is one row here, the kind's name in the 'kind' enum of schema/page.schema.json, the
templates its markers name (rse.markers.MARKERS) and its interface strings in ui.yml
(``Kind.ui_keys``). tests/test_kinds.py compares this table with the schema, the templates and the
strings, and ``missing_strings`` names, at every build, the file and the key a kind still lacks.
Nothing else branches on a kind's name: renderers, checks, the scaffold, the inlined styles and
scripts and the lists all read the row.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

DATA_MARKERS = ("claims", "questions", "signs", "relations")  # a page carrying data shows all of it
PLAN_MARKERS = (*DATA_MARKERS, "workshop")  # ... and its workshop plan (front matter 'workshop')


@dataclass(frozen=True)
class Link:
    """A front-matter field of ids pointing to pages of another kind (a pillar's 'answers')."""

    field: str  # the front-matter field ('answers')
    target: str  # the kind its ids must name ('approach')


@dataclass(frozen=True)
class Kind:
    name: str
    claims: tuple[str, ...] = ()  # the claims a page of this kind carries (what the article says), in order
    sides: bool = False  # its claims are two sides shown face to face (comparison.html), each headed 'side.<claim>'
    folder: str = ""  # where `./dev new` writes a page of this kind ('' : not made by `./dev new`)
    markers: tuple[str, ...] = ()  # markers a page of this kind must hold, so that no data is left out
    printed_address: bool = True  # its own address and QR code printed in its top corner (rse.render.print_address)
    listed: bool = False  # in the lists, the trainer's kit and the card deck (list:<kind>, trainer-kit:<kind>, cards)
    diagnosed: bool = False  # its signs are ticked in the team diagnostic
    links: tuple[Link, ...] = ()  # fields of ids to pages of another kind; the relations box shows them
    css: tuple[str, ...] = ()  # its own stylesheets under docs/, inlined into its pages' <head> (no other page loads them)
    script: str = ""  # its own script under docs/, loaded by its pages only
    diagnosed_all: bool = False  # it is the diagnostic itself (a programme may start with it)
    own_print: bool = False  # its stylesheet (css) lays out all its paper: print.css, the handouts' styles, is not loaded

    @property
    def carries_data(self) -> bool:
        """Questions, signs, remarks and relations to other pages: a contrast, an approach, a pillar."""
        return bool(self.folder)

    def ui_keys(self) -> tuple[str, ...]:
        """The interface strings (ui.yml) this kind's pages print."""
        keys: list[str] = []
        if self.listed:
            keys += [f"list.kind.{self.name}", f"cards.kind.{self.name}"]
        if self.diagnosed:
            keys.append(f"diag.kind.{self.name}")
        keys += [f"side.{claim}" if self.sides else f"claim.{claim}" for claim in self.claims]
        keys += [f"relations.{link.field}" for link in self.links]
        if self.listed and not self.links:
            keys.append("relations.answered_by")
        return tuple(keys)


PLAN_SLUG = "atelier"  # a workshop's printable plan (kind 'plan') is '<folder>/<slug>/atelier.<lang>.md': '<page address>atelier/'
WORKSHOP_CSS = "assets/rse-workshop.css"  # a workshop plan's styles: on the pages that show one

# In reading order: the commentary index and every list across kinds follow it.
REGISTRY = (
    Kind("home"),
    Kind("overview", markers=("comparison-table",)),
    Kind("contrast", claims=("personal", "enterprise"), sides=True, folder="contrastes", markers=PLAN_MARKERS,
         listed=True, diagnosed=True, css=(WORKSHOP_CSS,)),
    Kind("approaches", markers=("list:approach",)),
    Kind("approach", claims=("approach",), folder="approches", markers=PLAN_MARKERS, listed=True, diagnosed=True,
         css=(WORKSHOP_CSS,)),
    Kind("pillars", markers=("matrix",)),
    Kind("pillar", claims=("pillar",), folder="piliers", markers=PLAN_MARKERS, listed=True,
         links=(Link("answers", "approach"), Link("addresses", "contrast")), css=(WORKSHOP_CSS,)),
    # A workshop plan on one printed page, at '<page address>atelier/' (front matter 'plan_of'): its
    # own QR code at its head, clock times from a start time typed on screen (rse-plan.js), a presenter
    # view of its steps (rse-plan-present.js and .css, which rse-plan.js loads when it opens).
    Kind("plan", markers=("plan",), printed_address=False, css=(WORKSHOP_CSS, "assets/rse-plan.css"),
         script="assets/javascripts/rse-plan.js"),
    Kind("commentary", markers=("commentary-index",)),
    Kind("sources"),
    Kind("history", markers=("timeline",)),  # the dated story since the article (front matter 'entries')
    Kind("trainer", markers=("trainer-kit:contrast", "trainer-kit:approach", "trainer-kit:pillar", "offline-archive")),
    # Every workshop plan, filterable in the page (rse-catalogue.js), and a suggested programme.
    Kind("catalogue", markers=("catalogue", "programme"), css=("assets/rse-catalogue.css",),
         script="assets/javascripts/rse-catalogue.js"),
    Kind("glossary", markers=("glossary",)),
    # The printable card deck, one card per contrast, approach and pillar; on paper only the cards
    # show (rse-cards.css), so no corner address: its QR code was bytes of every first visit for
    # nothing; nor print.css (1.3 KB), whose rules it hid. rse-cards.js: the cards and copies to
    # print, chosen on screen and kept in the address.
    Kind("cards", markers=("cards",), printed_address=False, css=("assets/rse-cards.css",),
         script="assets/javascripts/rse-cards.js", own_print=True),
    Kind("diagnostic", markers=("diagnostic",), diagnosed_all=True, css=("assets/rse-diagnostic.css",),  # the team checklist of every sign
         script="assets/javascripts/rse-diagnostic.js"),
)
KINDS = {kind.name: kind for kind in REGISTRY}
NAMES = tuple(KINDS)
LISTED = tuple(kind.name for kind in REGISTRY if kind.listed)  # lists, trainer's kit, cards
DIAGNOSED = tuple(kind.name for kind in REGISTRY if kind.diagnosed)  # the diagnostic's groups
INLINED_CSS = {kind.name: kind.css for kind in REGISTRY if kind.css}  # kind -> its stylesheets, in order
SCRIPTS = {kind.name: kind.script for kind in REGISTRY if kind.script}


def of(name: str) -> Kind:
    return KINDS[name]


def missing_strings(ui: Mapping[str, Mapping[str, str]]) -> list[tuple[str, str]]:
    """(language, key) of every interface string a kind needs and ui.yml lacks."""
    return [(lang, key) for lang, table in ui.items() for kind in REGISTRY for key in kind.ui_keys() if key not in table]
