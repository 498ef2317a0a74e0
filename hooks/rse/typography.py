"""French typography on the text of HTML pages: no-break spaces and curly apostrophes.

What it does, to French text only (text nodes whose nearest ``lang``/``xml:lang`` is ``fr`` or
``fr-*``), leaving every other byte of the document as it was (doctype, tags, attributes,
entities, comments, whitespace):

* U+202F (narrow no-break space) before ``;``, ``!``, ``?`` (a group such as ``?!`` gets one),
  after ``«`` and before ``»``; U+00A0 (no-break space) before ``:`` and between a number and
  ``%`` (``1 %`` and ``1%`` both give ``1\\u00a0%``). An ordinary (breakable) space there is
  replaced, never doubled; a missing one is added.
* ``’`` for a straight apostrophe between two letters (``l'article`` -> ``l’article``), or
  between a letter and an opening guillemet (``qu'« ils »`` -> ``qu’«\\u202fils\\u202f»``).

The text readers see in attributes is French text too: the values of ``title``, ``alt``,
``aria-label`` and ``placeholder``, and the ``content`` of a ``<meta>`` that carries text
(``description``, ``og:title``, ``og:description``, ``og:site_name``, ``twitter:title``,
``twitter:description``, image alternatives), each typeset as a sentence of its own, in the
language of its element (its own ``lang`` included). Every other attribute (addresses, ids,
classes, ``og:url``, ``data-*``, ``value``) is left as written, and so are the attributes of
skipped elements. ``<title>`` is a text node and is typeset as one.

Never inside ``code``, ``pre``, ``kbd``, ``samp``, ``var``, ``script``, ``style``, ``textarea``,
``svg``, ``math``, ``template``; never in comments; never in a subtree whose language is not
French; never in an address written in the text (``https://x.org/a?b=1``, ``mailto:``, ``www.``,
an e-mail address). A ``:`` or ``;`` directly followed by a letter or digit is not prose
punctuation (``10:30``, ``1:2``, ``a:b``, ``std::x``) and a ``!`` or ``?`` directly followed by one
is not either (``!important``, ``a?b``): they are left alone.

A no-break space of the wrong width is made the right one (U+00A0 before ``?`` becomes U+202F),
unless it is written as an entity. Entities stay as written: ``&nbsp;`` before ``:`` is already
right and is kept (and not a fault before ``?``: it does not break); ``&#39;``
between letters (what Jinja's ``|e`` makes of an apostrophe) becomes ``’``; ``&laquo;`` and
``&raquo;`` count as guillemets. The context of a text node is the text around it in the same
block: in ``<strong>Position</strong>:`` the space goes before the colon, and in
``Position <em>:</em>`` the breakable space of the previous node is the one replaced.

``apply(html)`` decides by the nearest ``lang`` attribute (text with none is left alone), so it
can run on every page of every language: only French subtrees change. ``french(html)`` is the
same with French as the language of text that has no ``lang`` (a fragment).
``faults(html)`` lists the breakable or missing spaces and straight apostrophes left in French
text and reader-visible attributes (what a test on the built site counts). ``text_in(lang)`` and
``html_in(lang)`` give the rule for plain text and HTML text in a language, for what the build
writes outside the pages (tooltips, the printed margins, the search index).

Linear in the size of the input whatever it holds: one pass of a tokenizer whose patterns never
go back over a character more than a fixed number of times (runs of ordinary tags are taken in
one match), then one scan of each French text node that holds a sign, an apostrophe or an entity.

Why not a library (evaluated 2026-12-01 in a scratch virtualenv): PyPI ``french-typo``
1.6.1 (MIT) runs its regular expressions over the whole string, markup included: it rewrites
text inside ``<code>``, ``<pre>`` and comments, strips the indentation of every line (``<pre>``
blocks), writes ``&nbsp;`` entities everywhere (no U+202F), adds no space before a colon that
had none (``Position:``), ignores ``lang`` and rewrites units, ordinals and abbreviations.
``polytypo`` 1.16.0 (MIT, maintained, spec-driven) is good on plain text and skips code in
HTML, but its closed list of skipped elements has no notion of ``lang`` (an English passage gets
French spacing), it puts U+00A0 inside guillemets (the project wants U+202F), leaves ``1%``
alone, collapses repeated spaces (the document would not stay byte-identical), pulls in
tree-sitter wheels, and costs about 46 µs per text node (more than the whole budget of this step
on this site) and about 0.4 s per 100 KB of adversarial text. The rules wanted here are few and
precise: they are written below.
"""

