"""The offline copy of the site: a zip of both languages that works from disk, search included.

    python -m rse.offline [--out DIR]      (./dev offline; ./dev build runs it after the site build)

Builds the site a second time with ``RSE_OFFLINE=true`` (Material's offline plugin: file names
instead of directory URLs, search index inlined as JavaScript; hooks/rse_mkdocs.py) into a
temporary folder, in a separate process so that no MkDocs state is shared with the caller,
then writes ``DIR/rse-offline.zip`` (default ``site/``), whose single top folder holds the
site. The archive is reproducible: entries sorted, dates from SOURCE_DATE_EPOCH (or 1980).

The trainer's page links to the archive only in a site built with ``RSE_OFFLINE_ARCHIVE=true``
(``./dev build`` sets it, then runs this): a plain ``mkdocs build``, ``./dev serve`` and the test
builds have no archive, so their page says where to find it instead of linking to nothing.

Why a second build and not a post-processing of the first: directory URLs ('x/y/') only work
behind a web server; only MkDocs knows every link to rewrite as 'x/y.html'. It costs one more
build (about as long as the first, a few seconds on two cores), paid only by ``./dev build``
and publishing, not by ``./dev serve`` nor by the test suite's site build.
"""

from __future__ import annotations

import argparse
import os
import posixpath
import re
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path

from .public import ARCHIVE_NAME

ROOT = Path(__file__).resolve().parents[2]
FOLDER = "rse-offline"  # the top folder inside the archive
README = """\
RSE — réseaux sociaux, de la vie privée à l'entreprise / social networks, from personal life to work

FR : ouvrez index.html (français) ou en/index.html (anglais) dans un navigateur. Aucun serveur
     ni connexion n'est nécessaire ; la recherche fonctionne aussi.
EN : open en/index.html (English) or index.html (French) in a browser. No server and no
     connection are needed; search works too.
"""


def inline_search_indexes(site_dir: Path) -> list[Path]:
    """Write ``search_index.js`` (``var __index = ...``, what Material loads from file://) next to
    every ``search/search_index.json`` of a built site; returns the folders written to."""
    written = []
    for index in sorted(Path(site_dir).glob("**/search/search_index.json")):
        data = index.read_text(encoding="utf-8")
        index.with_suffix(".js").write_text(f"var __index = {data}", encoding="utf-8")
        written.append(index.parent)
    return written


_ROOTED = re.compile(r'(?P<attr>\s(?:href|src)=")(?P<url>/[^"]*)"')
_CONFIG_BASE = re.compile(r'("(?:base|search)":\s*")(/[^"]*)(")')  # Material's page configuration
_HOST_404 = re.compile(r'\s*<meta name="rse-404"[^>]*>')


def _relative(url: str, folder: str, *, page: bool = True) -> str:
    """A root-relative URL of the site ('/en/', '/assets/x.css') as seen from ``folder`` ('en'),
    with 'index.html' added to a folder address when ``page``: from disk, a folder is not a page."""
    path, _, rest = url.partition("#")
    path, q, query = path.partition("?")
    target = path.lstrip("/")
    rel = posixpath.relpath(target or ".", folder or ".")
    if page and (path.endswith("/") or not target):
        rel = "index.html" if rel == "." else f"{rel}/index.html"
    return rel + (f"?{query}" if q else "") + (f"#{rest}" if rest else "")


def relative_error_pages(site_dir: Path) -> list[Path]:
    """Make the 404 pages of the offline copy work from disk.

    On a web server a 404 page answers for any missing address, so MkDocs gives it root-relative
    links ('/assets/...', '/en/'), and rse-i18n.js sends a reader to the 404 page of the address's
    language (meta rse-404). From ``file://`` the first reach the file system's root (no styles,
    no scripts, dead links) and the second sent the English one to '/404.html'. Here the links
    become relative to the page's folder (file names: 'index.html') and the host rule goes."""
    written = []
    for page in sorted(Path(site_dir).glob("**/404.html")):
        folder = page.parent.relative_to(site_dir).as_posix().strip(".")
        html = page.read_text(encoding="utf-8")
        html = _HOST_404.sub("", html)
        html = _ROOTED.sub(lambda m: f'{m["attr"]}{_relative(m["url"], folder)}"', html)  # noqa: B023 - sub() calls it at once
        html = _CONFIG_BASE.sub(lambda m: m[1] + _relative(m[2], folder, page=False) + m[3], html)  # noqa: B023 - likewise
        page.write_text(html, encoding="utf-8")
        written.append(page)
    return written


def build_offline_site(dest: Path, *, root: Path = ROOT, python: str = sys.executable) -> None:
    """Strict build of the offline copy into ``dest`` (a separate MkDocs process)."""
    env = {**os.environ, "RSE_OFFLINE": "true", "NO_MKDOCS_2_WARNING": "1"}  # YAML !ENV: a boolean
    env.pop("RSE_OFFLINE_ARCHIVE", None)  # the copy does not contain itself: no download link in it
    cmd = [python, "-m", "mkdocs", "build", "--strict", "--quiet", "-f", str(root / "mkdocs.yml"), "-d", str(dest)]
    done = subprocess.run(cmd, cwd=root, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"the offline build failed:\n{done.stdout}{done.stderr}")


def write_archive(site_dir: Path, archive: Path) -> Path:
    """Zip a built site under one top folder, reproducibly."""
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH") or 315532800)
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
    archive.parent.mkdir(parents=True, exist_ok=True)
    tmp = archive.with_suffix(".zip.part")
    with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as zf:
        def add(name: str, data: bytes) -> None:
            info = zipfile.ZipInfo(f"{FOLDER}/{name}", date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data)
        add("LISEZMOI-README.txt", README.encode("utf-8"))
        for path in sorted(p for p in Path(site_dir).rglob("*") if p.is_file()):
            rel = path.relative_to(site_dir).as_posix()
            if rel == ARCHIVE_NAME or rel.endswith((".zip.part", ".map")):  # source maps: half the size, no use offline
                continue
            add(rel, path.read_bytes())
    tmp.replace(archive)
    return archive


def build_archive(out_dir: Path, *, root: Path = ROOT, python: str = sys.executable) -> Path:
    with tempfile.TemporaryDirectory(prefix="rse-offline-") as tmp:
        site = Path(tmp) / "site"
        build_offline_site(site, root=root, python=python)
        relative_error_pages(site)
        return write_archive(site, Path(out_dir) / ARCHIVE_NAME)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="./dev offline", description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", default=str(ROOT / "site"), help="folder that receives rse-offline.zip (default: site/)")
    args = parser.parse_args(argv)
    started = time.monotonic()
    try:
        archive = build_archive(Path(args.out))
    except RuntimeError as exc:
        print(f"offline: {exc}", file=sys.stderr)
        return 1
    size = archive.stat().st_size / 1024
    print(f"offline: {archive} ({size:.0f} KiB) in {time.monotonic() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
