"""YAML of the project's own files (interface strings, redirects, translation status), read with
libyaml when PyYAML has it (about 10x faster than the pure-Python parser; same results).

Contributors' YAML (front matter, redirects.yml, translations.yml) is first read as a stream of
events, which costs time in proportion to its length whatever it holds, and refused when it has
an anchor or an alias (nine lines of nested aliases expand into gigabytes) or nests deeper than
any file of the project needs (the loader recurses once per level).
"""

from __future__ import annotations

from typing import Any

import yaml

FastSafeLoader: type = yaml.CSafeLoader if getattr(yaml, "__with_libyaml__", False) else yaml.SafeLoader

MAX_DEPTH = 20  # a page's front matter nests 3 levels (claims.personal.text); 20 is far above any need
EXPECTED = f"plain YAML, without anchors or aliases ('&name', '*name') and at most {MAX_DEPTH} levels of nesting"
HINTS = {"alias": "Write each value out in full where it is used.", "depth": "Flatten the structure; no field of the project nests that deep."}


def load(text: str) -> Any:
    """``yaml.safe_load`` on libyaml when available."""
    return yaml.load(text, Loader=FastSafeLoader)  # noqa: S506 - a safe loader


def unsafe_structure(text: str) -> tuple[int, str, str] | None:
    """(0-based line, description, what to do) of the first anchor, alias or level of nesting beyond
    MAX_DEPTH in ``text``; None when there is none, or when the text is not valid YAML (loading it
    then reports the error). Reads events only: nothing is expanded or built."""
    loader = FastSafeLoader(text)
    depth = 0
    try:
        while loader.check_event():
            event = loader.get_event()
            line = event.start_mark.line if event.start_mark is not None else 0
            if isinstance(event, yaml.AliasEvent):
                return line, f"an alias '*{event.anchor}'", HINTS["alias"]
            if getattr(event, "anchor", None):
                return line, f"an anchor '&{event.anchor}'", HINTS["alias"]
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return line, f"more than {MAX_DEPTH} levels of nesting", HINTS["depth"]
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None
    finally:
        loader.dispose()
    return None