from __future__ import annotations

import html as htmlmod

import functools
import re
from collections.abc import Callable, Iterator

NNBSP = "\u202f"  # narrow no-break space: before ; ! ? and inside « »
NBSP = "\u00a0"  # no-break space: before : and between a number and %

# ---------------------------------------------------------------------------- the document

# Elements whose text is never typeset. The inline ones read as a word in the sentence around
# them (``<code>x</code>:`` takes a space before the colon); the others end the sentence.
_SKIP_INLINE = frozenset({"code", "kbd", "samp", "var", "svg", "math"})
_SKIP_BLOCK = frozenset({"pre", "script", "style", "textarea", "template", "iframe", "noembed",
                         "noframes", "xmp", "object"})
# Text elements: their text is raw (no tags inside) up to their end tag.
_RAW = frozenset({"script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes"})
_VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
                   "source", "track", "wbr", "keygen"})
# Phrasing elements: text on both sides of them is one sentence. Any other tag ends it.
_INLINE = frozenset({"a", "abbr", "b", "bdi", "bdo", "cite", "data", "del", "dfn", "em", "i", "ins",
                     "label", "mark", "q", "s", "small", "span", "strong", "sub", "sup", "time", "u",
                     "font", "wbr", "nobr"})
_OPAQUE_VOID = frozenset({"img", "input"})  # read as a word, like inline code
_SKIP = _SKIP_INLINE | _SKIP_BLOCK
_DOCUMENT = frozenset({"html", "body"})  # their lang holds to the end of the document

# A start tag (a quoted value may hold '>'), an end tag, a comment, other markup up to '>'; a tag
# that never ends matches as 'broken' (the patterns before it fail once, at the end of input).
_MARKUP = re.compile(r"""<(?:(?P<name>[A-Za-z][^\s/>]*+)(?P<attrs>(?:[^>"']++|"[^"]*+"|'[^']*+')*+)>"""
                     r"|/(?P<close>[A-Za-z][^\s/>]*+)[^>]*+>"
                     r"|(?P<comment>!--)|[!?/]|(?P<broken>/?[A-Za-z]))")
# Runs of tags that need no attention one by one (the fast path, while no element with a lang
# attribute is open): not skipped, not raw text, no lang attribute. Only phrasing elements and
# comments (the sentence goes on through them), or any such tags, comments and the white space
# between them, starting with a tag that ends the sentence (white space there is not displayed).
_ATTRS_NO_LANG = r"""(?:[^>"'lL]++|[lL](?![aA][nN][gG]\s*+=)|"[^"]*+"|'[^']*+')*+>"""
_SPECIAL = "|".join(sorted(_SKIP | _RAW | _OPAQUE_VOID | {"html", "body"}))
_COMMENT = r"<!--(?:[^-]++|-(?!->))*+-->"
_RUN = re.compile(
    rf"(?P<phrasing>(?:</?(?:{'|'.join(sorted(_INLINE - _OPAQUE_VOID))})(?=[\s/>]){_ATTRS_NO_LANG}|{_COMMENT})++)"
    rf"|(?:</?(?!(?:{_SPECIAL})[\s/>])[A-Za-z][^\s/>]*+{_ATTRS_NO_LANG}|{_COMMENT}|\s++)++", re.I)
_FOREIGN = re.compile(
    rf"(?:[^<]++|</?(?!(?:{_SPECIAL})[\s/>])[A-Za-z][^\s/>]*+{_ATTRS_NO_LANG}|<(?![A-Za-z/!?]))*+", re.I)
_LANG = re.compile(r"""(?:^|[\s"'/])(?:xml:)?lang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>/=`]+))""", re.I)

# Attributes whose text readers see (tooltips, labels, text in place of an image, what a shared
# link or a search engine shows): typeset as the text around them. ``content`` only on a <meta>
# that carries text (never og:url, og:image and the like: addresses).
_READER_ATTRS = frozenset({"title", "alt", "aria-label", "placeholder"})
_READER_META = frozenset({"description", "og:title", "og:description", "og:site_name", "og:image:alt",
                          "twitter:title", "twitter:description", "twitter:image:alt"})
