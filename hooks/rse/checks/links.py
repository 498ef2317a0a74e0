"""Links in the built HTML, both languages: every internal link reaches a file, every anchor an id.

MkDocs already checks the links written as ``page.md#anchor`` in Markdown; this check also sees
links in raw HTML, in generated content, in templates, and redirect pages, on the final HTML.
External links are checked only on request (``./dev check-external``): they need the network and
their failures are often not ours.
"""

from __future__ import annotations

import os
import re
from collections.abc import Callable
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import Problem
from .built import HtmlPage, address_of, read_site, resolve
from .project import Project

SKIP_SCHEMES = ("mailto:", "tel:", "javascript:", "data:")
HINTS = {
    "content": "Fix the link in the page: link to the other page's Markdown file, e.g. [text](../piliers/engagement.md#signes).",
    "generated": "The link is generated from data (a <!-- rse:... --> marker): fix the front-matter reference or the generator in hooks/rse/.",
    "theme": "The link comes from the theme or a hook (overrides/, hooks/), not from the page text: fix it there.",
}


def _line_of(source: Path | None, url: str) -> int | None:
    """Best guess of the source line that produced a link."""
    if source is None or not source.is_file():
        return None
    parts = urlsplit(url)
    needles = []
    if parts.fragment:
        needles.append("#" + parts.fragment)
    segment = [s for s in parts.path.split("/") if s and s not in (".", "..")]
    if segment:
        needles.append(segment[-1].removesuffix(".html"))
    lines = source.read_text(encoding="utf-8").split("\n")
    for needle in needles:
        for number, line in enumerate(lines, start=1):
            if needle in line and ("](" in line or "href=" in line or "]:" in line):
                return number
    return None


def _origin(project: Project, page: HtmlPage, redirect_lines: dict[str, int]) -> tuple[str, Path | None, int | None]:
    """(file shown in the message, source path, line) for a built page."""
    source = project.source_of().get(page.address)
    if source is not None:
        return project.shown(source), source, None
    if page.redirect:
        return "redirects.yml", None, redirect_lines.get(page.address)
    return f"(theme: {page.address})", None, None


def check(project: Project, site_dir: Path, pages: dict[str, HtmlPage] | None = None,
          redirect_lines: dict[str, int] | None = None) -> list[Problem]:
    site_dir = Path(site_dir).resolve()
    pages = pages if pages is not None else read_site(site_dir)
    by_path = {p.path.resolve(): p for p in pages.values()}
    found: dict[tuple, list] = {}
    for page in pages.values():
        for _tag, url, origin in page.links:
            if not url or url.startswith(SKIP_SCHEMES) or url == "#":
                continue
            resolved = resolve(site_dir, page, url, project.site_url)
            if resolved is None:
                continue
            target, fragment = resolved
            inside = Path(os.path.normpath(target)).is_relative_to(site_dir)  # before any symbolic link of the build machine
            target = target.resolve()
            where = address_of(site_dir, target) if inside and target.is_relative_to(site_dir) else None
            if where is None:
                key = ("outside", url)  # checked against the build machine's disk, it could exist there
            elif not target.exists():
                key = ("page", where)
            elif fragment and target.suffix == ".html":
                other = by_path.get(target)
                if other is None or fragment in other.ids:
                    continue
                key = ("anchor", where, fragment)
            else:
                continue
            found.setdefault(key, []).append((page, url, origin))
    problems = []
    for key, uses in found.items():
        page, url, origin = uses[0]
        shown, source, line = _origin(project, page, redirect_lines or {})
        line = line or (_line_of(source, url) if origin == "content" else None)
        hint = HINTS["theme"] if page.redirect else HINTS[origin]
        others = f" (and on {len(uses) - 1} other page(s))" if len(uses) > 1 else ""
        if key[0] == "outside":
            problems.append(Problem(shown, "link", "a link to a page or file of the site",
                                    f"'{url}' on {page.address}{others}, which climbs out of the site",
                                    line=line, hint=hint))
        elif key[0] == "page":
            problems.append(Problem(shown, "link", "a link to a page or file that exists",
                                    f"'{url}' on {page.address}{others}, which points to {key[1]}, a page that does not exist",
                                    line=line, hint=hint))
        else:
            problems.append(Problem(shown, "link", f"an anchor that exists on {key[1]}",
                                    f"'{url}' on {page.address}{others}: {key[1]} has no element with id '{key[2]}'",
                                    line=line, hint=hint + (" Anchors are the {#id} declared on headings." if origin == "content" else "")))
    return sorted(problems, key=lambda p: (p.file, p.line or 0, p.found))


_HTTP = re.compile(r"^https?://", re.I)


def external_links(project: Project, site_dir: Path) -> dict[str, list[str]]:
    """External URL -> addresses of the pages that link to it (links to this very site excluded)."""
    out: dict[str, list[str]] = {}
    own = project.site_url.rstrip("/") + "/"
    for page in read_site(Path(site_dir)).values():
        for tag, url, _ in page.links:
            if _HTTP.match(url) and not url.startswith(own) and tag in ("a", "img", "iframe"):
                out.setdefault(url.split("#", 1)[0], []).append(page.address)
    return out


def check_external(project: Project, site_dir: Path, fetch: Callable[[str], int | str] | None = None,
                   urls: dict[str, list[str]] | None = None) -> list[Problem]:
    """Ask every external URL (HEAD, then GET); a status >= 400 or a network error is a problem.
    ``urls``: the result of external_links() when the caller has it already (the site is read once)."""
    fetch = fetch or _fetch
    sources = project.source_of()
    problems = []
    for url, addresses in sorted((urls if urls is not None else external_links(project, site_dir)).items()):
        status = fetch(url)
        if isinstance(status, int) and status < 400:
            continue
        page = addresses[0]
        source = sources.get(page)
        shown = project.shown(source) if source else f"(theme: {page})"
        problems.append(Problem(shown, "external link", "an address that answers", f"'{url}': {status}",
                                line=_line_of(source, url),
                                hint="Update or remove the link (the Internet Archive may have a copy)."))
    return problems


def _fetch(url: str) -> int | str:
    import requests

    headers = {"User-Agent": "rse-link-check (+https://rse.example.org/)"}
    try:
        response = requests.head(url, allow_redirects=True, timeout=15, headers=headers)
        if response.status_code in (403, 405, 501):  # some servers refuse HEAD
            response = requests.get(url, allow_redirects=True, timeout=15, headers=headers, stream=True)
        return response.status_code
    except requests.RequestException as exc:
        return f"no answer ({type(exc).__name__})"
