"""What a page's body may publish: what an allow-list sanitizer kept, and nothing else.

The guard is not a pattern over the Markdown source (Markdown, attribute lists and browsers read
text in ways no pattern follows) but the HTML that Markdown made, generated fragments included,
passed through nh3 (the binding to the Rust crate ammonia, which parses it as a browser does, with
html5ever): only the elements, attributes and address schemes below survive. The page published
is the sanitizer's output, always.

So that nothing is dropped in silence, the same HTML also goes through a second, permissive pass
of the same parser, which keeps every element, attribute and address it finds. When the two
outputs differ, the page lost something, and the build refuses it with one line naming the file,
what was lost and, where the source shows it, the line. Both passes run in Rust: about 0.4 s of
a cold build of the real site, 8 ms a page with its headings (README, "Trust boundary"); the Python
parser that describes a loss only runs on a refused page.

To allow something new that the site needs (an element, an attribute), add it to TAGS or
ATTRIBUTES, in a pull request reviewed as code. No MkDocs import.
"""

from __future__ import annotations

import html as htmllib
import re
from collections import Counter
from dataclasses import dataclass, field
from html.parser import HTMLParser

import nh3

from .errors import Problem

# Elements the site's Markdown (with its extensions) and its templates write.
TAGS = frozenset({
    "a", "abbr", "article", "aside", "b", "blockquote", "br", "button", "caption", "cite", "code", "col", "colgroup",
    "dd", "del", "details", "dfn", "div", "dl", "dt", "em", "fieldset", "figcaption", "figure", "footer", "form",
    "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr", "i", "img", "input", "ins", "kbd", "label", "legend", "li",
    "mark", "nav", "ol", "p", "path", "pre", "q", "s", "samp", "section", "small", "span", "strong", "sub",
    "summary", "sup", "svg", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
    "select", "option",
})
_GLOBAL = {"id", "class", "lang", "title", "role", "hidden", "tabindex", "aria-label", "aria-labelledby",
           "aria-describedby", "aria-hidden", "aria-live"}
# Attributes per element, beyond the global ones. No 'style' (a full-page overlay is one attribute
# away), no event attribute, no 'target', no 'action' or 'formaction', no 'srcset'.
ATTRIBUTES: dict[str, set[str]] = {
    "*": _GLOBAL,
    "a": {"href", "hreflang", "download", "type", "rel"},
    "img": {"src", "alt", "width", "height", "loading", "decoding"},
    "td": {"colspan", "rowspan", "align", "scope"},
    "th": {"colspan", "rowspan", "align", "scope"},
    "col": {"span"}, "colgroup": {"span"},
    "q": {"cite"}, "blockquote": {"cite"},
    "ol": {"start", "reversed", "type"},
    "details": {"open"},
    "time": {"datetime"},
    "label": {"for"},
    "input": {"type", "name", "value", "checked", "readonly", "disabled", "step", "min", "max"},
    "select": {"name"}, "option": {"value", "selected"},
    "button": {"type"},
    "svg": {"viewBox", "focusable", "xmlns", "width", "height", "fill"},
    "path": {"d", "fill", "stroke", "stroke-width", "fill-rule", "clip-rule"},
}
# The data-* attributes the site's templates write and its scripts and print styles read; any
# other is lost (a script reading one a contributor could set is a script a contributor steers).
DATA_ATTRIBUTES = frozenset({
    "data-rse", "data-id", "data-kind", "data-col", "data-label", "data-lang", "data-sheet", "data-remark",
    "data-address", "data-print-href", "data-quote", "data-translation", "data-search-exclude", "data-diagnostic",
    "data-offset", "data-end", "data-count", "data-duration", "data-min", "data-max", "data-difficulty",
})
# Where an address may point: the site's own pages (relative), or, for a link, http(s) and mail.
LINK_SCHEMES = frozenset({"http", "https", "mailto"})
_URL_ATTRIBUTES = frozenset({"href", "src", "cite", "data-address", "data-print-href"})
_LOCAL_ONLY = frozenset({"src"})  # an image from another host is a request to it from every reader
# Material's own classes ('md-'), which can cover the page or steer its scripts; the buttons are its style for links.
_THEME_CLASS = "md-"
_THEME_CLASSES_ALLOWED = frozenset({"md-button", "md-button--primary"})
# An id a reader can link to; none of the theme's ('__config', '__search': its scripts look them up).
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9:._-]*")
_ID_LISTS = frozenset({"aria-labelledby", "aria-describedby"})
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")
_URL_NOISE = re.compile(r"[\t\n\r]")  # browsers drop these inside an address ('java\tscript:')

