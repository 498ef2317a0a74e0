"""Address stability: every public address, and every declared anchor, keeps answering.

``addresses.txt`` lists every HTML address of the built site (both languages, redirects included);
``anchors.txt`` lists every anchor a trainer may link to: the ids declared on headings
(``## Title {#id}``) and the ids of generated content (claims, remarks), page by page. Both are
written by ``./dev addresses --update`` and compared with each new build:

* a recorded address that is gone fails, until a one-line redirect is added to redirects.yml;
* a recorded anchor that is gone fails, until the id is put back (titles may change, ids not);
* a new address or anchor fails until the lists are updated, so that they stay complete.
"""

from __future__ import annotations

import re
from pathlib import Path

from ..errors import Problem
from ..redirects import Redirect
from .built import HtmlPage
from .project import Project

ADDRESSES, ANCHORS = "addresses.txt", "anchors.txt"
HEADERS = {
    ADDRESSES: "# Every public address of the site, both languages (pages and redirects).\n"
               "# Written by `./dev addresses --update`; `./dev check` fails when one disappears.\n"
               "# A page that moves keeps its old address with one line in redirects.yml.\n",
    ANCHORS: "# Every anchor trainers may link to: ids declared on headings ({#id}) and ids of generated content.\n"
             "# Written by `./dev addresses --update`; `./dev check` fails when one disappears.\n",
}
_HASH_ID = re.compile(r"#([A-Za-z][\w.:-]*)")
_HTML_ID = re.compile(r"\bid=[\"']([^\"'\n]+)[\"']")


def declared_ids(text: str) -> set[str]:
    """Ids a Markdown source declares: attribute lists ({#id}, {: #id .class}) and raw HTML id="...".

    Each '{...}' of a line is found with str.find (a pattern such as '\\{[^}]*?#id[^}]*\\}' takes
    cubic time on a line of '{#a{#a...'); every pattern left is linear."""
    found = {m.group(1) for m in _HTML_ID.finditer(text)}
    for line in text.split("\n"):
        start = line.find("{")
        while start >= 0:
            end = line.find("}", start)
            if end < 0:
                break
            first = _HASH_ID.search(line, start + 1, end)
            if first:
                found.add(first.group(1))
            start = line.find("{", end)
    return found


def current(project: Project, pages: dict[str, HtmlPage]) -> tuple[list[str], list[str]]:
    """(addresses, anchors) of a built site."""
    addresses = sorted(pages)
    sources = project.source_of()
    anchors: list[str] = []
    for address, page in pages.items():
        source = sources.get(address)
        if source is None:
            continue
        declared = declared_ids(source.read_text(encoding="utf-8"))
        kept = [i for i in page.content_ids if i in declared or i in page.generated_ids]
        anchors.extend(f"{address}#{i}" for i in dict.fromkeys(kept))
    return addresses, sorted(anchors)


def read_list(path: Path) -> list[tuple[int, str]]:
    if not path.is_file():
        return []
    return [(n, line.strip()) for n, line in enumerate(path.read_text(encoding="utf-8").split("\n"), start=1)
            if line.strip() and not line.startswith("#")]


def write_lists(project: Project, pages: dict[str, HtmlPage]) -> tuple[int, int]:
    addresses, anchors = current(project, pages)
    for name, items in ((ADDRESSES, addresses), (ANCHORS, anchors)):
        (project.root / name).write_text(HEADERS[name] + "".join(f"{i}\n" for i in items), encoding="utf-8")
    return len(addresses), len(anchors)


def _neutral(project: Project, address: str) -> tuple[str, str]:
    """'/en/contrastes/a/' -> ('en', 'contrastes/a/')."""
    path = address.lstrip("/")
    for lang in project.languages:
        prefix = project.prefix(lang)
        if prefix and path.startswith(prefix):
            return lang, path[len(prefix):]
    return project.default_language, path


