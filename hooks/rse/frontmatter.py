"""Split a Markdown source into YAML front matter and body, strictly, as MkDocs does.

MkDocs silently replaces unparsable front matter with ``{}`` and then publishes the whole file,
front matter included, as the page's body; here every such problem becomes a located
:class:`~rse.errors.Problem`. One reader: the front matter is found with MkDocs' own pattern
(``mkdocs.utils.meta.YAML_RE``, compared by tests/test_frontmatter.py) and read by the same
libyaml loader; what that loader refuses is refused, whatever the pure-Python loader thinks; YAML
directives ('%YAML', '%TAG'), which the two loaders read differently, are refused. The adapter
then compares, page by page, what MkDocs read with what was checked (rse_mkdocs.on_page_markdown).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import yaml

from .errors import ContentError, Problem, describe
from . import yamlfile
from .yamlfile import FastSafeLoader

# MkDocs' pattern, character for character (mkdocs/utils/meta.py, MkDocs 1.6.1).
_FENCE = re.compile(r"^-{3}[ \t]*\n(.*?\n)(?:\.{3}|-{3})[ \t]*\n", re.UNICODE | re.DOTALL)
_DIRECTIVE = re.compile(r"^%", re.M)
# Invisible characters that reorder what a reader sees (a title shown in another order than it is
# written) or that libyaml and Python's loader read differently (lone surrogates).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
_SURROGATE = re.compile("[\ud800-\udfff]")


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys instead of keeping the last one."""


# The same loader on libyaml (about 10x faster) when PyYAML has it; a document it refuses is
# parsed again with the pure-Python loader so that every message stays the same.
_FastLoader: type[yaml.SafeLoader | yaml.CSafeLoader] = type("_FastLoader", (FastSafeLoader,), {}) if FastSafeLoader is not yaml.SafeLoader else _StrictLoader


def _no_duplicates(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
        try:
            hash(key)
        except TypeError:  # a list or mapping as a key ('? [a]'): YAML allows it, no field name is one
            raise yaml.constructor.ConstructorError(None, None, "a field name that is a list or mapping", key_node.start_mark) from None
        if key in seen:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first on line {seen[key] + 2})", key_node.start_mark
            )
        seen[key] = key_node.start_mark.line
    return loader.construct_mapping(node, deep=deep)


_StrictLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)
if _FastLoader is not _StrictLoader:
    _FastLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _no_duplicates)


def _load(raw: str, loader_class: type) -> Any:
    loader = loader_class(raw)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


@lru_cache(maxsize=256)
def _compose(raw: str) -> yaml.Node | None:
    """The YAML node tree of front matter that parsed (line numbers for messages)."""
    loader = _FastLoader(raw)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


@dataclass(frozen=True)
class Source:
    """A page source: its front matter (as data and as YAML text) and its body.

    The YAML node tree, which only locates fields for messages, is composed again when asked
    for (``node``): keeping it would make a cached Source ten times larger (every node holds
    its marks), and most sources never need a line number."""

    file: str
    meta: dict
    front_matter: str
    body: str
    body_line: int  # 1-based line number where the body starts

    @property
    def node(self) -> yaml.Node | None:
        return _compose(self.front_matter)

    def line_of(self, path: tuple) -> int | None:
        """1-based line in the file of the field at ``path``, or of its nearest parent."""
        node = self.node
        if node is None:
            return None
        line = node.start_mark.line
        for part in path:
            if isinstance(node, yaml.MappingNode):
                pair = next(((k, v) for k, v in node.value if k.value == str(part)), None)
                if pair is None:
                    break
                line, node = pair[0].start_mark.line, pair[1]
            elif isinstance(node, yaml.SequenceNode) and isinstance(part, int) and part < len(node.value):
                node = node.value[part]
                line = node.start_mark.line
            else:
                break
        return line + 2  # +1 for 1-based lines, +1 for the opening '---'