_ATTR = re.compile(r"""(?:^|(?<=[\s"']))(?P<key>[^\s"'>/=]++)(?:\s*+=\s*+(?:"(?P<dq>[^"]*+)"|'(?P<sq>[^']*+)'|[^\s"'>=`]++))?""")
_MAY_HOLD_READER_ATTR = re.compile(r"(?:^|\s)(?:title|alt|aria-label|placeholder|content)\s*=", re.I)
# The fast path when attributes are typeset too: a tag with one of them is looked at alone.
_ATTRS_PLAIN = (r"""(?:[^>"'lLtTaApPcC]++|[lL](?![aA][nN][gG]\s*+=)|[tT](?!itle\s*+=)|[aA](?!lt\s*+=|ria-label\s*+=)"""
                r"""|[pP](?!laceholder\s*+=)|[cC](?!ontent\s*+=)|"[^"]*+"|'[^']*+')*+>""")
_RUN_PLAIN = re.compile(
    rf"(?P<phrasing>(?:</?(?:{'|'.join(sorted(_INLINE - _OPAQUE_VOID))})(?=[\s/>]){_ATTRS_PLAIN}|{_COMMENT})++)"
    rf"|(?:</?(?!(?:{_SPECIAL})[\s/>])[A-Za-z][^\s/>]*+{_ATTRS_PLAIN}|{_COMMENT}|\s++)++", re.I)


def _reader_attributes(name: str, attrs: str, offset: int, add: Callable[[tuple[int, int]], None]) -> None:
    """(start, end) of the quoted values of the reader-visible attributes of a start tag whose
    attributes ``attrs`` start at ``offset`` in the document."""
    values = []
    meta_text = False
    for m in _ATTR.finditer(attrs):
        key = m.group("key").lower()
        group = "dq" if m.group("dq") is not None else "sq" if m.group("sq") is not None else None
        if group is None:
            continue
        if key in _READER_ATTRS or (key == "content" and name == "meta"):
            values.append((key, offset + m.start(group), offset + m.end(group)))
        elif name == "meta" and key in ("name", "property") and m.group(group).strip().lower() in _READER_META:
            meta_text = True
    for key, start, end in values:
        if end > start and (key != "content" or meta_text):
            add((start, end))

# Flow kinds of the segments the tokenizer yields.
_TEXT, _WORD, _BREAK = 0, 1, 2


def _is_french(value: str) -> bool:
    value = value.strip().lower()
    return value == "fr" or value.startswith("fr-")


def _segments(html: str, default_french: bool, all_text: bool = False,
              attributes: list[tuple[int, int]] | None = None) -> list[tuple[int, int, int, bool]]:
    """(start, end, kind, french) in document order: each text node outside skipped elements
    (kind _TEXT, with whether its language is French), and between them what the sentence
    flow needs to know: something that reads as a word (_WORD) or a block boundary (_BREAK).
    Text that is not French and in no element with a lang attribute (most of an English page)
    is passed over with the tags around it in one match, unless ``all_text``. With a list as
    ``attributes``, the (start, end) of the value of each reader-visible attribute (``title``,
    ``alt``, ``aria-label``, ``placeholder``, the ``content`` of a text <meta>) of a French
    element outside skipped ones is added to it (they are not part of the sentence flow)."""
    return _Segmenter(html, default_french, attributes).run(all_text)


