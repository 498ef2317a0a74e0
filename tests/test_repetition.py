"""Repetition across pages (issue 20): a sign or a question restated on another page sends a trainer
to two places for one condition. Measured by word overlap: two texts are near-twins when the
Jaccard index of their content words (stop words out, plural and -ing/-ed endings folded) is at
least 0.3, on the English pages (the French twins say the same). At most 15 % of the signs and of
the questions may have a near-twin on another page. On 2026-12-04: 4 of 55 signs (7 %), 4 of 53
questions (8 %); the pairs it finds are near in words, not the same condition."""

from __future__ import annotations

import itertools
import re

import pytest

from rse.site import load_site
from sitebuild import ROOT

THRESHOLD, LIMIT = 0.3, 0.15
STOP = set("the a an of to and in or is are it its on for with that this by as be at from not no their they them our we you "
           "your who what which when do does did has have had there here than then into out up about only one two more most some "
           "any all each every other people network".split())


def words(text: str) -> set[str]:
    return {re.sub(r"(ing|ed|es|s)$", "", w) for w in re.findall(r"[a-z]+", text.lower()) if w not in STOP and len(w) > 2}


def near_twins(items: list[tuple[str, str]]) -> set[int]:
    """Indexes of the items (page id, text) that have a near-twin on another page."""
    found: set[int] = set()
    for (i, (a, x)), (j, (b, y)) in itertools.combinations(enumerate(items), 2):
        wx, wy = words(x), words(y)
        if a != b and wx | wy and len(wx & wy) / len(wx | wy) >= THRESHOLD:
            found |= {i, j}
    return found


def test_the_measure_finds_a_restated_sign():
    items = [("a", "Accounts were created in bulk, but profiles stay empty."), ("b", "Profiles stay empty after accounts were created."),
             ("c", "Nobody answers questions asked on the network.")]
    assert near_twins(items) == {0, 1}


@pytest.mark.parametrize("field", ["signs", "questions"])
def test_at_most_15_percent_of_signs_and_questions_are_restated_elsewhere(field):
    site = load_site(ROOT / "docs", ("fr", "en"), "fr")
    items = [(page.id, text) for page in site.of("en").values() for text in getattr(page, field)]
    twins = near_twins(items)
    assert len(twins) <= LIMIT * len(items), [items[i] for i in sorted(twins)]
