"""What Markdown reads as code, headings and markers in a page body, without converting it.

A small lexer of Python-Markdown's block rules the checks need before a page is converted: which
lines are code (fenced or indented), the explicit heading ids, the marker lines (rse.markers) and
stray markers, a fence or a raw HTML block left open."""

from __future__ import annotations

import bisect
import re
from functools import lru_cache

from markdown.util import BLOCK_LEVEL_ELEMENTS

from .markers import MARKER

_FENCE = re.compile(r"[ \t]*(`{3,}|~{3,})")
_HASH_ID = re.compile(r"#([^\s#.{}]+)")  # any id; ANCHOR_ID says which ones are accepted
_HEADING = re.compile(r"#{1,6}[ \t]")
_BACKTICKS = re.compile(r"`+")


FENCED, INDENTED = "fenced", "indented"


@lru_cache(maxsize=4)
def _code(body: str) -> tuple[tuple[str, ...], int | None]:
    """(kind of each line, 0-based offset of the first fence never closed, or None); see code_lines.
    A fence never closed is text, as Markdown shows it: the lines after it are read again.

    A body is lexed once: the model (markers, anchors) and the checks (stray markers, fences, HTML
    blocks, heading ids) of the same page ask in turn. The memo is keyed by the body itself, the
    function's only input, and holds immutable tuples: it cannot answer for another text."""
    lines = body.split("\n")
    out: list[str] = []
    unclosed = None
    start = 0
    while start < len(lines):
        kinds, opened = _code_from(lines, start)
        if opened is None:
            out += kinds
            break
        unclosed = opened if unclosed is None else unclosed
        out += kinds[: opened - start] + [_indent_kind(lines[opened])]
        start = opened + 1
    return tuple(out), unclosed


def _indent_kind(line: str) -> str:
    expanded = line.expandtabs(4)
    return INDENTED if line.strip() and len(expanded) - len(expanded.lstrip(" ")) >= 4 else ""


def _code_from(lines: list[str], start: int) -> tuple[list[str], int | None]:
    out: list[str] = []
    fence, opened = "", None  # the opening fence while inside a fenced block, and its line
    for offset in range(start, len(lines)):
        line = lines[offset]
        if fence:
            stripped = line.strip()
            if stripped.startswith(fence) and stripped.strip(fence[0]) == "":
                fence = ""
            out.append(FENCED)
            continue
        opening = _FENCE.match(line)
        if opening:
            fence, opened = opening.group(1), offset
            out.append(FENCED)
            continue
        out.append(_indent_kind(line))
    return out, (opened if fence else None)


def code_lines(body: str) -> tuple[str, ...]:
    """For each line of a Markdown body: FENCED inside a fenced block (fence lines included),
    INDENTED when indented by four spaces or more (an indented code block, or the continuation of
    a list item), else ''. Linear in the body, but for each fence never closed (the lines after it
    are read again; bounded by the size of a page)."""
    return _code(body)[0]


def _code_spans(line: str) -> list[tuple[int, int]]:
    """(start, end) of each inline code span of a line (a run of n backticks to the next run of n)."""
    runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(line)]
    following: dict[int, int] = {}
    next_same: list[int | None] = [None] * len(runs)
    for i in range(len(runs) - 1, -1, -1):  # for each run, the next run of the same length
        length = runs[i][1] - runs[i][0]
        next_same[i] = following.get(length)
        following[length] = i
    spans, i = [], 0
    while i < len(runs):
        j = next_same[i]
        if j is None:
            i += 1
            continue
        spans.append((runs[i][0], runs[j][1]))
        i = j + 1
    return spans


def _heading_id(line: str) -> str | None:
    """The explicit id of a Markdown heading line ('## Title {#id}'), found with str methods: the
    last '{...}' ending the line, its last '#id' (a pattern such as '\\{[^}]*#id[^}]*\\}$' takes
    polynomial time on '{#a{#a...')."""
    if not _HEADING.match(line):
        return None
    text = line.rstrip(" \t")
    if not text.endswith("}"):
        return None
    start = text.rfind("{", 0, len(text) - 1)
    if start < 0 or "}" in text[start + 1 : -1]:
        return None
    ids = _HASH_ID.findall(text, start + 1, len(text) - 1)
    return ids[-1] if ids else None


