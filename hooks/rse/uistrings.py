"""The one store of interface strings (hooks/rse/ui.yml): generated content, the site chrome the
theme, Python-Markdown or the i18n plugin leave untranslated, the redirect pages.

``ui_strings()`` is every language's table, checked whole: a string one language lacks, a string a
page kind prints (rse.kinds.Kind.ui_keys) that none has, or a file that is not YAML is a located
problem. ``translator(lang)`` is ``t(key, **values)`` for templates, renderers and the adapter."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path

import yaml

from . import yamlfile
from .errors import ContentError, Problem
from .kinds import missing_strings

UI_PATH = Path(__file__).with_name("ui.yml")
SHOWN = "hooks/rse/ui.yml"  # as messages name it


def ui_strings() -> dict[str, dict[str, str]]:
    """Interface strings by language; every language must define every key. Read at each call
    (a few hundred times per build, microseconds each) and parsed again only when the text
    changed: a `mkdocs serve` rebuild after an edit of ui.yml shows the edit."""
    return _ui_strings(UI_PATH.read_text(encoding="utf-8"))


@lru_cache(maxsize=2)
def _ui_strings(text: str) -> dict[str, dict[str, str]]:
    """The tables of ``text`` (the memo is keyed by the whole text, its only input)."""
    try:
        data = yamlfile.load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise ContentError([Problem(SHOWN, "(file)", "valid YAML: a table of strings per language",
                                    str(getattr(error, "problem", None) or error), line=mark.line + 1 if mark else None,
                                    hint="Quote a string that holds ': ' or starts with a quote, '{' or '['.")]) from None
    if not isinstance(data, dict) or not all(isinstance(t, dict) and all(isinstance(v, str) for v in t.values()) for t in data.values()):
        raise ContentError([Problem(SHOWN, "(file)", "a table of strings per language (fr: {key: text}, en: ...)", "another structure")])
    keys = {lang: set(table) for lang, table in data.items()}
    union = set().union(*keys.values())
    problems = [Problem(SHOWN, f"{lang}.{key}", "a translation of every interface string", "nothing")
                for lang, have in keys.items() for key in sorted(union - have)]
    problems += [Problem(SHOWN, f"{lang}.{key}", f"the string a page kind prints (rse.kinds: '{key}')", "nothing")
                 for lang, key in missing_strings(data) if key not in union]  # (one language lacks it: said above)
    if problems:
        raise ContentError(problems)
    return data


def translator(lang: str) -> Callable[..., str]:
    """``t(key, **values)`` for one language; a language missing from the store is an error."""
    table = ui_strings().get(lang)
    if table is None:
        raise ContentError([Problem(SHOWN, lang, "a table of interface strings for this language", "nothing")])

    def t(key: str, **values: object) -> str:
        text = table[key]
        return text.format(**values) if values else text

    return t
