"""Split a Markdown source into YAML front matter and body, strictly.

MkDocs silently replaces unparsable front matter with ``{}``; here every such
problem becomes a located :class:`~rse.errors.Problem`.
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

_FENCE = re.compile(r"^---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S | re.M)


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses duplicate keys instead of keeping the last one."""


# The same loader on libyaml (about 10x faster) when PyYAML has it; a document it refuses is
# parsed again with the pure-Python loader so that every message stays the same.
_FastLoader: type[yaml.SafeLoader | yaml.CSafeLoader] = type("_FastLoader", (FastSafeLoader,), {}) if FastSafeLoader is not yaml.SafeLoader else _StrictLoader


def _no_duplicates(loader: _StrictLoader, node: yaml.MappingNode, deep: bool = False) -> dict:
    seen: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=deep)
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
    match = _FENCE.match(text)
    if not match:
        found = "a file without front matter" if not text.startswith("---") else "an opening '---' without a closing '---'"
        raise ContentError([Problem(file, "(front matter)", "YAML front matter between two '---' lines at the top of the file", found, line=1)])
    raw = match.group(1)
    unsafe = yamlfile.unsafe_structure(raw)
    if unsafe is not None:
        raise ContentError([Problem(file, "(front matter)", yamlfile.EXPECTED, unsafe[1], line=unsafe[0] + 2, hint=unsafe[2])])
    try:
        try:
            meta = _load(raw, _FastLoader)
        except yaml.YAMLError:
            if _FastLoader is _StrictLoader:
                raise
            meta = _load(raw, _StrictLoader)  # the reference messages; raises the same error
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
    body_line = text[: match.end()].count("\n") + 1
    source = Source(file=file, meta=meta, front_matter=raw, body=text[match.end():], body_line=body_line)
    bad = _key_not_text(meta, ())
    if bad is not None:
        path, key = bad
        raise ContentError([Problem(file, ".".join(str(p) for p in (*path, key)), "field names written as text", describe(key),
                                    line=source.line_of((*path, key)), hint="Quote the name or write it in letters.")])
    return source


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