def heading_ids_at(body: str) -> list[tuple[str, int]]:
    """(explicit heading id, 0-based line offset) of each ``## Title {#id}`` of a body (code left out)."""
    return [(i, offset) for offset, (line, kind) in enumerate(zip(body.split("\n"), code_lines(body)))
            if not kind and (i := _heading_id(line))]


def heading_ids(body: str) -> tuple[str, ...]:
    """Explicit heading ids (``## Title {#id}``) of a Markdown body, in order (code left out)."""
    return tuple(i for i, _ in heading_ids_at(body))


# What an anchor may be: it is printed in addresses (trainer's kit, QR codes, anchors.txt), where
# any other character would be percent-encoded one way or another.
ANCHOR_ID = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")


def h2_without_id(body: str) -> list[tuple[str, int]]:
    """(heading text, 0-based line offset) of each '## ' heading lacking an explicit {#id}."""
    out = []
    for offset, (line, kind) in enumerate(zip(body.split("\n"), code_lines(body))):
        if not kind and line.startswith("## ") and _heading_id(line) is None:
            out.append((line[3:].strip(), offset))
    return out


def scan(body: str) -> tuple[list[tuple[str, int]], list[tuple[str, int]]]:
    """(markers, stray markers) of a Markdown body, each as (name, 0-based line offset).

    A marker is an HTML comment alone on an unindented line, outside code: only such a comment
    reaches the HTML where the generated content goes. One shown as code (in a fenced block or
    between backticks) is text, not a marker. Any other is stray, and the checks refuse it: inside
    a line, or indented (in a list item it would still generate content; in an indented code
    block, it would not: the two cannot be told apart without the whole Markdown parser)."""
    found, stray = [], []
    for offset, (line, code) in enumerate(zip(body.split("\n"), code_lines(body))):
        if code == FENCED or "rse:" not in line:
            continue
        whole = MARKER.fullmatch(line.strip())
        if whole and code != INDENTED:
            found.append((whole.group(1), offset))
            continue
        spans = None
        for m in MARKER.finditer(line):
            spans = _code_spans(line) if spans is None else spans
            i = bisect.bisect_right(spans, (m.start(), len(line) + 1)) - 1  # the last span starting at or before the marker
            if not (i >= 0 and spans[i][0] <= m.start() < spans[i][1]):
                stray.append((m.group(1), offset))
    return found, stray


def find(body: str) -> list[tuple[str, int]]:
    """(marker name, 0-based line offset in body) for each marker in a Markdown body (see scan)."""
    return scan(body)[0]


def unclosed_fence(body: str) -> int | None:
    """0-based line offset of the first code fence never closed, or None: Markdown shows it as text,
    where the writer meant code (editors' previews show the rest of the page as code)."""
    return _code(body)[1]


# A line that opens a raw HTML block: a block-level tag (Python-Markdown's list) at its start; an
# inline element (<q>, <span>) there starts an ordinary paragraph.
_HTML_BLOCK_START = re.compile(r" {0,3}<(" + "|".join(sorted(BLOCK_LEVEL_ELEMENTS, key=len, reverse=True)) + r")(?![\w-])", re.I)
_SENTINEL = "rsehtmlblocksentinel"


def unclosed_html_block(body: str) -> int | None:
    """0-based line offset of a raw HTML block left open: Python-Markdown then takes everything
    after it, the glossary appended to the page included, as raw HTML (published as it is). Only
    pages with a line starting with a block-level tag are converted (none today), the others cost
    nothing."""
    kinds = code_lines(body)
    lines = body.split("\n")
    starts = [i for i, (line, kind) in enumerate(zip(lines, kinds)) if not kind and _HTML_BLOCK_START.match(line)]
    if not starts:
        return None
    import markdown  # only for the rare page with raw HTML blocks

    def swallows(text: str) -> bool:
        html = markdown.Markdown(extensions=["md_in_html", "pymdownx.superfences"]).convert(text + f"\n\n{_SENTINEL}\n")
        return f"<p>{_SENTINEL}</p>" not in html

    if not swallows(body):
        return None
    for start in reversed(starts[-20:]):  # the last block start that leaves the rest open (a bounded search)
        if swallows("\n".join(lines[start:])):
            return start
    return starts[0]
