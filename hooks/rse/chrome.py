"""Interface strings of the site chrome (chrome.yml), checked complete for every language."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from . import yamlfile
from .errors import ContentError, Problem

CHROME_PATH = Path(__file__).with_name("chrome.yml")


def strings(path: Path = CHROME_PATH) -> dict[str, dict[str, str]]:
    """Strings by language; raises ContentError naming every key a language lacks. Read at each
    call, parsed again only when the text changed (see rse.render.ui_strings)."""
    return _strings(path.read_text(encoding="utf-8"), path.name)


@lru_cache(maxsize=2)
def _strings(text: str, name: str) -> dict[str, dict[str, str]]:
    data = yamlfile.load(text) or {}
    union = set().union(*(set(table) for table in data.values())) if data else set()
    problems = [Problem(name, f"{lang}.{key}", "a translation of every interface string", "nothing")
                for lang, table in data.items() for key in sorted(union - set(table))]
    if problems:
        raise ContentError(problems)
    return data


def translator(lang: str, path: Path = CHROME_PATH):
    """``t(key, **values)`` for one language; a language missing from the file is an error."""
    table = strings(path).get(lang)
    if table is None:
        raise ContentError([Problem(path.name, lang, "a table of interface strings for this language", "nothing")])

    def t(key: str, **values) -> str:
        text = table[key]
        return text.format(**values) if values else text

    return t
