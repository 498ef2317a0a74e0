"""Load every page of every language from a docs folder and validate them together."""

from __future__ import annotations

from pathlib import Path

from . import markers as mk
from .errors import ContentError, Problem
from .frontmatter import Source, parse
from .model import PageData, Site
from .validate import check_page, check_schema, check_site, check_unique_ids, raise_if


def split_name(rel: str, languages: tuple[str, ...]) -> tuple[str, str] | None:
    """'contrastes/invitation.fr.md' -> ('contrastes/invitation', 'fr')."""
    stem = rel[: -len(".md")]
    base, _, lang = stem.rpartition(".")
    return (base, lang) if base and lang in languages else None


def load_site(docs_dir: Path, languages: tuple[str, ...], default_language: str, *,
              display_root: Path | None = None, allow_missing_translations: bool = False) -> Site:
    """Parse, validate and assemble all pages. Raises ContentError listing every problem."""
    docs_dir = Path(docs_dir)
    root = display_root or docs_dir.parent
    problems: list[Problem] = []
    parsed: list[tuple[Source, PageData]] = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        shown = _shown(path, root)
        named = split_name(rel, languages)
        if named is None:
            problems.append(Problem(shown, "(file name)", "a name ending in " + " or ".join(f"'.{lang}.md'" for lang in languages),
                                    repr(path.name), hint="Every page exists once per language, side by side."))
            continue
        base, lang = named
        try:
            source = parse(path.read_text(encoding="utf-8"), shown)
        except UnicodeDecodeError as exc:
            problems.append(Problem(shown, "(file)", "UTF-8 text", f"undecodable bytes ({exc.reason})"))
            continue
        except ContentError as exc:
            problems.extend(exc.problems)
            continue
        found = check_schema(source)
        if found:
            problems.extend(found)
            continue
        page = PageData.from_meta(source.meta, file=shown, base=base, lang=lang,
                                  markers=tuple(name for name, _ in mk.find(source.body)),
                                  anchors=mk.heading_ids(source.body))
        problems.extend(check_page(source, page))
        parsed.append((source, page))
    raise_if(problems)
    raise_if(check_unique_ids(parsed))
    site = Site(languages=tuple(languages), default_language=default_language)
    for _, page in parsed:
        site.pages.setdefault(page.lang, {})[page.id] = page
    sources = {(page.lang, page.base): source for source, page in parsed}
    raise_if(check_site(site, sources, allow_missing_translations=allow_missing_translations))
    bases = {page.base for _, page in parsed}
    site.missing = {lang: tuple(sorted(b for b in bases if site.by_base(lang, b) is None)) for lang in languages}
    return site


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
