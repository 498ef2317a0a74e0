"""Load every page of every language from a docs folder and validate them together."""

from __future__ import annotations

import hashlib
import os
from dataclasses import replace
from pathlib import Path
from typing import NamedTuple

from . import docsfiles
from . import markers as mk
from .errors import ContentError, Problem
from .frontmatter import _FENCE, Source, parse
from .memo import FileMemo
from .model import PageData, Site
from .validate import check_page, check_schema, check_site, check_unique_ids, raise_if


def split_name(rel: str, languages: tuple[str, ...]) -> tuple[str, str] | None:
    """'contrastes/invitation.fr.md' -> ('contrastes/invitation', 'fr')."""
    stem = rel[: -len(".md")]
    base, _, lang = stem.rpartition(".")
    return (base, lang) if base and lang in languages else None


def load_site(docs_dir: Path, languages: tuple[str, ...], default_language: str, *,
              display_root: Path | None = None, allow_missing_translations: bool = False,
              memo: FileMemo | None = None, pages: list[PageFile] | None = None) -> Site:
    """Parse, validate and assemble all pages. Raises ContentError listing every problem.

    With a ``memo``, a file whose text has not changed since the previous call is not parsed
    or checked again (the checks across pages always run). ``pages``: the files as read by
    ``read_pages`` when the caller has them already."""
    docs_dir = Path(docs_dir)
    root = display_root or docs_dir.parent
    # Symbolic links, files outside docs/, language folders, odd names: refused before any file is read.
    raise_if(docsfiles.problems(docs_dir, root, tuple(languages)))
    problems: list[Problem] = []
    parsed: list[tuple[Source, PageData]] = []
    seen: list[str] = []
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
        seen.append(shown)
        try:
            if memo is None:
                source, page, found = _load_page(text, shown, base, lang, None)
            else:
                source, page, found = memo.get("page", shown, text, lambda: _load_page(text, shown, base, lang, memo))
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        problems.extend(found)
        if page is not None:
            parsed.append((source, page))
    if memo is not None:
        memo.forget_others("page", seen)
        memo.forget_others("source", seen)
    raise_if(problems)
    raise_if(check_unique_ids(parsed))
    site = Site(languages=tuple(languages), default_language=default_language)
    for _, page in parsed:
        site.pages.setdefault(page.lang, {})[page.id] = page
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
    return site


def parse_text(text: str, shown: str, memo: FileMemo | None = None) -> Source:
    """``frontmatter.parse``, through the memo when there is one."""
    if memo is None:
        return parse(text, shown)
    return memo.get("source", shown, text, lambda: parse(text, shown))


def _load_page(text: str, shown: str, base: str, lang: str, memo: FileMemo | None) -> tuple[Source, PageData | None, list[Problem]]:
    """Everything about one file that depends on its text only: (source, page or None, problems)."""
    source = parse_text(text, shown, memo)
    found = check_schema(source)
    if found:
        return source, None, found
    page = PageData.from_meta(source.meta, file=shown, base=base, lang=lang,
                              markers=tuple(name for name, _ in mk.find(source.body)),
                              anchors=mk.heading_ids(source.body))
    # The page's result keeps its source without the body: later checks across pages only locate
    # fields in the front matter, and the body would double what the memo keeps between builds.
    return replace(source, body=""), page, check_page(source, page)


class PageFile(NamedTuple):
    path: Path
    rel: str  # relative to the docs folder
    shown: str  # as messages name it: relative to the project root
    text: str | UnicodeDecodeError


def list_pages(docs_dir: Path) -> list[tuple[str, str]]:
    """(path relative to ``docs_dir``, path) of every Markdown file under it, in ``Path.rglob``'s
    order (by path parts); os.walk and plain strings, several times faster than Path.rglob."""
    found = []
    for folder, dirs, names in os.walk(docs_dir):
        dirs.sort()
        sub = os.path.relpath(folder, docs_dir).replace(os.sep, "/")
        prefix = "" if sub == "." else sub + "/"
        found.extend((prefix + name, os.path.join(folder, name)) for name in names if name.endswith(".md"))
    return sorted(found, key=lambda item: item[0].split("/"))


def read_pages(docs_dir: Path, root: Path, listed: list[tuple[str, str]] | None = None) -> list[PageFile]:
    """Every Markdown file under ``docs_dir`` (or the ``listed`` ones), read once (``load_site``
    and ``placeholders.scan`` both go through them)."""
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


def files_digest(listed: list[tuple[str, str]], *settings: object) -> str:
    """One digest of every listed file's identity and state (inode, size, modification and change
    times, in nanoseconds) and of ``settings`` (their repr), without reading the files: the key
    of the checked site between builds. Any write to a file sets its change time (ctime) to the
    present, which no tool can set back, so a changed file always gives another digest, as in
    git's index; a file rewritten with the same text only costs a check."""
    h = hashlib.blake2b(digest_size=20)
    h.update(repr(settings).encode("utf-8") + b"\0")
    for rel, path in listed:
        st = os.stat(path)
        h.update(f"{rel}\0{st.st_ino}\0{st.st_size}\0{st.st_mtime_ns}\0{st.st_ctime_ns}\0".encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
