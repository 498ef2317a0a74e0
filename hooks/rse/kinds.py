"""The one registry of page kinds: what each kind of page is made of and where it goes.

Add a kind here (and to the 'kind' enum of schema/page.schema.json, which tests/test_kinds.py
compares with this table); the markers a page must hold, the claims it carries, where
`./dev new` writes it and the reading order of the commentary index all come from this table.
"""

from __future__ import annotations

from dataclasses import dataclass

DATA_MARKERS = ("claims", "questions", "signs", "relations")  # a page carrying data shows all of it
PLAN_MARKERS = (*DATA_MARKERS, "workshop")  # ... and its workshop plan (front matter 'workshop')


@dataclass(frozen=True)
class Kind:
    name: str
    claims: tuple[str, ...] = ()  # the claims a page of this kind carries (what the article says)
    folder: str = ""  # where `./dev new` writes a page of this kind ('' : not made by `./dev new`)
    markers: tuple[str, ...] = ()  # markers a page of this kind must hold, so that no data is left out
    printed_address: bool = True  # its own address and QR code printed in its top corner (rse.render.print_address)

    @property
    def carries_data(self) -> bool:
        """Questions, signs, remarks and relations to other pages: a contrast, an approach, a pillar."""
        return bool(self.folder)


# In reading order: the commentary index and every list across kinds follow it.
REGISTRY = (
    Kind("home"),
    Kind("overview", markers=("comparison-table",)),
    Kind("contrast", claims=("personal", "enterprise"), folder="contrastes", markers=PLAN_MARKERS),
    Kind("approaches", markers=("list:approach",)),
    Kind("approach", claims=("approach",), folder="approches", markers=PLAN_MARKERS),
    Kind("pillars", markers=("matrix",)),
    Kind("pillar", claims=("pillar",), folder="piliers", markers=PLAN_MARKERS),
    Kind("commentary", markers=("commentary-index",)),
    Kind("sources"),
    Kind("trainer", markers=("trainer-kit:contrast", "trainer-kit:approach", "trainer-kit:pillar", "offline-archive")),
    Kind("glossary", markers=("glossary",)),
    # The printable card deck, one card per contrast, approach and pillar; on paper only the cards
    # show (rse-cards.css), so no corner address: its QR code was bytes of every first visit for nothing.
    Kind("cards", markers=("cards",), printed_address=False),
    Kind("diagnostic", markers=("diagnostic",)),  # the team checklist of every sign
)
KINDS = {kind.name: kind for kind in REGISTRY}
NAMES = tuple(KINDS)
WITH_DATA = tuple(kind.name for kind in REGISTRY if kind.carries_data)  # ('contrast', 'approach', 'pillar')


def of(name: str) -> Kind:
    return KINDS[name]
