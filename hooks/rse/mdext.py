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
  text, and the host sees the fragments as the page's own HTML (MkDocs collects their anchors
  at 21). The page's own address and QR code, shown on paper only, go first. Then, just before
  the raw HTML blocks are read (20.5), each fragment is set aside in Python-Markdown's store of
  raw HTML, as the fenced code blocks were: it is finished HTML, with no Markdown inside, and
  reading it again tag by tag was a tenth of a large build. Python-Markdown puts it back
  unchanged (the same bytes as when it was read as a raw HTML block: tests/test_mdext.py);
- a postprocessor: glossary terms made focusable, every link given its public address for print.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

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

        self.fragments: list[tuple[int, list[str]]] = []  # (first line, lines) of each fragment, for _SetAside

    def run(self, lines: list[str]) -> list[str]:
        self.fragments = []
        conversion = self.page()
        if conversion is None:
            return lines
        # Each marker line becomes its fragment, an HTML block of its own between blank lines. On
        # paper, the page's own address and QR code come first.
        out: list[str] = []

        def add(fragment: str) -> None:
            self.fragments.append((len(out), fragment.split("\n")))
            out.extend([*self.fragments[-1][1], ""])

        add(render.print_address(conversion.ctx))
        for line in lines:
            marker = render.marker_in(line)
            if marker is None:
                out.append(line)
            else:
                out.append("")
                add(render.render_marker(marker, conversion.ctx))
        return out


class _SetAside(Preprocessor):
    """Each fragment _Markers inserted, replaced by a placeholder of Python-Markdown's raw HTML
    store, once the host has read the page's HTML for anchors and before raw HTML blocks are parsed."""

    def __init__(self, md: Markdown, markers: _Markers):
        super().__init__(md)
        self.markers = markers

    def run(self, lines: list[str]) -> list[str]:
        out, done = [], 0
        for start, fragment in self.markers.fragments:
            if lines[start:start + len(fragment)] != fragment:  # moved by another extension: leave them all as HTML
                return lines
            out += lines[done:start]
            out.append(self.md.htmlStash.store("\n".join(fragment)))
            done = start + len(fragment)
        return out + lines[done:]


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
        markers = _Markers(md, page)
        md.preprocessors.register(markers, "rse_markers", 22)  # after fences (25), before raw HTML (21, 20)
        md.preprocessors.register(_SetAside(md, markers), "rse_set_aside", 20.5)  # after MkDocs reads anchors (21), before raw HTML blocks (20)
        md.postprocessors.register(_Finish(md, page), "rse_finish", 25)  # after raw HTML is put back (30)


def makeExtension(**kwargs) -> RseExtension:  # noqa: N802 - Python-Markdown's entry point
    return RseExtension(**kwargs)