class _Segmenter:
    """One pass of ``_segments`` over a document: the loop in ``run``, one method per kind of markup."""

    def __init__(self, html: str, default_french: bool, attributes: list[tuple[int, int]] | None):
        self.html = html
        self.out: list[tuple[int, int, int, bool]] = []
        self.add_attribute = attributes.append if attributes is not None else None
        self.run_match = (_RUN if attributes is None else _RUN_PLAIN).match
        # Open elements inside the outermost one with a lang attribute: (name, French before it), and
        # how many of each name are open (an end tag with no open element of its name is ignored in
        # constant time). Outside them, no element needs following: the tags go by in runs.
        self.stack: list[tuple[str, bool]] = []
        self.open_count: dict[str, int] = {}
        self.french = default_french

    def _break(self, at: int) -> None:
        """A block boundary at ``at``, unless one was just added."""
        out = self.out
        if not out or out[-1][2] != _BREAK:
            out.append((at, at, _BREAK, self.french))

    def _text(self, pos: int, end: int) -> None:
        """Text from ``pos`` to ``end``, unless it is only the white space that starts a block (not displayed)."""
        out = self.out
        if not ((not out or out[-1][2] == _BREAK) and self.html[pos:end].isspace()):
            out.append((pos, end, _TEXT, self.french))

    def run(self, all_text: bool) -> list[tuple[int, int, int, bool]]:
        html, out = self.html, self.out
        pos, n = 0, len(html)
        search, run = _MARKUP.search, self.run_match
        while pos < n:
            if not self.french and not self.stack and not all_text:
                m = _FOREIGN.match(html, pos)  # text and ordinary tags, up to something to look at
                assert m is not None  # it matches everywhere, if only the empty string
                if m.end() > pos:
                    self._break(pos)
                    pos = m.end()
                    continue
            if html[pos] != "<":  # text, up to the next tag
                start = html.find("<", pos)
                if start < 0:
                    start = n
                self._text(pos, start)
                pos = start
                continue
            if not self.stack:
                m = run(html, pos)
                if m is not None:
                    if m.group("phrasing") is None and out and out[-1][2] != _BREAK:
                        out.append((pos, pos, _BREAK, self.french))
                    pos = m.end()
                    continue
            m = search(html, pos)
            if m is None:
                out.append((pos, n, _TEXT, self.french))
                break
            if m.start() > pos:
                self._text(pos, m.start())
                pos = m.start()
                continue
            name, attrs, close, comment, broken = m.groups()
            if name is not None:
                pos = self._start_tag(m, name.lower(), attrs)
            elif close is not None:
                pos = self._end_tag(m, close.lower())
            elif broken is not None:
                break  # a tag that never ends: the rest of the document is inside it
            elif comment is not None:
                end = html.find("-->", m.start() + 4)
                pos = end + 3 if end >= 0 else n
            else:
                pos = self._declaration(m.start())
            if pos < 0:
                break
        return out

    def _start_tag(self, m: re.Match, name: str, attrs: str) -> int:
        """Where to go on after a start tag (-1: stop, the rest is left as it is)."""
        html, out, start, pos = self.html, self.out, m.start(), m.end()
        french = self.french
        lang = _LANG.search(attrs) if "lang" in attrs.lower() else None
        inner = french if lang is None else _is_french(next(g for g in lang.groups() if g is not None))
        if self.add_attribute is not None and inner and name not in _SKIP and _MAY_HOLD_READER_ATTR.search(attrs):
            _reader_attributes(name, attrs, m.start("attrs"), self.add_attribute)
        if name in _INLINE:
            if attrs.endswith("/"):
                return pos
        elif name in _SKIP:
            # Jump over the whole element (same-name elements nested in it included).
            out.append((start, start, _WORD if name in _SKIP_INLINE else _BREAK, french))
            return pos if attrs.endswith("/") else _skip_element(html, pos, name)
        elif name in _DOCUMENT:  # the language of what follows, to the end
            self.french = inner
            self._break(start)
            return pos
        elif name in _RAW:  # title: text up to </title>, no tags in it
            text_end, pos = _end_tag(html, pos, name)
            if text_end == len(html):
                return -1  # never closed: what follows is left as it is
            out.append((start, start, _BREAK, french))
            if html.find("<", m.end(), text_end) < 0:  # (markup written in a title: left as it is)
                out.append((m.end(), text_end, _TEXT, inner))
            out.append((text_end, text_end, _BREAK, french))
            return pos
        else:
            if name in _OPAQUE_VOID:
                out.append((start, start, _WORD, french))
            else:
                self._break(start)
            if name in _VOID or attrs.endswith("/"):
                return pos
        if lang is not None or self.stack:  # elements are followed from the first lang attribute on
            self.stack.append((name, french))
            self.open_count[name] = self.open_count.get(name, 0) + 1
            self.french = inner
        return pos

    def _end_tag(self, m: re.Match, name: str) -> int:
        """Where to go on after an end tag: it closes its element and whatever was left open inside it."""
        if name not in _INLINE:
            self._break(m.start())
        if self.open_count.get(name):
            while True:
                top, self.french = self.stack.pop()
                self.open_count[top] -= 1
                if top == name:
                    break
        return m.end()

    def _declaration(self, start: int) -> int:
        """<!doctype>, <![CDATA[...]]>, <?...>, </ without a name: where to go on after its end (-1: none)."""
        html = self.html
        end = html.find("]]>", start) if html.startswith("<![CDATA[", start) else html.find(">", start)
        if end < 0:
            return -1
        self.out.append((start, start, _BREAK, self.french))
        return html.index(">", end) + 1


