"""Load every page of every language from a docs folder and validate them together."""

from __future__ import annotations

import os
from pathlib import Path
from typing import NamedTuple

from . import docsfiles
from . import mdlex, provenance
from . import placeholders
from .errors import ContentError, Problem
from .frontmatter import _FENCE, Source, parse
from .model import PageData, Site
from .validate import check_page, check_schema, check_site, check_unique_ids, raise_if


def split_name(rel: str, languages: tuple[str, ...]) -> tuple[str, str] | None:
    """'contrastes/invitation.fr.md' -> ('contrastes/invitation', 'fr')."""
    stem = rel[: -len(".md")]
    base, _, lang = stem.rpartition(".")
    return (base, lang) if base and lang in languages else None


def load_site(docs_dir: Path, languages: tuple[str, ...], default_language: str, *,
              display_root: Path | None = None, allow_missing_translations: bool = False,
              pages: list[PageFile] | None = None) -> Site:
    """Parse, validate and assemble all pages. Raises ContentError listing every problem.

    ``pages``: the files as read by ``read_pages`` when the caller has them already. The
    placeholders left in pages that parse ("TODO", see ``rse.placeholders``) are listed in
    ``site.unfinished``: the caller decides whether they are errors (the strict build) or not
    (a preview)."""
    docs_dir = Path(docs_dir)
    root = display_root or docs_dir.parent
    # Symbolic links, files outside docs/, language folders, odd names: refused before any file is read.
    raise_if(docsfiles.problems(docs_dir, root, tuple(languages)))
    problems: list[Problem] = []
    parsed: list[tuple[Source, PageData]] = []
    unfinished: list[Problem] = []
    for file in pages if pages is not None else read_pages(docs_dir, root):
        path, rel, shown = file.path, file.rel, file.shown
        named = split_name(rel, languages)
        if named is None:
            problems.append(Problem(shown, "(file name)", "a name ending in " + " or ".join(f"'.{lang}.md'" for lang in languages),
                                    repr(path.name), hint="Every page exists once per language, side by side."))
            continue
        base, lang = named
        if isinstance(file.text, UnicodeDecodeError):
            problems.append(Problem(shown, "(file)", "UTF-8 text", f"undecodable bytes ({file.text.reason})"))
            continue
        text = file.text
        fence = _FENCE.match(text)  # the body's paragraphs are bounded, not the front matter (YAML reads in linear time)
        too_long = docsfiles.size_problem(text, shown, fence.end() if fence else 0, text.count("\n", 0, fence.end()) + 1 if fence else 1)
        if too_long is not None:
            problems.append(too_long)
            continue
        try:
            source, page, found = _load_page(text, shown, base, lang)
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        except Exception as exc:  # noqa: BLE001 - whatever a page does to the readers, the contributor gets a located line
            reason = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
            problems.append(Problem(shown, "(file)", "a page the checks can read", f"an error ({reason})",
                                    hint="Simplify the front matter or the body around the last change."))
            continue
        problems.extend(found)
        unfinished.extend(placeholders.check(source))
        if page is not None:
            parsed.append((source, page))
    raise_if(problems)
    raise_if(check_unique_ids(parsed))
    site = Site(languages=tuple(languages), default_language=default_language, unfinished=tuple(unfinished))
    for source, page in parsed:
        site.pages.setdefault(page.lang, {})[page.id] = page
        site.sources[source.file] = (source.meta, source.body, source.body_line)
    sources = {(page.lang, page.base): source for source, page in parsed}
    bases = {page.base for _, page in parsed}
    site.missing = {lang: tuple(sorted(b for b in bases if site.by_base(lang, b) is None)) for lang in languages}
    if allow_missing_translations:  # preview: the build shows the default-language page instead (i18n fallback)
        for lang in languages:
            for base in site.missing[lang]:
                fallback = site.by_base(default_language, base)
                if fallback is not None and fallback.id not in site.of(lang):
                    site.pages.setdefault(lang, {})[fallback.id] = fallback
    raise_if(check_site(site, sources, allow_missing_translations=allow_missing_translations))
    # Where each claim's English comes from (provenance.yml beside docs/): every passage recorded.
    site.provenance, found = provenance.load(docs_dir.parent)
    by_file = {source.file: source for source, _ in parsed}
    claims = [(page.file, claim.key, claim.source) for page in {id(p): p for lang in languages for p in site.of(lang).values()}.values()
              for claim in page.claims]
    raise_if(found + provenance.check(claims, site.provenance, lambda file, key: by_file[file].line_of(("claims", key, "source"))))
    return site


def _load_page(text: str, shown: str, base: str, lang: str) -> tuple[Source, PageData | None, list[Problem]]:
    """Everything about one file that depends on its text only: (source, page or None, problems)."""
    source = parse(text, shown)
    found = check_schema(source)
    if found:
        return source, None, found
    page = PageData.from_meta(source.meta, file=shown, base=base, lang=lang,
                              markers=tuple(name for name, _ in mdlex.find(source.body)),
                              anchors=mdlex.heading_ids(source.body))
    return source, page, check_page(source, page)


class PageFile(NamedTuple):
    path: Path
    rel: str  # relative to the docs folder
    shown: str  # as messages name it: relative to the project root
    text: str | UnicodeDecodeError


def list_pages(docs_dir: Path) -> list[tuple[str, str]]:
    """(path relative to ``docs_dir``, path) of every Markdown file under it, in ``Path.rglob``'s
    order (by path parts); os.walk and plain strings, several times faster than Path.rglob."""
    found: list[tuple[str, str]] = []
    for folder, dirs, names in os.walk(docs_dir):
        dirs.sort()
        sub = os.path.relpath(folder, docs_dir).replace(os.sep, "/")
        prefix = "" if sub == "." else sub + "/"
        found.extend((prefix + name, os.path.join(folder, name)) for name in names if name.endswith(".md"))
    return sorted(found, key=lambda item: item[0].split("/"))


def read_pages(docs_dir: Path, root: Path, listed: list[tuple[str, str]] | None = None) -> list[PageFile]:
    """Every Markdown file under ``docs_dir`` (or the ``listed`` ones), read once."""
    shown_dir = _shown(Path(docs_dir), root)  # resolved once, not once per file
    out = []
    for rel, path in list_pages(docs_dir) if listed is None else listed:
        try:
            with open(path, encoding="utf-8") as handle:
                text: str | UnicodeDecodeError = handle.read()
        except UnicodeDecodeError as exc:
            text = exc
        out.append(PageFile(Path(path), rel, f"{shown_dir}/{rel}", text))
    return out


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