def check(project: Project, pages: dict[str, HtmlPage], redirects: list[Redirect]) -> list[Problem]:
    if not (project.root / ADDRESSES).is_file():
        return [Problem(ADDRESSES, "(file)", "the list of the site's public addresses", "no such file",
                        hint="Create it with: ./dev addresses --update (and commit it).")]
    addresses, anchors = current(project, pages)
    now_addresses, now_anchors = set(addresses), set(anchors)
    recorded = read_list(project.root / ADDRESSES)
    recorded_set = {a for _, a in recorded}
    new = [a for a in addresses if a not in recorded_set]
    sources = project.source_of()
    problems = []
    for line, address in recorded:
        if address in now_addresses:
            continue
        lang, path = _neutral(project, address)
        guess = _moved_to(project, address, [a for a in new if _neutral(project, a)[0] == lang])
        target = _neutral(project, guess)[1] if guess else "new/address/"
        problems.append(Problem(
            ADDRESSES, "address", f"the address {address} to keep answering (people and other sites link to it)",
            "no page and no redirect there any more" + (f"; the page seems to have moved to {guess}" if guess else ""),
            line=line,
            hint=f"Add one line to redirects.yml: `{path}: {target}` (it serves every language). "
                 "Only an address that was never published may be dropped instead, with ./dev addresses --update."))
    # anchors: on a page that became a redirect, the anchor must exist on the target page
    redirected = {}
    for item in redirects:
        for lang in project.languages:
            redirected["/" + project.prefix(lang) + item.old] = "/" + project.prefix(lang) + item.new_path
    recorded_anchors = read_list(project.root / ANCHORS)
    recorded_anchor_set = {a for _, a in recorded_anchors}
    unrecorded: dict[str, list[str]] = {address: [] for address in new}  # page address -> new ids
    for anchor in anchors:
        if anchor not in recorded_anchor_set:
            address, _, ident = anchor.partition("#")
            unrecorded.setdefault(address, []).append(ident)
    for line, anchor in recorded_anchors:
        if anchor in now_anchors:
            continue
        address, _, ident = anchor.partition("#")
        if address in redirected:
            target = pages.get(redirected[address])
            if target is not None and ident in target.ids:
                continue
            problems.append(Problem(
                "redirects.yml", "anchor", f"the anchor #{ident} of {address} (redirected to {redirected[address]}) on the new page",
                f"no element with id '{ident}' on {redirected[address]}", line=next((r.line for r in redirects if address.endswith(r.old)), None),
                hint=f"Declare the same id on the matching heading of the new page: `## Title {{#{ident}}}`."))
            continue
        if address not in now_addresses:
            continue  # the page itself is gone: reported above, once
        page = pages[address]
        if ident in page.ids:
            continue  # still there, just no longer declared: fine for readers
        shown = project.shown(sources[address]) if address in sources else ANCHORS
        fresh = unrecorded.get(address, [])
        problems.append(Problem(
            shown, f"#{ident}", f"the anchor {address}#{ident} (recorded in {ANCHORS}, line {line}) to keep existing",
            "no heading or element with that id on the page"
            + (f" (it has a new id {', '.join('#' + i for i in fresh)}: renamed?)" if fresh else ""),
            hint=f"Put the id back on its heading: `## Any title {{#{ident}}}`; titles may change, ids must not. "
                 f"If the section is gone, keep the id on the closest one (`<span id=\"{ident}\"></span>`), "
                 "or accept the loss with ./dev addresses --update."))
    for address, idents in unrecorded.items():
        shown = project.shown(sources[address]) if address in sources else ADDRESSES
        parts = [f"the address {address}"] if address in new else []
        if idents:
            parts.append(f"{len(idents)} anchor(s) {', '.join('#' + i for i in idents)}")
        problems.append(Problem(shown, "(addresses)", f"every address and anchor of {address} recorded in {ADDRESSES} and {ANCHORS}",
                                " and ".join(parts) + " not recorded yet",
                                hint="Run ./dev addresses --update and commit addresses.txt and anchors.txt with your change."))
    return problems


def _moved_to(project: Project, address: str, candidates: list[str]) -> str | None:
    """A new address that looks like the same page: same last segment, or the only new one as deep
    (a page renamed with its plan page: /a/x/ and /a/x/atelier/ moved to /a/y/ and /a/y/atelier/)."""
    last = address.rstrip("/").rsplit("/", 1)[-1]
    same = [c for c in candidates if c.rstrip("/").rsplit("/", 1)[-1] == last]
    if len(same) == 1:
        return same[0]
    deep = [c for c in candidates if c.count("/") == address.count("/")]
    return deep[0] if len(deep) == 1 else None