@functools.lru_cache(maxsize=64)
def _tag_pattern(name: str, end_only: bool) -> re.Pattern:
    if end_only:
        return re.compile(rf"</{re.escape(name)}[\s/>]", re.I)
    return re.compile(rf"<(/?){re.escape(name)}(?=[\s/>])([^<>]*+)>", re.I)  # [^<>]: one look per '<'


def _end_tag(html: str, pos: int, name: str) -> tuple[int, int]:
    """(start, end) of the end tag of a raw text element opened before ``pos`` (end of input if none)."""
    m = _tag_pattern(name, True).search(html, pos)
    if m is None:
        return len(html), len(html)
    close = html.find(">", m.start())
    return m.start(), (close + 1 if close >= 0 else len(html))


def _skip_element(html: str, pos: int, name: str) -> int:
    """The position after the end tag closing an element opened before ``pos``."""
    if name in _RAW:
        return _end_tag(html, pos, name)[1]
    depth = 1
    for m in _tag_pattern(name, False).finditer(html, pos):
        if m.group(1):
            depth -= 1
        elif not m.group(2).endswith("/"):
            depth += 1
        if depth == 0:
            return m.end()
    return len(html)


# ---------------------------------------------------------------------------- the text

# Entities are kept as written. In a text node they are replaced, for the rules, by one
# private-use character per kind, then put back in order. Private-use characters already in
# the text are treated the same way (kept as they are), so the two cannot be confused.
_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);|[\ue000-\ue01f]")
_E_NBSP, _E_NNBSP, _E_APOS, _E_LAQUO, _E_RAQUO, _E_BREAK, _E_OTHER = (chr(0xE000 + i) for i in range(7))
_E_AS_CURLY, _E_DROP = chr(0xE010), chr(0xE011)  # what a rewritten entity becomes: ’, nothing
_REWRITTEN = {_E_AS_CURLY: "’", _E_DROP: ""}
_ENTITY_KIND = {}
for _kind, _names in ((_E_NBSP, ("&nbsp;", "&#160;", "&#xa0;", "&NonBreakingSpace;", "&#8199;", "&#x2007;")),
                      (_E_NNBSP, ("&#8239;", "&#x202f;")),
                      (_E_APOS, ("&#39;", "&#039;", "&apos;", "&#x27;")),
                      (_E_LAQUO, ("&laquo;", "&#171;", "&#xab;")),
                      (_E_RAQUO, ("&raquo;", "&#187;", "&#xbb;")),
                      (_E_BREAK, ("&#32;", "&#x20;", "&thinsp;", "&#8201;", "&#x2009;", "&ensp;", "&emsp;",
                                  "&#8194;", "&#8195;", "&#x2002;", "&#x2003;"))):
    for _name in _names:
        _ENTITY_KIND[_name.lower()] = _kind

_BREAKABLE = " \t\n\r\f\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2008\u2009\u200a\u205f\u3000" + _E_BREAK
_NOBREAK = NBSP + NNBSP + "\u2007" + _E_NBSP + _E_NNBSP
_SPACE = _BREAKABLE + _NOBREAK + _E_DROP  # (a dropped entity stays where it was, as nothing)
_S = re.escape(_SPACE)
_OPENING = "([{«“‘" + _E_LAQUO
_NOT_QUOTED = ";:!?»" + _E_RAQUO  # after «: no space is added before these
# After a punctuation mark of prose: a space, the end of the text, a closing sign, ! or ? (never
# : or ;, so that "std::x" stays as it is).
_AFTER_PUNCT = _SPACE + ")]}»”’\"'.,…!?" + _E_RAQUO + _E_APOS
_LETTER_APOS = "'" + _E_APOS

_ADDRESS = re.compile(r"(?<![\w.+-])(?:(?:https?|ftps?|sftp|file)://|mailto:(?=[\w.+-])|tel:(?=[+\d])|www\.(?=\w))"
                      r"[^\s<>«»\"" + _S + r"]*+|(?<![\w.+-])[\w.+-]++@[\w-]++(?:\.[\w-]++)++")
_MAY_HOLD_URL = re.compile(r"//|@|www\.|mailto:|tel:", re.I)
# What the rules look at: a sign that wants a space before it, an opening guillemet, an apostrophe.
_CANDIDATE = re.compile(f"[;:!?%»«'{_E_RAQUO}{_E_LAQUO}{_E_APOS}]")


