"""``t(key, **values)`` for the templates and the adapter, from the one store of interface
strings (hooks/rse/ui.yml, checked complete for every language by ``rse.render.ui_strings``)."""

from __future__ import annotations

from .errors import ContentError, Problem
from .render import UI_PATH, ui_strings


def translator(lang: str):
    """``t(key, **values)`` for one language; a language missing from the store is an error."""
    table = ui_strings().get(lang)
    if table is None:
        raise ContentError([Problem(UI_PATH.name, lang, "a table of interface strings for this language", "nothing")])

    def t(key: str, **values) -> str:
        text = table[key]
        return text.format(**values) if values else text

    return t
