"""What a first visit of a built page transfers, compressed as a static host does (gzip -6), read
from the files: the rule behind the 80 KB target, shared by `./dev check` (its "weight" step), the
test that holds every page to it (tests/test_reader_site.py) and by the benchmark (benchmarks/run.py: its estimate without a
browser, and what a device's absence would do to the target)."""

from __future__ import annotations

import gzip
import re
from pathlib import Path

BUDGET = 80_000  # bytes
_REFS = re.compile(r'<(?:link[^>]+rel="(?:stylesheet|icon)"[^>]*href|script[^>]+src|img(?![^>]*loading="lazy")[^>]+src)="([^"]+)"')
_LAZY = re.compile(r'<img[^>]+src="([^"]+)"[^>]*loading="lazy"')
_TEXT = (".css", ".js", ".svg", ".json", ".html")


def _gz(data: bytes) -> int:
    return len(gzip.compress(data, 6))


def parts(site: Path, page: Path) -> dict[str, int]:
    """{what: compressed bytes} of a first visit of ``page``: the page itself ("(the page)"), its
    stylesheets (print.css too: browsers fetch it), scripts, icon and eager images, and three of
    its lazily loaded images (those near the top of a phone's screen)."""
    html = page.read_text(encoding="utf-8")
    out = {"(the page)": _gz(html.encode())}
    for ref in sorted(set(_REFS.findall(html))):
        if ref.startswith(("http:", "https:", "data:", "//")):
            continue
        ref = ref.split("?")[0]
        path = (site / ref.lstrip("/") if ref.startswith("/") else page.parent / ref).resolve()  # 404 pages: rooted links
        if not path.is_file():
            raise FileNotFoundError(f"{page} references {ref}, which is not in the site")
        data = path.read_bytes()
        out[ref] = _gz(data) if path.suffix in _TEXT else len(data)
    for ref in _LAZY.findall(html)[:3]:
        out[f"{ref} (lazy)"] = _gz((page.parent / ref).read_bytes())
    return out


def first_visit_bytes(site: Path, page: Path) -> int:
    """What a first visit of ``page`` transfers, compressed (the sum of ``parts``)."""
    return sum(parts(site, page).values())


def explain(site: Path, page: Path) -> str:
    """One line saying what a page's first visit is made of, heaviest first (for a failing check)."""
    found = parts(site, page)
    return f"{page.relative_to(site).as_posix()}: {sum(found.values()) / 1000:.1f} KB = " + ", ".join(
        f"{Path(ref).name if ref != '(the page)' else ref} {size / 1000:.1f}" for ref, size in sorted(found.items(), key=lambda kv: -kv[1]))


def pages(site: Path) -> list[Path]:
    """Every HTML page of a built site (not Material's assets or the search worker's files)."""
    return sorted(p for p in site.rglob("*.html") if p.relative_to(site).parts[0] not in ("assets", "search"))


def every_page(site: Path) -> dict[str, int]:
    """{site-relative path: first-visit bytes} of every page."""
    return {p.relative_to(site).as_posix(): first_visit_bytes(site, p) for p in pages(site)}