def _kind_of(entity: str) -> str:
    return _ENTITY_KIND.get(entity.lower(), _E_OTHER) if entity.startswith("&") else _E_OTHER


_PUA = re.compile("[\ue000-\ue01f]")
_INTERESTING = re.compile("[;:!?%«»'&\ue000-\ue01f]")
_OPEN_QUOTES = ("«", _E_LAQUO)


class _Node:
    """One French text node being typeset: its text with entities masked, and what they were."""

    __slots__ = ("text", "entities", "start", "end", "listed")

    def __init__(self, html: str, start: int, end: int):
        self.start, self.end = start, end
        self.text = html[start:end]
        self.entities: list[str] = []
        self.listed = False  # in the nodes to write back

    def mask(self) -> None:
        if "&" in self.text or _PUA.search(self.text):
            def mask(m: re.Match) -> str:
                self.entities.append(m.group(0))
                return _kind_of(m.group(0))

            self.text = _ENTITY.sub(mask, self.text)

    def restore(self) -> str:
        if not self.entities:
            return self.text
        originals = iter(self.entities)

        def put_back(m: re.Match) -> str:
            original = next(originals)  # every mask, rewritten or not, stands for one entity, in order
            return _REWRITTEN.get(m.group(0), original)

        return _PUA.sub(put_back, self.text)


def _respace(ws: str, space: str) -> str:
    """A run of spaces (maybe empty) made one no-break space: the first no-break entity in it,
    kept as written, or else ``space``. Other entities of the run are dropped (in place: the
    masked entities must stay in their order), literal spaces replaced."""
    out, kept = [], False
    for c in ws:
        if c in _MASKED:
            if c in (_E_NBSP, _E_NNBSP) and not kept:
                out.append(c)
                kept = True
            else:
                out.append(_E_DROP)
    if not kept:
        out.append(space)
    return "".join(out)


_MASKED = frozenset(chr(c) for c in range(0xE000, 0xE020))


def _is_space(c: str) -> bool:
    return c != "" and c in _SPACE


class _Typesetter:
    """Typesets (or checks) the French text nodes of one document, in order, each with the
    characters around it in its sentence."""

    def __init__(self, fix: bool):
        self.fix = fix
        self.found: list[str] = []
        self.last_french: _Node | None = None  # the previous French node, if nothing came since

    def run(self, html: str, default_french: bool) -> list[_Node]:
        """The French text nodes and reader-visible attribute values to write back, in document order."""
        attributes: list[tuple[int, int]] = []
        segments = _segments(html, default_french, attributes=attributes)
        nodes: list[_Node] = []
        prev = ""  # the character before the current point in the sentence ('' at a block start)
        interesting = _INTERESTING.search
        for i, (start, end, kind, french) in enumerate(segments):
            if kind != _TEXT or not french:
                if kind == _BREAK:
                    prev = ""
                elif kind == _WORD:
                    prev = "x"
                elif end > start:
                    prev = "x" if html[end - 1] == ";" else html[end - 1]  # an entity reads as a word
                else:
                    continue
                self.last_french = None
                continue
            if end == start:
                continue
            node = _Node(html, start, end)
            if prev in _OPEN_QUOTES or interesting(html, start, end):
                node.mask()
                self._typeset(node, prev, _next_char(html, segments, i + 1), nodes)
                node.listed = True
                nodes.append(node)
            if node.text:
                prev = node.text[-1]
                self.last_french = node
        if attributes:
            # Each value alone, as a sentence of its own (a tooltip, a label, a description).
            self.last_french = None
            for start, end in attributes:
                if interesting(html, start, end):
                    node = _Node(html, start, end)
                    node.mask()
                    self._typeset(node, "", "", nodes)
                    node.listed = True
                    nodes.append(node)
            nodes.sort(key=lambda node: node.start)
        return nodes

    def _report(self, node: _Node, offset: int, what: str) -> None:
        excerpt = node.text[max(0, offset - 25):offset + 15]
        self.found.append(f"{what} at character {node.start + offset}: …{_PUA.sub('&…;', excerpt).translate(_SHOW)}…")

    def _typeset(self, node: _Node, prev: str, following: str, nodes: list[_Node]) -> None:
        """Each sign of the node's text with the spaces French wants around it (or a report of each fault)."""
        s = _Sentence(self, node, prev, following, nodes)
        if prev in _OPEN_QUOTES and s.text and s.text[0] not in _OPEN_QUOTES:
            s.quoted_start()  # the previous node ends with « and this one starts the quotation
        text, n = s.text, s.n
        # Addresses are left as they are: the signs in them are not looked at.
        addresses = [m.span() for m in _ADDRESS.finditer(text)] if _MAY_HOLD_URL.search(text) else []
        out: list[str] = []
        done = 0  # text[:done] is in out
        seen = 0  # candidates before it are taken (a group of signs such as ?!, the spaces after «)
        k = 0
        for c in _CANDIDATE.finditer(text):
            i = c.start()
            if i < seen:
                continue
            while k < len(addresses) and addresses[k][1] <= i:
                k += 1
            if k < len(addresses) and addresses[k][0] <= i:
                continue
            ch = text[i]
            if ch in _LETTER_APOS:
                curly = s.apostrophe(i, ch)
                if curly:
                    out += [text[done:i], curly]
                    done = i + 1
                continue
            if ch in _OPEN_QUOTES:
                quote = s.open_quote(i, ch)
                if quote is not None:
                    out += [text[done:i], quote[0]]
                    done = seen = quote[1]
                continue
            end = i + 1
            if ch in "!?":
                while end < n and text[end] in "!?":
                    end += 1
            seen = end
            j = i  # the spaces before the sign, back to what is already done
            while j > done and text[j - 1] in _SPACE:
                j -= 1
            if j > 0 and text[j - 1] in _SPACE:
                continue  # spaces already taken (after a «): the sign comes right after them
            out += [text[done:j], s.sign_before(j, i, end)]
            done = end
        if done:
            out.append(text[done:])
            text = "".join(out)
        node.text = text

    def _fix_previous(self, node: _Node, at: int, mark: str, wanted: str, nodes: list[_Node]) -> None:
        """The previous node ends with the space before a sign that starts ``node``."""
        previous = self.last_french
        assert previous is not None  # the caller checked
        if not previous.listed:  # it had nothing to typeset itself (so no entity either)
            previous.listed = True
            nodes.append(previous)
        stripped = previous.text.rstrip(_SPACE)
        ws = previous.text[len(stripped):]
        if any(c in _BREAKABLE for c in ws) and not self.fix:
            self._report(node, at, f"breakable space before {mark} (end of the text before)")
        elif self.fix:
            previous.text = stripped + _respace(ws, wanted)


