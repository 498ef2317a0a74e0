"""Unfinished pages: any 'TODO' left in a front-matter text or in the body.

``./dev new`` writes pages full of "TODO: ..." markers; the strict build refuses them until every
one is replaced. A preview build (RSE_PREVIEW=1) shows them with a warning instead.
"""

from __future__ import annotations

import re

from .errors import Problem, describe
from .frontmatter import Source

MARK = "TODO"
_MARK = re.compile(r"\bTODO\b")
HINT = "Replace the placeholder with the real text (the strict build refuses unfinished pages; RSE_PREVIEW=1 shows a preview)."


def _field(path: tuple) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _strings(value, path: tuple = ()):
    if isinstance(value, str):
        yield path, value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _strings(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _strings(item, path + (i,))


def check(source: Source) -> list[Problem]:
    """One problem per front-matter text and per body line that still says TODO."""
    problems = [
        Problem(source.file, _field(path), "text written for readers, not a placeholder", describe(text),
                line=source.line_of(path), hint=HINT)
        for path, text in _strings(source.meta) if _MARK.search(text)
    ]
    in_fence = False
    for offset, line in enumerate(source.body.split("\n")):
        if line.lstrip().startswith(("```", "~~~")):
            in_fence = not in_fence
        if _MARK.search(line) and not in_fence:
            problems.append(Problem(source.file, "(body)", "text written for readers, not a placeholder",
                                    describe(line.strip()), line=source.body_line + offset, hint=HINT))
    return problems
