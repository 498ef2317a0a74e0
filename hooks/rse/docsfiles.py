"""What may be published from the docs folder, checked before MkDocs reads or copies anything.

MkDocs publishes every file under ``docs/``, following symbolic links: a link to ``/etc/passwd``,
to a folder outside the repository or to ``/proc/self/environ`` puts that file on the site, and a
link to a parent folder makes it walk without end. A page under ``docs/en/`` is written into the
English site by the French build. A page name with spaces or other characters gives an address
that every tool encodes its own way. Each of these is refused here, by name. No MkDocs import.
"""

from __future__ import annotations

import os
import re
import stat
import xml.etree.ElementTree as ElementTree
from pathlib import Path

from .errors import Problem

# One folder or page name of an address: what './dev new' makes, and every page of the site has.
PAGE_NAME = re.compile(r"[a-z0-9][a-z0-9_-]*")
# Sizes far above any page of the site, refused before any pattern reads them. Python-Markdown's
# inline patterns are slow on hostile text (about 0.3 ms per '[' or '<a ', more in a long
# paragraph): bounding the paragraph and the page keeps the worst page to a few seconds of build
# (a 16000-character page of '[[' takes about 6 s).
MAX_PARAGRAPH = 2000  # characters of the body between two blank lines (the longest today: under 900)
MAX_PAGE = 16_000  # characters of a whole page (the longest today: under 4400)
MAX_LINE = 3000  # characters of a line of a file read line by line (the glossary)


# What may be published from docs/, by kind: pages anywhere (Markdown, turned into sanitized HTML),
# images anywhere (an SVG only with the elements and attributes below), and the site's styles and
# scripts under assets/ (reviewed as code: nothing links to them but the theme and mkdocs.yml).
# Anything else, an HTML page first (it would be published as written, on the site's origin), is refused.
IMAGES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".svg")
ASSETS = (".css", ".js", ".txt")  # under assets/ only
ASSET_NAMES = ("LICENSE",)  # a vendored library's licence, under assets/
MAX_IMAGE = 1_000_000  # bytes
MAX_SVG = 100_000  # bytes: read and checked whole
SVG_TAGS = frozenset({"svg", "g", "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "title", "desc", "defs",
                      "lineargradient", "radialgradient", "stop", "clippath", "text", "tspan", "symbol", "use"})
SVG_ATTRIBUTES = frozenset({
    "viewbox", "width", "height", "x", "y", "rx", "ry", "cx", "cy", "r", "d", "points", "x1", "y1", "x2", "y2", "fill", "stroke",
    "stroke-width", "stroke-linecap", "stroke-linejoin", "stroke-miterlimit", "stroke-dasharray", "fill-rule", "clip-rule",
    "clip-path", "opacity", "fill-opacity", "stroke-opacity", "transform", "offset", "stop-color", "stop-opacity", "gradientunits",
    "gradienttransform", "id", "class", "version", "preserveaspectratio", "font-size", "font-family", "font-weight",
    "text-anchor", "dominant-baseline", "aria-hidden", "role", "focusable", "href",
})


def _svg_problem(path: str) -> str | None:
    """What an SVG file holds beyond plain drawing (a script, an event attribute, a link, a style,
    an external resource), or None. An SVG opened by its address runs its scripts on the site's origin."""
    with open(path, "rb") as handle:
        data = handle.read(MAX_SVG + 1)
    if len(data) > MAX_SVG:
        return f"more than {MAX_SVG} bytes"
    text = data.decode("utf-8", errors="replace")
    if re.search(r"<!\s*(DOCTYPE|ENTITY)|<\?(?!xml\s)", text, re.I):
        return "a DOCTYPE, entity or processing instruction"
    try:
        top = ElementTree.fromstring(data)  # noqa: S314 - DOCTYPE and ENTITY are refused above: nothing to expand
    except ElementTree.ParseError as exc:
        return f"XML that does not parse ({exc})"
    for element in top.iter():
        tag = str(element.tag).rsplit("}", 1)[-1].lower()
        if tag not in SVG_TAGS:
            return f"a <{tag}> element"
        for name, value in element.attrib.items():
            local = name.rsplit("}", 1)[-1].lower()
            if local not in SVG_ATTRIBUTES:
                return f"the attribute {local}= on <{tag}>"
            if "\\" in value:  # a CSS escape spells 'url(' without its letters ('u\\72 l(')
                return f"a backslash in {local}= on <{tag}>"
            if local == "href" and not value.startswith("#"):
                return f"a link to {value[:60]!r} on <{tag}> (only '#id' within the file)"
            if "url(" in value.replace(" ", "").lower() and not re.fullmatch(r"\s*url\(\s*#[\w-]+\s*\)\s*", value):
                return f"an external url() in {local}= on <{tag}>"
    return None