EXPECTED = "HTML that the site publishes (hooks/rse/sanitize.py: no script, style, event attribute, script or foreign address)"


@dataclass
class Loss:
    """One thing the sanitizer took out: what it was, and a string to look for in the source."""

    what: str
    needles: tuple[str, ...]


@dataclass
class Result:
    html: str  # what is published
    losses: list[Loss] = field(default_factory=list)


class _Filter:
    """nh3's attribute callback: checks values (addresses, ids, classes) and says why it dropped one."""

    def __init__(self) -> None:
        self.ids: set[str] = set()
        self.why: dict[tuple[str, str, str], str] = {}

    def reset(self) -> _Filter:
        self.ids.clear()
        self.why = {}
        return self

    def __call__(self, element: str, attribute: str, value: str) -> str | None:
        kept = self._check(element, attribute, value)
        if kept != value:
            self.why.setdefault((element, attribute, value), self._reason)
        return kept

    def _check(self, element: str, attribute: str, value: str) -> str | None:
        if attribute.startswith("data-") and attribute not in DATA_ATTRIBUTES:
            self._reason = "a data attribute that the site's scripts and styles do not read"
            return None
        if attribute in _URL_ATTRIBUTES:
            return self._address(attribute, value)
        if attribute == "id":
            if not _ID.fullmatch(value):
                self._reason = "an id of letters, digits, '-', '_', ':' and '.' is expected; one starting otherwise may be the theme's"
                return None
            if value in self.ids:
                self._reason = "a second element with this id"
                return None
            self.ids.add(value)
        elif attribute in _ID_LISTS or attribute == "for":
            if not all(_ID.fullmatch(v) for v in value.split()):
                self._reason = "a reference to an id that is not plain letters, digits, '-', '_', ':' and '.'"
                return None
        elif attribute == "class":
            classes = value.split()
            kept = [c for c in classes if not c.startswith(_THEME_CLASS) or c in _THEME_CLASSES_ALLOWED]
            if len(kept) != len(classes):
                self._reason = "the theme's class " + ", ".join(c for c in classes if c not in kept) + ", which can cover the page"
                return " ".join(kept) or None
        return value

    def _address(self, attribute: str, value: str) -> str | None:
        url = _URL_NOISE.sub("", value).strip(" \f\v\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0e\x0f\x10\x11\x12\x13\x14"
                                              "\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f")
        scheme = _SCHEME.match(url)
        external = bool(scheme) or url.startswith(("//", "\\\\", "/\\", "\\/"))
        if scheme and scheme.group(1).lower() not in LINK_SCHEMES:
            self._reason = f"an address of the scheme '{scheme.group(1).lower()}:', where only relative addresses and http, https and mailto links go"
            return None
        if external and attribute in _LOCAL_ONLY:
            self._reason = "an image from another site: every reader's browser would ask that site for it; copy it under docs/assets/"
            return None
        return value

    _reason = ""


# Address schemes the permissive pass keeps, so that a script address is seen as lost, not ignored.
_KNOWN_SCHEMES = {"javascript", "vbscript", "data", "file", "blob", "about", "filesystem", "ftp", "tel", "sms", "ws", "wss",
                  "intent", "chrome", "view-source", "jar", "mhtml", "ms-its", "res", "livescript", "mocha", "feed"}
_TAG_NAME = re.compile(r"<\s*/?\s*([A-Za-z][^\s/>]*)")


def _permissive(text: str) -> str:
    """The same HTML through the same parser, keeping every element, attribute and address: the
    schemes and element names of the text itself are allowed too (a superset, found after entity
    decoding, so that nothing the strict pass drops is dropped here)."""
    decoded = _URL_NOISE.sub("", htmllib.unescape(text))
    schemes = {m.group(1).lower() for m in _SCHEME.finditer(decoded)} | _KNOWN_SCHEMES | LINK_SCHEMES
    names = {m.group(1).lower() for m in _TAG_NAME.finditer(decoded)} | set(TAGS) | {"script", "style"}
    return nh3.clean(text, tags=names, clean_content_tags=set(), attributes={}, generic_attribute_prefixes={""},
                     link_rel=None, strip_comments=True, url_schemes=schemes)


