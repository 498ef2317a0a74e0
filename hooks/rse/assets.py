"""What the site serves, made smaller: stylesheets and scripts without comments, pages without indentation.

``docs/assets/rse.css`` and ``print.css`` explain every rule in comments (about half their
compressed size): every first visit downloads both, and a first visit is held to 80 KB
compressed (benchmarks/). The files stay documented in the repository; the built site gets
``minify_css`` of them. Plain text in, text out; no MkDocs import.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from . import markers as marker_table
from .kinds import INLINED_CSS, SCRIPTS

# Site paths of the stylesheets minified at build (the diagnostic's result styles, a plan's presenter
# view: linked by their page's script).
MINIFIED = ("assets/rse.css", "assets/print.css", "assets/rse-diagnostic-result.css", "assets/rse-plan-present.css")
# Styles of one kind of page (the card deck, the diagnostic) or of one marker (the matrix, the trainer's
# kit), inlined into the <head> of the pages that have them (rse.kinds.Kind.css, rse.markers.Marker.css):
# no other page downloads them. Site paths, each once.
INLINED = tuple(dict.fromkeys([*(path for paths in INLINED_CSS.values() for path in paths),
                               *(path for marker in marker_table.MARKERS for path in marker.css)]))


def page_styles(kind: str, markers: Iterable[str]) -> tuple[str, ...]:
    """The stylesheets inlined into a page of ``kind`` holding ``markers`` ('matrix',
    'trainer-kit:pillar'): its kind's, then its markers', in that order, each once."""
    paths = list(INLINED_CSS.get(kind, ()))
    for name in markers:
        row, _ = marker_table.split(name)
        paths.extend(row.css if row else ())
    return tuple(dict.fromkeys(paths))


# The site's own scripts, served without their comment lines and indentation (minify_js): every
# page's, and each kind's own (rse.kinds.Kind.script).
# The diagnostic's result script is loaded by the diagnostic's own once there is a result to show,
# a plan's presenter view by the plan's own when asked for.
MINIFIED_JS = ("assets/javascripts/rse-i18n.js", "assets/javascripts/workers/rse-search.js", *SCRIPTS.values(),
               "assets/javascripts/rse-diagnostic-result.js", "assets/javascripts/rse-plan-present.js")

# A comment, or a string (kept as it is: content: " <" attr(x) ">"), whichever comes first.
_TOKEN = re.compile(r"/\*.*?\*/|\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'", re.S)
_SPACE = re.compile(r"\s+")
_AROUND = re.compile(r"\s*([{};,>])\s*")  # never ':' (a space before it is a descendant selector)
_AFTER_COLON = re.compile(r"(?<=[{;])([-a-zA-Z]+):\s+")  # 'color: red' -> 'color:red' (declarations only)


def minify_css(text: str) -> str:
    """``text`` without comments and layout whitespace; strings, selectors and values unchanged."""
    strings: list[str] = []

    def keep(match: re.Match) -> str:
        token = match.group(0)
        if token.startswith("/*"):
            return " "
        strings.append(token)
        return f"\0{len(strings) - 1}\0"

    out = _TOKEN.sub(keep, text)
    out = _SPACE.sub(" ", out)
    out = _AROUND.sub(r"\1", out)
    out = _AFTER_COLON.sub(r"\1:", out)
    out = out.replace(";}", "}").strip()
    return re.sub(r"\0(\d+)\0", lambda m: strings[int(m.group(1))], out)


# Elements whose whitespace is content: left exactly as they are.
_VERBATIM = re.compile(r"(<(pre|textarea|script|style)\b.*?</\2\s*>)", re.S | re.I)
_AFTER_BREAK = re.compile(r"\n[ \t\n\r\f\v]*")  # a line break and the whitespace after it (ASCII: a no-break space is text)
_RUN = re.compile(r"[ \t]{2,}")


def _compact(text: str) -> str:
    text = _AFTER_BREAK.sub("\n", text)
    if "\t" in text:
        text = _RUN.sub(" ", text)
    else:  # the same, four times faster: a regular expression stops at every space of the text
        while "  " in text:
            text = text.replace("  ", " ")
    return text.replace(" \n", "\n").replace("\t\n", "\n")  # what was left of a run before a break


def compact_html(html: str) -> str:
    """``html`` without indentation: each run of whitespace holding a line break becomes one line
    break, other runs one space (what a browser renders from either, outside <pre>, <textarea>,
    <script> and <style>, which are left untouched). Material's templates indent deeply: about a
    twentieth of a page, compressed."""
    parts = _VERBATIM.split(html)
    out = []
    for i in range(0, len(parts), 3):
        out.append(_compact(parts[i]))
        if i + 1 < len(parts):
            out.append(parts[i + 1])
    return "".join(out)


_LINE_COMMENT = re.compile(r"^[ \t]*//.*\n?", re.M)  # a line that is only a comment
_BLOCK_COMMENT = re.compile(r"^[ \t]*/\*.*?\*/[ \t]*\n?", re.M | re.S)  # a block comment that starts a line
_LEADING = re.compile(r"^[ \t]+", re.M)


def minify_js(text: str) -> str:
    """The site's own scripts without the comments that take whole lines and without indentation.
    Deliberately modest: code lines are left as they are (no parser, so nothing inside a string or
    a regular expression can be taken for a comment), which is why only comments that start a line
    go. The scripts stay documented in the repository."""
    return _LEADING.sub("", _LINE_COMMENT.sub("", _BLOCK_COMMENT.sub("", text)))