def _kind_problem(rel: str, path: str, size: int) -> tuple[str, str, str] | None:
    """(expected, found, hint) for a file under docs/ that is not among the kinds the site publishes."""
    name = rel.rsplit("/", 1)[-1]
    ext = os.path.splitext(name)[1].lower()
    in_assets = rel.startswith("assets/")
    if name.endswith(".md"):
        return None
    if ext == ".md":  # MkDocs reads only '.md' as a page: it would publish '.MD' as written, unchecked
        return ("a page ending in '.md', in lower case", f"the extension {os.path.splitext(name)[1]!r}",
                "Rename it: MkDocs would publish the file as written, without reading it as a page.")
    if ext in IMAGES:
        if size > MAX_IMAGE:
            return f"an image of at most {MAX_IMAGE} bytes", f"{size} bytes", "Make it smaller."
        if ext == ".svg":
            found = _svg_problem(path)
            if found is not None:
                return ("an SVG drawing with only shapes, text and '#id' links (no script, event attribute, style or external "
                        "resource)", found, "Export it as plain SVG, or as PNG.")
        return None
    if in_assets and (ext in ASSETS or name in ASSET_NAMES):
        return None
    kinds = "a page (.md), an image (" + ", ".join(IMAGES) + "), or under assets/ a stylesheet, script or text file"
    if ext in (".html", ".htm", ".xhtml", ".shtml", ".xml", ".xsl", ".xslt"):
        return (kinds, f"an {ext[1:].upper()} file, which would be published as written",
                "Write the page in Markdown (.md): its HTML is sanitized.")
    if ext in (".css", ".js", ".txt"):
        return kinds, f"a {ext} file outside assets/", "Styles and scripts belong in docs/assets/ (reviewed as code)."
    return (kinds, "a file without an extension" if not ext else f"a {ext} file",
            "Remove it, or ask for its kind to be allowed (hooks/rse/docsfiles.py).")


def _address(rel: str, languages: tuple[str, ...]) -> tuple[str, str] | None:
    """(language, address) a page would be published at: 'a/b.fr.md' and 'a/b/index.fr.md' both give 'a/b/'."""
    stem, _, lang = rel[: -len(".md")].rpartition(".")
    if lang not in languages or not stem:
        return None
    folder, _, name = stem.rpartition("/")
    address = folder + "/" if name in ("index", "readme", "README") else stem + "/"
    return lang, address.lstrip("/")


def _shown(path: str, root: Path) -> str:
    try:
        return Path(path).relative_to(root).as_posix()
    except ValueError:
        return Path(path).as_posix()


def problems(docs_dir: Path, root: Path, languages: tuple[str, ...]) -> list[Problem]:
    """One problem per file or folder under ``docs_dir`` that must not be published: symbolic
    links, anything whose real path is outside ``docs_dir``, anything but files and folders, a
    top folder named after a language, page names that are not plain lower-case words; and per
    link or special file among the other files contributors edit (PROJECT_FILES)."""
    docs_dir = Path(os.path.abspath(docs_dir))
    root = Path(os.path.abspath(root))
    real_docs = os.path.realpath(docs_dir)
    docs_shown = _shown(str(docs_dir), root)
    out: list[Problem] = []
    errors: list[OSError] = []
    addresses: dict[tuple[str, str], str] = {}  # (language, address) -> the page that has it
    for folder, dirs, names in os.walk(docs_dir, onerror=errors.append):
        dirs.sort()
        for name in sorted(dirs) + sorted(names):
            path = os.path.join(folder, name)
            shown = _shown(path, root)
            rel = os.path.relpath(path, docs_dir).replace(os.sep, "/")
            try:
                info = os.lstat(path)
                mode = info.st_mode
            except OSError as exc:
                out.append(Problem(shown, "(file)", "a file that can be read", f"an error ({exc.strerror})"))
                continue
            if stat.S_ISLNK(mode):
                out.append(Problem(shown, "(file)", f"a file or folder inside {docs_shown}/, not a symbolic link", "a symbolic link",
                                   hint="Copy the file itself into the folder: the build would publish whatever the link points to."))
                continue
            if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                out.append(Problem(shown, "(file)", "a plain file or folder", "a special file (device, pipe or socket)", hint="Remove it."))
                continue
            if os.path.commonpath([os.path.realpath(path), real_docs]) != real_docs:
                out.append(Problem(shown, "(file)", f"a file whose real path is inside {docs_shown}/", "a path outside it",
                                   hint="Copy the file itself into the folder."))
                continue
            if "/" not in rel and name in languages and stat.S_ISDIR(mode):
                out.append(Problem(shown, "(file)", f"no folder named after a language ('{name}/') at the top of {docs_shown}/",
                                   "such a folder", hint="Pages of every language sit side by side ('contrastes/x.en.md'); "
                                   f"a folder '{name}/' would write into the '{name}' site."))
                dirs.remove(name)
                continue
            if stat.S_ISREG(mode):
                kind = _kind_problem(rel, path, info.st_size)
                if kind is not None:
                    out.append(Problem(shown, "(file)", kind[0], kind[1], hint=kind[2]))
                    continue
            if name.endswith(".md") and stat.S_ISREG(mode):
                published = _address(rel, languages)
                if published is not None and published in addresses:
                    out.append(Problem(shown, "(file name)", "one page per address", f"the address of {addresses[published]} "
                                       f"('{published[1] or '/'}' in '{published[0]}')", hint="Rename or remove one of them: "
                                       "the build would publish only one."))
                    continue
                if published is not None:
                    addresses[published] = shown
                if info.st_size > 4 * MAX_PAGE:  # refused before it is read (UTF-8: at most 4 bytes a character)
                    out.append(Problem(shown, "(file)", f"a page of at most {MAX_PAGE} characters", f"{info.st_size} bytes",
                                       hint="Split it into several pages."))
                    continue
                parts = rel[: -len(".md")].split("/")
                parts[-1] = parts[-1].rsplit(".", 1)[0]  # 'invitation.fr' -> 'invitation'
                if len(parts) == 1 and parts[0] in languages:
                    out.append(Problem(shown, "(file name)", f"a page not named after a language at the top of {docs_shown}/",
                                       repr(parts[0]), hint=f"Its address would be the '{parts[0]}' site's home: rename the file."))
                    continue
                bad = next((p for p in parts if not PAGE_NAME.fullmatch(p)), None)
                if bad is not None:
                    out.append(Problem(shown, "(file name)", "folder and page names of lower-case letters a-z, digits, '-' and '_' "
                                       "(they are the page's address)", repr(bad), hint="Rename the file or folder, e.g. 'mon-contraste.fr.md'."))
    for exc in errors:
        out.append(Problem(_shown(exc.filename or str(docs_dir), root), "(file)", "a folder that can be read", f"an error ({exc.strerror})"))
    return out + _project_files(root)