def parse(text: str, file: str) -> Source:
    """Parse one page source. Raises ContentError naming the file and line."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:  # the files are read with universal newlines; a string given here may not be
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    match = _FENCE.match(text)
    if not match:
        unended = text.startswith("---") and re.search(r"\n(?:---|\.\.\.)[ \t]*\Z", text)
        found = ("a file without front matter" if not text.startswith("---")
                 else "a closing '---' at the very end of the file, without a line break after it" if unended
                 else "an opening '---' without a closing '---'")
        raise ContentError([Problem(file, "(front matter)", "YAML front matter between two '---' lines at the top of the file", found, line=1,
                                    hint="Add a line break after the closing '---': MkDocs would publish the front matter as text." if unended else "")])
    raw = match.group(1)
    directive = _DIRECTIVE.search(raw)
    if directive:
        line = raw.count("\n", 0, directive.start()) + 2
        raise ContentError([Problem(file, "(front matter)", "plain YAML fields, without a YAML directive", repr(raw[directive.start():].split("\n")[0]),
                                    line=line, hint="Remove the line: directives ('%YAML', '%TAG') are read differently by the checks and MkDocs.")])
    for pattern in (_BIDI, _SURROGATE):  # in the whole file: titles, ids, headings, text
        hidden = pattern.search(text)
        if hidden:
            line = text.count("\n", 0, hidden.start()) + 1
            raise ContentError([_hidden_problem(file, "(front matter)" if hidden.start() < match.end() else "(body)", hidden.group(0), line)])
    unsafe = yamlfile.unsafe_structure(raw)
    if unsafe is not None:
        raise ContentError([Problem(file, "(front matter)", yamlfile.EXPECTED, unsafe[1], line=unsafe[0] + 2, hint=unsafe[2])])
    try:
        try:
            meta = _load(raw, _FastLoader)
        except yaml.YAMLError as fast_error:
            if _FastLoader is _StrictLoader:
                raise
            _load(raw, _StrictLoader)  # the reference messages, when it refuses too
            raise fast_error from None  # what MkDocs' loader refuses is refused, even if Python's accepts it
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 2 if mark is not None else 1
        reason = " ".join(str(getattr(exc, "problem", "") or exc).split())
        raise ContentError([Problem(file, "(front matter)", "valid YAML", f"a YAML error: {reason}", line=line)]) from None
    except RecursionError:  # unsafe_structure bounds nesting; this is a last resort
        raise ContentError([Problem(file, "(front matter)", yamlfile.EXPECTED, "nesting too deep to read", line=2, hint=yamlfile.HINTS["depth"])]) from None
    if meta is None:
        meta = {}
    if not isinstance(meta, dict):
        raise ContentError([Problem(file, "(front matter)", "a mapping of fields", describe(meta), line=2)])
    escaped = _hidden_in(meta, ())
    if escaped is not None:  # written as a YAML escape ("\u202e"), not as the character itself
        path, char = escaped
        field = ".".join(str(p) for p in path) or "(front matter)"
        raise ContentError([_hidden_problem(file, field, char, _compose_line(raw, path))])
    body_line = text[: match.end()].count("\n") + 1
    source = Source(file=file, meta=meta, front_matter=raw, body=text[match.end():], body_line=body_line)
    bad = _key_not_text(meta, ())
    if bad is not None:
        path, key = bad
        raise ContentError([Problem(file, ".".join(str(p) for p in (*path, key)), "field names written as text", describe(key),
                                    line=source.line_of((*path, key)), hint="Quote the name or write it in letters.")])
    return source


def _hidden_problem(file: str, field: str, char: str, line: int | None) -> Problem:
    what = "a lone surrogate" if _SURROGATE.match(char) else "an invisible character that reorders text (bidirectional control)"
    return Problem(file, field, "text without invisible control characters", f"{what}, U+{ord(char):04X}", line=line,
                   hint="Delete it: readers would see the text in another order than it is written.")


def _hidden_in(value: Any, path: tuple) -> tuple[tuple, str] | None:
    """(path, character) of the first bidirectional control or lone surrogate in a string of the front matter."""
    if isinstance(value, str):
        found = _BIDI.search(value) or _SURROGATE.search(value)
        return (path, found.group(0)) if found else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list) else ()
    for key, item in items:
        found = _hidden_in(item, (*path, key))
        if found is not None:
            return found
    return None


def _compose_line(raw: str, path: tuple) -> int | None:
    return Source(file="", meta={}, front_matter=raw, body="", body_line=1).line_of(path)


def _key_not_text(value: Any, path: tuple) -> tuple[tuple, Any] | None:
    """(path of the mapping, key) of the first mapping key that is not a string (a number, true, a
    date...): every field name is text, and mixed types cannot even be sorted."""
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                return path, key
            found = _key_not_text(item, (*path, key))
            if found is not None:
                return found
    elif isinstance(value, list):
        for i, item in enumerate(value):
            found = _key_not_text(item, (*path, i))
            if found is not None:
                return found
    return None