class _Sentence:
    """One French text node being typeset, with the characters around it in its sentence: what
    the rules of each sign read (``_Typesetter._typeset`` walks the signs)."""

    def __init__(self, setter: _Typesetter, node: _Node, prev: str, following: str, nodes: list[_Node]):
        self.setter, self.node, self.nodes = setter, node, nodes
        self.text, self.n = node.text, len(node.text)
        self.prev, self.following = prev, following

    def before(self, i: int) -> str:
        return self.text[i - 1] if i > 0 else self.prev

    def after(self, i: int) -> str:
        return self.text[i] if i < self.n else self.following

    def space(self, ws: str, sign_at: int, sign: str, wanted: str) -> str:
        """The spaces ``ws`` before (or after) a sign, as they should be."""
        fix = self.setter.fix
        if ws and not any(c in _BREAKABLE for c in ws):
            return _respace(ws, wanted) if fix else ws  # already no-break: made the right one
        if not fix:
            self.setter._report(self.node, sign_at, f"breakable or missing space {sign}")
            return ws
        return _respace(ws, wanted)

    def quoted_start(self) -> None:
        """The text starts a quotation opened by the previous node: the space after its « made right."""
        text = self.text
        lead = len(text) - len(text.lstrip(_SPACE))
        if lead < self.n and text[lead] not in _NOT_QUOTED:
            self.text = self.space(text[:lead], 0, "after «", NNBSP) + text[lead:]
            self.n = len(self.text)

    def apostrophe(self, i: int, ch: str) -> str:
        """The curly apostrophe for a straight one between letters ('' if it stays, or when checking)."""
        if not (self.before(i).isalpha() and (self.after(i + 1).isalpha() or self.after(i + 1) in _OPEN_QUOTES)):  # qu'« ils »
            return ""
        if not self.setter.fix:
            self.setter._report(self.node, i, "straight apostrophe")
            return ""
        return "’" if ch == "'" else _E_AS_CURLY

    def open_quote(self, i: int, ch: str) -> tuple[str, int] | None:
        """The « at ``i`` and the space after it made right, and where that ends; None if no word follows."""
        text, n = self.text, self.n
        end = i + 1
        while end < n and text[end] in _SPACE:
            end += 1
        ws, nxt = text[i + 1:end], self.after(end)
        if nxt == "" or nxt in _NOT_QUOTED or (not ws and end == n and _is_space(nxt)):
            return None  # no word follows, or the next node starts with the space
        return ch + self.space(ws, i, "after «", NNBSP), end

    def sign_before(self, j: int, i: int, end: int) -> str:
        """text[j:end] made right: spaces text[j:i], then a sign text[i:end] that wants one."""
        text, setter = self.text, self.setter
        ws, sign = text[j:i], text[i:end]
        mark, b, a = sign[0], self.before(j), self.after(end)
        if mark == "%":
            if not b.isdigit() or a.isalnum():
                return ws + sign
            wanted = NBSP
        else:
            if mark in ";:!?" and (a.isalnum() or (a != "" and a not in _AFTER_PUNCT)):
                return ws + sign  # 10:30, a:b, !important, a?b: not punctuation of prose
            if b == "" or b in _OPENING or (mark in ";:" and b in ";:!?"):
                return ws + sign  # at the start of a sentence, after an opening sign, after a sign
            wanted = NBSP if mark == ":" else NNBSP
        if j == 0 and not ws and _is_space(b):
            # The space before the sign ends the previous node: that one is made right.
            if setter.last_french is not None and _is_space(setter.last_french.text[-1:]):
                setter._fix_previous(self.node, i, mark, wanted, self.nodes)
            return sign
        return self.space(ws, i, f"before {mark}", wanted) + sign


