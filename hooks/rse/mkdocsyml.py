"""The one reader of ``mkdocs.yml`` outside a MkDocs build (the command-line checks, the redirects
file, ``./dev build``'s address check): plain YAML with MkDocs' ``!ENV`` tag, any other tag read as
plain data (``!!python/name:`` in a Markdown extension's options). No MkDocs import."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import yaml


class _EnvLoader(yaml.SafeLoader):
    """YAML with MkDocs' ``!ENV`` tag (``!ENV NAME`` or ``!ENV [NAME, ..., default]``)."""


def _env(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if not isinstance(node, yaml.ScalarNode | yaml.SequenceNode):
        raise yaml.constructor.ConstructorError(None, None, "!ENV takes a name or a list of names, not a mapping", node.start_mark)
    names = [loader.construct_scalar(node)] if isinstance(node, yaml.ScalarNode) else loader.construct_sequence(node)
    *variables, default = names if len(names) > 1 else (*names, None)
    for name in variables:
        if os.environ.get(str(name)):
            return os.environ[str(name)]
    return default


_EnvLoader.add_constructor("!ENV", _env)
_EnvLoader.add_multi_constructor("", lambda loader, suffix, node: None)


def read(path: Path) -> dict:
    """``mkdocs.yml`` as data, ``!ENV`` resolved in this environment."""
    data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=_EnvLoader)  # noqa: S506 - _EnvLoader is a SafeLoader
    return data if isinstance(data, dict) else {}


def languages(config: dict) -> tuple[tuple[str, ...], str]:
    """(the languages the i18n plugin builds, the default one) of a read ``mkdocs.yml``."""
    codes, default = [], None
    for plugin in config.get("plugins") or []:
        if isinstance(plugin, dict) and "i18n" in plugin:
            for lang in (plugin["i18n"] or {}).get("languages") or []:
                if lang.get("build", True):
                    codes.append(lang["locale"])
                if lang.get("default"):
                    default = lang["locale"]
    if not codes:
        return ("fr",), "fr"
    return tuple(codes), default or codes[0]
