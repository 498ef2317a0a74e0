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
- a postprocessor: glossary terms made focusable, every link given its public address for print;
- the last postprocessor: the page's HTML through the allow-list sanitizer (``rse.sanitize``); what
  it keeps is what is published, and a page that loses anything to it is refused, located. It runs
  on every page the extension converts, with or without generated content.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor

from . import glossary, render, sanitize
from .errors import ContentError, Problem
from .kinds import KINDS
from .public import print_hrefs
from .model import PageData, Site


@dataclass
class Conversion:
    """What the extension needs to convert one page."""

    ctx: render.Context | None  # None: a page without generated content (still sanitized)
    address: str  # where the page is as built, absolute: links are given their public address from it
    file: str = "(page)"  # the source, as messages name it
    body: str = ""  # its Markdown body, to locate what the sanitizer removed
    body_line: int = 1  # the line of the file where the body starts
    page: PageData | None = None  # without ctx: the page whose markers are counted, not rendered (check_bodies)
    # What the generated fragments link to (QR code images, slide texts), (name, text), for the host to write beside the page.
    files: tuple[tuple[str, str], ...] = ()

    def line_of(self, text: str) -> int | None:
        """The line of the file where ``text`` first appears in the body (to locate a problem)."""
        at = self.body.find(text)
        return None if at < 0 else self.body_line + self.body.count("\n", 0, at)


class _Markers(Preprocessor):
    def __init__(self, md: Markdown, page: Callable[[], Conversion | None]):
        super().__init__(md)
        self.page = page

    def run(self, lines: list[str]) -> list[str]:
        conversion = self.page()
        if conversion is None:
            return lines
        line_of = lambda name: conversion.line_of(f"rse:{name}")
        if conversion.ctx is None:  # counted and checked only (./dev check --fast)
            if conversion.page is not None:
                render.expand_markers("\n".join(lines), conversion.page, lambda name: render.Fragment(""), line_of)
            return lines
        # Each marker line becomes its fragment, an HTML block of its own. On paper, the page's own
        # address and QR code come first.
        filled = render.fill_markers("\n".join(lines), conversion.ctx, line_of=line_of)
        text, conversion.files = filled.html, filled.files
        if not KINDS[conversion.ctx.page.kind].printed_address:
            return text.split("\n")
        return [render.print_address(conversion.ctx), "", *text.split("\n")]


class _Finish(Postprocessor):
    def __init__(self, md: Markdown, page: Callable[[], Conversion | None]):
        super().__init__(md)
        self.page = page

    def run(self, text: str) -> str:
        conversion = self.page()
        if conversion is None or conversion.ctx is None:
            return text
        # Also run on fragments (the toc extension runs postprocessors on each heading's text): idempotent.
        text = glossary.focusable_terms(text)
        if KINDS[conversion.ctx.page.kind].own_print:  # no print.css to write links' addresses on paper
            return text
        return print_hrefs(text, conversion.address)


class _Sanitize(Postprocessor):
    """The page as published: what the sanitizer kept. Also run on fragments (each heading's text
    and the table of contents, by the toc extension), so a loss is reported from the first one."""

    def __init__(self, md: Markdown, page: Callable[[], Conversion | None]):
        super().__init__(md)
        self.page = page

    def run(self, text: str) -> str:
        result = sanitize.clean(text)
        if result.losses:
            conversion = self.page()
            file, body, line = (conversion.file, conversion.body, conversion.body_line) if conversion else ("(page)", "", 1)
            problem = sanitize.problem(result, file, body, line)
            assert problem is not None  # there are losses
            raise ContentError([problem])
        return result.html


class RseExtension(Extension):
    def __init__(self, **kwargs):
        self.config = {"page": [lambda: None, "a callable returning the Conversion of the page being converted, or None"]}
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        page = self.getConfig("page")
        md.preprocessors.register(_Markers(md, page), "rse_markers", 22)  # after fences (25), before raw HTML (21, 20)
        md.postprocessors.register(_Finish(md, page), "rse_finish", 25)  # after raw HTML is put back (30)
        md.postprocessors.register(_Sanitize(md, page), "rse_sanitize", 0)  # the last: nothing changes the HTML after it


def check_bodies(site: Site, extensions: list, options: dict) -> list[Problem]:
    """The problems that the conversion of each page's body finds (the sanitizer's), with
    Python-Markdown alone and the site's extensions: ``./dev check --fast``, without a build.
    The markers are counted and checked as the build does, not rendered (their fragments are the
    templates', reviewed as code); the build checks every page with them."""
    current: list[Conversion] = []
    md = Markdown(extensions=[*extensions, RseExtension(page=lambda: current[-1] if current else None)],
                  extension_configs=options)
    problems: list[Problem] = []
    pages = {page.file: page for lang in site.languages for page in site.of(lang).values()}
    for file, (_, body, body_line) in site.sources.items():
        current[:] = [Conversion(None, address="", file=file, body=body, body_line=body_line, page=pages.get(file))]
        try:
            md.reset().convert(body)
        except ContentError as exc:
            problems.extend(exc.problems)
        except Exception as exc:  # noqa: BLE001 - any failure of a conversion is a located problem
            reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            problems.append(Problem(file, "(body)", "a page that Markdown can convert", f"an error ({reason})"))
    return problems


def makeExtension(**kwargs) -> RseExtension:  # noqa: N802 - Python-Markdown's entry point
    return RseExtension(**kwargs)
