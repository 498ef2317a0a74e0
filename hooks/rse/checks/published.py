"""What the built site publishes, as `./dev check` checks it after the build: French typography
wherever French text goes (page text, titles, the attributes readers see, the French search index,
whose snippets show in results), and what a first visit of each page weighs (<= 80 KB compressed).
Each problem names the built file; the tests hold the same rules (tests/test_typography_site.py
reads the pages again with another parser; tests/test_reader_site.py uses firstvisit)."""

from __future__ import annotations

import json
from pathlib import Path

from .. import typography
from ..errors import Problem
from . import firstvisit

SHOWN = 5  # faults shown per page; the count says how many in all


def typography_problems(site: Path) -> tuple[list[Problem], int]:
    """(problems, pages read): the typography faults of every built page (French text in it, its
    typeset attributes and title) and of the French search index."""
    problems: list[Problem] = []
    found = sorted(p for p in site.rglob("*.html") if p.is_file())
    for path in found:
        faults = typography.faults(path.read_text(encoding="utf-8"), default_lang="")
        if faults:
            more = f" ({len(faults)} in all)" if len(faults) > SHOWN else ""
            problems.append(Problem(path.relative_to(site).as_posix(), "(typography)",
                                    "French typography: a no-break space before ; : ! ? and inside « », curly apostrophes",
                                    "; ".join(faults[:SHOWN]) + more,
                                    hint="The build typesets French text: a fault here is text it did not reach (a template, "
                                         "a script, an attribute): tell a maintainer, with this line."))
    index = site / "search" / "search_index.json"
    if index.is_file():
        docs = json.loads(index.read_text(encoding="utf-8")).get("docs", [])
        faults = [f"{doc.get('location', '')}: {fault}" for doc in docs for key in ("title", "text")
                  for fault in typography.faults(doc.get(key) or "", default_lang="fr")]
        if faults:
            problems.append(Problem("search/search_index.json", "(typography)", "French typography in the French search index",
                                    "; ".join(faults[:SHOWN]) + (f" ({len(faults)} in all)" if len(faults) > SHOWN else "")))
    return problems, len(found)


def weight_problems(site: Path) -> tuple[list[Problem], str]:
    """(problems, the heaviest page and its weight): every page's first visit within the budget."""
    weights = firstvisit.every_page(site)
    problems = [Problem(name, "(first visit)", f"at most {firstvisit.BUDGET / 1000:.0f} KB compressed for a first visit",
                        firstvisit.explain(site, site / name),
                        hint="Lighten the page or what it loads; benchmarks/RESULTS.md says what each part weighs.")
                for name, size in weights.items() if size > firstvisit.BUDGET]
    name, size = max(weights.items(), key=lambda kv: kv[1]) if weights else ("-", 0)
    return problems, f"{name} {size / 1000:.1f} KB"