def _next_char(html: str, segments: list, i: int) -> str:
    """The first character of the sentence after segment ``i - 1`` ('' if a block starts)."""
    for k in range(i, len(segments)):  # (no slice: that would copy the rest at each node)
        start, end, kind, _french = segments[k]
        if kind == _BREAK:
            return ""
        if kind == _WORD:
            return "x"
        if end > start:
            entity = _ENTITY.match(html, start) if html[start] == "&" else None
            return _kind_of(entity.group(0)) if entity else html[start]
    return ""


_SHOW = str.maketrans({NBSP: "⍽", NNBSP: "⸱", "\n": "⏎"})


# ---------------------------------------------------------------------------- API

def apply(html: str, *, default_lang: str = "") -> str:
    """``html`` with French typography in its French text (nearest ``lang`` is fr or fr-*).
    Text that no ``lang`` covers is French only if ``default_lang`` is."""
    nodes = _Typesetter(fix=True).run(html, _is_french(default_lang))
    out, pos = [], 0
    for node in nodes:
        restored = node.restore()
        if restored != html[node.start:node.end]:
            out.append(html[pos:node.start])
            out.append(restored)
            pos = node.end
    if pos == 0:
        return html
    out.append(html[pos:])
    return "".join(out)


def french(html: str) -> str:
    """``apply`` on a document or fragment whose text is French unless marked otherwise."""
    return apply(html, default_lang="fr")


def french_text(text: str) -> str:
    """Plain French text (not HTML) as the French pages show it: for text a script writes into a
    page, which the build's step over finished pages does not reach."""
    return htmlmod.unescape(french(htmlmod.escape(text, quote=False)))


def text_in(lang: str) -> Callable[[str], str]:
    """How plain text in ``lang`` is set where the build's step over finished pages does not reach
    it (an attribute such as a tooltip, a script's data): ``french_text`` for French, as it is otherwise."""
    return french_text if _is_french(lang) else str


def html_in(lang: str) -> Callable[[str], str]:
    """How HTML text in ``lang`` is set where the build's step over finished pages does not reach
    it (the search index's titles and texts): ``french`` for French, as it is otherwise."""
    return french if _is_french(lang) else str


def faults(html: str, *, default_lang: str = "fr") -> list[str]:
    """Breakable or missing spaces before ; : ! ? » and after «, missing no-break space before
    %, and straight apostrophes in French words: one line per fault, with where it is."""
    checker = _Typesetter(fix=False)
    checker.run(html, _is_french(default_lang))
    return checker.found


def text_nodes(html: str, *, default_lang: str = "") -> Iterator[tuple[bool, str]]:
    """(is French, raw text) of each text node outside code, scripts and the like (for tests)."""
    for start, end, kind, french_text in _segments(html, _is_french(default_lang), all_text=True):
        if kind == _TEXT and end > start:
            yield french_text, html[start:end]
