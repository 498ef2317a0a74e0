"""The generated content as a Python-Markdown extension: any host of Python-Markdown can load it.

MkDocs (through ``hooks/rse_mkdocs.py``), another engine that runs Python-Markdown extensions, or
a plain script::

    md = markdown.Markdown(extensions=["abbr", RseExtension(page=lambda: conversion)])

``page`` is called once per conversion and returns the ``Conversion`` of the page being converted
(its data, the site, how to link to other pages, its public address), or None for a page that has
no generated content. Two steps:

- a preprocessor replaces each marker line (``<!-- rse:claims -->``, see ``rse.markers``) with
  the HTML fragment it stands for (``rse.render``). It runs after fenced code blocks are set
  aside (priority 25) and before raw HTML blocks are (20), so a marker inside code is left as
  text, and the host sees the fragments as the page's own HTML (MkDocs collects their anchors).
  The page's own address and QR code, shown on paper only, go first;
- a postprocessor: glossary terms made focusable, every link given its public address for print.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from . import glossary, render
from .kit import print_hrefs


@dataclass
class Conversion:
    """What the extension needs to convert one page."""

    ctx: render.Context
    address: str  # where the page is as built, absolute: links are given their public address from it


class _Markers(Preprocessor):
    def __init__(self, md: Markdown, page: Callable[[], Conversion | None]):
        super().__init__(md)
        self.page = page

    def run(self, lines: list[str]) -> list[str]:
        conversion = self.page()
        if conversion is None:
            return lines
        # Each marker line becomes its fragment, an HTML block of its own. On paper, the page's own
        # address and QR code come first.
        text = render.fill_markers("\n".join(lines), conversion.ctx)
        return [render.print_address(conversion.ctx), "", *text.split("\n")]


class _Finish(Postprocessor):
    def __init__(self, md: Markdown, page: Callable[[], Conversion | None]):
        super().__init__(md)
        self.page = page

    def run(self, text: str) -> str:
        conversion = self.page()
        if conversion is None:
            return text
        # Also run on fragments (the toc extension runs postprocessors on each heading's text): idempotent.
        return print_hrefs(glossary.focusable_terms(text), conversion.address)


class RseExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"page": [lambda: None, "a callable returning the Conversion of the page being converted, or None"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        page = self.getConfig("page")
        md.preprocessors.register(_Markers(md, page), "rse_markers", 22)  # after fences (25), before raw HTML (21, 20)
        md.postprocessors.register(_Finish(md, page), "rse_finish", 25)  # after raw HTML is put back (30)


def makeExtension(**kwargs) -> RseExtension:  # noqa: N802 - Python-Markdown's entry point
    return RseExtension(**kwargs)