# One strict sanitizer for the process (building it from the allow-lists costs more than cleaning a
# page); its filter's state (the ids seen, why a value was dropped) is reset at each clean(). A
# build converts one page at a time.
_CHECK = _Filter()
_STRICT = nh3.Cleaner(tags=set(TAGS), attributes={k: set(v) for k, v in ATTRIBUTES.items()}, attribute_filter=_CHECK,
                      link_rel=None, strip_comments=True, generic_attribute_prefixes={"data-"}, url_schemes=set(LINK_SCHEMES))


def clean(text: str) -> Result:
    """The published HTML of ``text``, and what was lost on the way (empty when nothing was)."""
    check = _CHECK.reset()
    published = _STRICT.clean(text)
    if "<" not in text or published == text:
        return Result(published)
    everything = _permissive(text)
    if everything == published:
        return Result(published)
    return Result(published, _describe(everything, published, check.why))


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, tuple[tuple[str, str], ...]]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, tuple((name, value or "") for name, value in attrs)))

    handle_startendtag = handle_starttag


def _tags(text: str) -> list[tuple[str, tuple[tuple[str, str], ...]]]:
    parser = _Tags()
    parser.feed(text)
    parser.close()
    return parser.tags


def _describe(everything: str, published: str, why: dict[tuple[str, str, str], str]) -> list[Loss]:
    """What ``published`` lacks of ``everything`` (two serializations by the same parser)."""
    before, after = _tags(everything), _tags(published)
    lost_elements = Counter(tag for tag, _ in before) - Counter(tag for tag, _ in after)
    kept = {tag for tag, _ in after}
    lost_attributes = (Counter((tag, name, value) for tag, attrs in before if tag in kept for name, value in attrs)
                       - Counter((tag, name, value) for tag, attrs in after for name, value in attrs))
    out = [Loss(f"a <{tag}> element (not one the site publishes)", (f"<{tag}",)) for tag in lost_elements]
    for tag, name, value in lost_attributes:
        if name == "data-print-href":  # the printed copy of a link's address (rse.public.print_hrefs): its href is reported
            continue
        reason = why.get((tag, name, value)) or _reason(tag, name, value)
        shown = value if len(value) <= 60 else value[:57] + "..."
        after_scheme = value.split(":", 1)[1] if ":" in value else ""
        out.append(Loss(f"{name}=\"{shown}\" on <{tag}> ({reason})",
                        tuple(n for n in (value, after_scheme, f"{name}=", name) if len(n) >= 2)))
    return out or [Loss("part of the HTML", ())]


def _reason(tag: str, name: str, value: str) -> str:
    """Why the strict pass dropped an attribute it did not show to the filter (ammonia's own rules)."""
    check = _Filter()
    if name in ATTRIBUTES["*"] or name in ATTRIBUTES.get(tag, ()) or name.startswith("data-"):
        if check(tag, name, value) != value:
            return check.why[(tag, name, value)]
        if name in _URL_ATTRIBUTES:
            return "an address that is not a relative one or an http, https or mailto link"
    return "an attribute the site does not publish: no event, style, target or form action attribute"


def _line_of(needles: tuple[str, ...], body: str, body_line: int) -> int | None:
    lines = body.lower().split("\n")
    for needle in needles:
        needle = needle.lower()
        for offset, line in enumerate(lines):
            if needle in line:
                return body_line + offset
    return None


def problem(result: Result, file: str, body: str = "", body_line: int = 1) -> Problem | None:
    """One located problem for a page that lost something, or None."""
    if not result.losses:
        return None
    first = result.losses[0]
    more = len(result.losses) - 1
    found = first.what + (f" (and {more} more)" if more else "") + ", which the sanitizer removed"
    return Problem(file, "(body)", EXPECTED, found, line=_line_of(first.needles, body, body_line),
                   hint="Write it as Markdown or show it as code between backticks; anything active belongs in the theme "
                        "(overrides/), reviewed as code. README, 'Trust boundary', says how to allow a new element.")