# Files outside docs/ that contributors edit and the build reads (the glossaries are appended to
# every page): plain files too, or a link to /dev/zero would be read without end.
PROJECT_FILES = ("redirects.yml", "translations.yml", "includes")


def _project_files(root: Path) -> list[Problem]:
    out = []
    for name in PROJECT_FILES:
        top = root / name
        paths = [top]
        if top.is_dir() and not top.is_symlink():
            paths += sorted(top.rglob("*"))
        for path in paths:
            try:
                mode = os.lstat(path).st_mode
            except FileNotFoundError:
                continue
            except OSError as exc:
                out.append(Problem(_shown(str(path), root), "(file)", "a file that can be read", f"an error ({exc.strerror})"))
                continue
            if stat.S_ISLNK(mode):
                out.append(Problem(_shown(str(path), root), "(file)", "a file, not a symbolic link", "a symbolic link",
                                   hint="Copy the file itself: the build reads it."))
            elif not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
                out.append(Problem(_shown(str(path), root), "(file)", "a plain file or folder", "a special file (device, pipe or socket)",
                                   hint="Remove it."))
    return out


def long_line(text: str, shown: str, first_line: int = 1) -> Problem | None:
    """A problem for the first line longer than MAX_LINE characters, found without a pattern."""
    number, start, length = first_line, 0, len(text)
    while start <= length:
        end = text.find("\n", start)
        end = length if end < 0 else end
        if end - start > MAX_LINE:
            return Problem(shown, "(line)", f"lines of at most {MAX_LINE} characters", f"a line of {end - start} characters", line=number,
                           hint="Shorten it.")
        start = end + 1
        number += 1
    return None


def size_problem(text: str, shown: str, body_start: int = 0, body_line: int = 1) -> Problem | None:
    """A problem for a page over MAX_PAGE characters, or for the first paragraph of its body
    (from offset ``body_start``, on line ``body_line``) over MAX_PARAGRAPH; str methods only."""
    if len(text) > MAX_PAGE:
        return Problem(shown, "(file)", f"a page of at most {MAX_PAGE} characters", f"{len(text)} characters",
                       hint="Split it into several pages.")
    number, start, length = body_line, body_start, len(text)
    paragraph_line, paragraph = number, 0
    while start <= length:
        end = text.find("\n", start)
        end = length if end < 0 else end
        if text[start:end].strip():
            if paragraph == 0:
                paragraph_line = number
            paragraph += end - start + 1
            if paragraph > MAX_PARAGRAPH:
                return Problem(shown, "(paragraph)", f"paragraphs (lines between blank lines) of at most {MAX_PARAGRAPH} characters",
                               "a longer one", line=paragraph_line, hint="Separate its parts with blank lines, or shorten it.")
        else:
            paragraph = 0
        start = end + 1
        number += 1
    return None
