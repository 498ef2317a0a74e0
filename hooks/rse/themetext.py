"""Contributors' text where the theme prints it raw.

MkDocs' Jinja environment does not autoescape, and Material prints ``page.meta.title``,
``page.meta.description`` and ``page.title`` (head, header, navigation, footer, search index)
without escaping. The adapter escapes these fields once, as soon as a page's front matter is read,
so that every template prints them as text: a title ``<details>`` or ``"A" & B`` reads as typed.

The escaped value is a :class:`markupsafe.Markup`: templates that do escape (``| e`` in
Material's footer) leave it as it is instead of escaping it twice. Plain data in, data out.
"""

from __future__ import annotations

import html
from collections.abc import Mapping
from typing import Any

from markupsafe import Markup

# Front-matter fields that Material's templates print (base.html, partials/header.html, ...).
THEME_FIELDS = ("title", "description")


def theme_text(value: object) -> Markup:
    """``value`` as HTML text, safe in an element or a double-quoted attribute (the only attributes
    Material prints these fields in). The apostrophe stays as it is: Material's search plugin puts
    the page title in the index as it is, and lunr splits words at "'" (the separator in
    mkdocs.yml), not at '&#39;'; headings are escaped the same way by Material itself."""
    if isinstance(value, Markup):
        return value
    return Markup(html.escape(str(value), quote=False).replace('"', "&quot;"))


def escape_theme_fields(meta: Mapping[str, Any]) -> dict:
    """The front matter's fields that Material prints, escaped (only those present and not
    escaped already); ``meta.update(escape_theme_fields(meta))`` once per page."""
    return {key: theme_text(meta[key]) for key in THEME_FIELDS
            if key in meta and meta[key] is not None and not isinstance(meta[key], Markup)}
